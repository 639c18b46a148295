"""AU110 label-conflict: one figure reported under two metrics that are easily confused.

Rule: when a document states the same value (equal within rounding) for one entity, segment and
period under two metrics that the lexicon marks ``confusable_with`` each other — 净利润 and
经调整净利润, 营收 and 经营利润, 估值 and 融资额 — one of the labels is probably wrong. A claim
with no period pairs with one of any period (or none) when the value is distinctive (three significant
digits or more: 9410万, not 1亿), for then the figure itself says it is one fact; its period is
no part of the evidence. A change is a figure too: one rate of change (净利润同比增长36.59%) for one
entity, segment and period under two confusable metrics, of one basis and direction, one side
at least stated with no value (two values with their changes are paired by their values), is one
change under two labels when the rate is distinctive (two changes of
round rates, 增长20%, agree by coincidence too often). Severity: warning (both may be true by coincidence).
"""
from __future__ import annotations

from collections import defaultdict

from audit.claims.lexicons import confusable_metrics
from audit.claims.model import changed_metric, strong_metric
from audit.context import Context, comparable
from audit.report.written import figure

from ._base import as_change, by_evidence, distinct, finding

CODE = "AU110"
SLUG = "label-conflict"
SCOPE = "document"  # compares claims of one document: runs where the document is read
SEVERITY = "warning: the same figure under two confusable metrics may be a coincidence"

BAD = "2023年腾讯净利润为1152.16亿元。2023年腾讯经调整净利润为1152亿元。"
DISTINCT_DIGITS = 3  # significant digits that make a value distinctive
GOOD = "2023年腾讯净利润为1152亿元。2023年腾讯经调整净利润为1576亿元。"


def check(ctx: Context):
    # Only claims of a metric that is confusable with another, or that another is confusable
    # with, can make a pair: the rest are left out before grouping.
    metrics = ctx.lex.metrics
    paired = confusable_metrics(ctx.lex)
    groups, changes = defaultdict(list), defaultdict(list)
    for c in ctx.claims:
        if not c.entity or c.quantity is None or c.relations:
            continue
        if c.metric in paired:
            groups[(c.doc, c.entity, c.segment)].append(c)
        if c.change is not None and (changed_metric(c.metric) or c.metric) in paired:
            changes[(c.doc, c.entity, c.segment, c.change.basis, c.change.direction)].append(c)
    yield from _changes(ctx, changes.values())
    for group in groups.values():
        present = {c.metric for c in group}
        if len(group) < 2 or not any(not present.isdisjoint(metrics[m].confusable_with) for m in present):
            continue  # no two of its metrics are confusable
        group = distinct(group)
        for i, a in enumerate(group):
            confusable = metrics[a.metric].confusable_with
            for b in group[i + 1:]:
                if (b.metric in confusable or a.metric in metrics[b.metric].confusable_with) \
                        and comparable(a.quantity, b.quantity) and _same(ctx, a.quantity, b.quantity):
                    yield from _pair(ctx, a, b)


def _changes(ctx: Context, groups):
    """Each distinctive rate of change stated under two confusable metrics (of one entity, segment,
    basis and direction) in one period, or with no period on one side; one side at least a change
    of no value (two values with their changes are paired by their values)."""
    metrics = ctx.lex.metrics
    for group in groups:
        if all(not c.rate_only for c in group):
            continue
        seen: dict = {}  # one change per metric and distinct rate, a change of no value if any
        for c in group:
            v = as_change(c)
            if _distinctive(v):
                q = v.quantity
                k = (v.metric, q.unit, q.low, q.high, q.qualifier)
                seen[k] = (seen[k][0], seen[k][1] or c.rate_only) if k in seen else (v, c.rate_only)
        items = list(seen.values())
        for i, (a, lone_a) in enumerate(items):
            ma = metrics[changed_metric(a.metric)]
            for b, lone_b in items[i + 1:]:
                mb = metrics[changed_metric(b.metric)]
                if (lone_a or lone_b) and (mb.id in ma.confusable_with or ma.id in mb.confusable_with) \
                        and comparable(a.quantity, b.quantity) and _same(ctx, a.quantity, b.quantity):
                    yield from _pair(ctx, a, b)


def _pair(ctx: Context, a, b):
    timeless = a.period is None or b.period is None
    if (a.period != b.period and not timeless) or (timeless and not (_distinctive(a) and _distinctive(b))):
        return
    if not (_labelled(a, timeless) and _labelled(b, timeless)):
        return
    message = (f"{a.quote} ({a.metric}) and {b.quote} ({b.metric}) are one figure, "
               f"{figure(a.quantity)} ≈ {figure(b.quantity)}, under two confusable metrics")
    # one distinctive figure ties the two claims as one sentence would: their labels are accused,
    # not their entity (carried or inferred), so only units and natures cap the severity
    yield finding(ctx, CODE, SLUG, by_evidence("warning", (a, b), ctx.lex, timeless=timeless, sentence=True), message, (a, b),
                  {"metrics": f"{a.metric}/{b.metric}"})


def _labelled(c, timeless: bool) -> bool:
    """Its key read from its own sentence; or, when a claim is of no period and the figure is
    distinctive, its metric read from its own clause (the label is what is accused): the figure then
    ties the two claims as one fact whoever it belongs to, and its entity may be carried."""
    return c.strong(timeless) or (timeless and strong_metric(c.evidence))


def _same(ctx: Context, a, b) -> bool:
    """Equal within rounding, and their stated figures close: two open ends (超过9410万,
    超过3410万) overlap without being one figure."""
    if a.value is None or b.value is None or abs(a.value - b.value) > ctx.rel * max(abs(a.value), abs(b.value)):
        return False  # the cheap test first: most pairs of a group are far apart
    return ctx.compare(a, b) is None


def _distinctive(c) -> bool:
    v = c.quantity.value
    return v is not None and v != 0 and len(v.normalize().as_tuple().digits) >= DISTINCT_DIGITS
