"""AU270 cumulative-mismatch: spans of one fact that should add up and do not.

Rule: claims of one entity, metric, segment and basis whose periods cover runs of calendar months
(quarters, halves, years, spans such as 前三季度, fiscal periods by their ``months``) are related
when some of them tile another exactly: January–September + October = January–October; H1 + Q3 =
the first nine months; the four quarters = the year; FY − nine months = Q4 (the same sum read the
other way). The parts' sum is computed with interval arithmetic on their stated precision, so a
rounding residue (7043.2亿 from one-decimal parts against 7043.3亿) is consistent. Balances (a
metric with ``stock: true``) are of dates and never summed. Only claims whose key is read from
their own sentence are compared; a key's whole span is one finding, listing every sum that misses
it, not one per combination of its values. Severity: error when no reading agrees; warning when only the
loose reading (trailing zeros as rounding, 约) does.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import islice, product

from audit.context import Context
from audit.intervals import Interval, fmt, loose, strict
from audit.quantities.periods import Months, months
from audit.report import written

from ._base import by_evidence, finding

CODE = "AU270"
SLUG = "cumulative-mismatch"
SEVERITY = "error when the parts' sum and the whole disagree under every reading; warning when only a looser reading agrees"

BAD = ("2018年前三季度比亚迪营收为1487亿元。2018年第四季度比亚迪营收为520亿元。"
       "2018年比亚迪营收为1981亿元。")
GOOD = ("2018年前三季度比亚迪营收为1487亿元。2018年第四季度比亚迪营收为494亿元。"
        "2018年比亚迪营收为1981亿元。")

MAX_PARTS = 4
MAX_VALUES = 3  # distinct values of one span tried (more is a value conflict, AU100's finding)
KINDS = ("amount", "count")


def _span(c) -> Months | None:
    if c.months:
        return months(c.months)
    return months(c.period)


def _index(ctx: Context, claims) -> dict[tuple, dict[Months, list]]:
    """Strong flow claims by (entity, metric, segment, basis, unit), then by their months."""
    groups: dict[tuple, dict[Months, list]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        q = c.quantity
        if q is None or q.kind not in KINDS or not c.period or not c.entity or not c.metric:
            continue
        m = ctx.lex.metrics.get(c.metric)
        if (m is not None and (m.stock or m.per)) or c.relations or not c.strong():
            continue
        span = _span(c)
        if span is None:
            continue
        same = groups[(c.entity, c.metric, c.segment, c.basis, q.unit)][span]
        if len(same) < MAX_VALUES and all(o.quantity.value != q.value for o in same):
            same.append(c)
    return groups


def _step(ym: tuple[int, int]) -> tuple[int, int]:
    return (ym[0] + ym[1] // 12, ym[1] % 12 + 1)


def _tilings(by_start: dict, first, last, depth: int = 0):
    """Every sequence of spans that starts at ``first`` and ends exactly at ``last``."""
    if depth >= MAX_PARTS:
        return
    for span in by_start.get(first, ()):
        if span.last == last:
            yield (span,)
        elif span.last < last:
            for rest in _tilings(by_start, _step(span.last), last, depth + 1):
                yield (span, *rest)


def _sum(parts, read) -> Interval:
    total = read(parts[0])
    for p in parts[1:]:
        total = total + read(p)
    return total


GROUP = "entity"  # spans that add up are of one entity, metric, segment and basis


def check_group(ctx: Context, claims):
    for spans in _index(ctx, claims).values():
        if len(spans) < 3:
            continue  # a whole and at least two parts
        by_start: dict = defaultdict(list)
        for span in spans:
            by_start[span.first].append(span)
        for whole_span, wholes in spans.items():
            found = [f for tiling in islice(_tilings(by_start, whole_span.first, whole_span.last), 8)
                     if len(tiling) >= 2  # not the whole itself
                     for whole, parts in product(wholes, product(*(spans[s] for s in tiling)))
                     if (f := _compare(ctx, whole, parts)) is not None]
            if found:
                yield _one(ctx, found)


def _one(ctx: Context, found: list):
    """One finding per key and whole span: every sum that misses it, in one message."""
    if len(found) == 1:
        return _finding(ctx, *found[0])
    claims = list(dict.fromkeys(c for _, whole, parts, _, _ in found for c in (whole, *parts)))
    message = "; ".join(m for _, _, _, m, _ in found)
    severity = max((s for s, *_ in found), key=("warning", "error").index)
    return finding(ctx, CODE, SLUG, severity, message, claims, {"sums": str(len(found))}, once=True)


def _amount(x, like) -> str:
    return written.amount(x, like.quantity.unit, like.quantity)


def _compare(ctx: Context, whole, parts):
    total = _sum(parts, lambda c: strict(c.quantity))
    stated = strict(whole.quantity).widen(ctx.rel)
    if total.overlaps(stated):
        return None
    lo = _sum(parts, lambda c: loose(c.quantity, ctx.approx))
    severity = "warning" if lo.overlaps(loose(whole.quantity, ctx.approx).widen(ctx.rel)) else "error"
    mid = sum(p.quantity.value for p in parts)
    message = (" + ".join(f"{p.quote} ({p.period})" for p in parts) + f" = {_amount(mid, whole)} "
               f"({written.span(total.low, total.high, whole.quantity.unit, whole.quantity)} with rounding), "
               f"but {whole.quote} ({whole.period})")
    return by_evidence(severity, (whole, *parts), ctx.lex), whole, parts, message, fmt(mid)


def _finding(ctx: Context, severity: str, whole, parts, message: str, mid: str):
    return finding(ctx, CODE, SLUG, severity, message, (whole, *parts), {"sum": mid})
