"""Every number the HTML report shows, written in one place, by the report's figures-as-written
module (:mod:`audit.report.written`): the value in the writer's scale and unit, and the interval
it stands for."""
from __future__ import annotations

from typing import NamedTuple

from audit.model import Quantity
from audit.report import written


class Shown(NamedTuple):
    value: str  # the figure as the writer wrote it
    interval: str  # what it may stand for ('' for a point or a date)


def shown(q: Quantity | None) -> Shown:
    """A figure's value and interval for people."""
    if q is None:
        return Shown("", "")
    if q.kind in ("date", "period") or q.value is None:
        return Shown(q.text, q.date or q.period or q.relative or "")
    value = written.figure(q)
    return Shown(value, written.interval(q) or value)
