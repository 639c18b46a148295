"""Severity by evidence (issue 22, DESIGN.md section 4): one rule, called by every check that
compares claims, for how sure a finding may be given how its claims were read.

An ``error`` needs every claim's entity, metric, period and basis read from its own sentence
(named, not carried or inferred: :meth:`audit.claims.Claim.strong`), comparable units and one
flow/stock nature. Weaker evidence is a warning at most; a comparison resting on a carried key
part is a note (info: on both golds every such finding was false), and so is one resting on an
inferred entity (the document's main company for want of one in the sentence). A size class
linked to a model (70亿级 of a company's model named X-7B) is read from the figure itself and counts as
named, as :meth:`Claim.strong` has it (the seed gold's model-size conflict rests on one). A relation stated within one
sentence (由X提升至Y,提升Z; 少了; 高于) rests on that sentence, not on the key: the sentence ties its
figures whatever their entity or period, so only units and natures cap it.
"""
from __future__ import annotations

from typing import Iterable

from audit.claims import Claim, Lexicons
from audit.context import comparable

RANK = {"info": 0, "warning": 1, "error": 2}


def cap(severity: str, ceiling: str) -> str:
    """``severity``, or ``ceiling`` when that is milder."""
    return severity if RANK[severity] <= RANK[ceiling] else ceiling


def _nature(lex: Lexicons | None, c: Claim) -> bool | None:
    m = lex.metrics.get(c.metric or "") if lex is not None else None
    return None if m is None else m.stock


def _alike(claims: list[Claim], lex: Lexicons | None) -> bool:
    """Comparable units and one flow/stock nature (a metric the lexicon does not know has none)."""
    qs = [c.quantity for c in claims if c.quantity is not None]
    if any(not comparable(qs[0], q) for q in qs[1:]):
        return False
    natures = {n for n in (_nature(lex, c) for c in claims) if n is not None}
    return len(natures) <= 1


def by_evidence(severity: str, claims: Iterable[Claim], lex: Lexicons | None = None, *,
                timeless: bool = False, sentence: bool = False) -> str:
    """``severity`` capped by what ``claims`` rest on (the module's rule). ``timeless``: the
    metric is of no period (a model's parameters); ``sentence``: the claims state one relation
    within one sentence."""
    claims = list(claims)
    if not sentence:
        if any(c.entity_inferred and "entity:size-class" not in c.evidence for c in claims):
            return "info"
        if not all(c.strong(timeless) for c in claims):
            return "info"
    return severity if _alike(claims, lex) else cap(severity, "warning")
