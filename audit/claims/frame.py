"""What the resolvers read: a document's mentions, found once, and a frame per sentence.

A document is read once for the mentions of each lexicon (entities, metrics, segments, basis
words); a sentence is then a frame — its span, figures, the subject and period carried into it —
that each resolver reads for one figure at a time. The frame replaces the thirteen positional
parameters of the former ``_sentence_claims``; the readings of a figure are a :class:`Reading`.
"""
from __future__ import annotations

import functools
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

    def first_between(self, lo: int, hi: int) -> Span | None:
        """The first mention that starts in [lo, hi), if any (no list made)."""
        j = bisect_left(self.starts, lo)
        return self.items[j] if j < len(self.starts) and self.starts[j] < hi else None

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
    metrics: Spans  # those of the sentences that hold figures only: every reader looks in its own
    segments: Spans
    bases: Spans  # basis words (预计, 分析师预期…): audit.claims.basis.marks
    wording: Spans  # adjusted (non-GAAP) or GAAP wording
    words: Spans  # all of entities, subjects, metrics, bases and wording in one, each (start, end,
    # NAME for an entity's or a subject's, else ""): what ends a phrase, found by one lookup


NAME = "name"


def mentions(entities: list[Span], subjects: list[Span], sources: list[Span], metrics: list[Span],
             segments: list[Span], bases: list[Span], wording: list[Span]) -> Mentions:
    """The mentions of a document, each kind sorted by start, and all the words in one."""
    words = sorted([(s, e, NAME) for s, e, _ in (*entities, *subjects)]
                   + [(s, e, "") for s, e, _ in (*metrics, *bases, *wording)])
    return Mentions(*map(Spans, (entities, subjects, sources, metrics, segments, bases, wording, words)))


_PERIOD_TAIL = "财今去明全本当上下同0123456789"


@functools.lru_cache(maxsize=8)
def matches(rx: re.Pattern, text: str) -> tuple[tuple[int, int, str], ...]:
    """Every match (start, end, word) of ``rx`` in ``text``, scanned once however many readers of
    one document ask (the claims' mentions, the dated events of audit.events)."""
    return tuple([(m.start(), m.end(), m.group()) for m in rx.finditer(text)])


def find(rx: re.Pattern, table: dict[str, str], text: str, within: list[tuple[int, int]] | None = None) -> list[Span]:
    """The mentions of a lexicon in ``text``, or only in its spans ``within`` (runs of sentences,
    in order: the same mentions there as a scan of the whole text, for no word spans two sentences —
    see :func:`audit.claims.lexicons.spans_sentences`); words whose id is ``none`` are not mentions."""
    out: list[Span] = []
    if within is None:
        _found(rx, table, text, matches(rx, text), out)
        return out
    n = len(text)
    for s, e in within:  # one character past the end: a Latin word's look-ahead sees what follows it
        _found(rx, table, text, map(_span_word, rx.finditer(text, s, min(n, e + 1))), out)
        if out and out[-1][0] >= e:
            out.pop()
    return out


def _span_word(m: re.Match) -> tuple[int, int, str]:
    return m.start(), m.end(), m.group()


def _found(rx: re.Pattern, table: dict[str, str], text: str, found, out: list[Span]) -> None:
    for start, end, word in found:
        if word[0] in "年月" and start > 0 and text[start - 1] in _PERIOD_TAIL:
            # 2024财年收入 is 收入 of a fiscal year, not 年收入: read on from the next character
            m = rx.match(text, start + 1)
            if m is None:
                continue
            start, end, word = m.start(), m.end(), m.group()
        kind = table[word]
        if kind != "none":
            out.append((start, end, kind))


class Document(NamedTuple):
    """A document as the resolvers see it: its text, mentions and clause and stop marks."""
    a: Analyzed
    lex: Lexicons
    text: str
    men: Mentions
    main: str | None  # the company it is mostly about, if any
    stops: list[int]  # offsets of the sentence stops
    marks: list[int]  # offsets of the clause marks
    sentences: list[tuple[int, int, int]]  # (start, end, its paragraph's start) of every sentence
    context: bool = True  # the claims carry the raw line around them (only the rich and HTML reports show it)


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

