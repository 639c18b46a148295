"""Period strings and their algebra: what a period covers and how one moves (DESIGN.md section 3).

Period strings: calendar ``2018``, ``2018-H1``, ``2018-Q3``, ``2018-09``; cumulative spans
``2018-01..2018-09``; fiscal ``FY2019``, ``FY2019-H1``, ``FY2019-Q2``; dates ``2018-09-30``.
A fiscal year is named by the calendar year it ends in (FY2019 of a March year end is
2018-04..2019-03). The readers of the package write these strings (:mod:`.dates`,
:mod:`.period_forms`); the claims and the checks compare them with what is here: the months a
period covers, the same period a year or a quarter earlier, a fiscal period in calendar months,
a balance's date. The words of periods are read from ``audit/data/periods.yaml`` (``data``).
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import NamedTuple

from ..lexicon import LexiconError, _load

_YEAR = re.compile(r"^(?P<fy>FY)?(?P<y>\d{4})(?:-(?P<part>Q[1-4]|H[12]|\d{2}))?$")
_SPAN = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class Months(NamedTuple):
    """The calendar months a period covers, as (year, month) of its first and last month."""

    first: tuple[int, int]
    last: tuple[int, int]

    def __str__(self) -> str:
        return f"{self.first[0]}-{self.first[1]:02d}..{self.last[0]}-{self.last[1]:02d}"


def _add(ym: tuple[int, int], n: int) -> tuple[int, int]:
    k = ym[0] * 12 + ym[1] - 1 + n
    return k // 12, k % 12 + 1


def _fye_month(fye: str | None) -> int:
    return int(fye[:2]) if fye else 12


def months(period: str | None, fye: str | None = None) -> Months | None:
    """The calendar months ``period`` covers (``fye``: the fiscal year end MM-DD of its entity,
    for fiscal periods; calendar when unknown). None for dates and unreadable periods."""
    if not period:
        return None
    m = _SPAN.match(period)
    if m:
        return Months((int(m[1]), int(m[2])), (int(m[3]), int(m[4])))
    m = _YEAR.match(period)
    if m is None:
        return None
    y, part = int(m["y"]), m["part"]
    start = _add((y, _fye_month(fye) if m["fy"] else 12), -11)  # the first month of the (fiscal) year
    if part is None:
        return Months(start, _add(start, 11))
    if part[0] == "Q":
        first = _add(start, 3 * (int(part[1]) - 1))
        return Months(first, _add(first, 2))
    if part[0] == "H":
        first = _add(start, 6 * (int(part[1]) - 1))
        return Months(first, _add(first, 5))
    return Months((y, int(part)), (y, int(part)))


def canonical(first: tuple[int, int], last: tuple[int, int]) -> str:
    """A run of calendar months as its period string: a month, quarter, half or year when it is
    one (1-6月 is 2018-H1), else a span."""
    (y1, m1), (y2, m2) = first, last
    if y1 == y2:
        n = m2 - m1 + 1
        if n == 1:
            return f"{y1}-{m1:02d}"
        if n == 3 and m1 % 3 == 1:
            return f"{y1}-Q{m1 // 3 + 1}"
        if n == 6 and m1 in (1, 7):
            return f"{y1}-H{1 if m1 == 1 else 2}"
        if n == 12:
            return str(y1)
    return f"{y1}-{m1:02d}..{y2}-{m2:02d}"


def previous_year(period: str | None) -> str | None:
    """The same period a year earlier (上年同期): 2018-Q3 -> 2017-Q3, FY2019-Q2 -> FY2018-Q2,
    2018-01..2018-09 -> 2017-01..2017-09, 2018-09-30 -> 2017-09-30."""
    if not period:
        return None
    m = _SPAN.match(period)
    if m:
        return f"{int(m[1]) - 1}-{m[2]}..{int(m[3]) - 1}-{m[4]}" if int(m[1]) > dt.MINYEAR else None
    m = _DATE.match(period)
    if m:
        y, mo, d = int(m[1]) - 1, int(m[2]), int(m[3])
        return _day(y, mo, d)
    m = _YEAR.match(period)
    if m is None or int(m["y"]) <= dt.MINYEAR:
        return None
    return f"{m['fy'] or ''}{int(m['y']) - 1}" + (f"-{m['part']}" if m["part"] else "")


def previous_quarter(period: str | None) -> str | None:
    """The quarter before (上一季度, 环比): 2018-Q1 -> 2017-Q4, FY2019-Q1 -> FY2018-Q4; the
    quarter-end date before a quarter-end date. None for what is not a quarter."""
    if not period:
        return None
    m = _DATE.match(period)
    if m:
        y, mo = _add((int(m[1]), int(m[2])), -3)
        return _day(y, mo, 31)
    m = _YEAR.match(period)
    if m is None or not (m["part"] or "").startswith("Q"):
        return None
    y, q = int(m["y"]), int(m["part"][1])
    if q == 1 and y <= dt.MINYEAR:
        return None
    fy = m["fy"] or ""
    return f"{fy}{y - 1}-Q4" if q == 1 else f"{fy}{y}-Q{q - 1}"


def shift(period: str | None, relative: str) -> str | None:
    """``period`` moved as the relative word says (a year back, or a quarter back)."""
    kind = relatives().get(relative)
    if kind == "year":
        return previous_year(period)
    if kind == "quarter":
        return previous_quarter(period)
    return None


def in_year(period: str | None, year: str) -> str | None:
    """``period`` (a part of a year: quarter, half, month, span) in calendar or fiscal ``year``
    (2018-Q3 in 2017 is 2017-Q3); None when it is no part of a year."""
    m = _YEAR.match(period or "")
    if m is not None and m["part"]:
        return f"{m['fy'] or ''}{year}-{m['part']}"
    m = _SPAN.match(period or "")
    if m is not None and m[1] == m[3]:
        return f"{year}-{m[2]}..{year}-{m[4]}"
    return None


def calendarize(period: str | None, fye: str | None) -> tuple[str | None, str | None]:
    """(period, months) of a claim of an entity with fiscal year end ``fye``: a fiscal period of
    an entity whose year is the calendar year (or unknown) is that calendar period; one of an
    entity with another year end keeps its name and gains the calendar months it covers."""
    if not period or not period.startswith("FY"):
        return period, None
    if fye is None or fye.startswith("12"):
        return period[2:], None
    span = months(period, fye)
    return period, str(span) if span else None


def fiscal_quarter(relative: str | None) -> int | None:
    """The quarter number of a fiscal quarter named without its year (第四财季), else None."""
    if not relative or not relative.endswith("财季"):
        return None
    return data()["fiscal_quarters"].get(relative)


def latest_fiscal(quarter: int, fye: str | None, published) -> str | None:
    """The fiscal quarter ``quarter`` (of an entity with year end ``fye``) that ended last before
    ``published``: a report names the quarter just closed (第四财季 in November 2018, for a year
    ending in September, is FY2018-Q4)."""
    if not published:
        return None
    published = str(published)
    pub = (int(published[:4]), int(published[5:7] or 1))
    for y in range(pub[0] + 1, pub[0] - 2, -1):
        span = months(f"FY{y}-Q{quarter}", fye)
        if span and span.last < pub:
            return f"FY{y}-Q{quarter}"
    return None


def fiscal_ending(quarter: int, fye: str | None, date: str) -> str | None:
    """The fiscal quarter ``quarter`` that ends in the month of ``date`` (截至2018年9月30日的
    第四财季), or None when none does."""
    y, m = int(date[:4]), int(date[5:7])
    for fy in (y, y + 1):
        span = months(f"FY{fy}-Q{quarter}", fye)
        if span and span.last == (y, m):
            return f"FY{fy}-Q{quarter}"
    return None


def as_point(period: str | None, fye: str | None = None) -> str | None:
    """The date a balance stated for ``period`` is of: the period's last day (三季度 -> 09-30;
    ``????-Q3`` -> ``????-09-30``)."""
    if period and YEARLESS in period:
        point = as_point(period.replace(YEARLESS, PROBES[0]), fye)
        return point.replace(PROBES[0], YEARLESS) if point else period
    span = months(period, fye)
    return month_end(*span.last) if span else period


# A period whose year the text does not give and no publication date supplies (第三季度, 前三季度,
# 9月末, 上半年 in an undated article): ``????-Q3``, ``????-01..????-09``, ``????-09-30``. Within
# one document it is one period (an article's 第三季度 is one quarter throughout), so claims are
# keyed by it; across documents it may be any year's, so the checks compare it within one
# document only (:func:`dated`).
YEARLESS = "????"
PROBES = ("2000", "2004")  # two leap years (audit.claims.period.yearless reads a word in each)


# The instant a document states a stock at when no date says which (注册资本增加至39.8亿元: the level
# a change reached) and no publication date gives it: one unknown day, the same throughout the
# document and compared within it only, as a yearless period is.
INSTANT = f"{YEARLESS}-??-??"


def instant(published: str | None) -> str:
    """The instant of a document: its publication date, else :data:`INSTANT`."""
    return published[:10] if published and _DATE.match(published[:10]) else INSTANT


def dated(period: str | None) -> bool:
    """Is ``period`` of a known year (not ``????``)? A yearless period links within one document."""
    return period is not None and YEARLESS not in period


_ANY_DAY = re.compile(r"(\d{4}|\?{4})-(\d\d)-(\d\d)")


def day_number(period: str | None) -> int | None:
    """The day a period dated to the day is, as a number to subtract (a yearless one, ????-07-01,
    counted in the leap year PROBES[0]); None for any other period or a day outside the calendar."""
    m = _ANY_DAY.fullmatch(period or "")
    if m is None:
        return None
    try:
        return dt.date(int(PROBES[0] if m[1] == YEARLESS else m[1]), int(m[2]), int(m[3])).toordinal()
    except ValueError:
        return None


def as_flow(period: str | None) -> str | None:
    """The period a flow stated up to ``period`` is of: a year's last day is the year; any other
    date stays a date (截至9月30日 may be the quarter or the nine months)."""
    if period and len(period) == 10 and period.endswith("-12-31"):
        return period[:4]
    return period


def month_end(y: int, m: int) -> str | None:
    """The last day of month ``m`` of year ``y``, as an ISO date (None outside the calendar)."""
    return _day(y, m, 31)


def _day(y: int, m: int, d: int) -> str | None:
    """Day ``d`` of month ``m`` of year ``y`` as an ISO date, cut to the month's last day; None for
    a year or month outside the calendar (a year before 0001 has no date: 0001-03-31 has no year
    before it)."""
    if not (dt.MINYEAR <= y <= dt.MAXYEAR and 1 <= m <= 12):
        return None
    return dt.date(y, m, min(d, calendar.monthrange(y, m)[1])).isoformat()


@functools.cache
def data() -> dict:
    """audit/data/periods.yaml, its keys checked."""
    words = _load("periods.yaml")
    for key, kind in (("relative", dict), ("year_to_date", list), ("fiscal_quarters", dict)):
        if not isinstance(words.get(key), kind):
            raise LexiconError(f"audit/data/periods.yaml: `{key}` must be a {kind.__name__}")
    return words


def relatives() -> dict[str, str]:
    """Relative word (上年同期) -> how it moves the period in force (year, quarter)."""
    return data()["relative"]
