"""Interval arithmetic on figures: what range of true values a statement allows.

A figure's interval comes from the parser (the rounding of its stated digits, or an open side for
超过/不到). Three readings are compared, from strict to loose:

- **strict**: the stated digits, as the parser read them;
- **loose**: trailing zeros read as rounding too (``70亿`` may stand for 65亿..75亿), approximate
  figures (约, 近, 级) widened by the ``approx`` tolerance;
- a **relative tolerance** (``tolerance.relative``) always applies on top.

Checks report a disagreement as an *error* only when the figures disagree under the loose
reading as well; when only the strict reading disagrees, or a side is approximate, it is a
*warning*. Arithmetic is exact: Decimal inside, floats only in messages.
"""
from __future__ import annotations

import functools
from decimal import Decimal
from typing import NamedTuple

from .model import Quantity

INF = Decimal("Infinity")


class Interval(NamedTuple):
    """[low, high], either side possibly infinite. An immutable NamedTuple rather than a frozen
    dataclass: the checks build several per comparison, and a frozen dataclass costs twice as much
    to build."""

    low: Decimal
    high: Decimal

    def __add__(self, o: "Interval") -> "Interval":
        return Interval(self.low + o.low, self.high + o.high)

    def __sub__(self, o: "Interval") -> "Interval":
        return Interval(self.low - o.high, self.high - o.low)

    def scale(self, k: Decimal) -> "Interval":
        a, b = self.low * k, self.high * k
        return Interval(min(a, b), max(a, b))

    def widen(self, rel: Decimal) -> "Interval":
        return Interval(self.low - abs(self.low) * rel, self.high + abs(self.high) * rel)

    def overlaps(self, o: "Interval") -> bool:
        return self.low <= o.high and o.low <= self.high

    def divide(self, o: "Interval") -> "Interval | None":
        """self / o for o not containing zero."""
        if o.low <= 0 <= o.high:
            return None
        cands = [self.low / o.low, self.low / o.high, self.high / o.low, self.high / o.high]
        cands = [c for c in cands if c == c]  # drop NaN from inf/inf
        if not cands:
            return None
        return Interval(min(cands), max(cands))


def strict(q: Quantity) -> Interval:
    low = q.low if q.low is not None else -INF
    high = q.high if q.high is not None else INF
    return Interval(low, high)


def loose(q: Quantity, approx: Decimal) -> Interval:
    """The reading that gives the writer every benefit of the doubt."""
    iv = strict(q)
    v = q.value
    if v is not None and q.qualifier in ("exact", "approx", "class") and iv.low > -INF and iv.high < INF:
        place = iv.high - iv.low
        if place > 0 and v != 0 and (v / place) % 10 == 0:
            iv = Interval(v - place * 5, v + place * 5)  # 70亿: the zero may be rounding too
    if q.approximate or q.qualifier in ("approx", "class"):
        iv = iv.widen(approx)
    return iv


def relative_gap(a: Decimal | None, b: Decimal | None) -> Decimal:
    if a is None or b is None:
        return Decimal(0)
    m = max(abs(a), abs(b))
    return abs(a - b) / m if m else Decimal(0)


_MESSAGE_UNITS = ((Decimal("1e12"), "万亿"), (Decimal("1e8"), "亿"), (Decimal("1e4"), "万"))


@functools.lru_cache(maxsize=1 << 16)  # the same values recur in the messages and fingerprints of many findings
def fmt(x: Decimal | None) -> str:
    """A figure for a message: 7042亿, 1.2亿, 12万, 1200, 14.7."""
    if x is None:
        return "?"
    if x in (INF, -INF):
        return "∞" if x > 0 else "-∞"
    ax = abs(x)
    for unit, name in _MESSAGE_UNITS:
        if ax >= unit:
            return f"{float(x / unit):.6g}{name}"
    return f"{float(x):.6g}"
