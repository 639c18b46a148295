"""AU100 value-conflict: one fact stated with values that cannot both be true.

Rule: claims with the same (entity, metric, segment, period, basis) — across documents or within one —
whose intervals do not overlap after the relative tolerance are in conflict. Claims without a
period are compared only for timeless metrics (a model's parameter count), since "营收" without a
year may be any year's. Severity: error when they disagree under every reading; warning when one
side is approximate or a class figure (70亿级), or when reading trailing zeros as rounding would
reconcile them. A stated difference (少了4000万台) is not a value of the fact and is left out, and
only claims whose entity, metric and period are read from their own sentence are compared: a
subject carried from context is good enough to list a claim, not to accuse it. A fiscal period of
a company whose year is not the calendar year is compared with the calendar period of the same
months (FY2019-Q1 of a September year end with 2018-Q4), never with another.
"""
from __future__ import annotations

from audit.context import Context, comparable
from audit.intervals import fmt, relative_gap
from audit.quantities.periods import canonical, months

from ._base import distinct, finding, pct

CODE = "AU100"
SLUG = "value-conflict"
SEVERITY = "error when the values disagree under every reading; warning when a side is approximate or a class figure, or rounding of trailing zeros reconciles them"

BAD = "2023年华为营收为7042亿元。另据年报,2023年华为营收为7842亿元。"
GOOD = "2023年华为营收为7042亿元。另据年报,2023年华为营收为7041.7亿元。"


def same_sentence(a, b) -> bool:
    return a.doc == b.doc and a.stop == b.stop


def check(ctx: Context):
    for key, group in ctx.by_key.items():
        if len(group) < 2:
            continue
        metric = ctx.lex.metrics.get(key[1])
        if key[3] is None and not (metric and metric.timeless):
            continue
        yield from _conflicts(ctx, group, bool(metric and metric.timeless))
    yield from _fiscal_vs_calendar(ctx)


def _fiscal_vs_calendar(ctx: Context):
    """A fiscal period's claims against the calendar period of the same months (Apple's FY2019-Q1
    and 2018-Q4: October to December): the same fact, compared through the months."""
    for key, group in ctx.by_key.items():
        span = months(group[0].months) if group[0].months else None
        if span is None:
            continue
        calendar = ctx.by_key.get((*key[:3], canonical(span.first, span.last), key[4]))
        if calendar:
            yield from _conflicts(ctx, [*group, *calendar], False, across=True)


def _conflicts(ctx: Context, group, timeless: bool, across: bool = False):
    """The pairs of ``group`` whose values conflict (``across``: only a fiscal claim against a
    calendar one)."""
    values = distinct([c for c in group if c.strong(timeless)
                       and not (c.relations and any(r == "difference" for r, _ in c.relations))])
    seen: set[tuple[str, str]] = set()
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            if not comparable(a.quantity, b.quantity) or (a.quote, b.quote) in seen:
                continue
            if same_sentence(a, b) or (across and a.period == b.period):
                continue  # two values of one key in one sentence are a breakdown or a change
            severity = ctx.compare(a.quantity, b.quantity)
            if severity is None:
                continue
            seen.add((a.quote, b.quote))
            gap = relative_gap(a.quantity.value, b.quantity.value)
            why = []
            for c in (a, b):
                if c.quantity.qualifier == "class":
                    why.append(f"{c.quote} is a class figure")
                elif c.quantity.approximate:
                    why.append(f"{c.quote} is approximate")
            message = (f"{b.quote} vs {a.quote}: {fmt(b.quantity.value)} vs {fmt(a.quantity.value)}, "
                       f"{pct(gap)} apart, beyond {pct(ctx.rel)} tolerance" + ("; " + "; ".join(why) if why else ""))
            yield finding(ctx, CODE, SLUG, severity, message, (a, b), {"gap": f"{float(gap):.4f}"})
