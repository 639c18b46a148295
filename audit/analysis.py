"""One document read through every stage up to quantities: what the checks look at."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .damage import Damage, find_damage
from .dateline import find_dateline
from .ingest import Document
from .markup import markup_kind
from .model import Location, Quantity
from .normalize import NormText, normalize
from .quantities import extract

CONTEXT = 20  # characters of a line kept on each side of a quoted figure, for reports
_NEWLINE = re.compile("\n")


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
            self._lines.extend([0] + [m.end() for m in _NEWLINE.finditer(self.doc.text)])
        line = bisect.bisect_right(self._lines, raw_offset) - 1
        return line + 1, raw_offset - self._lines[line] + 1

    def context(self, start: int, end: int) -> tuple[str, str]:
        """Up to CONTEXT characters of the raw line before and after [start, end)."""
        text = self.doc.text
        ls = text.rfind("\n", max(0, start - CONTEXT), start) + 1
        le = text.find("\n", end, end + CONTEXT)
        return text[max(ls, start - CONTEXT):start], text[end:min(end + CONTEXT, len(text)) if le < 0 else le]

    def location(self, start: int, end: int, quantity: Quantity | None = None) -> Location:
        line, col = self.where(start)
        before, after = self.context(start, end)
        return Location(self.doc.path, line, col, self.doc.text[start:end], start, end, before, after, quantity)


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
