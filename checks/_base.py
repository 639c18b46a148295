"""What every check shares: building a finding from claims, and the lines of its message."""
from __future__ import annotations

from decimal import Decimal
from itertools import compress
from typing import Any, Iterable

from audit.claims import Claim, metric_mask
from audit.claims.model import change_metric
from audit.context import Context
from audit.fingerprint import claim_key
from audit.intervals import fmt
from audit.model import Finding, Location
from audit.report.written import figure, percent

from ._evidence import by_evidence  # noqa: F401  (the rule every check calls; re-exported)


def finding(ctx: Context, code: str, slug: str, severity: str, message: str, claims: Iterable[Claim],
            computed: dict[str, Any], once: bool = False, also: Iterable[Location] = ()) -> Finding:
    """A finding of check ``code`` that points at ``claims`` (and at ``also``: a stated change, say);
    the fingerprint hashes the code, the keys of the claims and the normalized values, not their
    positions (``once``: each value once, so that one more place stating a value already listed
    keeps the fingerprint)."""
    claims = list(claims)
    keys = tuple(sorted({claim_key(c.key) for c in claims}))
    values = [fmt(c.quantity.value) if c.quantity else "" for c in claims]
    values = tuple(sorted(set(values) if once else values))
    comp = tuple((k, v) for k, v in computed.items()) + (("values", ",".join(values)),)
    return Finding(code, slug, severity, message, tuple(c.location() for c in claims) + tuple(also), comp, keys)


def change_location(c: Claim) -> tuple[Location, ...]:
    """Where the change a claim states stands (同比增长[20%]), on the claim's line: a finding about the
    change quotes it; none when the claim states none."""
    if c.quantity is None or c.change is None:
        return ()
    cq = c.change.quantity
    return (Location(c.doc, c.line, _rate_col(c), cq.text, cq.start, cq.end, *_around_rate(c), cq),)


def as_change(c: Claim) -> Claim:
    """The change a claim states with its value (净利润2.1亿元,同比下降12.5%), as the claim of
    a change stated with no value (audit.claims.model.change_metric): its figure the rate, its
    quote and place the rate's; a claim that is one already, itself."""
    if c.rate_only or c.change is None or c.quantity is None or c.metric is None:
        return c
    cq = c.change.quantity
    return c._replace(metric=change_metric(c.metric), quantity=cq, quote=cq.text, col=_rate_col(c),
                      relations=(), context=_around_rate(c))


def _rate_col(c: Claim) -> int:
    """The column of the rate of the change ``c`` states, on the claim's line."""
    return c.col + c.change.quantity.start - c.quantity.start


def _around_rate(c: Claim) -> tuple[str, str]:
    """The raw text before and after the rate of the change ``c`` states, on the claim's line,
    when the claim keeps its line (``Claim.context``), else ("", "")."""
    cq = c.change.quantity
    before, after = c.context
    line = before + c.quote + after
    at = len(before) + cq.start - c.quantity.start
    return (line[:at], line[at + cq.end - cq.start:]) if line and 0 <= at <= len(line) else ("", "")


def with_metric(claims: list[Claim], metric: str) -> Iterable[Claim]:
    """The claims of ``metric``, in order, picked in C (see audit.claims.metric_mask)."""
    return compress(claims, metric_mask(claims, metric))


def distinct(claims):
    """One claim per metric and distinct statement of a value (unit, interval, qualifier): the
    same figure stated again adds nothing to compare, and the pairs to compare stay few however
    often it is repeated."""
    seen, out = set(), []
    for c in claims:
        q = c.quantity
        key = (c.metric, q.unit, q.low, q.high, q.qualifier)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


_RANK = {"error": 2, "warning": 1, "info": 0}


def worst(severities: Iterable[str]) -> str | None:
    """The most severe of ``severities`` (None when there are none)."""
    return max(severities, key=_RANK.__getitem__, default=None)


def pct(x) -> str:
    """A fraction (a gap, a tolerance) as a percentage for a message: 0.067 -> 6.7%."""
    return percent(Decimal(x))


def stated(c: Claim) -> str:
    """A claim's quote for a message, followed by its figure as written when the quote does not
    show it already (a figure in Chinese numerals shows itself)."""
    shown = figure(c.quantity) if c.quantity is not None else ""
    return c.quote if not shown or shown in c.quote else f"{c.quote} ({shown})"
