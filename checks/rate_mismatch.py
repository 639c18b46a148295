"""AU220 rate-mismatch: a per-period rate that does not match its aggregate.

Rule: claims of one entity and one measure stated per different periods (月收入 per month,
年化收入 per year; the metrics lexicon says which) in one document must agree once converted:
monthly x 12 against annual, read as intervals (超过8万元/月 is 8万.. and open above).
Severity per the interval readings.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from audit.engine import Context
from audit.intervals import fmt, loose, strict

from ._base import distinct, finding

CODE = "AU220"
SLUG = "rate-mismatch"
SCOPE = "document"  # compares claims of one document: runs where the document is read
SEVERITY = "error when no reading agrees after conversion; warning when only a looser reading does"

BAD = "不少主播在抖音直播带货,个人月收入超过8万元,年化收入约为60万元。"
GOOD = "不少主播在抖音直播带货,个人月收入超过8万元,年化收入约为120万元。"

PER_YEAR = {"year": Decimal(1), "month": Decimal(12), "week": Decimal(52), "day": Decimal(365)}


def check(ctx: Context):
    groups = defaultdict(list)
    for c in ctx.claims:
        m = ctx.lex.metrics.get(c.metric or "")
        if m is not None and m.measure and m.per in PER_YEAR and c.quantity is not None:
            groups[(c.doc, c.entity, m.measure, c.quantity.unit)].append((c, m))
    for group in groups.values():
        kept = {id(c) for c in distinct(c for c, _ in group)}
        group = [(c, m) for c, m in group if id(c) in kept]
        for i, (a, ma) in enumerate(group):
            for b, mb in group[i + 1:]:
                if ma.per == mb.per:
                    continue
                if PER_YEAR[ma.per] < PER_YEAR[mb.per]:
                    (a, ma), (b, mb) = (b, mb), (a, ma)  # a: the finer period (month), b: the coarser
                k = PER_YEAR[ma.per] / PER_YEAR[mb.per]
                implied = strict(a.quantity).scale(k)
                if implied.widen(ctx.rel).overlaps(strict(b.quantity).widen(ctx.rel)):
                    continue
                severity = ("warning" if loose(a.quantity, ctx.approx).scale(k).overlaps(loose(b.quantity, ctx.approx))
                            else "error")
                op = ">" if implied.low > strict(b.quantity).high else "<"
                lead = "≥ " if a.quantity.qualifier == "over" else ""
                message = (f"{fmt(a.quantity.value)}/{ma.per} x {k} = {lead}{fmt(a.quantity.value * k)} "
                           f"{op} {fmt(b.quantity.value)}/{mb.per} ({a.quote} vs {b.quote})")
                yield finding(ctx, CODE, SLUG, severity, message, (a, b), {"factor": str(k)})
