"""The words of a sentence's own arithmetic (audit/data/arithmetic.yaml), compiled once for
:mod:`.arithmetic`: change verbs, rate words, from and to words, levels, differences,
comparisons, parts and list closers."""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..lexicon import LexiconError, _load
from ..lexicon import _int as _int_of
from .ending import Ending, ending


class Words(NamedTuple):
    direction: Ending  # a change verb right before a figure: 增长 | 跌
    rate: Ending  # a rate word or a change verb right before a percentage: 跌幅为
    rate_gap: re.Pattern  # all of a gap after a value up to its rate: ,跌幅为 / (增长
    from_: re.Pattern
    not_from: re.Pattern  # words holding a from or than word that are neither: 同比, 由于
    to: re.Pattern  # at the start of a gap: (增长)至
    to_in: re.Pattern  # anywhere in a gap: …降至…
    not_to: re.Pattern  # words holding a to word that are none: 达到
    than_before: re.Pattern  # a than word before a figure, in its clause
    than: re.Pattern  # a gap ending in 较…的
    year_ago: re.Pattern  # a base a year before (去年同期, 2017年)
    period_ago: re.Pattern  # a base a quarter or a month before (上季度)
    than_delta: re.Pattern  # a gap from a value to its change: ,比上年增加 / ,同比减少
    level: re.Pattern
    level_after: re.Pattern  # 以3210.36点报收
    prior: re.Pattern
    prior_window: int
    difference: re.Pattern
    compare: re.Pattern
    compare_end: re.Pattern  # a comparison word right before a figure
    parts: re.Pattern
    totals: re.Pattern  # a total word in the clause right before a figure: 合计罚没金额
    count_whole: re.Pattern  # right after a count, closes the whole: 起案例中
    share: re.Pattern  # an unnamed share word right before a percentage: ,占比只有
    list_end: Ending  # a list and its closer at the end of the text before a count
    closers: dict[str, str]
    gates: tuple  # per reader (in _READERS' order), a word its sentence must hold
    split: re.Pattern
    item_max: int
    apposed: Ending  # a list right before a count, no closer between (…成都、郑州8个城市)
    apposed_least: int  # the fewest items such a list has
    every: re.Pattern  # in a comparison's gap: the first is compared with each of a list (任意一家)
    listed: re.Pattern  # all of the gap from one figure of such a list to the next: 、申通
    comparative: re.Pattern  # the end of a gap: the second figure is more (or less) than the first
    elided: re.Pattern  # right after a bare number: it ends its clause (its unit may be elided)
    list_noun: re.Pattern  # right after a bare number closing a list: what it counts (6队)
    difference_after: re.Pattern  # right after a figure: it is a difference (的差距, 多差别)


_QUALIFIER = r"(?:约|近|超过|超|逾|达)?"


def _alt(data: dict, key: str) -> str:
    words = data.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise LexiconError(f"audit/data/arithmetic.yaml: `{key}` must be a list of words")
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _int(data: dict, key: str) -> int:
    return _int_of("arithmetic.yaml", key, data.get(key))


def _gates(data: dict) -> tuple[re.Pattern, ...]:
    """Each reader's gate (arithmetic._READERS, in order): a word its sentence must hold."""
    return tuple(map(re.compile, (
        rf"(?:{_alt(data, 'from')}|{_alt(data, 'than')})", rf"(?:{_alt(data, 'than')})", "%",
        rf"(?:{_alt(data, 'difference')}|{_alt(data, 'difference_after')})", rf"(?:{_alt(data, 'compare')})",
        rf"(?:{_alt(data, 'parts')})",
        "、", rf"(?:{_alt(data, 'totals')})", rf"(?:{_alt(data, 'share_words')})",
        rf"(?:{_alt(_load('wholes.yaml'), 'total_openers')})",  # audit.claims.wholes.metric_totals
        r"(?:%|成)的",  # audit.claims.wholes.partitions: a share naming its part before the last figure
        "%",  # audit.claims.wholes.people
        rf"(?:{_alt(_load('wholes.yaml'), 'split_rest')})",  # audit.claims.wholes.rests
        rf"(?:{_alt(data, 'share_words')})",  # audit.claims.share_lists
        rf"(?:{_alt(data, 'comparative_marks')}|比[^,，;；:：。!?\d]{{1,12}}?)(?:{_alt(data, 'comparative_degree')})*"
        rf"(?:{_alt(data, 'comparative_more')}|{_alt(data, 'comparative_less')})")))  # comparisons.comparative


@functools.cache
def words() -> Words:
    """The words of audit/data/arithmetic.yaml, compiled once."""
    data = _load("arithmetic.yaml")
    closers = data.get("list_closers")
    if not isinstance(closers, dict) or not all(v in ("open", "exact") for v in closers.values()):
        raise LexiconError("audit/data/arithmetic.yaml: `list_closers` must map words to open|exact")
    up, down = _alt(data, "up"), _alt(data, "down")
    direction = rf"(?:同比|环比)?(?:(?P<up>{up})|(?P<down>{down}))"
    rate = rf"(?:(?P<rup>{_alt(data, 'rate_up')})|(?P<rdown>{_alt(data, 'rate_down')}))(?:{_alt(data, 'rate_links')})?"
    close = "|".join(re.escape(w) for w in sorted(closers, key=len, reverse=True))
    item_max = _int(data, "list_item_max")
    gates = _gates(data)
    mark = rf"(?:比[^,，;；:：。!?\d]{{1,12}}?(?:{_alt(data, 'comparative_marks')})?|(?:{_alt(data, 'comparative_marks')}))"
    link = rf"(?:[,，]\s*(?:{_alt(data, 'comparative_links')})?|(?:{_alt(data, 'comparative_links')}))"
    return Words(
        ending(rf"{direction}\s*{_QUALIFIER}\s*$"),
        ending(rf"(?:{rate}|{direction})\s*{_QUALIFIER}\s*$"),
        re.compile(rf"(?:/[^\d\s,，]{{1,2}})?[,，(]?\s*(?:{_alt(data, 'rate_prefix')})?(?:{rate}|{direction})\s*{_QUALIFIER}\s*"),
        re.compile(rf"(?:{_alt(data, 'from')})[^,，;；:：。!?]{{0,12}}$"),
        re.compile(_alt(data, "not_from")),
        re.compile(rf"[,，]?\s*(?:{_alt(data, 'to')})了?\s*{_QUALIFIER}\s*$"),
        re.compile(rf"(?:{_alt(data, 'to')})"),
        re.compile(_alt(data, "not_to")),
        re.compile(rf"(?:{_alt(data, 'than')})[^,，;；:：。!?]{{0,12}}$"),
        re.compile(rf"^[,，(]?\s*(?:{_alt(data, 'than')})[^,，;；:：。!?]{{0,14}}$"),
        re.compile(rf"(?:{_alt(data, 'year_ago')})"),
        re.compile(rf"(?:{_alt(data, 'period_ago')})"),
        re.compile(rf"[,，]?\s*(?:{_alt(data, 'than')}|同比|环比)[^,，;；:：。!?\d]{{0,10}}{direction}\s*{_QUALIFIER}\s*$"),
        re.compile(rf"(?:{_alt(data, 'level')})\s*(?:每[^\d\s,，]{{1,2}})?\s*$"),
        re.compile(rf"点?\s*(?:{_alt(data, 'level_after')})"),
        re.compile(rf"(?:{_alt(data, 'prior')})"),
        _int(data, "prior_window"),
        re.compile(rf"(?:{_alt(data, 'difference')})\s*{_QUALIFIER}\s*$"),
        re.compile(rf"^[,，]?\s*(?P<w>{_alt(data, 'compare')})[^,，;；。!?]{{0,12}}$"),
        re.compile(rf"(?:{_alt(data, 'compare')})[^,，;；。!?\d]{{0,4}}$"),
        re.compile(rf"(?:{_alt(data, 'parts')})"),
        re.compile(rf"(?:{_alt(data, 'totals')})[^,，;；:：。!?\d]{{0,6}}$"),
        re.compile(rf"[^,，;；:：。!?\d]{{0,8}}?(?!{_alt(data, 'not_count_whole')})(?:{_alt(data, 'count_whole')})"),
        re.compile(rf"(?:{_alt(data, 'share_words')})(?:{_alt(data, 'share_links')})?\s*$"),
        ending(rf"(?P<list>[^,，;；:：。!?\d]+?)(?P<close>{close})\s*$"),
        dict(closers),
        gates,
        re.compile(_alt(data, "list_split")),
        item_max,
        ending(r"(?P<list>[^,，;；:：。!?\d]+、[^,，;；:：。!?\d]+?)\s*$"),
        _int(data, "list_apposed"),
        re.compile(_alt(data, "compare_every")),
        re.compile(rf"\s*(?:{_alt(data, 'list_split')})\s*[^\d,，;；:：。!?、()（）]{{0,{item_max}}}"),
        re.compile(rf"{mark}(?:{_alt(data, 'comparative_degree')})*(?:(?P<more>{_alt(data, 'comparative_more')})"
                   rf"|(?P<less>{_alt(data, 'comparative_less')}))(?:{_alt(data, 'comparative_tails')})?"
                   rf"{link}\s*{_QUALIFIER}\s*$"),
        re.compile(rf"(?:{_alt(data, 'elided_unit')})"),
        re.compile(rf"(?:{_alt(data, 'list_nouns')})"),
        re.compile(rf"(?:{_alt(data, 'difference_after_fillers')})?(?:{_alt(data, 'difference_after')})"),
    )
