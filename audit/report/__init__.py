"""Renderers of one audit result: rich console, JSON, SARIF, GitHub annotations, HTML.

Every renderer takes the same :class:`Result` and returns text; writing it (to standard output,
or atomically to ``--output``) is the caller's business.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from audit.model import Finding


def number(x, digits: int = 4) -> str:
    """A number for people: plain when small, scientific when large or tiny; '-' for none."""
    if x is None:
        return "-"
    f = float(x)
    return f"{f:.{digits}g}" if f != 0 and (abs(f) >= 1e6 or abs(f) < 1e-3) else f"{f:g}"


@dataclass
class Result:
    docs: list  # Analyzed
    findings: list[Finding]
    expected: set[int] = field(default_factory=set)  # indexes of findings the baseline expects
    stale: list[dict[str, Any]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    seconds: float = 0.0
    claims: int = 0

    def status(self, i: int) -> str:
        return "expected" if i in self.expected else "new"
