"""A change stated apart from its value (2017年华为营收为3.72亿元。…2017年华为营收同比增长38.8%):
the sentence of the change states no value of its metric, so it is attached to the value of the
same key (entity, metric, segment, period, basis) stated elsewhere in the document, when the
change's key is read from its own sentence and the document states that key with one value
only. Without this AU200 never sees it.

A change attached to no value is a claim of its own (净利润同比下降12.5% with no 净利润 stated):
its figure is the rate, its metric the change of its metric (net_profit:change,
:func:`audit.claims.model.change_metric`), keyed like any value, so that AU100 sees the same
change restated with another rate and no check reads the rate as a value of the metric.
"""
from __future__ import annotations

from .frame import Reading
from .model import Change, Claim, strong
from .relations import CHANGE_KINDS

# the change's key, the change, where its figure starts, the claim it is when attached to no value
Apart = tuple[Reading, Change, int, Claim]


def attach(claims: list[Claim], apart: list[Apart]) -> list[Claim]:
    """``claims`` with each change of ``apart`` attached to the value it is of, where there is one,
    and a claim of its own where there is none (made claims in text order)."""
    if not apart:
        return claims
    index: dict[tuple, list[int]] = {}
    for i, c in enumerate(claims):
        if c.change is None and c.quantity is not None and c.quantity.kind not in CHANGE_KINDS and c.strong():
            index.setdefault(c.key, []).append(i)
    out = list(claims)
    lone: list[Claim] = []
    for r, change, at, own in apart:
        free = [i for i in index.get((r.entity, r.metric, r.segment, r.period, r.basis), ()) if out[i].change is None] \
            if strong(r.evidence) else ()  # a change whose key is carried may be of another fact
        if len({(out[i].quantity.low, out[i].quantity.high, out[i].quantity.unit) for i in free}) == 1:
            i = min(free, key=lambda i: abs(out[i].quantity.nstart - at))  # the statement nearest it
            out[i] = out[i]._replace(change=change)
        else:
            lone.append(own)
    if not lone:
        return out
    doc = lone[0].doc
    out.extend(c._replace(id=f"{doc}#{len(out) + k + 1}") for k, c in enumerate(lone))
    return sorted(out, key=lambda c: -1 if c.quantity is None else c.quantity.nstart)
