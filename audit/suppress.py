"""Suppressions: where the text lives (Markdown/HTML comments) and in expectations.yaml.

In a document: ``<!-- audit-ignore AU100: reason -->`` silences the codes named (all when none
is) on its own line and the next; ``<!-- audit-ignore-start AU100 -->`` … ``<!-- audit-ignore-end -->``
a block; ``<!-- audit-ignore-file AU500 -->`` the whole document. In expectations.yaml,
``ignore:`` entries ({code, path or fingerprint, reason}) do the same for plain text. A
suppression that silences nothing is reported, so stale ones do not pile up.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .fingerprint import same as same_fingerprint
from .model import Finding

_COMMENT = re.compile(
    r"<!--\s*audit-ignore(?P<kind>-start|-end|-file)?\b\s*(?P<codes>[A-Z]{2}\d{3}(?:\s*[, ]\s*[A-Z]{2}\d{3})*)?"
    r"\s*(?::\s*(?P<reason>.*?))?\s*-->")


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
    for m in _COMMENT.finditer(raw):
        line = raw.count("\n", 0, m.start()) + 1
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
    kept = []
    for f in findings:
        hit = [s for s in suppressions if s.covers(f) and (s.fingerprint or s.path)]
        for s in hit:
            s.used = True
        if not hit:
            kept.append(f)
    return kept
