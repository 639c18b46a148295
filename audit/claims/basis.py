"""The basis of a claim: is the figure the reported one, the company's guidance, the analysts'
consensus, a third party's estimate, or a non-GAAP (adjusted) figure? (DESIGN.md section 4.)

A quarter's actual revenue, the full-year guidance range and the consensus are three facts; read
under one key they "conflict". The basis is read from the words nearest before the figure
(audit/data/bases.yaml), as a writer places them: 公司预计第四季度营收为…, 高于分析师预期的….
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..lexicon import LexiconError, _load, trie_branches
from ..model import Quantity
from .frame import CLAUSE_MARK, Sentence
from .lexicons import adjusted_metrics

BASES = ("actual", "guidance", "consensus", "estimate")
WINDOW = 16  # characters before a figure read beyond its clause
ADJUSTED_WINDOW = 160  # a sentence that opens with non-GAAP wording states its figures so


class _Table(NamedTuple):
    rx: re.Pattern  # any basis word or beat/miss phrase
    basis_of: dict[str, str]
    adjusted_rx: re.Pattern  # adjusted or GAAP wording
    adjusted: frozenset[str]
    direction: dict[str, str]  # a beat/miss phrase -> beat | miss | meet


@functools.cache
def _table() -> _Table:
    data = _load("bases.yaml")
    keys = (*BASES, "future", "beat", "miss", "meet", "adjusted", "gaap")
    for k in keys:
        if not isinstance(data.get(k), list) or not all(isinstance(w, str) and w for w in data[k]):
            raise LexiconError(f"audit/data/bases.yaml: `{k}` must be a list of words")
    basis_of = {w: "future" for w in data["future"]}
    basis_of.update({w: b for b in BASES for w in data[b]})
    # a beat or miss phrase (超出 + 分析师预期) is one word: all are literals, in one trie that the
    # engine scans for by first character
    expectations = (*data["consensus"], *data["guidance"], "预估")
    direction = {v + e: d for d in ("beat", "miss", "meet") for v in data[d] for e in expectations}
    basis_of.update(dict.fromkeys(direction, "bm"))
    rx = re.compile("|".join(trie_branches(basis_of)))
    adjusted_rx = re.compile("|".join(trie_branches([*data["adjusted"], *data["gaap"]])))
    return _Table(rx, basis_of, adjusted_rx, frozenset(data["adjusted"]), direction)


def marks(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """The basis words of a document (start, end, kind), and its adjusted or GAAP wording
    (start, end, "adjusted" | "gaap"), each found in one pass: a claim then looks up the few
    before it (:func:`basis_from`) instead of scanning its window again."""
    t = _table()
    words = []
    for start, end, word in _words_in(text):
        kind = t.basis_of[word]
        if kind == "bm" and text.startswith("的", end):
            kind = "bm-of"
        words.append((start, end, kind))
    adjusted = [(m.start(), m.end(), "adjusted" if m.group() in t.adjusted else "gaap")
                for m in t.adjusted_rx.finditer(text)]
    return words, adjusted


@functools.lru_cache(maxsize=1)
def _words_in(text: str) -> tuple[tuple[int, int, str], ...]:
    """The basis words and beat/miss phrases of ``text`` (start, end, word), in one scan that
    the claims (:func:`marks`) and AU310 (:func:`beat_miss`) of a document share."""
    return tuple((m.start(), m.end(), m.group()) for m in _table().rx.finditer(text))


def beat_miss(text: str) -> list[tuple[int, int, str]]:
    """The beat, miss and match phrases of ``text`` (超出分析师预期, 不及预期): (start, end,
    beat | miss | meet)."""
    direction = _table().direction
    return [(start, end, direction[word]) for start, end, word in _words_in(text) if word in direction]


def basis_from(words: list[tuple[int, int, str]], pos: int) -> str:
    """The basis of a figure at ``pos`` from the basis words before it (those of its window,
    in order): the nearest says whose figure it is; future tense alone makes it guidance."""
    future = False
    for _, end, kind in reversed(words):
        if end > pos:
            continue
        if kind == "future":
            future = True  # 将达: guidance unless a nearer word says whose figure it is
        elif kind == "bm":
            return "actual"  # 营收超预期,达…: the actual figure
        elif kind == "bm-of":
            return "consensus"  # 超出分析师预期的95亿元: the figure is the expectation
        else:
            return kind
    return "guidance" if future else "actual"


def adjusted_from(wording: list[tuple[int, int, str]], pos: int) -> bool:
    """Does non-GAAP wording, not undone by later GAAP wording, stand before ``pos``?"""
    for _, end, kind in reversed(wording):
        if end <= pos:
            return kind == "adjusted"
    return False


def combine(basis: str, adjusted: bool) -> str:
    """One basis string: ``adjusted`` for an adjusted actual, ``guidance/adjusted`` and so on."""
    if not adjusted:
        return basis
    return "adjusted" if basis == "actual" else f"{basis}/adjusted"


def is_expectation(basis: str | None) -> bool:
    """Guidance or consensus (with or without adjustment): what a beat or a miss is measured by."""
    return bool(basis) and basis.split("/")[0] in ("guidance", "consensus")


def _heading(s: Sentence, q: Quantity) -> str:
    """The basis of a figure with no basis word near it, from an earlier clause of its sentence
    that ends with one (分析师平均预计，搜狗第三季度总营收达…: the clause is what they expect);
    only the last basis word before the figure counts, and only an expectation or an estimate."""
    words = s.doc.men.bases.between(s.start, q.nstart)
    if not words:
        return "actual"
    _, end, kind = words[-1]
    heads = kind in ("guidance", "consensus", "estimate") and CLAUSE_MARK.match(s.doc.text, end) is not None
    return kind if heads else "actual"


def read(s: Sentence, q: Quantity, clause: int, metric_id: str | None) -> str:
    """The basis of the figure ``q``: from the basis words of its clause (or of the WINDOW before
    it, if longer), then adjusted if non-GAAP wording stands before it — unless its metric says
    it is adjusted or has an adjusted twin (经调整净利润)."""
    men = s.doc.men
    near = men.bases.between(min(clause, max(s.start, q.nstart - WINDOW)), q.nstart)
    basis = basis_from(near, q.nstart) if near else _heading(s, q)
    if metric_id in adjusted_metrics(s.doc.lex):
        return basis
    return combine(basis, adjusted_from(men.wording.between(max(s.start, q.nstart - ADJUSTED_WINDOW), q.nstart),
                                        q.nstart))
