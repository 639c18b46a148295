"""Interval arithmetic on figures: what range of true values a statement allows.

A figure's interval comes from the parser (the rounding of its stated digits, or an open side for
超过/不到). Three readings are compared, from strict to loose:

- **strict**: the stated digits, as the parser read them;
- **loose**: trailing zeros read as rounding too (``70亿`` may stand for 65亿..75亿), approximate
  figures (约, 近, 级) widened by the ``approx`` tolerance;
- a **relative tolerance** (``tolerance.relative``) always applies on top; only two exact figures
  of one precision whose stated digits differ (39.8亿 and 39.9亿, no trailing zero) are a warning
  within it (``Context.compare``), since no one value rounds to both.

Checks report a disagreement as an *error* only when the figures disagree under the loose
reading as well; when only the strict reading disagrees, or a side is approximate, it is a
*warning*. Arithmetic is exact: Decimal inside, floats only in messages.

Open ends. An open side (超过8万: [8万, ∞)) is not a number but "any finite value beyond": every
operation is defined on what the interval holds, never on ∞ as a value, so that no Decimal
operation is ever undefined (∞ − ∞, ∞ × 0, ∞ / ∞ raise in Decimal):

- an open end times zero is zero (every finite value it stands for is, times 0); an open end times
  a finite non-zero factor stays open, on the side the factor's sign gives;
- widening by a tolerance keeps an open end open, whatever the tolerance (0 included);
- a finite value over an open end is 0 (the limit: the quotient comes as near 0 as one likes);
  an open end over a finite value is open; an open end over an open end is no bound at all, so
  that endpoint is left out and the other endpoints bound the ratio. A ratio of two open-ended
  intervals thus comes out unbounded on at least one side, it overlaps any stated change, and a
  check cannot conclude: it stays silent;
- division by an interval that holds zero is undefined: ``divide`` returns None and the check
  stays silent.
"""
from __future__ import annotations

import functools
from fractions import Fraction
from decimal import Decimal
from typing import NamedTuple

from .model import Quantity

INF = Decimal("Infinity")
ZERO = Decimal(0)


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
        a, b = _mul(self.low, k), _mul(self.high, k)
        return Interval(min(a, b), max(a, b))

    def widen(self, rel: Decimal) -> "Interval":
        """Each finite end moved out by ``rel`` of its size; an open end stays open."""
        low = self.low if self.low.is_infinite() else self.low - abs(self.low) * rel
        high = self.high if self.high.is_infinite() else self.high + abs(self.high) * rel
        return Interval(low, high)

    def overlaps(self, o: "Interval") -> bool:
        return self.low <= o.high and o.low <= self.high

    def divide(self, o: "Interval") -> "Interval | None":
        """self / o; None when o holds zero (the quotient is unbounded on both sides)."""
        if o.low <= 0 <= o.high:
            return None
        cands = [q for a in (self.low, self.high) for b in (o.low, o.high) if (q := _div(a, b)) is not None]
        return Interval(min(cands), max(cands))


def _mul(a: Decimal, k: Decimal) -> Decimal:
    """a × k for an interval end ``a`` (possibly open) and a finite factor ``k``."""
    if k == 0:
        return ZERO  # an open end stands for finite values: each of them times 0 is 0
    return a * k


def _div(a: Decimal, b: Decimal) -> Decimal | None:
    """a / b for interval ends (b ≠ 0); None for open / open, which bounds nothing."""
    if b.is_infinite():
        return None if a.is_infinite() else ZERO
    return a / b  # an open a stays open, signed by b


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
        if place > 0 and round_tens(v, place):
            iv = Interval(v - place * 5, v + place * 5)  # 70亿: the zero may be rounding too
    if q.approximate or q.qualifier in ("approx", "class"):
        iv = iv.widen(approx)
    return iv


def round_tens(v: Decimal | None, place: Decimal) -> bool:
    """Whether a figure ends in a zero at its stated place (70亿, 4690万): that zero may be rounding."""
    return v is not None and v != 0 and _tens(v / place)


def _tens(steps: Decimal) -> bool:
    """Whether a count of rounding steps is a whole multiple of ten (``% 10`` fails past 28 digits)."""
    tenth = steps / 10
    return tenth == tenth.to_integral_value()


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


def fraction_band(x: Decimal, most: int = 12) -> tuple[Decimal, Decimal]:
    """The values a fraction in prose stands for (少了1/5, 下降约四分之一): those nearer to it than
    to its neighbours among the fractions of a denominator at most one larger (1/5: 1/6 and 1/4,
    so 18.3%–22.5%). A writer who says 1/5 of a fall of 23% would say 1/4."""
    f = Fraction(x).limit_denominator(most)
    d = f.denominator + 1
    near = {Fraction(i, j) for j in range(1, d + 1) for i in range(j + 1)}
    below, above = max((n for n in near if n < f), default=f), min((n for n in near if n > f), default=f)
    return _half(f + below), _half(f + above)


def _half(f: Fraction) -> Decimal:
    return Decimal(f.numerator) / Decimal(2 * f.denominator)
