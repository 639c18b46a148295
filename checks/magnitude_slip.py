"""AU140 magnitude-slip: one figure restated with its magnitude lost or added (2000像素 vs 2000万).

Rule: two figures of one document written with the same digits whose values differ by exactly a
magnitude word (万 or 亿, audit/data/magnitude_slips.yaml: 2000 and 2000W = 2000万, 0.96亿 and
0.96万), of one kind and unit (or a bare number and a count or amount), are one figure restated
with its magnitude dropped or added when the words around them say they are of one thing: the
words before each figure and after it share at least ``min_shared`` characters
(audit/data/figure_words.yaml: 全球最小2000像素摄像头 and 全球最小的2000W美颜镜头). Figures of
fewer than ``min_digits`` written digits (1万, 5亿) are too common to tie. Severity: warning (the
words say the two are one thing; they do not state it).
"""
from __future__ import annotations

import bisect
import functools
from itertools import combinations
from decimal import Decimal
from typing import Iterable, NamedTuple

from audit.context import Context
from audit.lexicon import LexiconError, _int, _load
from audit.model import Finding, Quantity
from audit.report.written import figure

from ._around import around, restates, shared, written_digits

CODE = "AU140"
SLUG = "magnitude-slip"
SCOPE = "document"  # reads the words around the figures of one document: runs where it is read
SEVERITY = "warning: the words around the two figures say they are one thing, they do not state it"

BAD = "手机配有全球最小2000像素摄像头。拍照方面,这款手机配备全球最小的2000W美颜镜头。"
GOOD = "手机配有全球最小2000W像素摄像头。拍照方面,这款手机配备全球最小的2000W美颜镜头。"

_KINDS = frozenset({"amount", "count", "number"})
NEAREST = 4  # figures of the other value tried on each side of a figure


class _Words(NamedTuple):
    factors: dict[Decimal, str]  # a magnitude's factor -> its word
    min_digits: int
    min_shared: int


@functools.cache
def _words_() -> _Words:
    f, d = "magnitude_slips.yaml", _load("magnitude_slips.yaml")
    words = d.get("magnitudes")
    if not isinstance(words, dict) or not all(isinstance(k, str) and isinstance(v, int) and v > 0
                                              for k, v in words.items()):
        raise LexiconError(f"audit/data/{f}: magnitudes: expected a mapping of word -> power of ten")
    return _Words({Decimal(10) ** v: k for k, v in words.items()}, _int(f, "min_digits", d.get("min_digits")),
                  _int(f, "min_shared", d.get("min_shared")))


def _pairs(a) -> Iterable[tuple[Quantity, Quantity, str]]:
    """Figures of one set of digits whose values a slip sets apart and whose words are shared;
    each figure is tried against the NEAREST figures of the other value only, so that a long
    document of one repeated figure costs linear time."""
    w, text = _words_(), a.nt.text
    by_digits: dict[str, dict[Decimal, list[Quantity]]] = {}
    for q in a.quantities:
        if q.kind in _KINDS and q.value and q.qualifier != "range" and len(d := written_digits(q)) >= w.min_digits:
            by_digits.setdefault(d, {}).setdefault(abs(q.value), []).append(q)
    for values in by_digits.values():
        for (v, xs), (u, ys) in combinations(sorted(values.items()), 2):
            if (slip := w.factors.get(u / v)) is None:
                continue
            at = [y.nstart for y in ys]
            for x in xs:
                i = bisect.bisect(at, x.nstart)
                for y in ys[max(0, i - NEAREST):i + NEAREST]:
                    if (restates(x, y) or restates(y, x)) and shared(around(text, x.nstart, x.nend), around(text, y.nstart, y.nend)) >= w.min_shared:
                        yield (x, y, slip) if x.nstart < y.nstart else (y, x, slip)


def check(ctx: Context) -> Iterable[Finding]:
    """One finding per set of digits: every figure of them a slip ties, in text order."""
    for a in ctx.docs:
        groups: dict[str, dict[int, Quantity]] = {}
        slips: dict[str, str] = {}
        for x, y, slip in _pairs(a):
            digits = written_digits(x)
            groups.setdefault(digits, {}).update({x.nstart: x, y.nstart: y})
            slips[digits] = slip
        for digits, group in groups.items():
            qs = sorted(group.values(), key=lambda q: q.nstart)
            stated = "; ".join(dict.fromkeys(figure(q) for q in qs))
            message = (f"{stated}: the same digits said of one thing, one {slips[digits]} apart: "
                       f"a {slips[digits]} lost or added")
            yield Finding(CODE, SLUG, "warning", message, tuple(a.location(q.start, q.end, q) for q in qs), (),
                          (a.doc.ident,))
