"""Reading the period forms the grammar does not: fiscal years and quarters (FY2019, 2019财年第二
季度, 18财年, 2018/19财年, 第四财季), cumulative spans (1-10月, 1至10月, 前三季度, 前10个月, 今年以来),
points (9月末, 年底, 第三季度末, 上半年末, 期末) and the relative words (上年同期, 上一季度), written as
the period strings of :mod:`.periods`.

They are read after the grammar, over the same normalized text, and a form found here replaces
the dates and figures it overlaps (``2019财年第二季度`` was calendar 2019-Q2, ``1-10月`` a range of
numbers, ``上年同期`` the year 上年). The words are in ``audit/data/periods.yaml``.

Speed: every form holds a trigger word (``_TRIGGER``); the text is scanned for those alone, and
only the forms a trigger may belong to are read, in a short window around it. Most texts hold no
trigger and cost one scan.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from typing import Callable, NamedTuple

from ..normalize import NormText
from .dates import YEAR_REACH, as_date, small_number
from .make import quantity
from .periods import canonical, data, month_end, months

_STOP = re.compile("[。!?\n]")

_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二两三四五六七八九])"


@functools.cache
def _branches() -> dict[str, str]:
    """The forms, each one named group (the branch's name is the match's ``lastgroup``)."""
    d = data()
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


# Every form holds one of these words: the text is scanned for them, and only the forms a trigger
# may belong to are read, in a short window around it. Reading every form at every position costs
# five times the parser. Each trigger is (the characters it opens with, the pattern of the rest).
_TRIGGERS = (("财", "年"), ("财", "季"), ("F", "Y"), ("至", "今"), ("迄", "今"), ("以", "来"), ("末", ""), ("底", ""),
             ("同", "期"), ("同", "季"), ("上前", "[一二三两个]{0,2}季度"), ("上", "一?财季"),
             ("前", "[0-9一二三四五六七八九十两]{1,2}个月"), ("-—–~至到", "(?=[0-9一二三四五六七八九十]{1,2}月)"))


def _trigger(guarded: bool = True) -> re.Pattern:
    """Any trigger word, the first that matches in the order above. Guarded, the pattern opens
    with the class of every first character, consumed, then tells the trigger by a look back at
    it: the engine scans for that class in C instead of trying each trigger at every character
    (a third of the time). ``guarded=False``: the plain alternation, which a test holds it to."""
    if not guarded:
        return re.compile("|".join(f"[{re.escape(first)}]{rest}" for first, rest in _TRIGGERS))
    firsts = "".join(sorted({ch for first, _ in _TRIGGERS for ch in first}))
    return re.compile(f"[{re.escape(firsts)}](?:" + "|".join(f"(?<=[{re.escape(first)}]){rest}"
                                                              for first, rest in _TRIGGERS) + ")")


_TRIGGER = _trigger()
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


def _yy(s: str) -> int:
    y = int(s)
    return y if len(s) == 4 else 2000 + y


def scan(text: str, year_at: Callable[[int], int | None], published: dt.date | None,
         period_at: Callable[[int], str | None]) -> list[Found]:
    """The forms of this module in ``text``. ``year_at(pos)``: the calendar year in force at pos
    (a year named shortly before, else the publication year); ``period_at``: the last period
    named before pos (for 期末). A fiscal quarter alone (第四财季) takes the fiscal year named last
    in the text; with none, it stays relative."""
    out: list[Found] = []
    fy, fy_end = None, -YEAR_REACH - 1  # the fiscal year named last, and where it ends
    fq = data()["fiscal_quarters"]
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
            near = fy is not None and s - fy_end <= YEAR_REACH and not _STOP.search(text, fy_end, s)
            out.append(Found(s, e, "period", f"FY{fy}-Q{fq[w]}" if near else None, None if near else w, False))
        elif g("ytd"):
            p = None if published is None else canonical((published.year, 1), (published.year, published.month))
            out.append(Found(s, e, "period", p, None if p else m.group(), False))
        elif g("sp") or g("first"):
            y = int(g("spy") or g("fiy") or 0) or year_at(s)
            if g("sp"):
                a, b = small_number(g("sp1")), small_number(g("sp2"))
            else:
                a, b = 1, small_number(g("fin")) if g("fin") else 3 * small_number(g("fiq"))
            if not (a and b and a < b):
                continue
            # 前三季度 with no year in sight stays relative, whole (not 三季度, a quarter)
            out.append(Found(s, e, "period", canonical((y, a), (y, b)) if y else None, None if y else m.group(), False))
        elif g("pt"):
            y = int(g("pty") or 0) or year_at(s)
            mo = (small_number(g("ptm")) if g("ptm") else 3 * small_number(g("ptq").lstrip("第")) if g("ptq")
                  else 6 if g("pth") else 12)
            if not mo or (g("pth") and not m.group().endswith("末")) or (y is None and g("pte")):
                continue
            out.append(Found(s, e, "date", month_end(y, mo) if y else None, None if y else m.group(), True))
        elif g("per"):
            span = months(period_at(s))
            out.append(Found(s, e, "date", month_end(*span.last) if span else None, None if span else m.group(), True))
        elif g("rel"):
            out.append(Found(s, e, "period", None, m.group(), False))
    return out


def amend(nt: NormText, qs: list, published) -> list:
    """``qs`` (the quantities of normalized text ``nt``, in order) with the forms of this module
    put in, in place of the quantities they overlap. Most texts hold no trigger word and cost one
    scan for them."""
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
        if j >= 0 and pos - dated[j][0] <= YEAR_REACH and dated[j][1][:4].isdigit():
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
        q = quantity(nt, s, f.end, f.kind, None, None, None, None, "exact", False, "point" if f.point else None,
                 date, period, f.relative)
        out[lo:hi] = [q]
        starts[lo:hi] = [s]
    return out
