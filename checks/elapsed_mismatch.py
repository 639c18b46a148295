"""AU290 elapsed-mismatch: a time since a dated event that the dates do not give.

Rule: a duration stated as time elapsed (时隔7年, 已经深耕20年, 6年过去了; words in
audit/data/elapsed.yaml) since a date its paragraph marks as a start (从1998年开始, 1999年成立,
早在1999年) within ``reach`` characters before it, counts to the publication date, or without one
to the time of writing the text states (audit/doc_year.py), from the start or any date after it
(成立于2014年1月…2016年5月底…此后…两年来); one followed by 后 and a date (6月28日…3天后(7月1日))
(仅3天后的7月1日; 6年后的2018年: in years or months, a period too) is the time from the date
before it, or any date within reach before that, to that date, and one right after two dates joined by 到
(4月4日到4月30日的26天) is the span between them. The dates' own precision (a year is any of its
months) and half a unit of rounding (a day for days between two dates: counted with both ends or
one) make the interval the elapsed time may be; a stated duration outside it is a finding. Past
editions, ages and clock hours are read by checks/_elapsed_spans.py. Severity: warning (which date
the time counts from is read from the words around it, not stated); an error when both dates and
the duration stand in one clause (4月4日到4月30日的26天). Years to come are read the same way
(30年后…1000万人 against 至2050年…1000万人; 2050年，即32年后) and years back (2013年，也就是5年前):
from the time of writing, at least the latest past date the text states and at most the time it
says it is written in, to the year (checks/_elapsed_spans.py); the
smaller part of a duration of two figures is at most one of the larger unit (两年15个月); a record
in N years is the one since a year its paragraph states (20年最少 against 1998年以来最低); a time
restated in brackets by a time of two figures is that time rounded (接近6小时（5小时59分）).
"""
from __future__ import annotations

import bisect
import functools
import re
from decimal import Decimal
from typing import Iterable, NamedTuple

from audit.claims.period import period_of
from audit.doc_year import doc_after, doc_now
from audit.intervals import Interval, strict
from audit.lexicon import _int, _load, _words, alternation
from audit.model import Finding, Quantity
from audit.quantities import periods
from audit.report.written import figure

from . import _elapsed_spans as _spans

CODE = "AU290"
SLUG = "elapsed-mismatch"
SCOPE = "document"  # reads the document's text and dates: runs where the document is read
SEVERITY = ("warning: the date the time counts from is read from the words around it; error when the "
            "two dates and the duration stand in one clause (4月4日到4月30日的26天)")

BAD = "科沃斯从1998年开始为飞利浦代工,在这个领域已经深耕12年。"  # published 2023 in the tests
GOOD = "科沃斯从1998年开始为飞利浦代工,在这个领域已经深耕25年。"

MONTHS = {"year": Decimal(12), "month": Decimal(1)}
_CLAUSE_END = re.compile(r"[，,；;。！!？?\n]")
_DATE = re.compile(r"(\d{4})-(\d\d)-\d\d")


class _Words(NamedTuple):
    elapsed_before: re.Pattern
    elapsed_after: re.Pattern
    start_before: re.Pattern
    start_after: re.Pattern
    later: re.Pattern
    range_to: frozenset[str]
    viewpoint: re.Pattern
    reach: int


@functools.cache
def _words_() -> _Words:
    data = _load("elapsed.yaml")
    reach = _int("elapsed.yaml", "reach", data.get("reach"))

    def alt(key: str) -> str:
        return alternation(_words("elapsed.yaml", key, data.get(key)))

    return _Words(re.compile(alt("elapsed_before")), re.compile(rf"(?:{alt('elapsed_after')})"),
                  re.compile(rf"(?:{alt('start_before')}).{{0,3}}$"), re.compile(rf".{{0,4}}?(?:{alt('start_after')})"),
                  re.compile(rf"(?:{alt('later')})\s*(?:[(（，,]|的)?\s*"),
                  frozenset(_words("elapsed.yaml", "range_to", data.get("range_to"))), re.compile(alt("viewpoint")),
                  reach)


def check(ctx) -> Iterable[Finding]:
    for a in ctx.docs:
        yield from _document(a)
        yield from _spans_read(a)


def _spans_read(a) -> Iterable[Finding]:
    """Past editions, ages and clock hours against what the text around them allows."""
    text, read = a.nt.text, []

    def now():
        if not read:
            read.append(_now(a))
        return read[0]

    for s in _spans.stated(text, a.quantities, lambda q: _elapsed(text, q), now):
        if s.may.overlaps(s.stated):
            continue
        where = tuple(_at(a, e) for e in (*s.evidence, s.figure))
        yield Finding(CODE, SLUG, "warning", f"{s.message}, not {figure(s.figure[2])}", where,
                      tuple(("from", text[e[0]:e[1]]) for e in s.evidence), (a.doc.ident,))


def _now(a) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The first and last month the document may be written in: its publication date's, else at
    least its latest past date and at most the time its text says it is written in (None: not
    known)."""
    m = _DATE.fullmatch(a.published or "")
    if m:
        ym = (int(m[1]), int(m[2]))
        return ym, ym
    text, qs = a.nt.text, a.quantities
    lo, said = doc_after(text, qs), doc_now(text, qs)
    if said is None:
        return lo, None
    if lo is None or lo > said.last:  # a past date later than the text says it is: one to come unmarked
        return said.first, said.last
    return max(lo, said.first), said.last


def _at(a, e):
    """The location of a figure (start, end in the normalized text, quantity or None)."""
    q = e[2]
    start, end = (q.start, q.end) if q is not None else a.nt.raw_span(e[0], e[1])
    return a.location(start, end, q)


def _document(a) -> Iterable[Finding]:
    text, qs = a.nt.text, a.quantities
    starts, read = None, []

    def when():
        if not read:
            read.append(doc_now(text, qs))
        return read[0]

    for i, q in enumerate(qs):
        if q.kind != "duration" or q.unit not in ("year", "month", "day") or _compound(text, qs, i):
            continue
        starts = starts or [p.nstart for p in qs]  # made for a document that states a duration
        span = _span(a, text, qs, i, bisect.bisect_left(starts, q.nstart - _words_().reach), when)
        if span is None:
            continue
        start, end, ends_at, exact, later = span
        may = _elapsed_interval(start, end, q.unit, exact)
        for other in later if may is not None else ():  # 成立于2014年1月…2016年5月底…此后…两年来: any
            since = _elapsed_interval(other, end, q.unit, exact)
            may = may if since is None else Interval(min(may.low, since.low), max(may.high, since.high))
        if may is None or may.overlaps(strict(q)):
            continue
        to = ends_at.text if isinstance(ends_at, Quantity) else ends_at
        message = f"{q.text} since {start.text} to {to} is {_say(may, q.unit)}, not {figure(q)}"
        yield Finding(CODE, SLUG, _severity(text, start, q, ends_at), message,
                      (a.location(start.start, start.end, start), a.location(q.start, q.end, q)),
                      (("since", start.text), ("to", to)), (a.doc.ident,))


def _severity(text: str, start: Quantity, q: Quantity, ends_at) -> str:
    """An error when both dates and the duration stand in one clause (4月4日到4月30日的26天):
    nothing is read but the words of the clause."""
    one = isinstance(ends_at, Quantity) and not _CLAUSE_END.search(text, start.nstart, max(q.nend, ends_at.nend))
    return "error" if one else "warning"


def _compound(text: str, qs, i: int) -> bool:
    """两年11个月: a duration of two figures, not read here."""
    near = [qs[j] for j in (i - 1, i + 1) if 0 <= j < len(qs) and qs[j].kind == "duration"]
    return any(text[min(p.nend, qs[i].nend):max(p.nstart, qs[i].nstart)].strip() in ("", "零", "又") for p in near)


def _elapsed(text: str, q: Quantity) -> bool:
    w = _words_()
    clause = max(text.rfind(c, 0, q.nstart) for c in "，,；;。：:!！?？\n") + 1
    return bool(w.elapsed_before.search(text, clause, q.nstart) or w.elapsed_after.match(text, q.nend))


def _dated(q: Quantity) -> bool:
    return q.kind in ("date", "period") and period_of(q) is not None


def _span(a, text: str, qs, i: int, lo: int, when):
    """(the start quantity, the end as a string of a date or period, the end's quantity or what it
    is called (the publication, the time of writing), whether the
    days between are exact, other dates the time may count from (a later date between the start
    and the duration; for a time followed by a date, the dates before the last within reach)),
    or None;
    ``lo``: the first quantity within reach before the duration; ``when()``: the time of writing
    the text states (read once a document needs it)."""
    w, q = _words_(), qs[i]
    before = [p for p in qs[lo:i] if _dated(p) and q.nstart - p.nend <= w.reach and "\n" not in text[p.nend:q.nstart]]
    if len(before) >= 2 and text[before[-2].nend:before[-1].nstart].strip() in w.range_to \
            and q.nstart - before[-1].nend <= 3:
        return before[-2], period_of(before[-1]), before[-1], False, ()  # 4月4日到4月30日的26天
    after = qs[i + 1] if i + 1 < len(qs) else None
    if before and after is not None and (after.kind == "date" or q.unit != "day" and _dated(after)) \
            and period_of(after) and w.later.fullmatch(text, q.nend, after.nstart):
        # 6月28日…3天后(7月1日), 2012年…6年后的2018年: from the date before, or any before it in reach
        return before[-1], period_of(after), after, True, tuple(before[:-1])
    starts = [p for p in before if (w.start_before.search(text, max(0, p.nstart - 6), p.nstart)
                                    or w.start_after.match(text, p.nend)) and not _viewpoint(text, p)]
    if not starts or not _elapsed(text, q):
        return None
    later = tuple(p for p in before if p.nstart > starts[-1].nstart)[-1:]
    if a.published:
        return starts[-1], a.published, f"publication ({a.published})", False, later
    now = when()  # no date given: the time the text says it is written in
    if now is None:
        return None
    return starts[-1], now.period(), f"the time of writing ({now.period()}, read from the text)", False, later


def _viewpoint(text: str, p: Quantity) -> bool:
    """从2018年第二季度放款额来看: the date is where a view is taken from, not a start."""
    ends = [k for k in (text.find(c, p.nend) for c in "，,；;。!！?？\n") if k >= 0]
    return bool(_words_().viewpoint.search(text, p.nend, min(ends, default=len(text))))


def _months(p: str | None) -> tuple[int, int] | None:
    """The first and last month of a period or date, as month numbers."""
    m = _DATE.fullmatch(p or "")
    span = periods.Months((int(m[1]), int(m[2])), (int(m[1]), int(m[2]))) if m else periods.months(p)
    if span is None:
        return None
    return span.first[0] * 12 + span.first[1] - 1, span.last[0] * 12 + span.last[1] - 1


def _elapsed_interval(start: Quantity, end: str | None, unit: str, exact: bool = False) -> Interval | None:
    """What the time from ``start`` to ``end`` may be, in ``unit``, with half a unit of rounding;
    ``exact``: days counted from one day to another (3天后(7月1日) is the difference of the dates,
    where 4月4日到4月30日的26天 may count both ends)."""
    first = period_of(start)
    if unit == "day":
        a, b = periods.day_number(first), periods.day_number(end)
        if a is None or b is None or (first[:4] == "????") != (end[:4] == "????"):
            return None
        if exact:
            return Interval(Decimal(b - a), Decimal(b - a))
        return Interval(Decimal(b - a - 1), Decimal(b - a + 1))  # counted with both ends or one
    a, b = _months(first), _months(end)
    if a is None or b is None or b[1] < a[0]:
        return None
    half = MONTHS[unit] / 2
    return Interval((Decimal(b[0] - a[1] - 1) - half) / MONTHS[unit], (Decimal(b[1] - a[0] + 1) + half) / MONTHS[unit])


def _say(i: Interval, unit: str) -> str:
    word = {"year": "years", "month": "months", "day": "days"}[unit]
    return f"{i.low.quantize(Decimal('0.1'))}–{i.high.quantize(Decimal('0.1'))} {word}"
