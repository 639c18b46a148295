"""AU265 measure-conversion-mismatch: a measure restated in another unit that does not convert.

Rule: a figure followed by the same measure in another unit in parentheses (70万莱(约11.2万公顷),
6.26英寸(15.9厘米), 每秒1000兆位(1Gbps); words in audit/data/measure_words.yaml, units and their
exact factors in audit/data/measures.yaml) must convert: the first figure's interval times the
factor must meet the second's, each read with its rounding and the relative tolerance. Units of
two measures (英寸 and 克) are no conversion. Severity: error when no reading reconciles them (a
conversion is arithmetic, stated in one clause), warning when only the loose reading does
(trailing zeros as rounding, 约 widened by the approx tolerance).
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Iterable, NamedTuple

from audit.context import Context
from audit.intervals import loose, strict
from audit.lexicon import LexiconError, _load, _words, alternation
from audit.model import Finding, Quantity
from audit.report.written import significant
from audit.units import factor

CODE = "AU265"
SLUG = "measure-conversion-mismatch"
SCOPE = "document"  # reads the document's text: runs where the document is read
SEVERITY = "error when no reading of the two figures converts; warning when only the loose reading does"

BAD = "计划将70万莱的稻田(约15.3万公顷)转为甘蔗种植。"
GOOD = "计划将70万莱的稻田(约11.2万公顷)转为甘蔗种植。"

_KINDS = ("number", "count")


class _Words(NamedTuple):
    units: dict[str, str]
    after: re.Pattern  # a unit word right after a figure
    per_second: re.Pattern  # right before a figure
    between: re.Pattern  # from the first figure's unit to the restated figure: (约
    close: re.Pattern  # after the restated figure's unit: )


@functools.cache
def _words_() -> _Words:
    f = "measure_words.yaml"
    data = _load(f)
    units = data.get("units")
    if not isinstance(units, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in units.items()):
        raise LexiconError(f"audit/data/{f}: units: expected a mapping of word -> unit")
    words = alternation(sorted(units, key=len, reverse=True))
    return _Words(dict(units), re.compile(rf"\s*(?:{words})"), re.compile(rf"(?:{alternation(_words(f, 'per_second', data.get('per_second')))})\s*$"),
                  re.compile(rf"[^，,。;；!?！？()（）\d]{{0,8}}?\s*[(（]\s*(?:{alternation(_words(f, 'openers', data.get('openers')))})?\s*$"),
                  re.compile(r"\s*[)）]"))


def _unit(text: str, q: Quantity, w: _Words) -> tuple[str, int] | None:
    """The unit a figure is in (its classifier, or the unit word right after it) and where its
    unit ends; a rate per second when 每秒 stands right before it."""
    word, end = (q.classifier, q.nend) if q.classifier in w.units else (None, q.nend)
    if word is None:
        m = w.after.match(text, q.nend)
        if m is None:
            return None
        word, end = m.group().strip(), m.end()
    unit = w.units[word]
    if w.per_second.search(text, max(0, q.nstart - 4), q.nstart):
        unit = f"{unit} / second"
    return unit, end


def _pairs(a) -> Iterable[tuple[Quantity, Quantity, Decimal]]:
    """Each figure with its restatement in another unit of the same measure, and the factor from
    the first unit to the second."""
    text, w = a.nt.text, _words_()
    if "(" not in text and "（" not in text:
        return
    qs = [q for q in a.quantities if q.kind in _KINDS and q.value]
    units = [_unit(text, q, w) for q in qs]  # each figure's unit read once
    for (x, ux), (y, uy) in zip(zip(qs, units), zip(qs[1:], units[1:])):
        if ux is None or uy is None or ux[0] == uy[0]:
            continue
        if w.between.search(text, ux[1], y.nstart) is None or not w.close.match(text, uy[1]):
            continue
        k = factor(ux[0], uy[0])
        if k is not None:
            yield x, y, k


def check(ctx: Context) -> Iterable[Finding]:
    for a in ctx.docs:
        for x, y, k in _pairs(a):
            if strict(x).scale(k).widen(ctx.rel).overlaps(strict(y).widen(ctx.rel)):
                continue
            lx, ly = loose(x, ctx.approx).scale(k), loose(y, ctx.approx)
            severity = "warning" if lx.widen(ctx.rel).overlaps(ly.widen(ctx.rel)) else "error"
            message = f"{x.text} is {significant(x.value * k)} in the unit of {y.text}, not {y.text}"
            loc = (a.location(x.start, x.end, x), a.location(y.start, y.end, y))
            yield Finding(CODE, SLUG, severity, message, loc, (("factor", f"{float(k):.6g}"),), (a.doc.ident,))
