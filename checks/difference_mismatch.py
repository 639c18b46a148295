"""AU210 difference-mismatch: a stated difference that is not the difference of its two values.

Rule: a figure stated as a difference (少了4000万台, 减少了, 多了) is compared with the difference of
the two values of the same entity and metric stated just before it in the document:
"6110万 − 5430万 = 少了680万" holds within rounding, "少了1200万" does not.
Severity per the interval readings.
"""
from __future__ import annotations

from operator import attrgetter

from audit.context import Context
from audit.intervals import loose, strict
from audit.report.written import amount, figure, span

from ._base import by_evidence, finding
from ._local import Related, severity

CODE = "AU210"
SLUG = "difference-mismatch"
SEVERITY = "error when no reading of the three figures agrees; warning when only a looser reading does"
SCOPE = "document"  # compares claims of one document: runs where the document is read

BAD = "2023年荣耀手机出货量为5430万台,而2022年这个数字是6110万台,荣耀手机出货量少了1200万台。"
GOOD = "2023年荣耀手机出货量为5430万台,而2022年这个数字是6110万台,荣耀手机出货量少了680万台。"


_relations = attrgetter("relations")
LOCAL = ("from", "by", "part-of", "difference-of")  # relations that leave a value a plain one


def check(ctx: Context):
    related = Related(ctx.claims)
    for doc_claims in ctx.by_doc.values():
        if not any(map(_relations, doc_claims)):
            continue  # no claim of the document is related to another: no difference is stated
        for d in doc_claims:
            if any(r == "difference-of" for r, _ in d.relations):
                yield from _stated(ctx, d, related(d, "difference-of"))
        last: dict[tuple, tuple] = {}  # (entity, metric, unit) -> the last two plain values so far
        for d in doc_claims:
            if d.quantity is None:
                continue
            k = (d.entity, d.metric, d.quantity.unit)
            if not [r for r, _ in d.relations if r not in LOCAL]:  # a plain value, or one related in its sentence
                prev = last.get(k)
                last[k] = (prev[-1], d) if prev else (d,)
                continue
            if not any(r == "difference" for r, _ in d.relations):
                continue
            before = last.get(k, ())
            if len(before) < 2:
                continue
            a, b = before
            diff = strict(a.quantity) - strict(b.quantity)
            diff = diff if diff.high >= 0 else diff.scale(-1)
            stated = strict(d.quantity).widen(ctx.rel)
            if diff.overlaps(stated):
                continue
            ld = loose(a.quantity, ctx.approx) - loose(b.quantity, ctx.approx)
            ld = ld if ld.high >= 0 else ld.scale(-1)
            severity = "warning" if ld.overlaps(stated) else "error"
            unit, like = d.quantity.unit, d.quantity
            message = (f"|{figure(a.quantity)} - {figure(b.quantity)}| = "
                       f"{amount(abs(a.quantity.value - b.quantity.value), unit, like)} "
                       f"({span(diff.low, diff.high, unit, like)} with rounding), stated {d.quote}")
            severity = by_evidence(severity, (d, a, b), ctx.lex, sentence=a.stop == b.stop == d.stop)
            yield finding(ctx, CODE, SLUG, severity, message, (d, a, b), {})


def _stated(ctx: Context, d, of):
    """A difference its sentence states of the two values before it (A…B…相差D), whatever they
    measure (audit.claims.arithmetic)."""
    if len(of) != 2 or d.quantity is None:
        return
    a, b = of
    stated = strict(d.quantity).widen(ctx.rel)
    diff = strict(a.quantity) - strict(b.quantity)
    diff = diff if diff.high >= 0 else diff.scale(-1)
    if diff.overlaps(stated):
        return
    ld = loose(a.quantity, ctx.approx) - loose(b.quantity, ctx.approx)
    ld = ld if ld.high >= 0 else ld.scale(-1)
    sev = severity((d, a, b), ld.overlaps(loose(d.quantity, ctx.approx)))
    if sev is not None:
        unit, like = d.quantity.unit, d.quantity
        message = (f"|{figure(a.quantity)} - {figure(b.quantity)}| = "
                   f"{amount(abs(a.quantity.value - b.quantity.value), unit, like)} "
                   f"({span(diff.low, diff.high, unit, like)} with rounding), stated {d.quote}")
        yield finding(ctx, CODE, SLUG, sev, message, (d, a, b), {})
