"""A change stated apart from its value (2017年华为营收为3.72亿元。…2017年华为营收同比增长38.8%):
the sentence of the change states no value of its metric, so it is attached to the value of the
same key (entity, metric, segment, period, basis) stated elsewhere in the document, when the
change's key is read from its own sentence and the document states that key with one value
only. Without this the change is read and dropped, and AU200 never sees it.
"""
from __future__ import annotations

from .frame import Reading
from .model import Change, Claim, strong
from .relations import CHANGE_KINDS

Apart = tuple[Reading, Change, int]  # the change's key, the change, where its figure starts


def attach(claims: list[Claim], apart: list[Apart]) -> list[Claim]:
    """``claims`` with each change of ``apart`` attached to the value it is of, where there is one."""
    if not apart:
        return claims
    index: dict[tuple, list[int]] = {}
    for i, c in enumerate(claims):
        if c.change is None and c.quantity is not None and c.quantity.kind not in CHANGE_KINDS and c.strong():
            index.setdefault(c.key, []).append(i)
    out = list(claims)
    for r, change, at in apart:
        if not strong(r.evidence):
            continue  # a change whose key is carried may be of another fact
        free = [i for i in index.get((r.entity, r.metric, r.segment, r.period, r.basis), ()) if out[i].change is None]
        if len({(out[i].quantity.low, out[i].quantity.high, out[i].quantity.unit) for i in free}) == 1:
            i = min(free, key=lambda i: abs(out[i].quantity.nstart - at))  # the statement nearest it
            out[i] = out[i]._replace(change=change)
    return out
