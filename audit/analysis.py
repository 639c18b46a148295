"""One document read through every stage up to quantities: what the checks look at."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .damage import Damage, find_damage
from .dateline import find_dateline
from .ingest import Document
from .markup import markup_kind
from .model import Location, Quantity
from .normalize import NormText, normalize
from .quantities import extract


@dataclass(frozen=True)
class Analyzed:
    doc: Document
    nt: NormText
    damage: tuple[Damage, ...]
    quantities: tuple[Quantity, ...]
    published: str | None
    published_source: str  # config | dateline | unknown
    _lines: list[int] = field(default_factory=list, repr=False, compare=False)

    def where(self, raw_offset: int) -> tuple[int, int]:
        """1-based (line, column in code points) of a raw offset."""
        if not self._lines:
            self._lines.extend([0] + [i + 1 for i, ch in enumerate(self.doc.text) if ch == "\n"])
        line = bisect.bisect_right(self._lines, raw_offset) - 1
        return line + 1, raw_offset - self._lines[line] + 1

    def location(self, start: int, end: int) -> Location:
        line, col = self.where(start)
        return Location(self.doc.path, line, col, self.doc.text[start:end], start, end)


def analyze(doc: Document, published: str | None = None) -> Analyzed:
    """Normalize, find damage, date the document and read its quantities."""
    nt = normalize(doc.text, markup_kind(doc.path))
    damage = find_damage(nt)
    source = "config" if published else "unknown"
    if not published:
        found = find_dateline(nt.text)
        if found is not None:
            published, source = found.isoformat(), "dateline"
    quantities = extract(nt, published, damage)
    return Analyzed(doc, nt, tuple(damage), tuple(quantities), published, source)
