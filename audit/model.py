"""Values that flow between the stages: frozen, small, and exact inside (Decimal)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure, date or period found in a text (DESIGN.md section 3).

    ``start``/``end`` are offsets into the raw text given to the parser; ``nstart``/``nend`` into
    its normalized form, which later stages read.
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
        v, lo, hi = self.value, self.low, self.high
        d: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "value": None if v is None else float(v),
            "low": None if lo is None else float(lo),
            "high": None if hi is None else float(hi),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "approximate": self.approximate,
        }
        if self.classifier is not None:
            d["classifier"] = self.classifier
        if self.kind in ("date", "period") or self.relative is not None:
            d["date"] = self.date
            d["period"] = self.period
            if self.relative is not None:
                d["relative"] = self.relative
        return d
