"""Split normalized text into paragraphs and sentences without cutting figures or quotes.

Sentences end at 。！？!? (a semicolon only separates clauses) and at a full stop that is not a decimal point (1.15亿) or a version
dot (3.8+); a sentence end inside “…” or 「…」 does not close the sentence that quotes it,
unless it stands right before the quote's close (他说:“…增长5%。”此外…): as Chinese is written, the quote
then ends the sentence.
Paragraphs are lines. Spans are [start, end) offsets into the normalized text.
"""
from __future__ import annotations

import functools
import re

# A dot that ends a sentence: not between digits (1.15亿), not a version's (3.8+), unless a space
# or the end follows.
_FULL_STOP = re.compile(r"\.(?![\d.])(?<!\d\.)|\.(?=\s|$)")
_OPEN, _CLOSE = "“「『‘(《", "”」』’)》"
_ENDS = "。！？!?"  # a quote closed right after one of these ends the sentence that quotes it
MAX_SENTENCE = 1000  # characters; a longer sentence is cut at clause marks (see _split_long)
MAX_QUOTE = 3000  # characters a quotation may hold sentence ends for: beyond, it was never closed
# Every character a sentence may end after (a line end, an end mark, a closing quote, a full stop;
# a clause mark where a long sentence is cut): a word with none of them but at its end lies
# within one sentence (audit.claims.lexicons.spans_sentences)
ENDS_AFTER = frozenset("\n。！？!?.”」』’)》,，;；")


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


# A quote or bracket, a line end, a run of sentence ends, a dot that is not a decimal point.
# Written to open with one character class, so that the engine scans for it in C.
_MARKS = re.compile(r"[“「『‘(《”」』’)》\n。！？!?.]"
                    r"(?:(?<=[。！？!?])[。！？!?]*|(?<=\.)(?!\d)|(?<=[“「『‘(《”」』’)》\n]))")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; only punctuation is visited, so the cost is in the number of marks."""
    out: list[tuple[int, int]] = []
    start, depth, skip_to, opened = 0, 0, 0, 0
    n = len(text)
    for m in _MARKS.finditer(text):
        i = m.start()
        if i < skip_to:
            continue
        ch = m.group()
        if depth and i - opened > MAX_QUOTE:
            depth = 0  # a quote never closed (or a run of them): its sentence ends count again
        if ch in _OPEN:
            if not depth:
                opened = i
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
            if not depth and i > start and text[i - 1] in _ENDS:  # “…。”: the quote ended its sentence
                end = i + 1
                while end < n and text[end] in _CLOSE:
                    end += 1
                out.append((start, end))
                start = skip_to = end
        elif ch == "\n":
            depth = 0
            if text[start:i].strip():
                out.append((start, i))
            start = i + 1
        elif depth == 0:
            if ch == ".":
                e = _FULL_STOP.match(text, i)
                if e is None:
                    continue  # a dot inside a word or a version (3.8+, v2.0)
                end = e.end()
            else:
                end = m.end()  # the run of 。！？!? that ends the sentence
            while end < n and text[end] in _CLOSE:
                end += 1
            out.append((start, end))  # never blank: it holds its end mark
            start = skip_to = end
    if text[start:].strip():
        out.append((start, n))
    if any(e - s > MAX_SENTENCE for s, e in out):
        out = [piece for span in out for piece in _split_long(text, *span)]
    return out


@functools.lru_cache(maxsize=4)
def text_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`sentences` of a whole normalized text, read once however many readers of its
    document ask (the claims, the dated events): the same spans as its lines' sentences, for a
    line end ends a sentence and opens no quote."""
    return tuple(sentences(text))


_CLAUSE = re.compile(r"[,，;；]")


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence longer than MAX_SENTENCE (a run-on list, a document without full stops) cut at
    clause marks into pieces of at most that length where the marks allow: the claim stages
    compare figures within a sentence, and a sentence must not hold the whole document."""
    if end - start <= MAX_SENTENCE:
        return [(start, end)]
    out, s = [], start
    while end - s > MAX_SENTENCE:
        cut = None
        for m in _CLAUSE.finditer(text, s, s + MAX_SENTENCE):
            cut = m.end()
        if cut is None:
            m = _CLAUSE.search(text, s + MAX_SENTENCE, end)
            if m is None:
                break
            cut = m.end()
        out.append((s, cut))
        s = cut
    out.append((s, end))
    return out
