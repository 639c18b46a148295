"""AU200 growth-mismatch: a stated change that the two stated values do not give.

Rule: a claim that states its value and its change on the previous period (同比增长X%) is checked
against the value of that previous period, wherever in the corpus it is stated for the same
entity, metric and segment: (current / previous - 1) must fall in the stated change, all three
read as intervals. Severity per the interval readings (error unless a looser reading reconciles).
A change on a previous value that may be zero or negative is not checked (it is no percentage).
A rise by a multiple (同比增长近60倍) is read as the ratio of the multiple or of one more (x60 or
x61: writers use both).
The claims' keys must be read from their own sentences, unless one list of one sentence states
both values (2016年和2017年…分别为A和B，同比分别增长a%和b%): the list ties them.
A change with no basis word of a figure dated to the day (10月29日收盘价为119.64美元,下跌4.13%)
is one on the previous close: the value of the same key dated last before it, at most
``DAYS_BEFORE`` days before and in the same document, when the document states one value there.
"""
from __future__ import annotations

from decimal import Decimal
from operator import attrgetter

from audit.context import Context, index
from audit.intervals import Interval, loose, strict
from audit.quantities.periods import day_number, previous_quarter, previous_year
from audit.report.written import figure, percent

from ._base import by_evidence, change_location, finding
from ._local import Related, severity

CODE = "AU200"
SLUG = "growth-mismatch"
SEVERITY = "error when no reading of the three figures agrees; warning when only a looser reading does"

BAD = "2021年华为营收为6368亿元。2022年华为营收为6423亿元,同比增长9.6%。"
GOOD = "2021年华为营收为6368亿元。2022年华为营收为6423亿元,同比增长0.9%。"

DAYS_BEFORE = 5  # a weekend and a holiday between two trading days


def _day_before(by_key: dict, c) -> list:
    """The value of ``c``'s key on the day before it in its document (see the module's rule), as a
    list of one claim, or []."""
    day = day_number(c.period) if c.change.basis is None else None
    if day is None:
        return []
    best: dict[int, list] = {}
    for (e, m, seg, per, b), group in by_key.items():
        d = day_number(per) if (e, m, seg, b) == (c.entity, c.metric, c.segment, c.basis) else None
        if d is not None and 0 < day - d <= DAYS_BEFORE and per[:4] == c.period[:4]:
            best.setdefault(d, []).extend(p for p in group if p.doc == c.doc)
    values = best[max(best)] if best else []
    return values if len({(p.quantity.low, p.quantity.high) for p in values}) == 1 else []


LIST_GAP = 2  # characters between two values of one list (、, 和, 以及)


def _listed(p, c) -> bool:
    """Are the two values next to each other in one list of one sentence (分别为2.68亿元和3.72亿元)?
    The list ties them; two values of one sentence apart (营收为A，与上一财季的B相比) may be of
    other periods or products."""
    return p.doc == c.doc and p.stop == c.stop and 0 < c.quantity.nstart - p.quantity.nend <= LIST_GAP


def _in_sentence(claims, c, key: tuple) -> list:
    """The claims of ``key`` in ``c``'s sentence: the previous period stated beside it when no
    entity is read (the key index holds claims with an entity only)."""
    if c.entity is not None:
        return []
    return [p for p in claims if p.stop == c.stop and p.doc == c.doc and p.key == key and p.quantity is not None]


def previous(period: str | None, basis: str | None) -> str | None:
    """The period a change of ``basis`` (yoy, qoq) is measured from (audit.quantities.periods)."""
    return previous_quarter(period) if basis == "qoq" else previous_year(period)


def _growth(cur: Interval, prev: Interval) -> Interval | None:
    """The change in % from ``prev`` to ``cur``; None when it means nothing: a change on a base
    that may be zero or negative (亏损 to 盈利) is not a percentage of it. Open ends follow
    audit.intervals: two open-ended figures give an unbounded change, which no stated change
    contradicts, so the check stays silent."""
    if prev.low <= 0:
        return None
    ratio = cur.divide(prev)
    return None if ratio is None else Interval((ratio.low - 1) * 100, (ratio.high - 1) * 100)


_change_of = attrgetter("change")


GROUP = "entity"  # a change is measured against another period of the same entity


def check_group(ctx: Context, claims):
    by_key = None
    related = Related(claims)
    for c in filter(_change_of, claims):  # the few claims that state a change, picked in C
        if "relation:growth" in c.evidence and any(r in ("from", "by") for r, _ in c.relations):
            yield from _stated_base(ctx, c, related)
            continue
        stated = _stated(c.change, ctx.rel)
        if c.quantity is None or stated is None or c.period is None or c.rate_only:  # no value to measure
            continue
        # the same basis: a growth is never computed between a guidance or consensus and an actual
        prev_key = (c.entity, c.metric, c.segment, previous(c.period, c.change.basis or "yoy"), c.basis)
        by_key = index(claims) if by_key is None else by_key  # made only for a group that states a change
        for p in by_key.get(prev_key, ()) or _day_before(by_key, c) or _in_sentence(claims, c, prev_key):
            listed = _listed(p, c)  # 分别为A和B，同比分别增长a%和b%
            if p.quantity.unit != c.quantity.unit or not (listed or (c.strong() and p.strong())):
                continue
            sign = Decimal(1) if c.change.direction == "up" else Decimal(-1)
            implied = _growth(strict(c.quantity), strict(p.quantity))
            if implied is None or implied.overlaps(stated):
                continue
            lo = _growth(loose(c.quantity, ctx.approx), loose(p.quantity, ctx.approx))
            severity = "warning" if lo is not None and lo.overlaps(_stated(c.change, ctx.approx)) else "error"
            mid = (c.quantity.value / p.quantity.value - 1) * 100
            message = (f"{figure(c.quantity)} / {figure(p.quantity)} - 1 = "
                       f"{'+' if mid >= 0 else ''}{percent(mid / 100)}, "
                       f"stated {'+' if sign > 0 else '-'}{c.change.quantity.text}")
            yield finding(ctx, CODE, SLUG, by_evidence(severity, (c, p), ctx.lex, sentence=listed), message, (c, p),
                          {"implied": f"{float(mid):.2f}"}, also=change_location(c))
            break


def _stated(change, tolerance: Decimal) -> Interval | None:
    """The change in % a stated change allows, widened by ``tolerance``: a percentage signed by its
    verb; a rise by a multiple (增长近60倍) is a ratio of the multiple itself or of one more (增长3倍
    is read as x3 or as x4), so from (N - 1) x 100% to N x 100%; None for anything else (下降3倍)."""
    q = change.quantity
    if q.unit == "percent":
        return strict(q).scale(Decimal(1) if change.direction == "up" else Decimal(-1)).widen(tolerance)
    if q.kind == "multiple" and change.direction == "up":
        times = strict(q).widen(tolerance)
        return Interval((times.low - 1) * 100, times.high * 100)
    return None


def _stated_base(ctx: Context, c, related):
    """A change whose base its sentence states (从A增长R%至B: ("from", A)) or gives by the change
    in units (收报L点,跌D点,跌幅R%: ("by", D), the base L + D), whatever the figures measure."""
    by = related(c, "by")
    base = (related(c, "from") or by)[:1]
    if not base or c.change.quantity.unit != "percent" or base[0].quantity.unit != c.quantity.unit:
        return
    sign = Decimal(1) if c.change.direction == "up" else Decimal(-1)
    stated = _stated(c.change, ctx.rel)

    def implied(read):
        cur, other = read(c.quantity), read(base[0].quantity)
        return _growth(cur, cur - other.scale(sign) if by else other)

    got = implied(strict)
    if got is None or got.overlaps(stated):
        return
    lo = implied(lambda q: loose(q, ctx.approx))
    sev = severity((c, base[0]), lo is None or lo.overlaps(_stated(c.change, ctx.approx)))
    if sev is None:
        return
    v, b = c.quantity.value, base[0].quantity.value
    prev = v - sign * b if by else b
    mid = (v / prev - 1) * 100
    how = (f"({figure(c.quantity)} {'-' if sign > 0 else '+'} {figure(base[0].quantity)})" if by
           else figure(base[0].quantity))
    message = (f"{figure(c.quantity)} / {how} - 1 = {'+' if mid >= 0 else ''}{percent(mid / 100)}, "
               f"stated {'+' if sign > 0 else '-'}{c.change.quantity.text}")
    yield finding(ctx, CODE, SLUG, sev, message, (c, base[0]), {"implied": f"{float(mid):.2f}"},
                  also=change_location(c))
