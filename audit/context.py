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
from .intervals import Interval, loose, relative_gap, round_tens, strict
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
        sa, sb = strict(a), strict(b)
        if sa.widen(self.rel).overlaps(sb.widen(self.rel)):
            return "warning" if _digits_apart(a, b, sa, sb) else None
        if loose(a, self.approx).widen(self.rel).overlaps(loose(b, self.approx).widen(self.rel)):
            return "warning"
        if a.approximate or b.approximate or relative_gap(a.value, b.value) <= 2 * self.rel:
            return "warning"
        return "error"


def _digits_apart(a: Quantity, b: Quantity, sa: Interval, sb: Interval) -> bool:
    """Two exact figures of one precision whose rounding intervals meet at most at an end (39.8亿
    and 39.9亿): no one value rounds to both, so a stated digit differs, though within the relative
    tolerance. A figure of fewer digits may be truncated (127.52万亿 headlined as 127万亿), so only
    one precision counts, and a trailing zero may be rounding at any place (4690万 and 4689万;
    7000亿 and 7042亿); a warning, not an error: one of the two may still be truncated."""
    step = sa.high - sa.low
    if not (a.qualifier == b.qualifier == "exact" and not (a.approximate or b.approximate)
            and step > 0 and sb.high - sb.low == step):
        return False
    return not (round_tens(a.value, step) or round_tens(b.value, step)) and (sa.high <= sb.low or sb.high <= sa.low)


def comparable(a: Quantity, b: Quantity) -> bool:
    """Same unit, or a bare number against a count: never two currencies, never % against 元."""
    if a.unit == b.unit:
        return True
    return a.unit in COUNT_UNITS and b.unit in COUNT_UNITS


