"""Periods of financial reporting (DESIGN.md section 3): their algebra, and the forms of them that
the general date grammar of :mod:`audit.quantities` does not read.

Period strings: calendar ``2018``, ``2018-H1``, ``2018-Q3``, ``2018-09``; cumulative spans
``2018-01..2018-09``; fiscal ``FY2019``, ``FY2019-H1``, ``FY2019-Q2``; dates ``2018-09-30``.
A fiscal year is named by the calendar year it ends in (FY2019 of a March year end is
2018-04..2019-03). The forms are read by one pattern over the normalized text, after the general
grammar; a form found here replaces the dates and figures it overlaps (``2019财年第二季度`` was
calendar 2019-Q2, ``1-10月`` a range of numbers, ``上年同期`` the year 上年).
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from typing import Callable, NamedTuple

from .lexicon import LexiconError, load_yaml

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
        return f"{int(m[1]) - 1}-{m[2]}..{int(m[3]) - 1}-{m[4]}"
    m = _DATE.match(period)
    if m:
        y, mo, d = int(m[1]) - 1, int(m[2]), int(m[3])
        return dt.date(y, mo, min(d, calendar.monthrange(y, mo)[1])).isoformat()
    m = _YEAR.match(period)
    if m is None:
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
        return dt.date(y, mo, calendar.monthrange(y, mo)[1]).isoformat()
    m = _YEAR.match(period)
    if m is None or not (m["part"] or "").startswith("Q"):
        return None
    y, q = int(m["y"]), int(m["part"][1])
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
    return _data()["fiscal_quarters"].get(relative)


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
    """The date a balance stated for ``period`` is of: the period's last day (三季度 -> 09-30)."""
    span = months(period, fye)
    return _month_end(*span.last) if span else period


def as_flow(period: str | None) -> str | None:
    """The period a flow stated up to ``period`` is of: a year's last day is the year; any other
    date stays a date (截至9月30日 may be the quarter or the nine months)."""
    if period and len(period) == 10 and period.endswith("-12-31"):
        return period[:4]
    return period


# ------------------------------------------------------------------------------------------------
# the forms read here (words from audit/data/periods.yaml)


@functools.cache
def _data() -> dict:
    from importlib import resources

    data = load_yaml(resources.files("audit.data").joinpath("periods.yaml").read_text(encoding="utf-8"))
    for key, kind in (("relative", dict), ("year_to_date", list), ("fiscal_quarters", dict)):
        if not isinstance(data.get(key), kind):
            raise LexiconError(f"audit/data/periods.yaml: `{key}` must be a {kind.__name__}")
    return data


def relatives() -> dict[str, str]:
    return _data()["relative"]


_STOP = re.compile("[。!?\n]")
REACH = 80  # characters after a named year within which a form without a year takes it

_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
       "十一": 11, "十二": 12}
_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二两三四五六七八九])"


@functools.cache
def _branches() -> dict[str, str]:
    """The forms, each one named group (the branch's name is the match's ``lastgroup``)."""
    d = _data()
    alt = lambda words: "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # noqa: E731
    fq = alt(d["fiscal_quarters"])
    return {
        "fyl": r"(?P<fyl>FY ?(?P<fyly>\d{4}|\d{2})(?:[- ]?(?P<fylp>Q[1-4]|H[12]))?(?![0-9A-Za-z])(?:财年)?)",
        "fyc": rf"(?P<fyc>(?:(?P<fyy0>\d{{4}})[/-])?(?P<fyy>\d{{4}}|(?<!\d)\d{{2}})财年"
               rf"(?:(?P<fycq>{fq})|(?P<fych>上半年|下半年))?)",
        "ytd": rf"(?P<ytd>{alt(d['year_to_date'])})",
        "sp": rf"(?P<sp>(?:(?P<spy>\d{{4}})年)?(?P<sp1>{_NUM})(?:月份?)?(?:-|—|–|~|至|到)(?P<sp2>{_NUM})月(?:份)?)",
        "first": rf"(?P<first>(?:(?P<fiy>\d{{4}})年)?前(?:(?P<fin>{_NUM})个月|(?P<fiq>[一二两三])(?:个)?季度))",
        "pt": rf"(?P<pt>(?:(?P<pty>\d{{4}})年)?(?:(?P<ptm>{_NUM})月(?:末|底)|(?P<ptq>第?[一二三四])季度末"
              rf"|(?P<pth>上半年|年中)末?|(?<=\d年)(?:末|底)|(?P<pte>年末|年底)))",
        "per": r"(?P<per>期末)",
        "fq": rf"(?P<fq>财年(?P<fqq>{fq})|(?P<fqq2>{fq}))",
        "rel": rf"(?P<rel>{alt(d['relative'])})",
    }


# The forms a trigger word (below) may belong to, by its first character.
_BY_TRIGGER = {"财": ("fyl", "fyc", "fq"), "F": ("fyl", "fyc", "fq"), "至": ("ytd", "sp"), "迄": ("ytd",),
               "以": ("ytd",), "末": ("pt", "per"), "底": ("pt",), "同": ("rel",), "上": ("rel",),
               "前": ("first", "rel"), "-": ("sp",), "—": ("sp",), "–": ("sp",), "~": ("sp",), "到": ("sp",)}


@functools.cache
def _pattern(first: str) -> re.Pattern:
    """The forms a trigger word opening with ``first`` may belong to, as one pattern."""
    b = _branches()
    return re.compile("|".join(b[name] for name in _BY_TRIGGER[first]))


# Every form holds one of these words: the text is scanned for them (an alternation of literals,
# which the engine scans for by their first characters in C), and only the forms a trigger may
# belong to are read, in a short window around it. Reading every form at every position costs
# five times the parser.
_TRIGGER = re.compile(r"财年|财季|FY|至今|迄今|以来|末|底|同期|同季|[上前][一二三两个]{0,2}季度|上一?财季"
                      r"|前[0-9一二三四五六七八九十两]{1,2}个月|[-—–~至到](?=[0-9一二三四五六七八九十]{1,2}月)")
_BACK, _AHEAD = 8, 10  # the most a form reaches before and after its trigger word


def _matches(text: str):
    """The matches of the forms that hold a trigger word, in order, each once."""
    end = 0
    for t in _TRIGGER.finditer(text):
        if t.end() <= end:
            continue  # inside the last form read
        lo = max(end, t.start() - _BACK)
        for m in _pattern(text[t.start()]).finditer(text, lo, min(len(text), t.end() + _AHEAD)):
            if m.end() > t.start() and m.start() < t.end():
                end = m.end()
                yield m
                break


class Found(NamedTuple):
    start: int
    end: int
    kind: str  # period | date
    period: str | None
    relative: str | None
    point: bool


def _quarter(w: str) -> int:
    return _CN.get(w.strip("第季度Q财 "), 0) or int(w.strip("第季度Q财 ") or 0)


def _yy(s: str) -> int:
    y = int(s)
    return y if len(s) == 4 else 2000 + y


def _month_end(y: int, m: int) -> str:
    return dt.date(y, m, calendar.monthrange(y, m)[1]).isoformat()


def scan(text: str, year_at: Callable[[int], int | None], published: dt.date | None,
         period_at: Callable[[int], str | None]) -> list[Found]:
    """The forms of this module in ``text``. ``year_at(pos)``: the calendar year in force at pos
    (a year named shortly before, else the publication year); ``period_at``: the last period
    named before pos (for 期末). A fiscal quarter alone (第四财季) takes the fiscal year named last
    in the text; with none, it stays relative."""
    out: list[Found] = []
    fy, fy_end = None, -REACH - 1  # the fiscal year named last, and where it ends
    fq = _data()["fiscal_quarters"]
    for m in _matches(text):
        g = m.groupdict().get
        s, e = m.span()
        if g("fyl"):
            y = _yy(g("fyly"))
            fy, fy_end = y, e
            out.append(Found(s, e, "period", f"FY{y}" + (f"-{g('fylp')}" if g("fylp") else ""), None, False))
        elif g("fyc"):
            y = _yy(g("fyy"))
            if g("fyy0") and len(g("fyy")) == 2:
                y = int(g("fyy0")) + 1  # 2018/19财年
            fy, fy_end = y, e
            part = f"-Q{fq[g('fycq')]}" if g("fycq") else ("-H1" if g("fych") == "上半年" else "-H2" if g("fych") else "")
            out.append(Found(s, e, "period", f"FY{y}{part}", None, False))
        elif g("fq"):
            w = g("fqq") or g("fqq2")
            if g("fqq2") and not w.endswith("财季"):
                continue  # a bare 第三季度 is the general grammar's calendar quarter
            # 2019财年第三季度及第四财季: the fiscal year named shortly before in the sentence
            near = fy is not None and s - fy_end <= REACH and not _STOP.search(text, fy_end, s)
            out.append(Found(s, e, "period", f"FY{fy}-Q{fq[w]}" if near else None, None if near else w, False))
        elif g("ytd"):
            p = None if published is None else canonical((published.year, 1), (published.year, published.month))
            out.append(Found(s, e, "period", p, None if p else m.group(), False))
        elif g("sp") or g("first"):
            y = int(g("spy") or g("fiy") or 0) or year_at(s)
            if g("sp"):
                a, b = _num(g("sp1")), _num(g("sp2"))
            else:
                a, b = 1, _num(g("fin")) if g("fin") else 3 * _CN[g("fiq")]
            if not (a and b and a < b) or y is None:
                continue
            out.append(Found(s, e, "period", canonical((y, a), (y, b)), None, False))
        elif g("pt"):
            y = int(g("pty") or 0) or year_at(s)
            if y is None:
                continue
            mo = _num(g("ptm")) if g("ptm") else 3 * _quarter(g("ptq")) if g("ptq") else 6 if g("pth") else 12
            if not mo or (g("pth") and not m.group().endswith("末")):
                continue
            out.append(Found(s, e, "date", _month_end(y, mo), None, True))
        elif g("per"):
            span = months(period_at(s))
            out.append(Found(s, e, "date", _month_end(*span.last) if span else None, None if span else m.group(), True))
        elif g("rel"):
            out.append(Found(s, e, "period", None, m.group(), False))
    return out


def _num(w: str | None) -> int:
    if not w:
        return 0
    return int(w) if w.isdigit() else _CN.get(w, 0)




def amend(nt, qs: list, published, make: Callable, as_date: Callable) -> list:
    """``qs`` (the quantities of normalized text ``nt``, in order) with the forms of this module
    put in, in place of the quantities they overlap. ``make(nt, s, e, kind, ...)`` builds one
    (audit.quantities._q); ``as_date`` reads ``published``. Most texts hold no trigger word and
    cost one scan for them."""
    text = nt.text
    if _TRIGGER.search(text) is None:
        return qs
    published = as_date(published)
    starts = [q.nstart for q in qs]
    dated = [(q.nstart, q.period or q.date) for q in qs if q.kind in ("date", "period") and (q.period or q.date)]

    def period_at(pos: int) -> str | None:
        j = bisect.bisect_left(dated, (pos,)) - 1
        return dated[j][1] if j >= 0 else None

    def year_at(pos: int) -> int | None:
        j = bisect.bisect_left(dated, (pos,)) - 1
        if j >= 0 and pos - dated[j][0] <= REACH and dated[j][1][:4].isdigit():
            return int(dated[j][1][:4])
        return published.year if published else None

    found = scan(text, year_at, published, period_at)
    if not found:
        return qs
    out = list(qs)
    for f in reversed(found):
        lo = bisect.bisect_left(starts, f.start)
        s = f.start
        if lo > 0 and out[lo - 1].nend > f.start:
            lo -= 1
            prev = out[lo]
            if f.point and prev.relative and (prev.period or "").isdigit():
                s = prev.nstart  # 去年底: the relative year is part of it
        hi = bisect.bisect_left(starts, f.end)
        date, period = (f.period, None) if f.kind == "date" else (None, f.period)
        q = make(nt, s, f.end, f.kind, None, None, None, None, "exact", False, "point" if f.point else None,
                 date, period, f.relative)
        out[lo:hi] = [q]
        starts[lo:hi] = [s]
    return out
