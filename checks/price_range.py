"""AU246 price-range-mismatch: the levels of one instrument's trading day that cannot all be true.

Rule: in a market report, the figures of one instrument's day — its open (开盘, 以X点低开), close
(收报, 报收), high (摸高, 当日最高点, 盘中…新高), low (探低, 当日最低点) and the previous close (前一交易日
收盘价, or the close and its change 较前一交易日跌D点) — must order: the low at most the open and the
close, the high at least both. 高开 (低开) puts the open above (below) the previous close, and a
小幅 gap is small (small_max). 失守/跌破 X says the instrument stood at X at the previous close or
during the day and went below it; 突破/站上 X the reverse. A bound on an index's rate of the day
stated anywhere in the report (创业板指数…,跌幅超过2%) holds for the rate its day states (跌幅达到
2.63%). One day is a paragraph that names one index, or else a sentence (naming at most one); a
paragraph or sentence where a level is stated twice is two instruments or two days and is not
read. Words in audit/data/day_prices.yaml.
Severity: error when the exact figures cannot order under any reading of their rounding; warning
for a 小幅 gap larger than small_max.
"""
from __future__ import annotations

import bisect
import functools
import re
from decimal import Decimal
from typing import Iterable, NamedTuple

from audit.context import Context, comparable
from audit.intervals import Interval, strict
from audit.lexicon import _load, _word_map, _words, alternation
from audit.model import Finding, Quantity

CODE = "AU246"
SLUG = "price-range-mismatch"
SCOPE = "document"  # reads the words around the figures of one document: runs where it is read
SEVERITY = "error when the day's levels cannot order; warning for a 小幅 gap beyond small_max"

BAD = "深证成指以10415.20点开盘,盘中最高上探至10388.72点,收报10342.18点。"
GOOD = "深证成指以10315.20点开盘,盘中最高上探至10388.72点,收报10342.18点。"

FILE = "day_prices.yaml"
KINDS = frozenset({"number", "amount"})
ROLES = ("open", "close", "high", "low", "prev")
ORDER = (("low", "open"), ("low", "close"), ("low", "high"), ("open", "high"), ("close", "high"))
NAMES = {"open": "open", "close": "close", "high": "day's high", "low": "day's low", "prev": "previous close"}
_SENTENCE = re.compile(r"[^。!?\n]+")  # a semicolon parts the clauses of one day (…低开,报242.8元;…最高点…)
WINDOW = 16  # characters before a figure read for its level word


class _Words(NamedTuple):
    any_before: re.Pattern  # any level or gap word: where one stands, read once per document
    after_first: frozenset[str]  # the characters an after word or 点 or 的 starts with
    before: re.Pattern  # level word (and unit prefix) ending right before a figure
    after: re.Pattern  # level word right after a figure
    gap_open: re.Pattern  # 小幅低开,报 before a figure
    new_level: re.Pattern  # 的…新高 after a figure
    role_of: dict[str, str]  # word -> role
    intraday: re.Pattern
    day_words: frozenset[str]  # high/low words of the day by themselves (摸高)
    gap: dict[str, str]  # 高开 -> up, 低开 -> down
    small_max: Decimal
    prev: re.Pattern  # after a close: 较前一交易日跌 + the change figure
    cross: re.Pattern  # 失守 / 突破 right before a figure
    cross_of: dict[str, str]  # word -> down | up
    instrument: re.Pattern
    instrument_of: dict[str, str]
    rates: "_Rates"


class _Rates(NamedTuple):
    rate: re.Pattern  # a rate word and link ending right before the day's rate (跌幅为)
    bound_before: re.Pattern  # a rate word and a bound word ending right before a percentage (跌幅超过)
    bound_only: re.Pattern  # a bound word ending right before a percentage whose rate word follows
    rate_after: re.Pattern  # the rate word right after that percentage (的跌幅)
    direction: dict[str, str]  # rate word -> up | down
    side: dict[str, str]  # bound word -> at_least | below
    not_of_the_day: re.Pattern
    opens: re.Pattern  # a clause that opens with a rate word: its subject is the clause before's


def _map(data: dict, key: str) -> dict[str, str]:
    """{ROLE: [WORD...]} as word -> role."""
    return {w: role for role, ws in _word_map(FILE, key, data.get(key)).items() for w in ws}


@functools.cache
def _words_() -> _Words:
    data = _load(FILE)
    get = {k: _words(FILE, k, data.get(k)) for k in ("gap_up", "gap_down", "small", "intraday", "unit_prefix",
                                                     "prev_day", "cross_down", "cross_up", "not_after")}
    before, after, day, new = (_map(data, k) for k in ("before", "after", "intraday_roles", "new_level"))
    change = _word_map(FILE, "prev_change", data.get("prev_change"))
    instruments = {n: i for i, ns in _word_map(FILE, "instruments", data.get("instruments")).items() for n in ns}
    small_max = data.get("small_max")
    if not isinstance(small_max, (int, float)) or small_max <= 0:
        raise ValueError(f"audit/data/{FILE}: small_max: expected a positive number")
    gap = {**{w: "up" for w in get["gap_up"]}, **{w: "down" for w in get["gap_down"]}}
    small, unit = alternation(get["small"]), alternation(get["unit_prefix"])
    not_after = "".join(f"(?<!{re.escape(x)})" for x in get["not_after"])
    return _Words(
        re.compile(alternation({**before, **day, **gap})), frozenset("点的" + "".join(x[0] for x in after)),
        re.compile(rf"{not_after}(?P<w>{alternation({**before, **day})})(?:{unit})?$"),
        re.compile(rf"点?(?P<small>{small})?(?P<w>{alternation(after)})"),
        re.compile(rf"(?P<small>{small})?(?P<w>{alternation(gap)})[^,，。;!?\d]{{0,4}}[,，]报(?:{unit})?$"),
        re.compile(rf"点?的[^,，。;!?\d]{{0,10}}?(?P<w>{alternation(new)})"),
        {**before, **after, **day, **new}, re.compile(alternation(get["intraday"])), frozenset(day), gap,
        Decimal(str(small_max)),
        re.compile(rf"[^\d,，。;!?]{{0,4}}[,，]?(?:较|比)(?:{alternation(get['prev_day'])})"
                   rf"(?:(?P<up>{alternation(change.get('up', ()))})|(?P<down>{alternation(change.get('down', ()))}))$"),
        re.compile(rf"(?P<w>{alternation(get['cross_down'] + get['cross_up'])})了?$"),
        {**{w: "down" for w in get["cross_down"]}, **{w: "up" for w in get["cross_up"]}},
        re.compile(alternation(instruments)), instruments, _rates(data))


def _rates(data: dict) -> _Rates:
    direction = {w: d for d, ws in _word_map(FILE, "rate_words", data.get("rate_words")).items() for w in ws}
    side = {w: k for k, ws in _word_map(FILE, "rate_bounds", data.get("rate_bounds")).items() for w in ws}
    rate, bound = alternation(direction), alternation(side)
    links = alternation(_words(FILE, "rate_links", data.get("rate_links")))
    return _Rates(re.compile(rf"(?P<r>{rate})(?:{links})?$"),
                  re.compile(rf"(?P<r>{rate})[^,，。;!?\d]{{0,4}}?(?P<b>{bound})$"),
                  re.compile(rf"(?P<b>{bound})$"), re.compile(rf"的?(?P<r>{rate})"), direction, side,
                  re.compile(alternation(_words(FILE, "not_of_the_day", data.get("not_of_the_day")))),
                  re.compile(rf" *(?:{rate})"))


class Level(NamedTuple):
    """One level of a day: its role, its interval, the figures that state it (a previous close
    read from the close and its change: both), and for an open, the gap its word states."""
    role: str
    iv: Interval
    qs: tuple[Quantity, ...]
    gap: str | None = None  # up | down: 高开 | 低开
    small: bool = False  # 小幅高开


def _clause(text: str, at: int) -> str:
    """The text of the clause before offset ``at``."""
    start = max(text.rfind(c, 0, at) for c in ",，。;!?:\n") + 1
    return text[start:at]


def _role(text: str, q: Quantity, w: _Words, ends: list[int]) -> Level | None:
    """The level of the day a figure states, by the words right before or after it, or None
    (``ends``: where the document's level words end)."""
    lo = max(0, q.nstart - WINDOW)
    k = bisect.bisect_left(ends, lo)
    near = k < len(ends) and ends[k] <= q.nstart
    m = w.gap_open.search(text, lo, q.nstart) if near else None
    if m is not None:
        return Level("open", strict(q), (q,), w.gap[m.group("w")], bool(m.group("small")))
    m = w.before.search(text, lo, q.nstart) if near else None
    if m is None and text[q.nend:q.nend + 1] in w.after_first:
        m = w.after.match(text, q.nend) or w.new_level.match(text, q.nend)
    if m is None:
        return None
    word = m.group("w")
    role = w.role_of[word]
    if role in ("high", "low") and word not in w.day_words and not w.intraday.search(_clause(text, q.nstart)):
        return None  # 最高 of a price list, a historical high: not of the day
    small = bool(m.groupdict().get("small"))
    return Level(role, strict(q), (q,), w.gap.get(word), small)


def levels(text: str, qs: list[Quantity]) -> list[Level]:
    """The levels of the day the figures ``qs`` state, in text order; a close followed by its
    change from the previous day (收报3617.32点,较前一交易日涨35.05点) also gives the previous close."""
    w = _words_()
    ends = [m.end() for m in w.any_before.finditer(text)]
    out: list[Level] = []
    for i, q in enumerate(qs):
        lv = _role(text, q, w, ends)
        if lv is None:
            continue
        out.append(lv)
        d = qs[i + 1] if i + 1 < len(qs) else None
        m = w.prev.fullmatch(text, q.nend, d.nstart) if lv.role == "close" and d is not None else None
        if m is not None and comparable(q, d):
            prev = lv.iv - strict(d) if m.group("up") else lv.iv + strict(d)
            out.append(Level("prev", prev, (q, d)))
    return out


def _instruments(text: str, start: int, end: int, w: _Words) -> set[str]:
    return {w.instrument_of[m.group()] for m in w.instrument.finditer(text, start, end)}


def _one_day(ls: list[Level], named: set[str]) -> bool:
    """Levels of one day of one instrument: no level stated twice with two values, one index named."""
    seen: dict[str, Interval] = {}
    for lv in ls:
        if seen.setdefault(lv.role, lv.iv) != lv.iv:
            return False
    return len(named) <= 1


class Day(NamedTuple):
    levels: dict[str, Level]
    instrument: str | None
    start: int  # of its paragraph, or of its sentence when the paragraph is not one day
    end: int


def days(text: str, found: list[Level]) -> list[Day]:
    """The days of ``found`` (a document's levels): a paragraph that names one index and states
    each level once, else each sentence of it that names at most one and states each level once
    (two stocks of one paragraph, unnamed, are never read as one day)."""
    w, out = _words_(), []
    for para in re.finditer(r"[^\n]+", text):
        ls = [lv for lv in found if para.start() <= lv.qs[0].nstart < para.end()]
        if not ls:
            continue
        named = _instruments(text, *para.span(), w)
        spans = [para.span()] if len(named) == 1 and _one_day(ls, named) \
            else [s.span() for s in _SENTENCE.finditer(text, *para.span())]
        for a, b in spans:
            sub, named = [lv for lv in ls if a <= lv.qs[0].nstart < b], _instruments(text, a, b, w)
            if sub and _one_day(sub, named):
                out.append(Day({lv.role: lv for lv in sub}, next(iter(named), None), a, b))
    return out


def _shown(lv: Level) -> str:
    if lv.role == "prev" and len(lv.qs) == 2:
        return f"{_fmt(lv.iv)} ({lv.qs[0].text} and its change {lv.qs[1].text})"
    return lv.qs[0].text


def _fmt(iv: Interval) -> str:
    return format(((iv.low + iv.high) / 2).normalize(), "f")


def disorders(day: Day, small_max: Decimal) -> Iterable[tuple[str, str, tuple[Level, ...]]]:
    """(severity, why, the levels) for each pair of the day's levels that cannot order."""
    by = day.levels
    for lo, hi in ORDER:
        a, b = by.get(lo), by.get(hi)
        if a is not None and b is not None and comparable(a.qs[0], b.qs[0]) and a.iv.low > b.iv.high:
            yield "error", f"the {NAMES[lo]} {_shown(a)} is above the {NAMES[hi]} {_shown(b)}", (a, b)
    o, p = by.get("open"), by.get("prev")
    if o is None or p is None or not comparable(o.qs[0], p.qs[0]) or p.iv.low <= 0:
        return
    if o.gap == "up" and o.iv.high < p.iv.low or o.gap == "down" and o.iv.low > p.iv.high:
        said, side = ("高开", "below") if o.gap == "up" else ("低开", "above")
        yield "error", f"the open {_shown(o)} is said {said} but stands {side} the {NAMES['prev']} {_shown(p)}", (o, p)
    elif o.small:
        least = max(o.iv.low - p.iv.high, p.iv.low - o.iv.high, Decimal(0)) / p.iv.high * 100
        if least > small_max:
            yield ("warning", f"the open {_shown(o)} is said to be a small (小幅) move from the "
                              f"{NAMES['prev']} {_shown(p)}, but it is {least:.1f}% away", (o, p))


def crossings(text: str, qs: list[Quantity], ds: list[Day]) -> Iterable[tuple[str, Quantity, Day, tuple[Level, ...]]]:
    """(why, the level's figure, its day, the levels that deny it) for each 失守/跌破/突破 X that the
    day of its instrument contradicts: it never stood on the side of X it is said to have left,
    or never reached the other."""
    w = _words_()
    for q in qs:
        m = w.cross.search(text, max(0, q.nstart - 6), q.nstart)
        if m is None or q.qualifier != "exact":
            continue
        names = list(w.instrument.finditer(_clause(text, m.start())))
        inst = w.instrument_of[names[-1].group()] if names else None
        if inst is not None:  # 上证综指失守3600点: the day of that index, wherever the report states it
            same = [d for d in ds if d.instrument == inst]
        else:  # 股价跌破20元,报收于19.59元: a level of its own sentence's day
            s = _SENTENCE.search(text, text.rfind("\n", 0, q.nstart) + 1)
            while s is not None and s.end() < q.nstart:
                s = _SENTENCE.search(text, s.end())
            same = [d for d in ds if s is not None and d.instrument is None
                    and any(s.start() <= lv.qs[0].nstart < s.end() for lv in d.levels.values())]
        if len(same) != 1 or not all(comparable(q, lv.qs[0]) for lv in same[0].levels.values()):
            continue
        yield from _crossed(m.group("w"), q, same[0], q.value, w.cross_of[m.group("w")] == "down")


def _crossed(word: str, q: Quantity, d: Day, x: Decimal, down: bool):
    by = d.levels
    far = [by[r] for r in (("low", "close") if down else ("high", "close")) if r in by]
    if far and all((lv.iv.low > x) if down else (lv.iv.high < x) for lv in far):
        side = "above" if down else "below"
        yield f"{word}{q.text}, but the day stays {side} it: " + ", ".join(
            f"{NAMES[lv.role]} {_shown(lv)}" for lv in far), q, d, tuple(far)
        return
    held = [by.get(r) for r in (("prev", "high") if down else ("prev", "low"))]
    if all(lv is not None for lv in held) and all((lv.iv.high < x) if down else (lv.iv.low > x) for lv in held):
        side = "below" if down else "above"
        yield f"{word}{q.text}, but the day never stood {'above' if down else 'below'} it: " + ", ".join(
            f"{NAMES[lv.role]} {_shown(lv)} {side} it" for lv in held), q, d, tuple(held)


def day_rate(text: str, pcts: list[Quantity], d: Day) -> tuple[Quantity, str] | None:
    """The day's change in percent and its direction, stated once in the day's span (跌幅为1.43%)."""
    r, found = _words_().rates, {}
    for q in pcts:
        if d.start <= q.nstart < d.end and (m := r.rate.search(text, max(d.start, q.nstart - 8), q.nstart)):
            found.setdefault((q.value, r.direction[m.group("r")]), q)
    if len(found) != 1:
        return None
    (_, direction), q = next(iter(found.items()))
    return q, direction


def _subject(text: str, at: int, w: _Words) -> str | None:
    """The index a bound's clause is said of: named in the clause (和深证成指同步录得逾1%的跌幅), or
    in the clause before when the bound's own opens with its rate word (创业板指数…,跌幅超过2%);
    None when the clause has a subject of its own (石油板块跌幅超过2%)."""
    clause = _clause(text, at)
    names = list(w.instrument.finditer(clause))
    if names:
        return w.instrument_of[names[-1].group()]
    if not w.rates.opens.match(clause):
        return None
    before = _clause(text, at - len(clause) - 1) if text[at - len(clause) - 1:at - len(clause)] in ",，" else ""
    names = list(w.instrument.finditer(before))
    return w.instrument_of[names[-1].group()] if names else None


def rate_bounds(text: str, pcts: list[Quantity], ds: list[Day]) -> Iterable[tuple[str, Quantity, Quantity]]:
    """(why, the bound, the day's rate) for each bound on an index's rate of the day (创业板指数…
    跌幅超过2%; 逾1%的跌幅) that the rate its day states (跌幅达到1.63%) does not meet."""
    w = _words_()
    r = w.rates
    for q in pcts:
        lo = max(0, q.nstart - 12)
        m = r.bound_before.search(text, lo, q.nstart)
        after = r.rate_after.match(text, q.nend) if m is None else None
        if m is None and (after is None or (m := r.bound_only.search(text, lo, q.nstart)) is None):
            continue
        if r.not_of_the_day.search(_clause(text, q.nstart)) or q.qualifier not in ("exact", "over", "under"):
            continue
        inst = _subject(text, q.nstart, w)
        same = [d for d in ds if inst is not None and d.instrument == inst]
        got = day_rate(text, pcts, same[0]) if len(same) == 1 else None
        direction = r.direction[(after or m).group("r")]
        if got is None or got[1] != direction or got[0].nstart == q.nstart:
            continue
        side, iv = r.side[m.group("b")], strict(got[0])
        if iv.high < q.value if side == "at_least" else iv.low > q.value:
            yield f"the day's {(after or m).group('r')} {got[0].text} is said to be {m.group('b')}{q.text}", q, got[0]


def check(ctx: Context) -> Iterable[Finding]:
    w = _words_()
    for a in ctx.docs:
        text = a.nt.text
        qs = [q for q in a.quantities if q.kind in KINDS and q.value is not None]
        found = levels(text, qs)
        if not found:
            continue
        ds = days(text, found)
        for d in ds:
            for severity, why, pair in disorders(d, w.small_max):
                figs = tuple(dict.fromkeys(f for lv in pair for f in lv.qs))
                yield _finding(a, severity, why, figs)
        for why, q, d, pair in crossings(text, qs, ds):
            figs = tuple(dict.fromkeys((q, *(f for lv in pair for f in lv.qs))))
            yield _finding(a, "error", why, figs)
        pcts = [q for q in a.quantities if q.kind == "percent" and q.value is not None]
        for why, bound, rate in rate_bounds(text, pcts, ds):
            yield _finding(a, "error" if rate.qualifier == "exact" and not rate.approximate else "warning",
                           why, (bound, rate))


def _finding(a, severity: str, why: str, figs: tuple[Quantity, ...]) -> Finding:
    values = ",".join(format(f.value.normalize(), "f") for f in figs)
    return Finding(CODE, SLUG, severity, why, tuple(a.location(f.start, f.end, f) for f in figs),
                   (("values", values),), (a.doc.ident, "day"))
