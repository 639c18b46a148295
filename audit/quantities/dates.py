"""Reading the dates and calendar periods the grammar finds: 2019年3月5日, 2019-03-05, 2019年一季度,
今年上半年, 4月, 14日, 次日, Q3 — into ISO dates (``2019-03-05``) and period strings (``2019-03``,
``2019-Q1``, ``2019-H1``, ``2019``; see :mod:`.periods`).

A date without its year takes the year named shortly before (``YEAR_REACH``), else the
publication's; 今年/去年 count from the publication year; 当天/次日 from the last date read. With no
publication date, what depends on it stays relative (``relative`` keeps its words). The fiscal,
cumulative and point forms (2019财年, 1-9月, 三季度末) are read after this, by
:mod:`.period_forms`. A year-like number that is no year (3000年) is read here as a duration.

Speed: most texts hold no date, so the state of a text (``Context``) is made at its first one;
a date with its year is read from its text alone, so each distinct one is read once (``_YDATES``).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from typing import Callable

from ..lexicon import lexicon
from ..model import Quantity
from ..normalize import NormText
from ..numerals import parse_numeral
from .grammar import Grammar
from .make import quantity

YEAR_REACH = 80  # characters after an explicit year within which a date or period without one takes it

Reading = tuple  # (kind, date, period, relative) of a date-like match


class Context:
    """State carried along one text: the publication date and the last date seen (for 次日)."""

    __slots__ = ("published", "last_date", "last_year", "last_year_at", "pos")

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        self.last_date: dt.date | None = None
        self.last_year: int | None = None  # the year named last, and where: a bare 一季度 or
        self.last_year_at = -(10**9)        # 11月24日 close after "2020年11月" belongs to 2020
        self.pos = 0

    def context_year(self) -> int | None:
        if self.last_year is not None and self.pos - self.last_year_at <= YEAR_REACH:
            return self.last_year
        return self.published.year if self.published else None


def as_date(published) -> dt.date | None:
    """The publication date as given (a date, a datetime or an ISO string), as a date."""
    if published is None or isinstance(published, dt.date):
        return published if not isinstance(published, dt.datetime) else published.date()
    return _iso_date(str(published))


@functools.lru_cache(maxsize=64)
def _iso_date(text: str) -> dt.date:
    """An ISO date string as a date, parsed once: every reading of a document asks again (the
    figures, then the periods), and dateutil's parser costs more than a short document's dates."""
    from dateutil import parser as du

    return du.isoparse(text).date()


def read(nt: NormText, m: re.Match, kind: str, ctx: Context, gr: Grammar) -> Quantity | None:
    """The date or period of a date-like match of ``kind``; a year-like number that is no year
    (3000年) as a duration; else None."""
    i = ctx.pos = m.start()
    d = _READ[kind](m, ctx, gr)
    if d is not None:
        k, date, period, relative = d
        return quantity(nt, i, m.end(), k, None, None, None, None, "exact", False, None, date, period, relative)
    ym = gr.parts[kind].match(nt.text, i) if kind == "ydate" else None
    if ym is not None and ym.group("y").isdigit() and not _valid_year(int(ym.group("y"))):
        y = Decimal(ym.group("y"))
        return quantity(nt, i, ym.start("yw") + 1, "duration", y, y - Decimal("0.5"), y + Decimal("0.5"), "year",
                        "exact", False)
    return None


# ----------------------------------------------------------------------------------------------
# numbers of a date


def small_number(s: str) -> int | None:
    """Month/day numbers: Arabic, or Chinese up to 三十一."""
    if s.isdigit():
        return int(s)
    n = parse_numeral(s)
    return int(n.value) if n is not None and n.value == int(n.value) else None


def _cn_year(s: str) -> int:
    if s.isdigit():
        return int(s)
    digits = lexicon().digits
    return int("".join(str(digits[c]) for c in s))


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _valid_year(y: int) -> bool:
    return 1900 <= y <= 2100


def _month(mo: str | None) -> int | None:
    if mo is None:
        return None
    v = small_number(mo.rstrip("份").rstrip("月"))
    return v if v is not None and 1 <= v <= 12 else None


def _day(d: str | None) -> int | None:
    if d is None:
        return None
    v = small_number(d[:-1])
    return v if v is not None and 1 <= v <= 31 else None


def _mk(kind: str, ctx: Context, *, date: str | None = None, period: str | None = None,
        relative: str | None = None) -> Reading:
    """A reading; a date read becomes the last date (for 次日)."""
    if date is not None:
        try:
            ctx.last_date = dt.date.fromisoformat(date)
        except ValueError:
            pass
    return (kind, date, period, relative)


def _ymd_period(y: int, mo: int | None, d: int | None, q: str | None, h: str | None, ctx: Context) -> Reading | None:
    """The date or period of a year with a month (and day), a quarter or a half, or alone."""
    lx = lexicon()
    if mo is not None and d is not None:
        date = _date(y, mo, d)
        return None if date is None else _mk("date", ctx, date=date)
    if mo is not None:
        return _mk("period", ctx, period=f"{y}-{mo:02d}")
    if q is not None:
        return _mk("period", ctx, period=f"{y}-Q{lx.quarters[q]}")
    if h is not None:
        return _mk("period", ctx, period=f"{y}-{lx.halves[h]}")
    return _mk("period", ctx, period=str(y))


# ----------------------------------------------------------------------------------------------
# one reader per kind of date-like match


_YDATES: dict[str, tuple] = {}


def _ydate_parts(g) -> tuple:
    """(year, (kind, date, period, relative) or None, date set as the last one) of a match of
    "ydate"; (None, None, None) when the year is out of range."""
    y = _cn_year(g("y"))
    if not _valid_year(y):
        return None, None, None
    mo, d = _month(g("mo")), _day(g("d"))
    if g("mo") is not None and mo is None:
        return y, None, None
    probe = Context(None)
    return y, _ymd_period(y, mo, d, g("yq"), g("yh"), probe), probe.last_date


def _ydate(m: re.Match, ctx: Context, gr: Grammar) -> Reading | None:
    """2019年3月5日, 2019年一季度, 二〇一九年: read from the matched text alone, so each distinct
    one is read once: (year, result, the date it sets as the last one, or None)."""
    hit = _YDATES.get(m.group())
    if hit is None:
        hit = _ydate_parts(gr.parts["ydate"].match(m.string, m.start()).group)
        if len(_YDATES) >= 65536:
            _YDATES.clear()
        _YDATES[m.group()] = hit
    y, result, last = hit
    if y is None:
        return None
    if not _opens_span(m):
        ctx.last_year, ctx.last_year_at = y, m.end()
    if last is not None:
        ctx.last_date = last
    return result


SINCE_REACH = 8  # characters after a year within which 开始/以来 makes it the start of a span
_CLAUSE_END = re.compile(r"[,，。;；!?！？\n]")


def _opens_span(m: re.Match) -> bool:
    """Does the year of ``m`` open a span (自2017年第二季度开始, 2015年以来)? Then it is not the year
    in force for a bare 第三季度 after it: the writer's own year is."""
    lx, text = lexicon(), m.string
    if any(text.endswith(w, 0, m.start()) for w in lx.since_before):
        return True
    after = text[m.end():m.end() + SINCE_REACH]
    cut = _CLAUSE_END.search(after)
    after = after[:cut.start()] if cut else after
    return any(w in after for w in lx.since_after)


def _iso(m: re.Match, ctx: Context, gr: Grammar) -> Reading | None:
    """2019-03-05, 2019/3/5 (with a time or not)."""
    from dateutil import parser as du

    try:
        d = du.parse(m.group("iso"), yearfirst=True, dayfirst=False)
    except (ValueError, OverflowError):
        return None
    return _mk("date", ctx, date=d.date().isoformat())


def _isom(m: re.Match, ctx: Context, gr: Grammar) -> Reading | None:
    """2019-03: a month."""
    y, mo = (int(x) for x in m.group("isom").split("-"))
    return _mk("period", ctx, period=f"{y}-{mo:02d}") if _valid_year(y) and 1 <= mo <= 12 else None


def _rdate(m: re.Match, ctx: Context, gr: Grammar) -> Reading | None:
    """今年, 去年4月, 明年一季度: counted from the publication year."""
    g = m.group
    off = lexicon().relative_years[g("rw")]
    mo, d = _month(g("rmo")), _day(g("rd"))
    rel = g("rdate")
    if ctx.published is None:
        ctx.last_date = None
        return _mk("date" if d else "period", ctx, relative=rel)
    k = _ymd_period(ctx.published.year + off, mo, d, g("rq"), g("rh"), ctx)
    return None if k is None else (k[0], k[1], k[2], rel)


def _mdate(m: re.Match, ctx: Context, gr: Grammar) -> Reading | None:
    """4月, 4月14日: in the year named shortly before, else the publication's."""
    pm = gr.parts["mdate"].match(m.string, m.start())
    mo_txt, md = pm.group(0, "md")
    mo = _month(mo_txt[: len(mo_txt) - len(md)] if md else mo_txt)
    d = _day(md)
    if mo is None or (md and d is None):
        return None
    year = ctx.context_year()
    if year is None:
        if d:
            ctx.last_date = None
        return _mk("date" if d else "period", ctx, relative=mo_txt)
    k = _ymd_period(year, mo, d, None, None, ctx)
    return None if k is None else (k[0], k[1], k[2], mo_txt)


def _ddate(m: re.Match, ctx: Context, gr: Grammar) -> Reading | None:
    """14日: a day of the publication's month."""
    d = _day(m.group("ddate"))
    if d is None:
        return None
    base = ctx.published
    if base is None:
        ctx.last_date = None
        return _mk("date", ctx, relative=m.group("ddate"))
    date = _date(base.year, base.month, d)
    return _mk("date", ctx, date=date, relative=m.group("ddate")) if date else None


def _sameday(m: re.Match, ctx: Context, gr: Grammar) -> Reading | None:
    """当天, 次日: the last date read, or the day after it."""
    w = m.group("sameday")
    if ctx.last_date is None:
        return ("date", None, None, w)
    day = ctx.last_date + dt.timedelta(days=1 if w in lexicon().next_day else 0)
    return _mk("date", ctx, date=day.isoformat(), relative=w)


def _quarter_or_half(m: re.Match, ctx: Context, gr: Grammar) -> Reading | None:
    """一季度, Q3, 上半年, H1 without a year: in the year named shortly before, else the
    publication's."""
    w, kind = m.group(), m.lastgroup
    if w[0] == "一" and m.start() > 0 and m.string[m.start() - 1] in lexicon().this_quarter:
        return None  # 这一季度, 该一季度: the quarter in force, not the first quarter
    y = ctx.context_year()
    if y is None:
        return ("period", None, None, w)
    k = _ymd_period(y, None, None, w if kind == "q" else None, w if kind == "h" else None, ctx)
    return (k[0], k[1], k[2], w)


_READ: dict[str, Callable[[re.Match, Context, Grammar], Reading | None]] = {
    "ydate": _ydate, "iso": _iso, "isom": _isom, "rdate": _rdate, "mdate": _mdate, "ddate": _ddate,
    "sameday": _sameday, "q": _quarter_or_half, "h": _quarter_or_half,
}
KINDS = frozenset(_READ)  # the kinds of candidate read here
