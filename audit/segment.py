"""Split normalized text into paragraphs and sentences without cutting figures or quotes.

Sentences end at 。！？!? (a semicolon only separates clauses) and at a full stop that is not a decimal point (1.15亿) or a version
dot (3.8+); a sentence end inside “…” or 「…」 does not close the sentence that quotes it.
Paragraphs are lines. Spans are [start, end) offsets into the normalized text.
"""
from __future__ import annotations

import re

_END = re.compile(r"[。！？!?]+|\.(?![\d.])(?<!\d\.)|\.(?=\s|$)|\n")
_OPEN, _CLOSE = "“「『‘(《", "”」』’)》"


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start, depth, i = 0, 0, 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "\n":
            depth = 0
            if text[start:i].strip():
                out.append((start, i))
            start = i + 1
        elif depth == 0:
            m = _END.match(text, i)
            if m is not None and m.group() != "\n":
                end = m.end()
                while end < n and text[end] in _CLOSE:
                    end += 1
                if text[start:end].strip():
                    out.append((start, end))
                start, i = end, end
                continue
        i += 1
    if text[start:].strip():
        out.append((start, n))
    return out
