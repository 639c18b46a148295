"""AU225 product-mismatch: a figure per one unit times the count of units against the total it makes.

Rule: a figure per one unit of something (每股8.5港元, 19356元/平方米, 2300元一台, 一台矿机…亏40块,
每万次15元, 发行价8.5港元: per share) times a count of that something (2亿股, 总股本42亿, 4局,
一万台) must meet a total of the figure's measure, read as intervals with rounding and the
relative tolerance; when some count and total meet, nothing is said. The three stand in one
sentence and a word ties the total to the unit figure: a total word (共, 合计, 市值, 斥资), a
whole word (营收, 交易对价: a whole may hold other parts, cash or services, so only a product
above it is a finding), or the unit figure's own measure word before the total too (每股收益…收益;
亏40块…就亏40万元); an amount no word ties is another amount. For a price or a mean, the count
and a marked total may also stand in one sentence within two of it. A mean (人均, 平均授信额度)
may be of another measure than the total (credit lines, not loans): a finding only when 100x or
more off. A figure per one period stated as an average (日均3.1亿件, 平均一天1.3亿个包裹) times the
days of a span its sentence or the one before dates (11月11日至16日: 5 or 6 days), or of a
longer period in its sentence or the next (一年: 360-366 days), must meet the figure of that span
or period; people (日活, 月活) do not add up over days. Figures of another period or the old
value of a change (去年同期的, 由39.34元/股下调至) are never paired. Words are read by
audit/claims/products.py (audit/data/products.yaml).
Severity: error when the three figures of one sentence are exact, tied by a total word or the
unit figure's own measure word, and no reading of their rounding meets (per period: the two
figures of one sentence, exact); warning otherwise (a whole, a nearby sentence, a mean's slip, an
approximate figure); nothing when only the loose reading (approximate figures widened, trailing
zeros as rounding) meets.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Iterable, Iterator

from audit.claims.products import Factor, any_of, read, slip
from audit.context import Context
from audit.intervals import INF, Interval, loose, strict
from audit.model import Finding
from audit.report.written import amount, span, significant

CODE = "AU225"
SLUG = "product-mismatch"
SCOPE = "document"  # reads the words around the figures of one document: runs where it is read
SEVERITY = "error when the exact figures of one sentence cannot meet; warning across sentences"

BAD = "美图以每股8.5港元发行,总股本42亿股,市值为480亿港元。"
GOOD = "美图以每股8.5港元发行,总股本42亿股,市值为357亿港元。"

# A period's length in days, as an interval (a month is 28 to 31 days, a year 360 to 366: the
# 360-day year of interest rates too).
DAYS = {"day": (Decimal(1), Decimal(1)), "week": (Decimal(7), Decimal(7)), "month": (Decimal(28), Decimal(31)),
        "quarter": (Decimal(89), Decimal(92)), "year": (Decimal(360), Decimal(366))}
# A time unit's length in seconds, as an interval (a year of 365 or 366 days), for a time per unit.
_DAY = Decimal(86400)
SPAN = {"second": (Decimal(1), Decimal(1)), "minute": (Decimal(60), Decimal(60)), "hour": (Decimal(3600), Decimal(3600)),
        "day": (_DAY, _DAY), "week": (7 * _DAY, 7 * _DAY), "month": (28 * _DAY, 31 * _DAY),
        "year": (365 * _DAY, 366 * _DAY)}
ONE = Interval(Decimal(1), Decimal(1))
_MONTH_DAY = re.compile(r"(?:(\d{1,2})月)?(\d{1,2})日$")
SPAN_WORDS = ("至", "到", "-", "—", "~")


def check(ctx: Context) -> Iterable[Finding]:
    for a in ctx.docs:
        facts = read(a.nt.text, a.quantities)
        if len(facts) < 2:
            continue
        by_sentence: dict[int, list[Factor]] = {}
        for f in facts:
            by_sentence.setdefault(f.sentence, []).append(f)
        for f in facts:
            if f.prior:
                continue
            if f.per is not None and f.how:
                yield from _product(ctx, a, f, by_sentence)
            elif f.period is not None and f.average:
                yield from _per_period(ctx, a, f, by_sentence)


# --- a figure per unit x a count = a total ----------------------------------------------------

def _counts(p: Factor, pool: Iterable[Factor]) -> list[Factor]:
    """The counts of what ``p`` is per, in ``pool``."""
    return [n for n in pool if n is not p and not n.prior and _counts_for(p, n)]


def _counts_for(p: Factor, n: Factor) -> bool:
    if not n.measure.startswith("count:") or n.measure == p.measure:
        return False  # tons times tons is no product
    den = n.measure[6:]
    if p.per == "any":  # 平均售价 is per thing sold; 平均授信额度 per user
        return den in any_of(p.how)
    return den == p.per


def _totals(p: Factor, pool: Iterable[Factor]) -> list[Factor]:
    """The totals of ``p``'s measure in ``pool``: figures per nothing, of ``p``'s period."""
    return [t for t in pool if t is not p and not t.prior and _same_measure(p, t, generic=False) and not t.how
            and t.period == p.period]


def _same_measure(p: Factor, t: Factor, generic: bool = True) -> bool:
    """One currency, one count; any two times (3分钟 per song, 570亿年 for them all)."""
    if p.measure.startswith("time:") and t.measure.startswith("time:"):
        return p.measure[5:] in SPAN and t.measure[5:] in SPAN
    if generic and p.measure.startswith("count:") and t.measure.startswith("count:") and "count:个" in (p.measure, t.measure):
        return True  # 个 counts anything: 1.3亿个包裹 and 400亿包裹
    return p.measure == t.measure


def _product(ctx: Context, a, p: Factor, by_sentence: dict) -> Iterator[Finding]:
    here = by_sentence[p.sentence]
    ns, ts = _counts(p, here), [t for t in _totals(p, here) if _tied(p, t)]
    slip_only = p.how == "mean"  # 平均授信额度 x users is no 累计放贷量: only a slip of 100x is sure
    if ns and ts:
        yield from _judge(ctx, a, p, ns, ts, "slip" if slip_only else "sentence")
    elif p.how in ("price", "mean") and not ns and not ts:
        for k in (p.sentence - 1, p.sentence + 1, p.sentence - 2, p.sentence + 2):
            other = by_sentence.get(k, ())
            ns, ts = _counts(p, other), [t for t in _totals(p, other) if t.total or t.whole]
            if ns and ts:
                yield from _judge(ctx, a, p, ns, ts, "slip" if slip_only else "near")
                return


def _tied(p: Factor, t: Factor) -> bool:
    """Whether the total is of what ``p`` is a rate of. A figure right after its frame or price word
    (每台108美元, 发行价8.5港元) or a mean is tied to a total a total word (共, 市值, 累计) or a
    whole word (营收) marks, never to an amount of the sentence no word ties (305亿元 of a deal);
    a figure with a measure word of its own between (每股收益0.62美元, 一台矿机每月平均亏40块)
    only to a total after that same word (就亏40万元), never to 营收."""
    if p.lead and p.how != "mean":  # 每股收益0.62美元: a measure of its own, tied to its own word
        return p.lead in t.said
    return t.total or t.whole


def _judge(ctx: Context, a, p: Factor, ns: list[Factor], ts: list[Factor], where: str) -> Iterator[Finding]:
    """A finding when no count times ``p`` meets any total; the closest pair is shown."""
    best = None
    for n in ns:
        for t in ts:
            if t is n:
                continue
            k = _unit_factor(p, t)
            prod = _times(_times(_strict(p), _strict(n)), k).scale(1 / p.scale)
            part = t.whole and not t.total  # 营收: the product may be one part of it
            if _meets(prod, strict(t.q), ctx.rel, part):
                return
            wide = _times(_times(loose(p.q, ctx.approx), loose(n.q, ctx.approx)), k).scale(1 / p.scale)
            agrees = _meets(wide, loose(t.q, ctx.approx), ctx.rel, part)
            gap = _gap(prod, strict(t.q))
            if agrees or (where == "slip" and gap < slip()):
                return
            if best is None or gap < best[0]:
                best = (gap, n, t, prod)
    if best is not None:
        gap, n, t, prod = best
        said = t.total or (bool(p.lead) and p.lead in t.said)  # 共计, 市值; 亏…就亏: the tie is stated
        severity = "error" if where == "sentence" and said and _exact(p, n, t) else "warning"
        yield _finding(a, severity, (p, n, t), _say_product(p, n, t, prod, gap if where == "slip" else None))


def _meets(prod: Interval, total: Interval, rel: Decimal, part: bool) -> bool:
    """The product is the total (or, as a part of a whole, not above it), within the tolerance."""
    if part:
        return prod.widen(rel).low <= total.widen(rel).high
    return prod.widen(rel).overlaps(total.widen(rel))


def _unit_factor(p: Factor, t: Factor) -> Interval:
    """What one of ``p``'s unit is in ``t``'s (a minute in years, for times); 1 for money and counts."""
    if not p.measure.startswith("time:"):
        return ONE
    (plo, phi), (tlo, thi) = SPAN[p.measure[5:]], SPAN[t.measure[5:]]
    return Interval(plo / thi, phi / tlo)


def _say_product(p: Factor, n: Factor, t: Factor, prod: Interval, slipped: Decimal | None = None) -> str:
    per = f" (per {significant(p.scale)})" if p.scale != 1 else ""
    if slipped is not None:
        return (f"{p.q.text} x {n.q.text} = {_shown(prod, unit=t.q.unit)}, {significant(slipped, 2)} times apart from "
                f"{t.q.text} (a mean times its count 100 times or more off the total: a unit slip, 万 for 亿?)")
    if t.whole and not t.total:
        return (f"{p.q.text}{per} x {n.q.text} = {_shown(prod, t.q)}, above {t.q.text} "
                f"(a figure per one unit times the count of units is a part of the whole it exceeds)")
    return (f"{p.q.text}{per} x {n.q.text} = {_shown(prod, t.q)}, not {t.q.text} "
            f"(a figure per one unit times the count of units should make the total)")


# --- a figure per period (an average) x the periods = the figure of the span ------------------

def _per_period(ctx: Context, a, p: Factor, by_sentence: dict) -> Iterator[Finding]:
    for k in (p.sentence, p.sentence - 1, p.sentence + 1):
        for t in by_sentence.get(k, ()):
            if t is p or t.prior or not _same_measure(p, t) or t.how or not _additive(p, t):
                continue
            days = _span_days(a, t) if t.period is None else None
            if t.period is not None and t.period != p.period:
                factor = _period_factor(p.period, t.period)
            elif days is not None:  # 11日至16日: 6 days counting both, 5 counting one
                factor = _period_factor(p.period, "day", (Decimal(days - 1), Decimal(days)))
            else:
                continue
            yield from _judge_period(ctx, a, p, t, factor, k == p.sentence)


def _additive(p: Factor, t: Factor) -> bool:
    """Flows add up over days; counts of people (日活, 月活) and prices do not."""
    return not p.measure.startswith(("count:person", "time:"))


def _period_factor(finer: str | None, coarser: str, days: tuple[Decimal, Decimal] | None = None) -> Interval | None:
    """How many ``finer`` periods make one ``coarser`` (or ``days``: a span's days, low and high)."""
    if finer is None:
        return None
    lo, hi = days if days is not None else DAYS[coarser]
    flo, fhi = DAYS[finer]
    if flo > hi:
        return None
    return Interval(lo / fhi, hi / flo)


def _span_days(a, t: Factor) -> int | None:
    """The days of a span its sentence dates before the figure (11月11日至16日: 6, both counted)."""
    text = a.nt.text
    dates = [q for q in a.quantities if q.kind == "date" and q.nend <= t.q.nstart
             and t.q.nstart - q.nend < 80 and "。" not in text[q.nend:t.q.nstart]]
    for x, y in zip(dates, dates[1:]):
        if text[x.nend:y.nstart].strip() in SPAN_WORDS:
            return _days_between(x, y)
    return None


def _days_between(x, y) -> int | None:
    """Both days counted; a bare day (16日) is of the month before it, dates with no year of one year."""
    try:
        if x.date and y.date:
            first, last = date.fromisoformat(x.date), date.fromisoformat(y.date)
        else:
            mx, my = _MONTH_DAY.search(x.text.strip()), _MONTH_DAY.search(y.text.strip())
            if mx is None or my is None or mx.group(1) is None:
                return None
            first = date(2001, int(mx.group(1)), int(mx.group(2)))
            last = date(2001, int(my.group(1) or mx.group(1)), int(my.group(2)))
    except ValueError:  # 2月30日, a date of no day
        return None
    d = (last - first).days + 1
    return d if 1 < d <= 366 else None


def _judge_period(ctx: Context, a, p: Factor, t: Factor, factor: Interval | None, one: bool) -> Iterator[Finding]:
    if factor is None:
        return
    prod = _times(_strict(p), factor)
    if prod.widen(ctx.rel).overlaps(strict(t.q).widen(ctx.rel)):
        return
    if _times(loose(p.q, ctx.approx), factor).widen(ctx.rel).overlaps(loose(t.q, ctx.approx).widen(ctx.rel)):
        return
    severity = "error" if one and _exact(p, t) else "warning"
    over = t.period or "span of days"
    message = (f"{p.q.text} per {p.period} over a {over} ({_shown(factor)} {p.period}s) = {_shown(prod, t.q)}, "
               f"not {t.q.text} (an average per period times the periods should make the total)")
    yield _finding(a, severity, (p, t), message)


# --- shared ------------------------------------------------------------------------------------

def _times(x: Interval, y: Interval) -> Interval:
    """x × y for intervals of positive figures (an open end stays open)."""
    lo = x.low * y.low if x.low > 0 and y.low > 0 else Decimal(0)
    hi = INF if INF in (x.high, y.high) else x.high * y.high
    return Interval(lo, hi)


def _gap(x: Interval, y: Interval) -> Decimal:
    """How many times apart two intervals are at their nearest ends (1: they touch)."""
    if x.low > y.high:
        return x.low / y.high if y.high > 0 else INF
    if y.low > x.high:
        return y.low / x.high if x.high > 0 else INF
    return Decimal(1)


def _strict(f: Factor) -> Interval:
    """A figure's interval; a whole count written in digits alone (4局, 137272平方米) is exact."""
    q = f.q
    if (f.measure.startswith("count:") and q.qualifier == "exact" and not q.approximate
            and q.value == q.value.to_integral_value() and q.text.strip()[:1].isdigit()
            and not any(ch in q.text for ch in "十百千万亿.")):
        return Interval(q.value, q.value)
    return strict(q)


def _exact(*fs: Factor) -> bool:
    return all(f.q.qualifier == "exact" and not f.q.approximate for f in fs)


def _shown(iv: Interval, like=None, unit: str | None = None) -> str:
    """A computed interval in the scale and unit of ``like`` (the total it is compared with), else
    in 万/亿 and the word of ``unit``."""
    unit = like.unit if like is not None else unit
    if iv.high == INF:
        return f"≥ {amount(iv.low, unit, like)}"
    if iv.high - iv.low <= abs(iv.high) * Decimal("0.01"):
        return amount((iv.low + iv.high) / 2, unit, like)
    return span(iv.low, iv.high, unit, like)


def _finding(a, severity: str, fs: tuple[Factor, ...], message: str) -> Finding:
    loc = tuple(a.location(f.q.start, f.q.end, f.q) for f in fs)
    values = ",".join(str(f.q.value) for f in fs)
    return Finding(CODE, SLUG, severity, message, loc, (("values", values),), (a.doc.ident,))
