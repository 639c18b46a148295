"""Making a Quantity from what was read: its span of the normalized text, mapped back to the raw
text it quotes, and the interval a stated precision implies. Every reader of the package ends
here, so that offsets are mapped in one place."""
from __future__ import annotations

from decimal import Decimal

from ..model import Quantity, new_quantity
from ..normalize import NormText


def quantity(nt: NormText, s: int, e: int, kind: str, v, low, high, unit, qualifier, approximate,
             classifier=None, date=None, period=None, relative=None) -> Quantity:
    """The Quantity at [s, e) of ``nt.text``; its text and offsets are the raw ones (the map is
    consulted only when normalization changed something)."""
    rs, re_ = nt.raw_span(s, e) if nt.maps else (s, e)
    return new_quantity((nt.raw[rs:re_], rs, re_, kind, v, low, high, unit, qualifier, approximate, s, e,
                         classifier, date, period, relative))


def interval(v: Decimal, place: Decimal) -> tuple[Decimal, Decimal]:
    """The values that round to ``v`` at ``place`` (the last stated digit's): v ± place / 2."""
    half = place / 2
    return v - half, v + half
