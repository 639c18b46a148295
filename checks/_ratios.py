"""Ratios as shares (AU230 part-whole): a ratio metric that audit/data/ratios.yaml defines as one
metric's figure over another's (毛利率 = 毛利 / 营收) against the two figures its sentence states
for the same entity, segment, period and basis (营收为20亿元,毛利为9亿元,毛利率为45%). Only the
sentence's own figures: a margin is often stated apart from the revenue it is of, and of a whole
the writer defines elsewhere (毛利率(即毛利润在净营收中所占比例)), so figures of other sentences
would accuse what is right. Only a quotient that no pair of those figures gives within rounding
is a finding, so that a whole stated twice, or a part misread, keeps it silent rather than
accusing; a yearless period (第三季度 of an undated article) is the period of that name in the one
year the document states it in."""
from __future__ import annotations

import functools
from decimal import Decimal
from typing import NamedTuple

from audit.context import Context
from audit.intervals import loose, strict
from audit.lexicon import LexiconError, _load, _words
from audit.quantities.periods import YEARLESS
from audit.report.written import percent

from ._base import by_evidence, distinct, finding
from ._local import severity

HUNDRED = Decimal(100)


class Ratio(NamedTuple):
    part: frozenset[str]
    whole: frozenset[str]


@functools.cache
def ratios() -> dict[str, Ratio]:
    data = _load("ratios.yaml")
    if not isinstance(data, dict):
        raise LexiconError("audit/data/ratios.yaml: expected a mapping of ratio metric -> {part, whole}")
    out = {}
    for rid, d in data.items():
        if not isinstance(d, dict):
            raise LexiconError(f"audit/data/ratios.yaml: {rid}: expected {{part, whole}}")
        out[rid] = Ratio(*(frozenset(_words("ratios.yaml", f"{rid}.{k}", d.get(k))) for k in ("part", "whole")))
    return out


def ratio_findings(ctx: Context, claims, code: str, slug: str):
    """The findings of the ratios among ``claims`` (one entity's) against their parts and wholes."""
    defs = ratios()
    stated = [r for r in claims if r.metric in defs and r.quantity is not None and r.quantity.unit == "percent"]
    for r in distinct(stated):
        d = defs[r.metric]
        same = [c for c in claims if c.doc == r.doc and c.stop == r.stop and c.segment == r.segment
                and c.quantity is not None and c.entity == r.entity and c.id != r.id]
        parts = distinct(c for c in same if c.metric in d.part and c.basis == r.basis and _period(c, r, same))
        wholes = distinct(c for c in same if c.metric in d.whole and _basis_of_whole(c.basis, r.basis)
                          and _period(c, r, same))
        if parts and wholes:
            yield from _against(ctx, r, parts, wholes, code, slug)


def _basis_of_whole(whole: str | None, ratio: str | None) -> bool:
    """A whole of the ratio's basis, or the reported whole of an adjusted ratio (non-GAAP margins
    are over the reported revenue)."""
    return whole == ratio or (whole == "actual" and bool(ratio) and "adjusted" in ratio)


def _period(c, r, same) -> bool:
    """Is ``c`` of the ratio ``r``'s period: the same, or a yearless one named in one year only
    among ``same``."""
    a, b = c.period, r.period
    if a == b:
        return True
    if not a or not b or (YEARLESS in a) == (YEARLESS in b):
        return False
    dated, bare = (a, b) if YEARLESS in b else (b, a)
    if dated[4:] != bare[4:]:
        return False
    years = {x.period[:4] for x in same if x.period and x.period[4:] == bare[4:] and YEARLESS not in x.period}
    return len(years) == 1


def _against(ctx: Context, r, parts, wholes, code: str, slug: str):
    """A finding when no part over any whole gives the ratio ``r`` within rounding."""
    tried = []
    for p in parts:
        for w in wholes:
            if p.quantity.unit != w.quantity.unit:
                continue
            q = strict(p.quantity).divide(strict(w.quantity))
            if q is None or q.scale(HUNDRED).overlaps(strict(r.quantity).widen(ctx.rel)):
                return
            tried.append((p, w))
    if not tried:
        return
    p, w = min(tried, key=lambda pw: abs(pw[0].line - r.line) + abs(pw[1].line - r.line))  # the nearest pair
    lq = loose(p.quantity, ctx.approx).divide(loose(w.quantity, ctx.approx))
    sev = severity((r, p, w), lq is None or lq.scale(HUNDRED).overlaps(loose(r.quantity, ctx.approx)))
    if sev is None:
        return
    message = (f"{p.quote} over {w.quote} is {percent(p.quantity.value / w.quantity.value)}, "
               f"stated {r.quote} ({r.metric})")
    # one sentence states the three (its relation, not a key, ties them): the part and whole's units cap it
    yield finding(ctx, code, slug, by_evidence(sev, (p, w), ctx.lex, sentence=True), message, (r, p, w), {})
