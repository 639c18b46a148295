"""The time a document is written in, read from its own text when no publication date is known.

News states its year more often than its date: 今年 next to a stated year (今年(2018年)) names
it; otherwise the latest date the text says is reached (截至2018年9月30日; 2018年第三季度财报, a
period whose results are out) is a lower bound and that date plus ``margin`` months an upper one,
since news reports what is recent. Any year written out is not enough: news leaves the current
year unwritten (10月26日) and writes the years of the past, so the latest year stated is often
years before the text. Dates of a time to come (将于2019年, 预计2020年, 2020年前) say nothing of it.
The result is a run of months, never a day: AU290 counts elapsed times to it with that precision.
Words in ``audit/data/doc_year.yaml``.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple, Sequence

from .claims.period import period_of
from .lexicon import _int, _int_map, _load, _words, alternation
from .model import Quantity
from .quantities import periods

_STATED = re.compile(r"(?:19|20)\d\d")  # a year written out: 11月3日 resolved from context is not read
_PART = re.compile(r"[季半中月期]")  # words naming a part of a year
_SENTENCE = "。！!？?\n"


class Now(NamedTuple):
    """The months the document may be written in, first and last as (year, month)."""

    first: tuple[int, int]
    last: tuple[int, int]
    source: str  # "this year" (a relative year word next to a year) | "latest date"

    def period(self) -> str:
        return str(periods.Months(self.first, self.last))


class _Words(NamedTuple):
    relative: re.Pattern
    offsets: dict[str, int]
    between: re.Pattern
    future: re.Pattern
    future_after: re.Pattern
    future_before: re.Pattern
    reported: re.Pattern
    current: re.Pattern
    as_of: re.Pattern
    margin: int


@functools.cache
def _words_() -> _Words:
    f = "doc_year.yaml"
    data = _load(f)
    offsets = _int_map(f, "this_year", data.get("this_year"))
    gap = _int(f, "gap", data.get("gap"))
    between = alternation(_words(f, "between", data.get("between")))
    return _Words(re.compile(alternation(offsets)), offsets, re.compile(rf"(?:{between}){{0,{gap}}}"),
                  re.compile(alternation(_words(f, "future", data.get("future")))),
                  re.compile(alternation(_words(f, "future_after", data.get("future_after")))),
                  re.compile(rf"(?:{alternation(_words(f, 'future_before', data.get('future_before')))})$"),
                  re.compile(rf"[^，,。；;]{{0,{gap}}}?(?:{alternation(_words(f, 'reported', data.get('reported')))})"),
                  re.compile(alternation(_words(f, "current", data.get("current")))),
                  re.compile(rf"(?:{alternation(_words(f, 'as_of', data.get('as_of')))})$"),
                  _int(f, "margin", data.get("margin"), 0))


def doc_now(text: str, quantities: Sequence[Quantity]) -> Now | None:
    """When ``text`` (normalized) with its ``quantities`` is written, or None when it does not say.

    A year named by 今年 and the like is the year; otherwise the latest date the text reports
    as reached (截至2018年9月30日, 2018年第三季度财报: written after it) is a lower bound and
    ``margin`` months later an upper one. Any other past date later than that upper bound makes
    the reading unsure (None): the text is not as recent as it seemed."""
    stated = _stated(quantities)
    past = [(q, m) for q, m in stated if not _future(text, q)]
    latest = max((m.first for _, m in past), default=None)
    year = _this_year(text, stated)
    if year is not None:
        first = max((year, 1), latest) if latest and latest[0] == year else (year, 1)
        return Now(first, (year, 12), "this year") if latest is None or latest <= (year, 12) else None
    reached = [r for r in (_reached(text, q, m) for q, m in past) if r is not None]
    if not reached:
        return None
    first = max(lo for lo, _ in reached)
    last = periods._add(max(hi for _, hi in reached), _words_().margin)
    return Now(first, last, "latest date reached") if latest <= last else None


def doc_after(text: str, quantities: Sequence[Quantity]) -> tuple[int, int] | None:
    """The earliest month ``text`` may be written in by the past it tells: the first month of the
    latest date with its year written out whose sentence does not say it is to come (2016年，世界
    卫生组织引用了…: written in 2016 or later). A lower bound only, often years early; None when
    the text states no such date."""
    return max((m.first for q, m in _stated(quantities) if not _future(text, q)), default=None)


def _stated(quantities: Sequence[Quantity]) -> list[tuple[Quantity, periods.Months]]:
    """The dates and periods whose year is written out, with their months."""
    return [(q, m) for q in quantities if q.kind in ("date", "period") and _STATED.search(q.text)
            for m in [_months(period_of(q))] if m is not None]


def _reached(text: str, q: Quantity, m: periods.Months):
    """The earliest and the latest month the text may be written in at the earliest, if the
    date says it is reached: the month after a period whose results are reported (of a fiscal
    period, after the earliest and the latest end its year end allows), an as-of date's month."""
    w = _words_()
    hit = w.reported.match(text, q.nend)
    if hit is not None:  # 2018年三季报: a part of the year named after it, the year not ended
        period = period_of(q) or ""
        if period.startswith("FY"):
            ends = [periods.months(period, f"{k:02d}-28").last for k in range(1, 13)]
            return periods._add(min(ends), 1), periods._add(max(ends), 1)
        month = m.first if _PART.search(text, q.nend, hit.end()) else periods._add(m.last, 1)
        return month, month
    if w.as_of.search(text, max(0, q.nstart - 4), q.nstart):
        return m.first, m.first
    return None


def _months(period: str | None) -> periods.Months | None:
    """The months a period covers; of a fiscal one, all it may cover whatever its year end."""
    if not period or period.startswith("?"):
        return None
    if period.startswith("FY"):
        spans = [periods.months(period, f"{k:02d}-28") for k in range(1, 13)]
        return None if None in spans else periods.Months(min(s.first for s in spans), max(s.last for s in spans))
    if re.fullmatch(r"\d{4}-\d\d-\d\d", period):
        ym = (int(period[:4]), int(period[5:7]))
        return periods.Months(ym, ym)
    return periods.months(period)


def _this_year(text: str, stated) -> int | None:
    """The year a relative year word next to a stated year names as the year of writing: the
    one most such pairs agree on, None when there is none or they disagree."""
    w, found = _words_(), set()
    for q, m in stated:
        if m.first[0] != m.last[0]:
            continue
        after = w.between.match(text, q.nend)
        hit = w.relative.match(text, after.end())
        if hit is None:
            for k in range(max(0, q.nstart - 8), q.nstart):
                hit = w.relative.match(text, k)
                if hit and w.between.fullmatch(text, hit.end(), q.nstart):
                    break
                hit = None
        if hit is not None:
            found.add(m.first[0] - w.offsets[hit[0]])
        elif w.current.match(text, after.end()):  # 2018年还未结束
            found.add(m.first[0])
    return found.pop() if len(found) == 1 else None


def _future(text: str, q: Quantity) -> bool:
    """The date is a time to come, as its sentence says."""
    w = _words_()
    lo = max(text.rfind(c, 0, q.nstart) for c in _SENTENCE) + 1
    hi = min((k for k in (text.find(c, q.nend) for c in _SENTENCE) if k >= 0), default=len(text))
    before = text[max(0, q.nstart - 4):q.nstart]
    to = w.future_before.search(before) and not w.as_of.search(before)  # 到2020年, not 截至2018年
    return bool(to or w.future.search(text, lo, hi) or w.future_after.match(text, q.nend))
