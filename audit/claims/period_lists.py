"""Periods handed out in order (audit/data/period_lists.yaml): 2015年、2016年和2017年营收分别为
1亿元、2亿元和3亿元 gives each figure its own year, not the last one named.

A list is two or more periods joined by list words, or a span of years (2014年至2017年上半年:
2014, 2015, 2016, 2017-H1). The figures it hands out are the runs after a "respectively" word
(分别为A、B、C和D，占总营收的a%、b%…; up to the next one), figures joined by list words only; a
run is handed out only when it has exactly as many figures as the list has periods. A sentence with no
period of its own takes the list of the paragraph's last sentence with periods (其中，…分别为…).
The period is then read from the figure's own sentence: its 分别 and its count tie it to one
period of the list, as explicitly as a year before it would.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from ..lexicon import _int, _load, _words
from ..model import Quantity
from .frame import Sentence
from .lexicons import either
from .model import VALUE_KINDS
from .period import period_of

_YEAR = re.compile(r"\d{4}")


class _Words(NamedTuple):
    joiners: frozenset[str]
    spans: frozenset[str]
    respectively: re.Pattern
    max_periods: int


@functools.cache
def _words_() -> _Words:
    data = _load("period_lists.yaml")
    n = _int("period_lists.yaml", "max_periods", data.get("max_periods"), least=2)
    get = {k: _words("period_lists.yaml", k, data.get(k)) for k in ("joiners", "spans")}
    respectively = _words("subject_lists.yaml", "respectively", _load("subject_lists.yaml").get("respectively"))
    return _Words(frozenset(get["joiners"]), frozenset(get["spans"]), re.compile(either(respectively)), n)


def handed(s: Sentence) -> dict[int, str]:
    """The period of each figure the sentence hands out by a list of periods, by the figure's
    ``nstart``; empty when it hands out none."""
    text, w = s.doc.text, _words_()
    says = [m.end() for m in w.respectively.finditer(text, s.start, s.end)]
    if not says:
        return {}
    own = [q for q in s.quantities if q.kind in ("date", "period")]
    lists = _lists(text, own) if own else _carried(s)
    out: dict[int, str] = {}
    for at, upto in zip(says, says[1:] + [s.end]):
        listed = [ps for end, ps in lists if end <= at]
        for run in _runs(text, [q for q in s.quantities if at <= q.nstart < upto]) if listed else ():
            if len(run) == len(listed[-1]):  # 分别为A和B，占总营收的a%和b%: each run alike
                out.update(zip((q.nstart for q in run), listed[-1]))
    return out


def _lists(text: str, qs: list[Quantity]) -> list[tuple[int, list[str]]]:
    """The lists of periods among the date and period quantities ``qs`` (in order), each with
    where it ends."""
    w, found, i = _words_(), [], 0
    while i < len(qs):
        j, ps = i, [period_of(qs[i])]
        while j + 1 < len(qs) and text[qs[j].nend:qs[j + 1].nstart].strip() in w.joiners:
            j += 1
            ps.append(period_of(qs[j]))
        if j == i and i + 1 < len(qs) and text[qs[i].nend:qs[i + 1].nstart].strip() in w.spans:
            j, ps = i + 1, _span(period_of(qs[i]), period_of(qs[i + 1]))
        if j > i and ps and None not in ps:
            found.append((qs[j].nend, ps))
        i = j + 1
    return found


def _span(first: str | None, last: str | None) -> list[str]:
    """Every year from ``first`` to ``last``, the last as named (2017-H1), or [] when they are
    not years in order."""
    if not first or not last or not _YEAR.fullmatch(first) or not _YEAR.match(last):
        return []
    a, b = int(first), int(last[:4])
    if not 0 < b - a < _words_().max_periods:
        return []
    return [str(y) for y in range(a, b)] + [last]


def _carried(s: Sentence) -> list[tuple[int, list[str]]]:
    """The list that ends with the period in force in the paragraph, as its last sentence with
    periods named it (at position 0: before every figure of this sentence)."""
    if s.period is None:
        return []
    qs = s.doc.a.quantities
    j = bisect.bisect_left(qs, s.start, key=lambda q: q.nstart) - 1
    while j >= 0 and qs[j].kind not in ("date", "period"):
        j -= 1
    if j < 0 or period_of(qs[j]) != s.period:
        return []
    k, between = j, _words_().joiners | _words_().spans
    while k > 0 and qs[k - 1].kind in ("date", "period") and s.doc.text[qs[k - 1].nend:qs[k].nstart].strip() in between:
        k -= 1
    lists = _lists(s.doc.text, list(qs[k:j + 1]))
    return [(0, lists[-1][1])] if lists and lists[-1][0] == qs[j].nend else []


def _runs(text: str, qs: list[Quantity]) -> list[list[Quantity]]:
    """The runs of value figures among ``qs`` (in order) joined by list words only."""
    runs: list[list[Quantity]] = []
    joiners = _words_().joiners
    for q in qs:
        if q.kind not in VALUE_KINDS:
            runs.append([])
        elif runs and runs[-1] and text[runs[-1][-1].nend:q.nstart].strip() in joiners:
            runs[-1].append(q)
        else:
            runs.append([q])
    return [r for r in runs if r]
