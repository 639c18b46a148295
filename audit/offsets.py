"""Offset maps between a text and the text a normalization step made of it.

A step copies most characters one to one and replaces a few regions (a tag removed, an entity
decoded, "…" expanded to "...", a pinyin annotation dropped). The map stores only those regions,
so its size is the number of edits, not the length of the text: a 50 MB document whose every line
holds one ellipsis costs kilobytes here, where a per-character table would cost gigabytes.
"""
from __future__ import annotations

import bisect
from typing import Iterable


class Edits:
    """Regions (out_start, out_end, src_start, src_end) of one step, in text order; every
    character outside them is copied one to one."""

    __slots__ = ("out_starts", "out_ends", "src_starts", "src_ends")

    def __init__(self, regions: Iterable[tuple[int, int, int, int]]) -> None:
        regions = list(regions)
        self.out_starts = [r[0] for r in regions]
        self.out_ends = [r[1] for r in regions]
        self.src_starts = [r[2] for r in regions]
        self.src_ends = [r[3] for r in regions]

    def __len__(self) -> int:
        return len(self.out_starts)

    def start(self, p: int) -> int:
        """Source offset where output character ``p`` begins."""
        k = bisect.bisect_right(self.out_starts, p) - 1
        if k < 0:
            return p
        if p < self.out_ends[k]:
            return self.src_starts[k]
        return self.src_ends[k] + (p - self.out_ends[k])

    def end(self, p: int) -> int:
        """Source offset where output character ``p`` ends (exclusive)."""
        k = bisect.bisect_right(self.out_starts, p) - 1
        if k >= 0 and p < self.out_ends[k]:
            return self.src_ends[k]
        return self.start(p) + 1

    def inverse(self, r: int) -> int:
        """The first output offset whose source starts at or after source offset ``r``."""
        k = bisect.bisect_right(self.src_starts, r) - 1
        if k < 0:
            return r
        if r == self.src_starts[k]:
            return self.out_starts[k]
        if r < self.src_ends[k]:
            return self.out_ends[k]
        return self.out_ends[k] + (r - self.src_ends[k])


def apply(text: str, spans: Iterable[tuple[int, int, str]]) -> tuple[str, Edits | None]:
    """``text`` with each (start, end, replacement) span replaced, and the map of the result.
    Spans are in text order; one that starts inside an earlier one is skipped."""
    out: list[str] = []
    regions: list[tuple[int, int, int, int]] = []
    pos = size = 0
    for s, e, rep in spans:
        if s < pos:
            continue
        out.append(text[pos:s])
        size += s - pos
        out.append(rep)
        regions.append((size, size + len(rep), s, e))
        size += len(rep)
        pos = e
    if not regions:
        return text, None
    out.append(text[pos:])
    return "".join(out), Edits(regions)
