"""Every number the HTML report shows, written in one place: when the report's figures-as-written
module (``audit.report.written``) lands, this function's body is the one thing that changes."""
from __future__ import annotations

from typing import NamedTuple

from audit.model import Quantity
from audit.report import number


class Shown(NamedTuple):
    value: str  # the figure as the writer wrote it
    interval: str  # what it may stand for ('' for a point or a date)


def shown(q: Quantity | None) -> Shown:
    """A figure's value and interval for people."""
    if q is None:
        return Shown("", "")
    if q.kind in ("date", "period") or q.value is None:
        return Shown(q.text, q.date or q.period or q.relative or "")
    unit = f" {q.unit}" if q.unit else ""
    if q.qualifier == "over" or (q.high is None and q.low is not None):
        return Shown(q.text, f"> {number(q.low)}{unit}")
    if q.qualifier == "under" or (q.low is None and q.high is not None):
        return Shown(q.text, f"< {number(q.high)}{unit}")
    if q.low is not None and q.high is not None and q.low != q.high:
        return Shown(q.text, f"{number(q.low)}–{number(q.high)}{unit}")
    return Shown(q.text, f"{number(q.value)}{unit}")
