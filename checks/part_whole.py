"""AU230 part-whole: a part larger than its whole, or shares of one whole past 100%.

Rule: a segment's value (智能手机业务收入) cannot exceed the value of the whole (营收) for the same
entity, metric and period; a share (占比, 市场份额) cannot exceed 100%, and the shares one sentence
gives of one whole (one entity and period) cannot add up past 100%. Severity: error beyond every reading, else warning.
"""
from __future__ import annotations

from decimal import Decimal

from audit.context import Context
from audit.intervals import fmt, strict

from ._base import distinct, finding, with_metric
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
                    message = f"the part {part.quote} ({segment}) is larger than the whole {w.quote}: {fmt(part.quantity.value)} > {fmt(w.quantity.value)}"
                    yield finding(ctx, CODE, SLUG, "error", message, (part, w), {"segment": segment})
    groups: list[list] = []
    for c in with_metric(ctx.claims, "market_share"):
        if c.quantity is not None and c.quantity.unit == "percent":
            if c.quantity.low is not None and c.quantity.low > HUNDRED:
                yield finding(ctx, CODE, SLUG, "error", f"a share of {c.quote} is more than 100%", (c,), {})
            # shares of one whole: one sentence, one entity, one period
            last = groups[-1][-1] if groups else None
            if last is not None and last.entity == c.entity and last.period == c.period and same_sentence(last, c):
                groups[-1].append(c)
            else:
                groups.append([c])
    for shares in groups:
        if len(shares) > 1:
            low = sum((c.quantity.low or Decimal(0)) for c in shares)
            if low > HUNDRED * (1 + ctx.rel):
                message = " + ".join(c.quote for c in shares) + f" = {float(low):.1f}% > 100%"
                yield finding(ctx, CODE, SLUG, "error", message, shares, {})
