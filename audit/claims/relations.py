"""Relations between the figures of a sentence: a change stated with a figure (同比下滑14.7%),
a difference (少了5亿), a comparison (高于), a conversion (约合), the list a count enumerates
(三个大模型,包括A、B、C) and a move from one value to another (从1.9亿降至1.51亿).

The words are in audit/data/changes.yaml and relations.yaml.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..intervals import fraction_band
from ..lexicon import LexiconError
from ..model import Quantity
from .ending import Ending, ending
from .lexicons import change_verbs, either, section, words
from .frame import Reading
from .model import Change, Claim

CHANGE_KINDS = ("percent", "percentage_point", "multiple")  # the figures a change is stated in
LISTABLE = 30  # a count above this is illustrated by a list (24000个技能,包括A、B), never spelled out
BEFORE = 12  # characters before a figure read for a change or a difference
CONVERSION_BEFORE = 6  # characters before a figure read for a conversion
COMPARE_GAP = 16  # the most characters between two figures compared


class _Grammar(NamedTuple):
    change: Ending  # a change verb (and what opens it) at the end of the text before a figure
    rate_noun: Ending  # or a change noun (增长率为, 跌幅)
    joiner: re.Pattern  # between two figures of a list of changes
    basis: dict[str, str]
    difference: re.Pattern
    compare: re.Pattern
    conversion: re.Pattern
    enum_start: re.Pattern
    enum_split: re.Pattern
    from_before: re.Pattern
    from_to: re.Pattern
    to_value: re.Pattern


ENUM_END = re.compile(r"[。!?;,]")


@functools.cache
def _grammar() -> _Grammar:
    up, down = change_verbs()
    basis = section("changes.yaml", "basis")
    if not all(isinstance(w, str) and w and v in ("yoy", "qoq") for w, v in basis.items()):
        raise LexiconError("audit/data/changes.yaml: basis: expected a mapping of word -> yoy | qoq")
    change = ending(
        rf"(?P<basis>{either(basis)})?(?:{either(words('changes.yaml', 'adverbs'))})?"
        rf"(?:(?P<up>{up})|(?P<down>{down}))了?(?:{either(words('changes.yaml', 'after_verb'))})?"
        rf"(?:{either(words('changes.yaml', 'hedges'))})? *$")
    nouns = section("changes.yaml", "rate_nouns")
    noun_words = functools.partial(words, "changes.yaml", data=nouns)
    not_after = "".join(f"(?<!{re.escape(w)})" for w in noun_words("not_after"))
    rate_noun = ending(
        rf"(?P<basis>{either(basis)})?的?{not_after}(?:(?P<up>{either(noun_words('up'))})|(?P<down>{either(noun_words('down'))}))"
        rf"(?:{either(noun_words('copulas'))})?(?:{either(words('changes.yaml', 'hedges'))})? *$")
    joiner = re.compile(rf"\s*(?:{either(words('changes.yaml', 'list_joiners'))})\s*$")
    enum, from_to = section("relations.yaml", "enumeration"), section("relations.yaml", "from_to")
    rel = functools.partial(words, "relations.yaml")
    # The list opens within the count's clause, or right after its comma (三个子类目,包括…), never
    # after another subject (11条记录,处罚原因包括…); a colon before a quotation mark opens speech.
    enum_start = re.compile(rf"[^。!?;,]{{0,24}}?(?:,(?:其中)?)?(?:{either(rel('openers', enum))}|:)(?![\"“「『])")
    return _Grammar(
        change, rate_noun, joiner, dict(basis), re.compile(rf"(?:{either(rel('difference'))})$"),
        re.compile(rf"[,，]? *(?P<w>{either(rel('comparison'))})[^,;。!?]{{0,12}}$"),
        re.compile(rf"[((]\s*(?:{either(rel('conversion'))})\s*$"), enum_start,
        re.compile(either(rel("separators", enum))), re.compile(rf"(?:{either(rel('from', from_to))})\s*$"),
        re.compile(rf"\s*(?:{either(words('changes.yaml', 'adverbs'))})?\s*"
                   rf"(?:(?P<up>{up}|{either(rel('also_up', from_to))})|(?P<down>{down}))?\s*(?:{either(rel('to', from_to))})\s*"),
        re.compile(rf" *(?:{either(rel('to_value'))})? *"))


def change(text: str, start: int, q: Quantity, before: Quantity | None = None) -> Change | None:
    """The change a percentage, point or multiple states (同比下滑14.7%, 增长率为38.8%), read from
    the words right before it; None when it is not one. A rate noun after an amount that is a
    change itself (增加18.36亿元，增幅为36.75%: ``before``) is that change's rate, which the
    sentence's arithmetic reads."""
    if q.kind not in CHANGE_KINDS:
        return None
    g = _grammar()
    m = g.change.search(text[max(start, q.nstart - BEFORE):q.nstart])
    if m is None and (before is None or g.change.search(text[max(start, before.nstart - BEFORE):before.nstart]) is None):
        m = g.rate_noun.search(text[max(start, q.nstart - BEFORE):q.nstart])
    if m is None:
        return None
    return Change(g.basis.get(m.group("basis") or ""), "up" if m.group("up") else "down", q)


def fraction_change(text: str, start: int, q: Quantity) -> Quantity | None:
    """A fraction stated as a change (下降约四分之一, 减少了五分之一): the percentage it stands for,
    its interval the values nearer to it than to the fractions beside it (audit.intervals.fraction_band),
    or None when ``q`` is no such fraction."""
    if q.kind != "ratio" or q.value is None or not 0 < q.value < 1:
        return None
    if _grammar().change.search(text[max(start, q.nstart - BEFORE):q.nstart]) is None:
        return None
    low, high = fraction_band(q.value)
    return q._replace(kind="percent", value=q.value * 100, low=low * 100, high=high * 100, unit="percent")


def listed_change(text: str, before: Pending, q: Quantity) -> Change | None:
    """The change ``q`` states as the next of a list of changes (同比分别增长60.5%和38.8%: the
    change ``before`` is the one right before it, joined by a list word), or None."""
    prev, found, _ = before
    if q.kind not in CHANGE_KINDS or _grammar().joiner.match(text, prev.nend, q.nstart) is None:
        return None
    return found._replace(quantity=q)


def is_difference(text: str, start: int, q: Quantity) -> bool:
    """Is the figure a stated difference (少了5亿)?"""
    return _grammar().difference.search(text[max(start, q.nstart - BEFORE):q.nstart]) is not None


def compared(gap: str) -> str | None:
    """The comparison word that ties the figure before ``gap`` to the one after it (2600亿,高于
    ChatGPT3的1750亿), or None."""
    m = _grammar().compare.match(gap)
    return m.group("w") if m is not None else None


def is_conversion(text: str, start: int, q: Quantity) -> bool:
    """Does the figure restate the one before it (851.48亿元(约合123.98亿美元))?"""
    return _grammar().conversion.search(text, max(start, q.nstart - CONVERSION_BEFORE), q.nstart) is not None


def enumeration(text: str, q: Quantity, end: int) -> int | None:
    """How many items a list after a count names (三个大模型...包括A、B、C), or None."""
    if q.value is None or q.value > LISTABLE:
        return None
    g = _grammar()
    m = g.enum_start.match(text, q.nend)
    if m is None:
        return None
    stop = ENUM_END.search(text, m.end(), end)
    tail = text[m.end():stop.start() if stop else end]
    items = [t for t in g.enum_split.split(tail) if t.strip()]
    if len(items) < 2 or any(len(t) > 20 for t in items):
        return None  # not a plain list: prose follows
    if "等" in items[-1]:
        return None  # 包括A、B、C等: the list is open
    return len(items)


def moves_from(text: str, start: int, before: Quantity, q: Quantity) -> str | None:
    """Is ``q`` the value ``before`` moved to (从1.9亿降至1.51亿)? The direction its verb says
    (up, down; "" for none: 从A到B), or None when it is no move."""
    g = _grammar()
    m = g.from_to.fullmatch(text, before.nend, q.nstart)
    if m is None or g.from_before.search(text, max(start, before.nstart - 3), before.nstart) is None:
        return None
    return "up" if m.group("up") else "down" if m.group("down") else ""


def reaches(text: str, change_q: Quantity, value: Quantity) -> bool:
    """Does the change end in ``value`` (下滑9.6%至7042亿元)?"""
    m = _grammar().to_value.match(text, change_q.nend)
    return m is not None and m.end() == value.nstart


Value = tuple[Quantity, Reading]
Pending = tuple[Quantity, Change, "str | None"]  # a change, and the metric it is of


def attach(text: str, values: list[Value], pending: list[Pending],
           handed: dict[int, str] | None = None) -> dict[int, Change]:
    """Attach each change to the value of its metric stated after it in the sentence (至 X),
    else to the nearest one before it: {index of the value: its change}; a change a list of
    periods hands a period (``handed``) only to a value of that period. A value whose metric
    was read from the sentence only is linked to it by the change (its evidence is updated)."""
    attached: dict[int, Change] = {}
    handed = handed or {}
    for q, found, metric_id in pending:
        if metric_id is None:
            metric_id = _only_metric(values, q)
        if metric_id is None:
            continue  # a change of nothing named is not attached to a figure by position alone
        free = [i for i, (v, r) in enumerate(values) if r.metric == metric_id and i not in attached
                and v.kind not in CHANGE_KINDS
                and "period:relative" not in r.evidence  # 比去年同期的X增长20%: the change is not X's
                and r.period == handed.get(q.nstart, r.period)]
        later = [i for i in free if values[i][0].nstart > q.nstart]
        earlier = [i for i in free if values[i][0].nstart < q.nstart]
        if later and reaches(text, q, values[later[0]][0]):
            target = later[0]  # 下滑9.6%至7042亿元
        elif earlier:
            target = earlier[-1]  # 为367亿元,同比下滑27.3%
        else:
            target = later[0] if later else None  # 同比下滑21%,最终录得33亿元
        if target is not None:
            attached[target] = found
            v, r = values[target]
            if "metric:sentence" in r.evidence:  # 净利润同比下滑21%,最终录得33亿元: the change ties them
                values[target] = (v, r._replace(evidence=tuple("metric:linked" if e == "metric:sentence" else e
                                                               for e in r.evidence)))
    return attached


def _only_metric(values: list[Value], q: Quantity) -> str | None:
    """The metric of every value stated before a change that names none (净收入7.43亿元,上年同期
    0.12亿元,同比增长近60倍: 净收入), when they are of one metric; None when of several or none."""
    metrics = {r.metric for v, r in values if v.nstart < q.nstart and v.kind not in CHANGE_KINDS}
    return metrics.pop() if len(metrics) == 1 else None


def comparisons(text: str, claims: list[Claim]) -> list[Claim]:
    """"A,高于B的C": A is compared with the next claim of the sentence."""
    out = list(claims)
    for i, c in enumerate(out[:-1]):
        after = out[i + 1].quantity
        end, start = c.quantity.nend, after.nstart
        word = compared(text[end:start]) if start - end <= COMPARE_GAP else None  # a longer gap: none
        if word is not None and text.endswith(word, end, start) and after.qualifier != "exact":
            word = None  # 18家,超过20家: the bound of the figure (more than 20), not a comparison
        if word is not None:
            out[i] = c._replace(relations=c.relations + ((f"compare:{word}", out[i + 1].id),))
    return out
