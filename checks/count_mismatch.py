"""AU250 count-mismatch: a stated count that the list it counts does not have.

Rule: a count followed by the list it counts (三个大模型…包括A、B、C) must equal the number of items
listed; a count right after its list closed by 这 (北京、上海这2个城市) too, and one closed by 等 (A、B、C
等2个) no smaller than the list. Severity: error (an item is missing or one too many); the claims
stage only links a list that opens with 包括/分别是/即/如 or a colon, or closes with 这/等, so loose
prose does not trigger it.
"""
from __future__ import annotations

from audit.context import Context

from ._base import finding

CODE = "AU250"
SLUG = "count-mismatch"
SCOPE = "document"  # reads one claim at a time: runs where its document is read
SEVERITY = "error: the count and the list cannot both be right"

BAD = "一天内三个大模型争相官宣,包括百川智能、商汤科技的日日新、昆仑万维的天工、智谱的GLM。"
GOOD = "一天内四个大模型争相官宣,包括百川智能、商汤科技的日日新、昆仑万维的天工、智谱的GLM。"


def check(ctx: Context):
    for c in ctx.claims:
        for rel, _ in c.relations:
            if rel.startswith("enumeration:") and c.quantity is not None and c.quantity.value is not None:
                listed = int(rel.split(":", 1)[1])
                if c.quantity.qualifier == "exact" and c.quantity.value != listed:
                    message = f"{c.quote} ({int(c.quantity.value)}) but the list it counts names {listed}"
                    yield finding(ctx, CODE, SLUG, "error", message, (c,), {"listed": listed})
            elif rel.startswith("enumeration-open:") and c.quantity is not None and c.quantity.value is not None:
                listed = int(rel.split(":", 1)[1])  # A、B、C等2个: a list that may be a part, longer than all
                if c.quantity.qualifier == "exact" and c.quantity.value < listed:
                    message = f"{c.quote} ({int(c.quantity.value)}) but the list before it names {listed}"
                    yield finding(ctx, CODE, SLUG, "error", message, (c,), {"listed": listed})
