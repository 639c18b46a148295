"""Comparisons stated within a sentence (a reader of :mod:`.arithmetic`): a comparison word between
two figures (A,高于B的…; 低于任意一家(B、C、D)), and a comparative adjective before the second of
two figures of one measure (乙比甲还要略厚一些,达到8.46mm) — AU240."""
from __future__ import annotations

from .arithmetic_words import Words
from .sentence import _SEMICOLON, Link, _delta, _prior, _Sentence


def compare(s: _Sentence, w: Words) -> list[Link]:
    """A,高于B的…: A is said to be higher than B; A,低于任意一家(B、C、D): than each of them."""
    out = []
    v = s.values
    for i in range(len(v) - 1):
        gap = s.gap(i, i + 1)
        m = w.compare.match(gap) if len(gap) <= 16 else None
        if m and v[i].unit == v[i + 1].unit and v[i].value is not None and v[i + 1].value is not None:
            others = _every(s, w, i + 1) if w.every.search(gap) else [i + 1]
            out.append(Link("compare", i, tuple((f"compare:{m.group('w')}", j) for j in others)))
    return out


def comparative(s: _Sentence, w: Words) -> list[Link]:
    """A…8.4mm,而乙比它还要略厚一些,达到8.46mm / …,乙更高,为B: the second of two figures of one
    measure (one unit, one measure word) is said to be more (less) than the first by a comparative
    adjective right before it, a comparative mark (更, 比…还) before the adjective and a comma or a
    link (达到) after it: not 乙比甲厚0.5mm, a difference. Neither figure a change, a difference or
    an earlier value. The second carries ("compare:高于" or "compare:低于", the first)."""
    out = []
    v = s.values
    for i in range(len(v) - 1):
        gap = s.gap(i, i + 1)
        if len(gap) > 40 or _SEMICOLON.search(gap) or not _one_measure(s, i, i + 1):
            continue
        m = w.comparative.search(w.not_from.sub("", gap))
        if m is None or any(_delta(s, w, j) or _prior(s, w, j) for j in (i, i + 1)):
            continue
        out.append(Link("compare", i + 1, (("compare:高于" if m.group("more") else "compare:低于", i),)))
    return out


def _one_measure(s: _Sentence, i: int, j: int) -> bool:
    """Figures ``i`` and ``j`` are of one measure: one unit and measure word (8.4mm, 8.46mm; not
    5个 and 8mm), bare numbers followed by one character (27岁, 30岁)."""
    a, b = s.values[i], s.values[j]
    if not s.same(i, j) or a.classifier != b.classifier:
        return False
    return a.unit is not None or s.text[a.nend:a.nend + 1] == s.text[b.nend:b.nend + 1]


def _every(s: _Sentence, w: Words, first: int) -> list[int]:
    """The figures of the list that opens at ``first``: those of its unit that follow it, one
    separator and a short name between each (、申通9.3%)."""
    v, out = s.values, [first]
    for j in range(first + 1, len(v)):
        if v[j].unit != v[first].unit or v[j].value is None or not w.listed.fullmatch(s.gap(j - 1, j)):
            break
        out.append(j)
    return out
