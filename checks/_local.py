"""What the checks of one sentence's own arithmetic share (audit.claims.arithmetic, issue 22): the
claims a relation points at, and the severity its evidence allows."""
from __future__ import annotations

from typing import Iterable

from audit.claims import Claim


class Related:
    """The claims a claim's relations point at, among ``claims`` (a group, or a document's):
    the claims of one relation are of one document and one entity group (audit.claims.arithmetic
    gives the claims it makes the entity of the relation's others)."""

    def __init__(self, claims) -> None:
        self.claims = claims
        self.by_id: dict[str, Claim] | None = None

    def __call__(self, c: Claim, relation: str) -> list[Claim]:
        ids = [o for r, o in c.relations if r == relation]
        if not ids:
            return []
        if self.by_id is None:
            self.by_id = {x.id: x for x in self.claims}
        return [self.by_id[o] for o in ids if o in self.by_id]


def exact(claims: Iterable[Claim]) -> bool:
    """Every figure read exactly (no 约, 近, 超过; a change's rate too)."""
    for c in claims:
        for q in (c.quantity, c.change.quantity if c.change else None):
            if q is not None and (q.qualifier != "exact" or q.approximate):
                return False
    return True


def severity(claims: Iterable[Claim], loose_agrees: bool) -> str | None:
    """A failed arithmetic read from explicit words: an error when every figure is read exactly
    and no looser reading agrees; a warning when one of them is approximate, or when the figures
    are exact but only a looser reading of their rounding agrees; nothing when approximate
    figures agree under the looser reading."""
    if exact(claims):
        return "warning" if loose_agrees else "error"
    return None if loose_agrees else "warning"


def local(c: Claim) -> bool:
    """Whether ``c`` is a claim only its sentence's relations make (no metric word read)."""
    return "metric:none" in c.evidence
