"""AU100 value-conflict: one fact stated with values that cannot both be true.

Rule: claims with the same (entity, metric, segment, period, basis) — across documents or within one —
whose intervals do not overlap after the relative tolerance are in conflict. Claims without a
period are compared only for timeless metrics (a model's parameter count), since "营收" without a
year may be any year's; a period whose year no one gave (第三季度 of an undated article, ``????-Q3``)
is compared within its document only. Severity: error when they disagree under every reading; warning when one
side is approximate or a class figure (70亿级), or when reading trailing zeros as rounding would
reconcile them. A stated difference (少了4000万台), a change in units (下跌0.42美元) and the value a move starts from
(从56美元提升至75美元) are not values of the fact at its period and are left out. A key
is one finding, not one per pair: each distinct value with every place stating it, the outliers
measured against the value most places state (2,000 articles with one fact gave 830,000 findings
one per pair). A conflict resting on a claim whose entity, metric or period is carried from
context, or whose entity is inferred (the document's main company), is a note (info): good enough to list, not
to accuse (checks/_evidence.py). A fiscal period of
a company whose year is not the calendar year is compared with the calendar period of the same
months (FY2019-Q1 of a September year end with 2018-Q4), never with another. A change is a fact
of its own: the changes one key states (净利润同比下降12.5%, stated alone or with its value) are
compared like values, within their rounding, each change with those of its basis (同比 or 环比)
and direction only, never with a value of the metric; a change of no basis word may be measured
from any base and is compared with none; and a change only within its document (two articles
may measure it in two currencies).
"""
from __future__ import annotations

from operator import attrgetter

from audit.context import Context, comparable, group_by, index
from audit.intervals import relative_gap
from audit.quantities.periods import canonical, dated, months
from audit.report.written import figure

from ._base import as_change, by_evidence, finding, pct, worst

CODE = "AU100"
SLUG = "value-conflict"
SEVERITY = ("error when the values disagree under every reading; warning when a side is approximate or a class "
            "figure, or rounding of trailing zeros reconciles them; info when a claim's key is carried from context "
            "or its entity inferred (checks/_evidence.py)")

BAD = "2023年华为营收为7042亿元。另据年报,2023年华为营收为7842亿元。"
GOOD = "2023年华为营收为7042亿元。另据年报,2023年华为营收为7041.7亿元。"


def same_sentence(a, b) -> bool:
    return a.doc == b.doc and a.stop == b.stop


GROUP = "entity"  # a fiscal period is compared with the calendar one of the same months: two keys of one entity


def check_group(ctx: Context, claims):
    # the value a move starts from (从56美元提升至75美元) and a change in units (下跌0.42美元) are
    # not values of the fact at its period
    moved = {o for c in claims for r, o in c.relations if r in ("from", "by")}
    by_key = index(c for c in claims if c.id not in moved and not c.rate_only)
    changes = [as_change(c) for c in filter(_change_of, claims)]  # the changes stated, with a value or without
    for key, group in (by_key | _by_change(changes)).items() if len(changes) > 1 else by_key.items():
        if len(group) < 2:
            continue
        metric = ctx.lex.metrics.get(key[1])
        if key[3] is None and not (metric and metric.timeless):
            continue
        # a period of no known year (第三季度 of an undated article) is one period in one document only
        for one in ([group] if key[3] is None or dated(key[3]) else group_by(group, attrgetter("doc")).values()):
            if len(one) > 1:
                yield from _conflicts(ctx, one, bool(metric and metric.timeless))
    yield from _fiscal_vs_calendar(ctx, by_key)


_change_of = attrgetter("change")


def _by_change(changes) -> dict:
    """The changes by key (its metric the change metric: no value of the metric is among them)
    and by what they measure: 同比 (yoy) and 环比 (qoq), a rise and a fall, are never one fact.
    A change of no basis word read (增长21%, 与上一季度相比增长29%) may be measured from any
    base, another period's or another figure's, so it is compared with none; and a change is
    compared within its document only: two articles may measure one change in two currencies
    (按美元计算) or from two bases without saying so."""
    out: dict = {}
    for c in changes:
        if c.entity and c.metric and c.change.basis is not None:
            out.setdefault((*c.key, c.change.basis, c.change.direction, c.doc), []).append(c)
    return out


def _fiscal_vs_calendar(ctx: Context, by_key: dict):
    """A fiscal period's claims against the calendar period of the same months (Apple's FY2019-Q1
    and 2018-Q4: October to December): the same fact, compared through the months."""
    for key, group in by_key.items():
        span = months(group[0].months) if group[0].months else None
        if span is None:
            continue
        calendar = by_key.get((*key[:3], canonical(span.first, span.last), key[4]))
        if calendar:
            yield from _conflicts(ctx, [*group, *calendar], False, across=True)


def _conflicts(ctx: Context, group, timeless: bool, across: bool = False):
    """One finding for the values of ``group`` that conflict (``across``: only a fiscal claim
    against a calendar one): each distinct value with every place that states it, the outliers
    measured against the value most places state (the first stated on a tie)."""
    places = _places([c for c in group if not any(r == "difference" for r, _ in c.relations)])
    if len(places) < 2:
        return
    ref = max(places, key=lambda v: len(places[v]))
    ref_claims = places[ref]
    outliers, severities = [], []
    for value, claims in places.items():
        severity = None if value == ref else _against(ctx, ref_claims, claims, timeless, across)
        if severity is not None:
            outliers.append(claims)
            severities.append(severity)
    if not outliers:
        return
    yield _finding(ctx, ref_claims, outliers, worst(severities))


def _places(claims) -> dict:
    """The claims stating each distinct value (unit, interval, qualifier), in order of first statement."""
    out: dict = {}
    for c in claims:
        q = c.quantity
        out.setdefault((q.unit, q.low, q.high, q.qualifier), []).append(c)
    return out


def _against(ctx: Context, ref_claims, claims, timeless: bool, across: bool) -> str | None:
    """The severity of a value's disagreement with the reference value: None when they agree or
    every pair is one sentence (a breakdown or a change) or, ``across``, of one period; else capped
    by the evidence of the best pair (two claims read from their own sentences when there is one)."""
    a, b = ref_claims[0].quantity, claims[0].quantity
    if not comparable(a, b):
        return None
    severity = ctx.compare(a, b)
    if severity is None:
        return None
    strong = [x for x in ref_claims if x.strong(timeless)], [y for y in claims if y.strong(timeless)]
    pair = _apart(*strong, across) or _apart(ref_claims, claims, across)
    return by_evidence(severity, pair, ctx.lex, timeless=timeless) if pair else None


def _apart(xs, ys, across: bool) -> tuple | None:
    """The first pair of ``xs`` and ``ys`` in two sentences (``across``: of two periods)."""
    return next(((x, y) for x in xs for y in ys
                 if not same_sentence(x, y) and not (across and x.period == y.period)), None)


def _finding(ctx: Context, ref_claims, outliers, severity: str):
    ref = ref_claims[0]
    shown = [ref_claims] + outliers
    gaps = [relative_gap(ref.quantity.value, claims[0].quantity.value) for claims in outliers]
    why = sorted({f"{c.quote} is a class figure" if c.quantity.qualifier == "class" else f"{c.quote} is approximate"
                  for claims in shown for c in claims[:1]
                  if c.quantity.qualifier == "class" or c.quantity.approximate})
    stated = "; ".join(f"{claims[0].quote} ({len(claims)}x)" if len(claims) > 1 else claims[0].quote
                       for claims in shown)
    lead = f"{len(ref_claims)} places state {ref.quote}; " if len(ref_claims) > 1 and len(outliers) else ""
    message = (f"{lead}{len(shown)} distinct values: {stated}; up to {pct(max(gaps))} apart from "
               f"{figure(ref.quantity)}, beyond {pct(ctx.rel)} tolerance" + ("; " + "; ".join(why) if why else ""))
    claims = [c for group in shown for c in group]
    return finding(ctx, CODE, SLUG, severity, message, claims, {"gap": f"{float(max(gaps)):.4f}"}, once=True)
