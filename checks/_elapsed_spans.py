"""AU290's readers of time told without a start date: past editions against the ordinal of the
current one; an age now against an age then and the years between; the hours between two clock
times; years from the time of writing to a year to come or back to a past one (30年后 against
至2050年; 2013年，也就是5年前); the smaller part of a time of two figures (两年11个月: at most 12
months); a record in N years against a record since a year (20年最少 against 1998年以来最低); a
time restated in brackets by a time of two figures (接近6小时（5小时59分）). Each yields what a
figure states and the interval the text around it allows; the check (checks/elapsed_mismatch.py)
makes a finding of one outside it. Words in audit/data/elapsed.yaml (``editions``, ``ages``,
``clock``, ``until``, ``ago``, ``record``, ``compound_parts``).
"""
from __future__ import annotations

import bisect
import functools
import re
from decimal import Decimal
from typing import Iterator, NamedTuple

from audit import doc_year
from audit.claims.period import period_of
from audit.intervals import INF, Interval, loose, strict
from audit.lexicon import _int, _int_map, _load, _words, alternation
from audit.model import Quantity

_CLAUSE = "，,；;。！!？?\n"
_SENTENCE = "。！!？?\n"


class Stated(NamedTuple):
    """A figure (start, end in the normalized text, its quantity), what it states, what the text
    around it allows, the figures that allow it, and the words of the message."""

    figure: tuple[int, int, Quantity | None]
    stated: Interval
    may: Interval
    evidence: tuple[tuple[int, int, Quantity | None], ...]
    message: str


class _Words(NamedTuple):
    ordinal_unit: re.Pattern
    past_before: re.Pattern
    age_unit: str
    age_then: re.Pattern
    age_now: re.Pattern
    clock: re.Pattern
    day_word: re.Pattern
    day_prefix: re.Pattern
    periods: dict[str, int]
    clock_to: re.Pattern
    near: re.Pattern
    near_slack: Decimal
    until_after: re.Pattern
    until_lead: re.Pattern
    until_link: re.Pattern
    ago_after: re.Pattern
    record_years: re.Pattern
    record_since: re.Pattern
    parts: dict[tuple[str, str], int]


@functools.cache
def _words_() -> _Words:
    f = "elapsed.yaml"
    data = _load(f)

    def alt(key: str) -> str:
        return alternation(_words(f, key, data.get(key)))

    shifts = _int_map(f, "clock_periods", data.get("clock_periods"))
    clock = rf"(?P<h>\d{{1,2}})(?:{alt('clock_hour')})(?:(?P<half>半)|(?P<m>\d{{1,2}})分)?"  # digits first: fast
    return _Words(re.compile(rf"(?:{alt('edition_units')})"), re.compile(rf"(?:{alt('editions_past')})\s*$"),
                  "岁", re.compile(rf"岁(?:{alt('age_then')})"), re.compile(rf"(?:{alt('age_now')})\s*$"),
                  re.compile(clock), re.compile(rf"(?:{alternation(shifts)})$"), re.compile(alternation(shifts)),
                  shifts, re.compile(rf"[^，,。；;！？!?\n]{{0,6}}?(?:{alt('clock_to')})"),
                  re.compile(rf"(?:{alt('near')})$"), Decimal(_int(f, "near_slack", data.get("near_slack"))) / 100,
                  re.compile(rf"(?:{alt('until_after')})"), re.compile(rf"\s*(?:(?:{alt('until_lead')})\s*)*"),
                  re.compile(rf"[\s，,]*(?:(?:{alt('until_link')})|[（(])[\s（(]*"),
                  re.compile(rf"(?:{alt('ago_after')})"),
                  re.compile(rf"(?:{alt('record_gap')})?(?:(?P<low>{alt('record_low')})|(?P<high>{alt('record_high')}))"),
                  re.compile(rf"[^，,。；;！？!?\n]{{0,{_int(f, 'record_reach', data.get('record_reach'))}}}?(?:{alt('record_since')})"
                             rf"(?:{alt('record_gap')})?(?:(?P<low>{alt('record_low')})|(?P<high>{alt('record_high')}))"),
                  {tuple(k.split(">", 1)): v for k, v in _int_map(f, "compound_parts", data.get("compound_parts")).items()})


def stated(text: str, qs, elapsed, now) -> Iterator[Stated]:
    """Every reading of the document's ``text`` and quantities ``qs``; ``elapsed(q)`` says whether
    a duration is told as time elapsed (the check's own test); ``now()`` the first and last month
    (year, month) the text may be written in, the last None when unknown (read once needed)."""
    yield from _editions(text, qs)
    yield from _ages(text, qs, elapsed)
    yield from _clock(text, qs)
    yield from _until(text, qs, now)
    yield from _compounds(text, qs)
    yield from _records(text, qs, now)
    yield from _bracketed(text, qs)


def _paragraph(text: str, at: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    return lo, len(text) if hi < 0 else hi


def _editions(text: str, qs) -> Iterator[Stated]:
    """第22届…在过去21届: the editions before the Nth are at most N (N - 1 if it is under way).
    The ordinal is the one the document names before the count; two different ones leave it
    unread (two series)."""
    w, ordinals = _words_(), []
    for q in qs:
        if q.kind == "rank" and q.value is not None and w.ordinal_unit.match(text, q.nend):
            ordinals.append(q)
        elif ordinals and len({o.value for o in ordinals}) == 1 and q.kind == "count" and q.value is not None \
                and w.ordinal_unit.search(q.text) and w.past_before.search(text, max(0, q.nstart - 6), q.nstart):
            current = ordinals[-1]
            yield Stated((q.nstart, q.nend, q), strict(q), Interval(Decimal(0), current.value),
                         ((current.nstart, current.nend, current),),
                         f"{q.text} before {current.text}{text[current.nend]}: at most {current.value}")


def _ages(text: str, qs, elapsed) -> Iterator[Stated]:
    """年仅21岁…13岁时…在过去的8年: the years since an age then are the age now less it, give or
    take a year (birthdays)."""
    w = _words_()
    ages = [q for q in qs if q.kind == "number" and q.value is not None and text.startswith(w.age_unit, q.nend)]
    then = [q for q in ages if w.age_then.match(text, q.nend)]
    now = [q for q in ages if w.age_now.search(text, max(0, q.nstart - 4), q.nstart)]
    for q in qs:
        if q.kind != "duration" or q.unit != "year" or q.value is None or not elapsed(q):
            continue
        lo, hi = _paragraph(text, q.nstart)
        b = [p for p in then if lo <= p.nstart < q.nstart]
        a = [p for p in now if lo <= p.nstart < hi and p.nstart < (b[-1].nstart if b else -1)]
        if not b or not a or not _next(text, qs, b[-1], q):
            continue
        gap = Decimal(str(a[-1].value)) - Decimal(str(b[-1].value))
        yield Stated((q.nstart, q.nend, q), _stated(text, q), Interval(gap - 1, gap + 1),
                     ((a[-1].nstart, a[-1].nend, a[-1]), (b[-1].nstart, b[-1].nend, b[-1])),
                     f"{q.text} from age {b[-1].text} to age {a[-1].text}: {gap - 1}–{gap + 1} years")


def _next(text: str, qs, then: Quantity, q: Quantity) -> bool:
    """The duration follows the age then in its sentence or the next, no date between them: 13岁时
    被诊断出….在过去的8年 counts from it; 20岁时创业。2015年…过去3年 does not."""
    ends = sum(text.count(c, then.nend, q.nstart) for c in _SENTENCE)
    return ends <= 1 and not any(then.nend <= p.nstart < q.nstart and p.kind in ("date", "period") for p in qs)


def _clock(text: str, qs) -> Iterator[Stated]:
    """晚上10点一直播到早上8点…近10个小时: the hours between two clock times of a sentence."""
    w = _words_()
    hours = [q for q in qs if q.kind == "duration" and q.unit == "hour" and q.value is not None]
    for m in w.clock.finditer(text):
        to = w.clock_to.match(text, m.end())
        word = w.day_prefix.match(text, to.end()) if to else None
        end = w.clock.match(text, word.end() if word else to.end()) if to else None
        first = w.day_word.search(text, max(0, m.start() - 3), m.start())
        if end is None or not (first or word):
            continue  # 9点到5点 with no word of the day is read either way
        stop = min((k for k in (text.find(c, end.end()) for c in _SENTENCE) if k >= 0), default=len(text))
        stop = min((k for k in (text.find(c, stop + 1) for c in _SENTENCE) if k >= 0), default=len(text))
        q = next((h for h in hours if end.end() <= h.nstart < stop), None)
        if q is None:
            continue
        spans = sorted({(b - a + 24) % 24 for a in _hours(m, first) for b in _hours(end, word)})
        may = Interval(spans[0], spans[-1])  # exact: the stated figure's own rounding is in its interval
        begin = first.start() if first else m.start()
        yield Stated((q.nstart, q.nend, q), _stated(text, q), may, ((begin, end.end(), None),),
                     f"{q.text} from {text[begin:m.end()]} to {text[to.end():end.end()]}: "
                     f"{spans[0]}–{spans[-1]} hours")


def _hours(m: re.Match, word: re.Match | None) -> set[Decimal]:
    """The hours of the day a clock time may be: 早上8点 8, 晚上10点 22, 8点 8 or 20."""
    h = Decimal(m["h"]) + (Decimal("0.5") if m["half"] else Decimal(m["m"] or 0) / 60)
    if word is None:
        return {h, h + 12} if h < 12 else {h}
    shift = _words_().periods[word[0]]
    return {h + shift if h < 12 else h}

def _stated(text: str, q: Quantity) -> Interval:
    """What a figure states; 近10个小时 is under 10 hours and close to it, not any time under."""
    iv = strict(q)
    near = _words_().near.search(text, max(0, q.nstart - 3), q.nstart)
    if q.qualifier == "under" and q.value is not None and near:
        return Interval(q.value * (1 - _words_().near_slack), iv.high)
    return iv


_FIGURE_KINDS = frozenset({"date", "period", "duration", "rank"})


def _until(text: str, qs, now) -> Iterator[Stated]:
    """30年后每年或有1000万人…至2050年，…每年将会导致1000万人: N years from the time of writing
    (a duration in years followed by 后 that opens its clause, no date before it in its sentence
    to count from) to a year to come, joined to it in one sentence (2050年，即32年后; 32年后的2050年)
    or restated in another sentence that repeats one of its figures (same value and unit, not a
    small whole number); N年前 the same way back to a past year (2013年，也就是5年前). The time of
    writing is at least the latest past date the text states (audit/doc_year.py), at most the
    time the text says it is written in when it says; a figure ending in zero may be rounded to
    its ten."""
    w, starts = _words_(), []
    for i, q in enumerate(qs):
        if q.kind != "duration" or q.unit != "year" or q.value is None:
            continue
        ahead = w.until_after.match(text, q.nend)
        if ahead is None and w.ago_after.match(text, q.nend) is None:
            continue
        starts = starts or [p.nstart for p in qs]
        target = _joined(text, qs, i, bool(ahead))
        if target is None:
            clause = max(text.rfind(c, 0, q.nstart) for c in _CLAUSE) + 1
            if w.until_lead.fullmatch(text, clause, q.nstart) is None:
                continue  # 上市3年后: after an event, not after now
            target = _restated(text, qs, i, starts, bool(ahead))
        if target is None or _dated_before(text, qs, i, starts, target[0]):
            continue  # 2012年成立，6年后的2018年: after that date, not after now
        year, shared = target
        lo, hi = now()
        span = doc_year._months(period_of(year))
        if lo is None or span is None:
            continue
        if ahead:
            if span.first <= lo:
                continue
            high = Decimal(_index(span.last) - _index(lo) + 1) / 12
            low = max(Decimal(0), Decimal(_index(span.first) - _index(hi) - 1) / 12) if hi else Decimal(0)
        else:
            if hi is None:
                continue  # the time of writing has no upper bound: any number of years back may be
            high = Decimal(_index(hi) - _index(span.first) + 1) / 12
            low = max(Decimal(0), Decimal(_index(lo) - _index(span.last) - 1) / 12)
        evidence = ((year.nstart, year.nend, year),) + (((shared.nstart, shared.nend, shared),) if shared else ())
        way = "to" if ahead else "back to"
        yield Stated((q.nstart, q.nend, q), loose(q, w.near_slack), Interval(low, high), evidence,
                     f"{q.text}{'后' if ahead else '前'} {way} {year.text}: {low.quantize(Decimal('0.1'))}–"
                     f"{high.quantize(Decimal('0.1'))} years from the time of writing ({_when(lo, hi)})")


def _dated_before(text: str, qs, i: int, starts: list[int], target: Quantity) -> bool:
    """A date or period (other than the target) before the duration ``qs[i]`` in its sentence."""
    lo = _sentence(text, qs[i].nstart)[0]
    return any(p.kind in ("date", "period") and p is not target for p in qs[bisect.bisect_left(starts, lo):i])


def _index(ym: tuple[int, int]) -> int:
    return ym[0] * 12 + ym[1] - 1


def _ym(ym: tuple[int, int]) -> str:
    return f"{ym[0]}-{ym[1]:02d}"


def _when(lo: tuple[int, int], hi: tuple[int, int] | None) -> str:
    """The months the text may be written in, as a message says them."""
    if hi == lo:
        return _ym(lo)
    return f"{_ym(lo)} or later" + (f", {_ym(hi)} at the latest" if hi else "")


def _sentence(text: str, at: int) -> tuple[int, int]:
    lo = max(text.rfind(c, 0, at) for c in _SENTENCE) + 1
    hi = min((k for k in (text.find(c, at) for c in _SENTENCE) if k >= 0), default=len(text))
    return lo, hi


def _dated_as(text: str, q: Quantity, ahead: bool) -> bool:
    """A date or period with its year written out that its sentence says is to come (``ahead``)
    or does not."""
    return q.kind in ("date", "period") and doc_year._STATED.search(q.text) is not None \
        and doc_year._future(text, q) == ahead


def _joined(text: str, qs, i: int, ahead: bool) -> tuple[Quantity, None] | None:
    """The year joined to the duration ``qs[i]`` in its sentence (2050年，即32年后; 32年后的2050年;
    2013年，也就是5年前), to come (``ahead``) or past, or None."""
    w, q = _words_(), qs[i]
    end = (w.until_after if ahead else w.ago_after).match(text, q.nend).end()
    for p in (qs[i - 1] if i else None, qs[i + 1] if i + 1 < len(qs) else None):
        if p is None:
            continue
        between = (p.nend, q.nstart) if p.nend <= q.nstart else (end, p.nstart)
        if between[0] <= between[1] and w.until_link.fullmatch(text, *between) and _dated_as(text, p, ahead):
            return p, None
    return None


def _restated(text: str, qs, i: int, starts: list[int], ahead: bool) -> tuple[Quantity, Quantity] | None:
    """The year to come (``ahead``) or past of another sentence that repeats a figure of the
    duration's ``qs[i]`` (same value and unit, not a whole number under ten), with that figure;
    None when there is none or two."""
    q = qs[i]
    lo, hi = _sentence(text, q.nstart)

    def figures(a: int, b: int) -> list[Quantity]:
        return [p for p in qs[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]
                if p.kind not in _FIGURE_KINDS and p.value is not None and p.unit
                and (p.value >= 10 or p.value != int(p.value))]

    mine, found = figures(lo, hi), {}
    for p in qs if mine else ():
        if lo <= p.nstart < hi or not _dated_as(text, p, ahead):
            continue  # a year in the duration's own sentence is read only when joined to it
        same = next((r for r in figures(*_sentence(text, p.nstart))
                     if any(r.value == m.value and r.unit == m.unit for m in mine)), None)
        if same is not None:
            found.setdefault(period_of(p), (p, same))
    return next(iter(found.values())) if len(found) == 1 else None


def _compounds(text: str, qs) -> Iterator[Stated]:
    """两年15个月: the smaller part of a duration of two figures (nothing, 零 or 又 between) is at
    most one of the larger unit (12 months; 一年12个月 and 一天24小时 say a whole one and pass)."""
    parts = _words_().parts
    for p, q in zip(qs, qs[1:]):
        if q.kind != "duration" or p.kind != "duration" or q.value is None:
            continue
        most = parts.get((p.unit, q.unit))
        if most is None or text[p.nend:q.nstart].strip() not in ("", "零", "又"):
            continue
        yield Stated((q.nstart, q.nend, q), strict(q), Interval(Decimal(0), Decimal(most)),
                     ((p.nstart, p.nend, p),), f"{q.text} after {p.text}: at most {most} (one {p.unit})")


def _records(text: str, qs, now) -> Iterator[Stated]:
    """20年最少 … 1998年高盛还未上市以来最低: a record in N years and a record of the same sense
    (lowest, highest) since a year are one fact when its paragraph states one such year, and N is
    the years from it to the time of writing (at least the latest past date the text states, at
    most the time it says it is written in); a figure ending in zero may be rounded to its ten."""
    w, since = _words_(), None
    for q in qs:
        if q.kind != "duration" or q.unit != "year" or q.value is None:
            continue
        hit = w.record_years.match(text, q.nend)
        if hit is None:
            continue
        if since is None:
            since = []
            for p in qs:
                m = w.record_since.match(text, p.nend) if p.kind == "period" else None
                span = doc_year._months(period_of(p)) if m and doc_year._STATED.search(p.text) else None
                if span is not None:
                    since.append((p, span, "low" if m["low"] else "high"))
        lo, hi = _paragraph(text, q.nstart)
        sense = "low" if hit["low"] else "high"
        years = {span: p for p, span, how in since if how == sense and lo <= p.nstart < hi}
        if len(years) != 1:
            continue
        (span, year), = years.items()
        lo, hi = now()
        if lo is None or span.last >= lo:
            continue
        low = max(Decimal(0), Decimal(_index(lo) - _index(span.last) - 1) / 12)
        high = Decimal(_index(hi) - _index(span.first) + 1) / 12 if hi else INF
        yield Stated((q.nstart, q.nend, q), loose(q, w.near_slack), Interval(low, high), ((year.nstart, year.nend, year),),
                     f"{q.text}{hit[0]} against {year.text}以来: "
                     + (f"{low.quantize(Decimal('0.1'))}–{high.quantize(Decimal('0.1'))}" if hi
                        else f"at least {low.quantize(Decimal('0.1'))}")
                     + f" years to the time of writing ({_when(lo, hi)})")


_BRACKET = re.compile(r"\s*[（(]\s*")


def _bracketed(text: str, qs) -> Iterator[Stated]:
    """接近6小时（5小时59分还剩余2%）: a time of two figures (nothing, 零 or 又 between) in brackets
    right after a time whose unit is the larger one restates it; the stated time is the bracketed
    one rounded to its last digit (below or above it as its qualifier says)."""
    parts = _words_().parts
    for q, a, b in zip(qs, qs[1:], qs[2:]):
        if q.kind != "duration" or a.kind != "duration" or b.kind != "duration" or a.unit != q.unit \
                or None in (q.value, a.value, b.low, b.high):
            continue
        ratio = parts.get((a.unit, b.unit))
        if ratio is None or _BRACKET.fullmatch(text, q.nend, a.nstart) is None \
                or text[a.nend:b.nstart].strip() not in ("", "零", "又"):
            continue
        total = Interval(a.value + b.low / ratio, a.value + b.high / ratio)  # 5小时 of 5小时59分 is whole
        yield Stated((q.nstart, q.nend, q), total, _rounded(q), ((a.nstart, b.nend, None),),
                     f"{text[a.nstart:b.nend]} is {total.low.quantize(Decimal('0.01'))}–"
                     f"{total.high.quantize(Decimal('0.01'))} {q.unit}s")


def _rounded(q: Quantity) -> Interval:
    """What a figure stated as a rounding may stand for: half its last digit either side, only
    below it for "under" (接近6小时) and only above it for "over"."""
    half = Decimal(1).scaleb(min(0, q.value.as_tuple().exponent)) / 2
    low = q.value if q.qualifier == "over" else q.value - half
    high = q.value if q.qualifier == "under" else q.value + half
    return loose(q, _words_().near_slack) if q.qualifier not in ("exact", "under", "over") else Interval(low, high)
