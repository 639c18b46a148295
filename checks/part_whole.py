"""AU230 part-whole: a part larger than its whole, or shares of one whole past 100%.

Rule: a segment's value (智能手机业务收入) cannot exceed the value of the whole (营收) for the same
entity, metric and period; a share (占…的, 市场份额) cannot exceed 100%, and the shares one
sentence gives of one named whole (占总营收的…: one entity, period and whole) cannot add up past
100%. A percentage whose whole is not named (占比30%) or a stake (持股) is no share (issue 22). Severity: error beyond every reading, else warning.
"""
from __future__ import annotations

from decimal import Decimal

from audit.context import Context
from audit.intervals import loose, strict
from audit.report.written import amount, figure, percent

from ._base import distinct, finding, with_metric
from ._local import Related, severity
from .value_conflict import same_sentence

CODE = "AU230"
SLUG = "part-whole"
SEVERITY = "error when the part exceeds the whole under every reading; warning otherwise"

BAD = "2023年联想营收为4000亿元,其中智能手机业务收入为4500亿元。"
GOOD = "2023年联想营收为4000亿元,其中智能手机业务收入为500亿元。"

HUNDRED = Decimal(100)


def check(ctx: Context):
    wholes: dict[tuple, list] = {}  # the whole of each entity, metric and period, read once
    for key, group in ctx.by_key.items():
        entity, metric, segment, period, basis = key
        if segment is None or segment.startswith("~") or metric == "market_share":
            continue  # only a segment the lexicon knows is surely a part of the whole
        of = (entity, metric, None, period, basis)
        whole = wholes.get(of)
        if whole is None:
            whole = wholes[of] = [(w, strict(w.quantity).widen(ctx.rel).high)
                                  for w in distinct(ctx.by_key.get(of, ())) if w.strong()]
        if not whole:
            continue
        for part in distinct(group):
            if not part.strong():
                continue
            low = strict(part.quantity).low
            for w, high in whole:
                if part.quantity.unit == w.quantity.unit and low > high:
                    message = (f"the part {part.quote} ({segment}) is larger than the whole {w.quote}: "
                               f"{figure(part.quantity)} > {figure(w.quantity)}")
                    yield finding(ctx, CODE, SLUG, "error", message, (part, w), {"segment": segment})
    for metric in ("market_share", "stake"):
        yield from _sums(ctx, metric)
    yield from _stated_parts(ctx)


def _sums(ctx: Context, metric: str):
    """Shares past 100%, alone or summed: shares of one named whole (a share's segment is
    part@whole, 占总营收的…) or stakes in one company, stated in one sentence of one entity and
    period; a market share (市场份额) of no named whole is never summed."""
    groups: list[list] = []
    for c in with_metric(ctx.claims, metric):
        if c.quantity is not None and c.quantity.unit == "percent":
            if c.quantity.low is not None and c.quantity.low > HUNDRED:
                yield finding(ctx, CODE, SLUG, "error", f"a share of {c.quote} is more than 100%", (c,), {})
            last = groups[-1][-1] if groups else None
            if last is not None and _whole(c) is not None and (last.entity, last.period, _whole(last)) == \
                    (c.entity, c.period, _whole(c)) and same_sentence(last, c):
                groups[-1].append(c)
            else:
                groups.append([c])
    for shares in groups:
        if len(shares) > 1:
            low = sum((c.quantity.low or Decimal(0)) for c in shares)
            if low > HUNDRED * (1 + ctx.rel):
                message = " + ".join(c.quote for c in shares) + f" = {percent(low / 100)} > 100%"
                yield finding(ctx, CODE, SLUG, "error", message, shares, {})


def _whole(share) -> str | None:
    """The whole a share is of, as its segment names it (广告@总营收), or None when unnamed; a
    stake is of its company's equity."""
    if share.metric == "stake":
        return "股权"
    return share.segment.partition("@")[2] or None if share.segment else None


def _stated_parts(ctx: Context):
    """Parts its sentence states after 其中 of the whole just stated, whatever they measure
    (audit.claims.arithmetic): together no larger than the whole."""
    related = Related(ctx)
    wholes: dict[str, list] = {}
    for c in ctx.claims:
        if any(r == "part-of" for r, _ in c.relations):
            whole = related(c, "part-of")
            if whole:
                wholes.setdefault(whole[0].id, [whole[0]]).append(c)
    for w, *parts in wholes.values():
        low = sum(strict(p.quantity).low for p in parts)
        high = strict(w.quantity).widen(ctx.rel).high
        if low <= high:
            continue
        loose_low = sum(loose(p.quantity, ctx.approx).low for p in parts)
        sev = severity((w, *parts), loose_low <= loose(w.quantity, ctx.approx).high)
        if sev is not None:
            message = (" + ".join(p.quote for p in parts) + " = "
                       f"{amount(sum(p.quantity.value for p in parts), w.quantity.unit, w.quantity)} > the whole {w.quote}")
            yield finding(ctx, CODE, SLUG, sev, message, (*parts, w), {"parts": len(parts)})
