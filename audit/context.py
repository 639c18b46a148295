"""What the checks need of a run: the context they read (claims indexed by key and by document,
tolerances, configuration) and whether two figures may be compared at all.

It imports no check: the checks import it, and the engine (which reads the registry of checks)
builds it, so that neither imports the other back.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from operator import attrgetter
from typing import Any

from .analysis import Analyzed
from .claims import Claim, Lexicons
from .intervals import loose, relative_gap, strict
from .model import Quantity

COUNT_UNITS = {None, "person", "device", "parameter", "token", "item"}

_doc = attrgetter("doc")
_key = attrgetter("entity", "metric", "segment", "period", "basis")  # Claim.key, read in C


def index(claims) -> dict:
    """The claims that state a value of a fact (entity, metric and quantity known), by their key
    (entity, metric, segment, period, basis), in order of first claim: what the checks compare."""
    return group_by((c for c in claims if c.entity and c.metric and c.quantity is not None), _key)


def group_by(items, key) -> dict:
    """``key(item)`` -> the items with that key, in order of first item, each group in order."""
    out: dict = {}
    for x in items:
        k = key(x)
        got = out.get(k)
        if got is None:
            out[k] = [x]
        else:
            got.append(x)
    return out


@dataclass
class Context:
    docs: list[Analyzed]
    claims: list[Claim]
    lex: Lexicons
    config: Any = None
    rel: Decimal = Decimal("0.005")
    approx: Decimal = Decimal("0.05")
    notes: dict = field(default_factory=dict)  # check code -> what its notes() found in each document
    failures: list = field(default_factory=list)  # CheckFailure of each check that raised
    # What the engine keeps of each finding of a corpus check (audit.engines.compact.Compactor.kept):
    # a large run holds them all till the report. None: each finding whole.
    kept: Any = None

    @functools.cached_property
    def by_key(self) -> dict:
        """The claims by key (:func:`index`), made when first asked: a document's own checks never
        ask, and a corpus's claims are grouped by the engine (audit.engines.groups), not here."""
        return index(self.claims)

    @functools.cached_property
    def by_doc(self) -> dict[str, list[Claim]]:
        """Each document's claims in order, made when a check first asks (few do)."""
        by_doc: dict[str, list[Claim]] = {}
        for doc, group in groupby(self.claims, _doc):  # a document's claims come together
            if doc in by_doc:
                by_doc[doc].extend(group)
            else:
                by_doc[doc] = list(group)
        return by_doc

    def compare(self, a: Quantity, b: Quantity) -> str | None:
        """None when a and b agree; else the severity of their disagreement."""
        ra, rb = strict(a).widen(self.rel), strict(b).widen(self.rel)
        if ra.overlaps(rb):
            return None
        if loose(a, self.approx).widen(self.rel).overlaps(loose(b, self.approx).widen(self.rel)):
            return "warning"
        if a.approximate or b.approximate or relative_gap(a.value, b.value) <= 2 * self.rel:
            return "warning"
        return "error"


def comparable(a: Quantity, b: Quantity) -> bool:
    """Same unit, or a bare number against a count: never two currencies, never % against 元."""
    if a.unit == b.unit:
        return True
    return a.unit in COUNT_UNITS and b.unit in COUNT_UNITS


