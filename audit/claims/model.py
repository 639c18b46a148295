"""The public values of the claims stage: an entity, a metric, a change and the claim itself."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from ..model import Location, Quantity

VALUE_KINDS = ("amount", "count", "number", "rate", "score", "multiple", "percent", "percentage_point")


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    kind: str
    names: tuple[str, ...]
    parent: str | None = None
    fiscal_year_end: str | None = None  # MM-DD, when the fiscal year is not the calendar year


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    words: tuple[str, ...]
    dimension: str
    confusable_with: tuple[str, ...] = ()
    per: str | None = None
    measure: str | None = None  # what a per-period metric is a rate of (月收入, 年化收入: income)
    timeless: bool = False  # true of a thing, not of a period (a model's parameter count)
    adjusted_words: tuple[str, ...] = ()  # 非美国通用会计准则 before 净利润 ...
    adjusted_to: str | None = None  # ... makes it this metric instead
    stock: bool = False  # a balance at a date (cash, headcount), not a flow over a period


class Change(NamedTuple):
    basis: str | None  # yoy | qoq | mom | None
    direction: str  # up | down
    quantity: Quantity

    def to_dict(self) -> dict[str, Any]:
        return {"basis": self.basis, "direction": self.direction, "quantity": self.quantity.to_dict()}


CHANGE_SUFFIX = ":change"  # the metric of a change stated with no value of its own: net_profit:change


def change_metric(metric: str) -> str:
    """The metric of a change of ``metric`` stated with no value of its own (净利润同比下降12.5%:
    net_profit:change): a fact of its own, never compared with the metric's values."""
    return metric + CHANGE_SUFFIX


def changed_metric(metric: str | None) -> str | None:
    """The metric a change metric (net_profit:change) is the change of; None for any other."""
    return metric[:-len(CHANGE_SUFFIX)] if metric is not None and metric.endswith(CHANGE_SUFFIX) else None


_STRONG_METRIC = frozenset({"metric:clause", "metric:verb", "metric:after", "metric:unit", "metric:model", "metric:compare",
                            "metric:linked"})


def strong_metric(ev: tuple[str, ...]) -> bool:
    """Is the metric read from the claim's own clause, unit or verb (not carried from the sentence)?"""
    return not _STRONG_METRIC.isdisjoint(ev)


def strong(ev: tuple[str, ...], timeless: bool = False) -> bool:
    """Is a key read with evidence ``ev`` read from its own sentence (see :meth:`Claim.strong`)?"""
    return (("entity:named" in ev or "entity:size-class" in ev)
            and strong_metric(ev)
            and (timeless or "period:sentence" in ev))


class Claim(NamedTuple):
    """One figure linked to its entity, metric, segment and period. An immutable NamedTuple, like
    :class:`audit.model.Quantity`: one is built per figure, and claims cross from worker processes
    by pickle, which rebuilds a tuple in C but a frozen dataclass field by field in Python."""

    id: str
    doc: str
    entity: str | None
    metric: str | None
    segment: str | None
    period: str | None
    quantity: Quantity | None
    change: Change | None
    quote: str
    line: int
    col: int
    entity_inferred: bool = False
    relations: tuple[tuple[str, str], ...] = ()  # (relation, other claim id)
    evidence: tuple[str, ...] = ()  # how entity, metric and period were found: entity:named, ...
    stop: int = 0  # sentence stops (。!?, line ends) before it in its document: same value, same sentence
    context: tuple[str, str] = ("", "")  # the raw line around the quote, for reports
    basis: str = "actual"  # actual | guidance | consensus | estimate | adjusted (audit.claims.basis)
    months: str | None = None  # the calendar months of a fiscal period (2018-07..2018-09)

    def location(self) -> Location:
        q = self.quantity
        if q is None:
            return Location(self.doc, self.line, self.col, self.quote)
        return Location(self.doc, self.line, self.col, self.quote, q.start, q.end, *self.context, q)

    def strong(self, timeless: bool = False) -> bool:
        """Is the key read from the claim's own sentence (entity named or linked by size class,
        metric in its clause or unit, period stated in the sentence unless the metric is timeless)?
        Checks that compare values demand it: carried context is good enough to list a claim,
        not to accuse it."""
        return strong(self.evidence, timeless)

    @property
    def rate_only(self) -> bool:
        """Does the claim state a change with no value of its own (its figure is the rate; its
        metric is a change metric, see :func:`change_metric`)?"""
        return self.metric is not None and self.metric.endswith(CHANGE_SUFFIX)

    @property
    def key(self) -> tuple[str | None, str | None, str | None, str | None, str]:
        return (self.entity, self.metric, self.segment, self.period, self.basis)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "doc": self.doc, "entity": self.entity, "entity_inferred": self.entity_inferred,
            "metric": self.metric, "segment": self.segment, "period": self.period, "basis": self.basis,
            **({"months": self.months} if self.months else {}),
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "change": self.change.to_dict() if self.change else None,
            "relations": [{"relation": r, "claim": c} for r, c in self.relations],
            "evidence": list(self.evidence),
            "quote": self.quote, "line": self.line, "col": self.col,
        }
