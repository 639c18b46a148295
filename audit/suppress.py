"""Suppressions: where the text lives (Markdown/HTML comments) and in expectations.yaml.

In a document: ``<!-- audit-ignore AU100: reason -->`` silences the codes named (all when none
is) on its own line and the next; ``<!-- audit-ignore-start AU100 -->`` … ``<!-- audit-ignore-end -->``
a block; ``<!-- audit-ignore-file AU500 -->`` the whole document. In expectations.yaml,
``ignore:`` entries ({code, path or fingerprint, reason}) do the same for plain text. A
suppression that silences nothing is reported, so stale ones do not pile up.

Matching is indexed, never every finding against every suppression: the ranges of lines each
document's suppressions cover are merged per (file, code) and looked up by bisection, and a
suppression is marked used when a bisection finds a finding's line in its range. A document with
50,000 comments is read in one pass (lines are counted from the previous comment, not from the
start of the file each time).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from .fingerprint import VERSION, version_of
from .fingerprint import same as same_fingerprint
from .model import Finding

# The reason runs to the first "-->" and holds no "<!--": each character is then read by one
# comment's match at most, however many comments a line holds or leaves open.
_COMMENT = re.compile(
    r"<!--\s*audit-ignore(?P<kind>-start|-end|-file)?\b\s*(?P<codes>[A-Z]{2}\d{3}(?:\s*[, ]\s*[A-Z]{2}\d{3})*)?"
    r"\s*(?::(?P<reason>(?:(?!<!--|-->)[\s\S])*))?-->")


@dataclass
class Suppression:
    path: str
    codes: frozenset[str] | None  # None: every code
    first_line: int
    last_line: int
    where: str  # how to name it in a message
    fingerprint: str | None = None
    used: bool = field(default=False)

    def covers(self, f: Finding) -> bool:
        if self.codes is not None and f.code not in self.codes:
            return False
        if self.fingerprint is not None:
            return same_fingerprint(f, self.fingerprint)
        return any(loc.path == self.path and self.first_line <= loc.line <= self.last_line for loc in f.locations)


def _codes(s: str | None) -> frozenset[str] | None:
    return frozenset(re.findall(r"[A-Z]{2}\d{3}", s)) if s else None


def from_text(path: str, raw: str) -> list[Suppression]:
    if "audit-ignore" not in raw:
        return []
    out: list[Suppression] = []
    open_block: Suppression | None = None
    line, counted = 1, 0
    for m in _COMMENT.finditer(raw):
        line += raw.count("\n", counted, m.start())
        counted = m.start()
        kind, codes = m.group("kind"), _codes(m.group("codes"))
        where = f"{path}:{line}"
        if kind == "-file":
            out.append(Suppression(path, codes, 1, 10**9, where))
        elif kind == "-start":
            open_block = Suppression(path, codes, line, 10**9, where)
            out.append(open_block)
        elif kind == "-end":
            if open_block is not None:
                open_block.last_line = line
                open_block = None
        else:
            out.append(Suppression(path, codes, line, line + 1, where))
    return out


def from_config(entries: list, shown: Callable[[str], str] = str) -> list[Suppression]:
    """Suppressions of ``ignore:`` entries; ``shown`` turns a path of the configuration (relative
    to its folder) into the path findings show (see :func:`audit.identity.shown`)."""
    out = []
    for i, e in enumerate(entries or []):
        if not isinstance(e, dict):
            continue
        out.append(Suppression(shown(str(e["path"])) if e.get("path") else "", _codes(str(e.get("code", ""))) or None, 1, 10**9,
                               f"expectations.yaml ignore[{i}]", str(e["fingerprint"]) if e.get("fingerprint") else None))
    return out


def apply(findings: list[Finding], suppressions: list[Suppression]) -> list[Finding]:
    """The findings no suppression covers; every suppression that covers one is marked used."""
    active = [s for s in suppressions if s.fingerprint or s.path]
    by_fingerprint: dict[str, list[Suppression]] = {}
    legacy = []  # fingerprints of an earlier scheme: few, each recomputed per finding
    for s in active:
        if s.fingerprint is not None and version_of(s.fingerprint) == VERSION:
            by_fingerprint.setdefault(s.fingerprint, []).append(s)
        elif s.fingerprint is not None:
            legacy.append(s)
    covered = _Ranges([s for s in active if s.fingerprint is None])
    kept = []
    for f in findings:
        hit = False
        for s in by_fingerprint.get(f.fingerprint, []) + [x for x in legacy if x.covers(f)]:
            if s.codes is None or f.code in s.codes:
                s.used = hit = True
        if not hit and not any(covered.covers(loc.path, f.code, loc.line) for loc in f.locations):
            kept.append(f)
    _mark_used([s for s in active if s.fingerprint is None], findings)
    return kept


class _Ranges:
    """The lines the suppressions cover, merged per (file, code) (code None: every code)."""

    def __init__(self, suppressions: list[Suppression]) -> None:
        spans: dict[tuple[str, str | None], list[tuple[int, int]]] = {}
        for s in suppressions:
            for code in (None,) if s.codes is None else s.codes:
                spans.setdefault((s.path, code), []).append((s.first_line, s.last_line))
        self.index: dict[tuple[str, str | None], tuple[list[int], list[int]]] = {}
        for key, items in spans.items():
            starts: list[int] = []
            ends: list[int] = []
            for first, last in sorted(items):
                if ends and first <= ends[-1] + 1:
                    ends[-1] = max(ends[-1], last)
                else:
                    starts.append(first)
                    ends.append(last)
            self.index[key] = (starts, ends)

    def covers(self, path: str, code: str, line: int) -> bool:
        for key in ((path, code), (path, None)):
            starts, ends = self.index.get(key, ((), ()))
            i = bisect_right(starts, line) - 1
            if i >= 0 and ends[i] >= line:
                return True
        return False


def _mark_used(suppressions: list[Suppression], findings: list[Finding]) -> None:
    """Mark each suppression that covers a line where a finding of one of its codes points."""
    lines: dict[tuple[str, str | None], list[int]] = {}
    for f in findings:
        for loc in f.locations:
            lines.setdefault((loc.path, f.code), []).append(loc.line)
            lines.setdefault((loc.path, None), []).append(loc.line)
    for v in lines.values():
        v.sort()
    for s in suppressions:
        for code in (None,) if s.codes is None else s.codes:
            found = lines.get((s.path, code), [])
            i = bisect_left(found, s.first_line)
            if i < len(found) and found[i] <= s.last_line:
                s.used = True
                break
