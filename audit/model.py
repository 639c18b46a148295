"""Values that flow between the stages: frozen, small, and exact inside (Decimal)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from .fingerprint import compute as compute_fingerprint


class Quantity(NamedTuple):
    """One figure, date or period found in a text (DESIGN.md section 3).

    ``start``/``end`` are offsets into the raw text given to the parser; ``nstart``/``nend`` into
    its normalized form, which later stages read. An immutable NamedTuple rather than a frozen
    dataclass: one is built per figure on the parser's hot path, and building a frozen dataclass
    costs several times more.
    """

    text: str
    start: int
    end: int
    kind: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str | None
    qualifier: str
    approximate: bool
    nstart: int = 0
    nend: int = 0
    classifier: str | None = None
    date: str | None = None
    period: str | None = None
    relative: str | None = None

    def to_dict(self) -> dict[str, Any]:
        text, start, end, kind, v, lo, hi, unit, qualifier, approximate, _, _, classifier, date, period, \
            relative = self
        d: dict[str, Any] = {
            "text": text,
            "start": start,
            "end": end,
            "kind": kind,
            "value": None if v is None else float(v),
            "low": None if lo is None else float(lo),
            "high": None if hi is None else float(hi),
            "unit": unit,
            "qualifier": qualifier,
            "approximate": approximate,
        }
        if classifier is not None:
            d["classifier" if kind != "date" else "point"] = classifier if kind != "date" else True
        if relative is not None or kind in ("date", "period"):
            d["date"] = date
            d["period"] = period
            if relative is not None:
                d["relative"] = relative
        return d


# A Quantity from all sixteen fields in order, built in C: the parser makes one per figure, and
# the NamedTuple's own __new__ is a Python function around the same call.
new_quantity = functools.partial(tuple.__new__, Quantity)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: raw file position (1-based line, column in code points) and snippet."""

    path: str
    line: int
    col: int
    snippet: str
    start: int = 0
    end: int = 0
    # For display only: the line around the snippet and the figure read there, kept so that
    # reports can quote a document after its text has been dropped.
    before: str = field(default="", compare=False)
    after: str = field(default="", compare=False)
    quantity: Quantity | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.path, "line": self.line, "col": self.col, "snippet": self.snippet}

    def __reduce__(self):
        # Pickled as its fields (as with --jobs): rebuilding a frozen dataclass from its state
        # runs field by field in Python, several times slower.
        return Location, (self.path, self.line, self.col, self.snippet, self.start, self.end, self.before,
                          self.after, self.quantity)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a check found (DESIGN.md section 4)."""

    code: str
    slug: str
    severity: str  # error | warning | info
    message: str
    locations: tuple[Location, ...]
    computed: tuple[tuple[str, Any], ...] = ()
    keys: tuple[str, ...] = ()  # what the fingerprint hashes besides code and computed values

    fingerprint: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Stable under edits that move lines: code, keys and normalized values, not positions.
        object.__setattr__(self, "fingerprint", compute_fingerprint(self.code, self.keys, self.computed))

    def __reduce__(self):
        return Finding, (self.code, self.slug, self.severity, self.message, self.locations, self.computed, self.keys)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "slug": self.slug,
            "severity": self.severity,
            "message": self.message,
            "claims": [loc.to_dict() for loc in self.locations],
            "computed": dict(self.computed),
            "fingerprint": self.fingerprint,
        }
