"""AU110 label-conflict: one figure reported under two metrics that are easily confused.

Rule: when a document states the same value (equal within rounding) for one entity, segment and
period under two metrics that the lexicon marks ``confusable_with`` each other — 净利润 and
经调整净利润, 营收 and 经营利润 — one of the labels is probably wrong. Severity: warning (both
may be true by coincidence).
"""
from __future__ import annotations

from collections import defaultdict

from audit.claims.lexicons import confusable_metrics
from audit.context import Context, comparable
from audit.report.written import figure

from ._base import by_evidence, distinct, finding

CODE = "AU110"
SLUG = "label-conflict"
SCOPE = "document"  # compares claims of one document: runs where the document is read
SEVERITY = "warning: the same figure under two confusable metrics may be a coincidence"

BAD = "2023年腾讯净利润为1152.16亿元。2023年腾讯经调整净利润为1152亿元。"
GOOD = "2023年腾讯净利润为1152亿元。2023年腾讯经调整净利润为1576亿元。"


def check(ctx: Context):
    # Only claims of a metric that is confusable with another, or that another is confusable
    # with, can make a pair: the rest are left out before grouping.
    metrics = ctx.lex.metrics
    paired = confusable_metrics(ctx.lex)
    groups = defaultdict(list)
    for c in ctx.claims:
        if c.metric in paired and c.entity and c.quantity is not None and not c.relations:
            groups[(c.doc, c.entity, c.segment, c.period)].append(c)
    for group in groups.values():
        if len(group) < 2:
            continue
        present = {c.metric for c in group}
        if not any(not present.isdisjoint(metrics[m].confusable_with) for m in present):
            continue  # no two of its metrics are confusable
        group = distinct(group)
        for i, a in enumerate(group):
            confusable = metrics[a.metric].confusable_with
            for b in group[i + 1:]:
                if b.metric in confusable and a.strong() and b.strong() and comparable(a.quantity, b.quantity) \
                        and ctx.compare(a.quantity, b.quantity) is None:
                    message = (f"{a.quote} ({a.metric}) and {b.quote} ({b.metric}) are one figure, "
                               f"{figure(a.quantity)} ≈ {figure(b.quantity)}, under two confusable metrics")
                    yield finding(ctx, CODE, SLUG, by_evidence("warning", (a, b), ctx.lex), message, (a, b), {"metrics": f"{a.metric}/{b.metric}"})
