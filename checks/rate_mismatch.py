"""AU220 rate-mismatch: a per-period rate that does not match its aggregate.

Rule: claims of one entity and one measure stated per different periods (月收入 per month,
年化收入 per year; the metrics lexicon says which, or the figure's own unit: 10万元/月) in one
document must agree once converted through the pint registry (audit/units.py): monthly x 12
against annual, read as intervals (超过8万元/月 is 8万.. and open above); amounts in two
currencies are never compared.
Severity per the interval readings.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from audit.context import Context
from audit.intervals import loose, strict
from audit.report.written import amount, figure, per_word, significant
from audit.units import factor

from ._base import by_evidence, distinct, finding

CODE = "AU220"
SLUG = "rate-mismatch"
SCOPE = "document"  # compares claims of one document: runs where the document is read
SEVERITY = "error when no reading agrees after conversion; warning when only a looser reading does"

BAD = "不少主播在抖音直播带货,个人月收入超过8万元,年化收入约为60万元。"
GOOD = "不少主播在抖音直播带货,个人月收入超过8万元,年化收入约为120万元。"

def _rate(unit: str | None, per: str | None) -> str | None:
    """The figure's unit as a rate: its own (10万元/月: CNY/month), else the metric's period
    (月收入 10万元: CNY/month); None when it is no rate."""
    if unit is not None and "/" in unit:
        return unit
    return f"{unit or '1'}/{per}" if per else None


def check(ctx: Context):
    groups = defaultdict(list)
    for c in ctx.claims:
        m = ctx.lex.metrics.get(c.metric or "")
        if m is not None and m.measure and c.quantity is not None:
            rate = _rate(c.quantity.unit, m.per)
            if rate is not None:
                groups[(c.doc, c.entity, m.measure)].append((c, rate))
    for group in groups.values():
        kept = {id(c) for c in distinct(c for c, _ in group)}
        group = [(c, r) for c, r in group if id(c) in kept]
        for i, (a, ra) in enumerate(group):
            for b, rb in group[i + 1:]:
                k = factor(ra, rb) if ra != rb else None
                if k is None:
                    continue  # one period, or two things that do not convert (元 and 美元)
                if k < 1:
                    (a, ra), (b, rb) = (b, rb), (a, ra)  # a: the finer period (month)
                    k = factor(ra, rb)
                yield from _compare(ctx, a, ra, b, rb, k)


def _compare(ctx: Context, a, ra: str, b, rb: str, k: Decimal):
    """A finding when ``a`` (per its finer period) times ``k`` misses ``b``."""
    implied = strict(a.quantity).scale(k)
    if implied.widen(ctx.rel).overlaps(strict(b.quantity).widen(ctx.rel)):
        return
    severity = ("warning" if loose(a.quantity, ctx.approx).scale(k).overlaps(loose(b.quantity, ctx.approx))
                else "error")
    op = ">" if implied.low > strict(b.quantity).high else "<"
    lead = "≥ " if a.quantity.qualifier == "over" else ""
    shown = f"{float(k):.6g}"
    message = (f"{_per_figure(a, ra)} x {significant(k)} = {lead}"
               f"{amount(a.quantity.value * k, b.quantity.unit, b.quantity)} {op} {_per_figure(b, rb)} "
               f"({a.quote} vs {b.quote})")
    severity = by_evidence(severity, (a, b), ctx.lex, sentence=a.stop == b.stop)
    yield finding(ctx, CODE, SLUG, severity, message, (a, b), {"factor": shown})


def _per_figure(c, rate: str) -> str:
    """The figure as written, per its period: 10萬元/月 (as written), 100萬元/年 (年化100萬元)."""
    shown = figure(c.quantity)
    return shown if "/" in shown else f"{shown}/{per_word(rate.rsplit('/', 1)[-1])}"
