"""Reading a range whose two ends each carry their unit: ``45亿美元到53亿美元``, ``13%到26%``,
``38%-38.5%``. The grammar reads ``890到930亿美元`` as one range; with the unit written twice it
reads two figures, and a guidance range then looks like two values of one fact. Two figures of one
kind and unit, joined by nothing but a range word (``audit/data/qualifiers.yaml``, ``range_words``),
the first below the second, are one range — unless a 从/由 before the first makes them the two ends
of a move (从56美元提升至75美元 has a verb; 从56美元至75美元 is a move, too).
"""
from __future__ import annotations

import functools
import re

from ..lexicon import _load, _words, alternation
from ..model import Quantity
from ..normalize import NormText
from .make import quantity

KINDS = frozenset({"amount", "percent", "count", "number", "percentage_point"})
MOVE_BEFORE = 12  # characters before the first end read for the 从/由 of a move


@functools.cache
def _words_of() -> tuple[re.Pattern, re.Pattern]:
    data = _load("qualifiers.yaml")
    joins = _words("qualifiers.yaml", "range_words", data.get("range_words"))
    moves = _words("qualifiers.yaml", "move_from", data.get("move_from"))
    join = re.compile(rf"\s*(?:{alternation(joins)})\s*")
    move = re.compile(rf"(?:{alternation(moves)})[^,，;；:：。!?！？\n]*$")
    return join, move


def merge(nt: NormText, qs: list[Quantity]) -> list[Quantity]:
    """``qs`` with each pair of figures that is one range written with two units made one."""
    if len(qs) < 2:
        return qs
    join, move = _words_of()
    text, out, i = nt.text, [], 0
    while i < len(qs):
        a = qs[i]
        b = qs[i + 1] if i + 1 < len(qs) else None
        if b is not None and _pair(text, a, b, join, move):
            out.append(quantity(nt, a.nstart, b.nend, a.kind, (a.value + b.value) / 2, a.value, b.value,
                                a.unit, "range", False, a.classifier))
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def _pair(text: str, a: Quantity, b: Quantity, join: re.Pattern, move: re.Pattern) -> bool:
    return (a.kind in KINDS and b.kind == a.kind and a.unit == b.unit and a.classifier == b.classifier
            and a.qualifier == b.qualifier == "exact" and a.value is not None and b.value is not None
            and a.value < b.value and join.fullmatch(text, a.nend, b.nstart) is not None
            and move.search(text, max(0, a.nstart - MOVE_BEFORE), a.nstart) is None)
