"""Where the findings point in the documents the report shows: every figure of a document and
every span a finding names, as non-overlapping marks, so that a finding links to its mark and a
mark back to its findings."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from audit.model import Quantity


@dataclass
class Mark:
    """One marked span of a document's raw text: a figure, or a span a finding names."""

    start: int
    end: int
    figure: Quantity | None
    findings: list[int] = field(default_factory=list)  # indexes into the report's findings

    @property
    def id(self) -> str:
        return f"at{self.start}"


@dataclass(frozen=True)
class Plan:
    """The marks of each document shown (by path) and the anchor of each finding's location."""

    marks: dict[str, list[Mark]]
    number: dict[str, int]  # path -> the number of a document with a finding, in input order
    anchor: dict[tuple[int, int], str]  # (finding index, location index) -> element id


def plan(docs: list, findings: list) -> Plan:
    """The documents with a finding (and their text), their marks, and the findings' anchors."""
    hit = {loc.path for f in findings for loc in f.locations}
    number = {path: i for i, path in enumerate(d.path for d in docs if d.path in hit)}
    marks = {d.path: _figures(d.text[1]) for d in docs if d.path in hit and d.text is not None}
    anchor: dict[tuple[int, int], str] = {}
    for i, f in enumerate(findings):
        for k, loc in enumerate(f.locations):
            if loc.path in marks:
                m = _mark_for(marks[loc.path], loc.start, loc.end)
                if i not in m.findings:
                    m.findings.append(i)
                anchor[i, k] = f"d{number[loc.path]}-{m.id}"
    return Plan(marks, number, anchor)


def _figures(quantities: tuple[Quantity, ...]) -> list[Mark]:
    out: list[Mark] = []
    for q in sorted(quantities, key=lambda q: (q.start, -q.end)):
        if q.end > q.start and (not out or q.start >= out[-1].end):
            out.append(Mark(q.start, q.end, q))
    return out


def _mark_for(marks: list[Mark], start: int, end: int) -> Mark:
    """The mark of [start, end): the figure there, else one that overlaps it, else a new mark
    (kept in order); an empty span stands for the start of the line it names."""
    end = max(end, start + 1)
    i = bisect.bisect_right([m.start for m in marks], start) - 1
    for j in (i, i + 1):
        if 0 <= j < len(marks) and marks[j].start < end and start < marks[j].end:
            return marks[j]
    m = Mark(start, end, None)
    marks.insert(i + 1, m)
    return m
