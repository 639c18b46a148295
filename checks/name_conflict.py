"""AU120 name-conflict: a model's name implies a size that differs from its stated size.

Rule: for a parameter-count claim about a model whose name carries a size (Llama-2-13B:
1.3e10, Qwen-7B: 7e9), the stated size and the implied one must agree within the relative
tolerance. Severity: error when the stated size lies outside the rounding interval of the name's
digits (a "13B" model of 1.5e10); warning when names round by convention (13B for 1.34e10).
"""
from __future__ import annotations

from audit.context import Context
from audit.intervals import fmt, relative_gap, strict
from audit.names import implied_size
from audit.report.written import amount

from ._base import by_evidence, finding, pct, stated

CODE = "AU120"
SLUG = "name-conflict"
SCOPE = "document"  # reads one claim at a time: runs where its document is read
SEVERITY = "error when the stated size is outside the rounding of the name's digits; else warning"

BAD = "Meta的Llama-2-13B模型参数规模为150亿。"
GOOD = "Meta的Llama-2-13B模型参数规模为130亿。"


def check(ctx: Context):
    for c in ctx.claims:
        if c.metric != "parameters" or c.quantity is None or c.entity_inferred:
            continue
        entity = ctx.lex.entities.get(c.entity or "")
        if entity is None or entity.kind != "model":
            continue
        size = next((s for s in map(implied_size, entity.names) if s is not None), None)
        if size is None:
            continue
        gap = relative_gap(size.value, c.quantity.value)
        if gap <= ctx.rel:
            continue
        inside = strict(size).overlaps(strict(c.quantity))
        message = (f"the name {entity.names[0]} implies {amount(size.value, None)} parameters, the text states "
                   f"{stated(c)}: {pct(gap)} apart"
                   + ("; within the rounding of the name's digits" if inside else ""))
        severity = by_evidence("warning" if inside else "error", (c,), ctx.lex, timeless=True)
        yield finding(ctx, CODE, SLUG, severity, message, (c,),
                      {"implied": fmt(size.value)})
