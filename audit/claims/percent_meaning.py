"""What a percentage is, read from the words around it (issue 22): a share of a named whole
(占总营收的30%, 在贷款来源中占73.8%, or after it: 占据了34%的全球市场份额), a stake (持股25%),
or unknown (占比30%, the whole unnamed) unless it is a part of the whole just stated
(其中,三元电池占比56.96%) or named earlier in its sentence (受访者中,00后占1.8%).

Checks sum and compare shares only of one named whole: a share is a claim of metric
`market_share` whose segment names its part and its whole (`advertising@总营收`, `@全球智能手机
市场`), so shares of different parts or wholes never meet under one key. A change (同比增长X%) and a ratio metric (毛利率) are read before this,
from their own words; the words here are in audit/data/percentages.yaml.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..lexicon import LexiconError, _load
from .lexicons import either


class Meaning(NamedTuple):
    kind: str  # share | stake | unknown
    whole: str | None  # the whole's name, for a share


class _Table(NamedTuple):
    share: re.Pattern  # 占 <whole> 的 at the end of the text before the figure
    stake: re.Pattern
    stake_after: re.Pattern  # 的股权 right after the figure
    stake_name: re.Pattern  # the company named right before such a figure, after the last cut word
    unnamed: re.Pattern
    opener: re.Pattern
    after: re.Pattern  # 的 <whole> 份额 right after the figure
    named: re.Pattern  # <verb> <whole> at the end of the text before the figure (占有电商市场5.2%的…)
    earlier: re.Pattern  # a share of a named whole stated earlier in the sentence (占…存量的66.7%)
    rate: re.Pattern  # a word of a share rate (市场占有率) right before the figure: the rate itself
    within: re.Pattern  # 在 <whole> 中占 at the end of the text before the figure
    within_earlier: re.Pattern  # 在 <whole> 中占 a figure, stated earlier in the sentence
    opens: re.Pattern  # a clause <whole>中, that opens the parts after it (受访者中,)
    not_whole: tuple[str, ...]  # a whole ending in one is a time (今年中) or a pronoun (这其中)
    pronouns: tuple[str, ...]  # a pronoun before a whole, not part of its name (在其贷款来源中)
    listed: re.Pattern  # the percentages of a list before the figure (…的52.6%、51.0%和)


def _words(data: dict, key: str) -> list[str]:
    words = data.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise LexiconError(f"audit/data/percentages.yaml: `{key}` must be a list of words")
    return sorted(words, key=len, reverse=True)


@functools.cache
def _table() -> _Table:
    data = _load("percentages.yaml")
    n = data.get("whole_max")
    if not isinstance(n, int) or n < 1:
        raise LexiconError("audit/data/percentages.yaml: `whole_max` must be a positive integer")
    verbs, tails = either(_words(data, "share_verbs")), either(_words(data, "share_tails"))
    share = re.compile(rf"(?:{verbs})(?P<whole>[^,;:。!?，；：、]{{1,{n}}}?)(?:{tails})\s*(?:约|近|超过|超|达|为)?\s*$")
    stake = re.compile(rf"(?:{either(_words(data, 'stake_words'))})")
    stake_after = re.compile(rf"\s*的?(?:{either(_words(data, 'stake_after'))})")
    stake_name = re.compile(rf"(?:^|{either(_words(data, 'stake_cut'))})\s*(?P<whole>(?:(?!{either(_words(data, 'stake_cut'))})"
                            rf"[^,;:。!?，；：、\d%]){{2,{n}}})\s*$")
    unnamed = re.compile(rf"(?:{either(_words(data, 'unnamed'))})")
    opener = re.compile(rf"(?:{either(_words(data, 'part_openers'))})")
    after = re.compile(rf"\s*的(?P<whole>[^,;:。!?，；：、的]{{1,{n}}}?)(?:{either(_words(data, 'after_tails'))})")
    named = re.compile(rf"(?:{verbs})了?(?P<whole>[^,;:。!?，；：、的了%\d]{{2,{n}}}?)\s*(?:约|近|超过|超|达|为)?\s*$")
    earlier = re.compile(rf"(?:{verbs})(?P<whole>[^,;:。!?，；：、]{{1,{n}}}?)(?:{tails})\s*(?:约|近|超过|超|达|为)?\s*\d")
    rate = re.compile(rf"(?:{either(_words(data, 'rate_words'))})\s*(?:约为|约|近|超过|超|达到|达|为)?\s*$")
    inside = rf"在(?P<whole>[^,;:。!?，；：、\d%]{{2,{n}}}?)(?:{either(_words(data, 'within'))})(?:{verbs})"
    within = re.compile(rf"{inside}\s*(?:约为|约|近|超过|超|达到|达|为)?\s*$")
    within_earlier = re.compile(rf"{inside}\s*(?:约为|约|近|超过|超|达到|达|为)?\s*\d")
    opens = re.compile(rf"(?:^|(?<=[,;:，；：]))\s*在?(?P<whole>[^,;:。!?，；：、\d%]{{2,{n}}}?)"
                       rf"(?:{either(_words(data, 'within'))})\s*[,;:，；：]")
    listed = re.compile(rf"(?:\d[\d.]*%\s*(?:{either(_words(data, 'list_joiners'))})\s*)+$")
    return _Table(share, stake, stake_after, stake_name, unnamed, opener, after, named, earlier, rate, within, within_earlier,
                  opens, tuple(_words(data, "time_tails") + _words(data, "pronoun_tails")),
                  tuple(_words(data, "pronoun_heads")), listed)


_END = re.compile(r"[^%,;:。!?，；：、\s]{0,16}?%")  # a percentage written with % from where it starts


def _after(text: str, clause: int, pos: int, end: re.Match | None) -> str | None:
    """The whole of a share named after the figure (34%的全球市场份额: 全球市场), or the one
    named before it when the words after name only a market (占有电商市场5.2%的市场份额); ``end``:
    where the figure's % ends (``_END`` matched at ``pos``)."""
    t = _table()
    m = t.after.match(text, end.end()) if end is not None else None
    if m is None:
        return None
    before = t.named.search(text[clause:pos])
    return before.group("whole").strip() if before is not None else m.group("whole").strip()


def _within(m: re.Match) -> str | None:
    """The whole named by 在…中 or a clause …中, without the pronoun before it (在其贷款来源中:
    贷款来源); None when it is a time (在今年中) or a pronoun (这其中)."""
    t, whole = _table(), m.group("whole").strip()
    head = next((p for p in t.pronouns if whole.startswith(p) and len(whole) - len(p) >= 2), "")
    whole = whole[len(head):]
    return None if whole.endswith(t.not_whole) else whole


PART_OF_STATED = "其中"  # the whole of a share of the whole just stated


def meaning(text: str, clause: int, pos: int, sentence: int | None = None, handed: bool = False) -> Meaning | None:
    """The meaning of the percentage at ``pos`` from the clause before it (``clause`` is where
    the clause starts; ``sentence`` where its sentence starts, for a part opener), or None when
    nothing there says it is a share or a stake. ``handed``: a list of periods hands the figure
    its own period, so a list of shares before it (分别占总营收的52.6%、) is of the whole named
    first, each of another period; otherwise such a list may be of one period, never summed."""
    t = _table()
    before = text[clause:pos]
    listed = t.listed.search(before) if handed and "%" in before else None
    if listed is not None:
        before = before[:listed.start()]  # 分别占总营收的52.6%、51.0%和…: each of the whole named
    if t.rate.search(before):
        return None  # 比亚迪市场占有率为27.76%: the rate, not 占 of a whole unnamed
    if t.stake.search(before):
        return Meaning("stake", None)  # 持股25%
    end = _END.match(text, pos)
    if end is not None and t.stake_after.match(text, end.end()):  # 收购时颖公司100%股份: of 时颖公司
        name = t.stake_name.search(before)
        return Meaning("stake", name.group("whole").strip() if name else None)
    m = t.share.search(before)
    if m is not None:
        return Meaning("share", m.group("whole").strip())
    m = t.within.search(before)
    if m is not None and (whole := _within(m)) is not None:
        return Meaning("share", whole)
    whole = _after(text, clause, pos, end)
    if whole is not None:
        return Meaning("share", whole)
    if t.unnamed.search(before):
        return _unnamed(text, clause, pos, sentence)
    return None


def _unnamed(text: str, clause: int, pos: int, sentence: int | None) -> Meaning:
    """A share whose whole is not named by it (占比2.7%): of the whole a share in an earlier
    clause of its sentence named (…占同期社会融资规模存量的66.7%;…外币贷款余额占比2.7%; not one of
    its own clause, 占总营收的52.6%和51.0%, which may be of another period), or of the whole just
    stated after a part opener (其中, 组成为), else unknown."""
    if sentence is None:
        return Meaning("unknown", None)
    t = _table()
    word = [m.end() for m in t.unnamed.finditer(text, clause, pos)]
    named = _named(text, sentence, clause)
    if named and "%" not in text[word[-1]:pos]:  # 占总营收的52.6%和51.0%: maybe of another period
        return Meaning("share", named[-1])
    if t.opener.search(text, sentence, pos):
        return Meaning("share", PART_OF_STATED)
    return Meaning("unknown", None)


def _named(text: str, sentence: int, clause: int) -> list[str]:
    """The wholes named before the clause at ``clause`` in its sentence, in text order: by a share
    of it (占…存量的66.7%, 在贷款来源中占73.8%) or by a clause that opens its parts (受访者中,)."""
    t = _table()
    found = [(m.start(), m.group("whole").strip()) for m in t.earlier.finditer(text, sentence, clause)]
    found += [(m.start(), _within(m)) for m in t.within_earlier.finditer(text, sentence, clause)]
    found += [(m.start() + sentence, _within(m)) for m in t.opens.finditer(text[sentence:clause])]
    return [w for _, w in sorted(found, key=lambda f: f[0]) if w is not None]
