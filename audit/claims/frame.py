"""What the resolvers read: a document's mentions, found once, and a frame per sentence.

A document is read once for the mentions of each lexicon (entities, metrics, segments, basis
words); a sentence is then a frame — its span, figures, the subject and period carried into it —
that each resolver reads for one figure at a time. The frame replaces the thirteen positional
parameters of the former ``_sentence_claims``; the readings of a figure are a :class:`Reading`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from ..analysis import Analyzed
from ..model import Quantity
from .lexicons import Lexicons

Span = tuple[int, int, str]  # start, end, what is named there

CLAUSE_MARK = re.compile(r"[,;:，；：]")  # what ends a clause within a sentence
SENTENCE_STOP = re.compile("[。!?\n]")  # what counts as a stop for a claim's `stop`


class Spans:
    """Mentions sorted by start, with the starts kept apart for bisection: every lookup is
    logarithmic, so a document of one huge paragraph costs no more than many small ones."""

    __slots__ = ("items", "starts")

    def __init__(self, items: list[Span]) -> None:
        self.items = items
        self.starts = [s for s, _, _ in items]

    def between(self, lo: int, hi: int) -> list[Span]:
        return self.items[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def any_between(self, lo: int, hi: int) -> bool:
        j = bisect_left(self.starts, lo)
        return j < len(self.starts) and self.starts[j] < hi

    def last_before(self, lo: int, hi: int) -> Span | None:
        """The last mention that starts at or after ``lo`` and ends by ``hi``."""
        j = bisect_left(self.starts, hi) - 1
        while j >= 0 and self.starts[j] >= lo:
            if self.items[j][1] <= hi:
                return self.items[j]
            j -= 1
        return None


class Mentions(NamedTuple):
    entities: Spans
    subjects: Spans  # the entity mentions that can be a sentence's subject
    sources: Spans  # the mentions of agencies, organisations and regions
    metrics: Spans
    segments: Spans
    bases: Spans  # basis words (预计, 分析师预期…): audit.claims.basis.marks
    wording: Spans  # adjusted (non-GAAP) or GAAP wording


_PERIOD_TAIL = "财今去明全本当上下同0123456789"


def find(rx: re.Pattern, table: dict[str, str], text: str) -> list[Span]:
    """The mentions of a lexicon in ``text``; words whose id is ``none`` are not mentions."""
    out = []
    for m in rx.finditer(text):
        word = m.group()
        if word[0] in "年月" and m.start() > 0 and text[m.start() - 1] in _PERIOD_TAIL:
            # 2024财年收入 is 收入 of a fiscal year, not 年收入: read on from the next character
            m = rx.match(text, m.start() + 1)
            if m is None:
                continue
            word = m.group()
        found = table[word]
        if found != "none":
            out.append((m.start(), m.end(), found))
    return out


class Document(NamedTuple):
    """A document as the resolvers see it: its text, mentions and clause and stop marks."""
    a: Analyzed
    lex: Lexicons
    text: str
    men: Mentions
    main: str | None  # the company it is mostly about, if any
    stops: list[int]  # offsets of the sentence stops
    marks: list[int]  # offsets of the clause marks


class Sentence(NamedTuple):
    """One sentence: its span and figures, and what it inherits from its paragraph."""
    doc: Document
    start: int
    end: int
    quantities: list[Quantity]
    subject: str | None  # the subject carried from the previous sentence of the paragraph
    period: str | None  # the period in force in the paragraph
    main: str | None  # the document's main company, unless the sentence cites a source
    first: int  # how many claims the document has before this sentence

    def clause_start(self, pos: int) -> int:
        return clause_start(self.doc.marks, self.start, pos)


def clause_start(marks: list[int], start: int, pos: int) -> int:
    """Start of the clause (after the last comma, semicolon or colon) that holds ``pos`` in the
    sentence starting at ``start``, from the positions of the document's clause marks: no scan
    back through the sentence."""
    j = bisect_left(marks, pos) - 1
    return marks[j] + 1 if j >= 0 and marks[j] >= start else start


class Reading(NamedTuple):
    """What the resolvers read of one figure, before it becomes a claim."""
    entity: str | None
    metric: str | None
    segment: str | None
    period: str | None
    evidence: tuple[str, ...]
    relation: str | None
    inferred: bool
    basis: str
    months: str | None

