"""Renderers of one audit result: rich console, JSON, SARIF, GitHub annotations, HTML.

Every renderer takes the same :class:`Result` and returns text; writing it (to standard output,
or atomically to ``--output``) is the caller's business.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from audit.model import Finding


def number(x, digits: int = 4) -> str:
    """A number for people: plain when small, scientific when large or tiny; '-' for none."""
    if x is None:
        return "-"
    f = float(x)
    return f"{f:.{digits}g}" if f != 0 and (abs(f) >= 1e6 or abs(f) < 1e-3) else f"{f:g}"


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


class Raw(str):
    """JSON text already written, which :func:`dumps` puts in as it is."""


def raw_list(items: list[str], indent: str) -> Raw:
    """A list of JSON texts already written, laid out as :func:`dumps` lays out a list at
    ``indent`` (one item a line): one string built at once, for the thousands of findings of a
    large report."""
    if not items:
        return Raw("[]")
    inner = indent + "  "
    body = f",\n{inner}".join(items)
    return Raw(f"[\n{inner}{body}\n{indent}]")  # one string made at once, not a copy per "+"


def dumps(obj: Any, depth: int = 2, indent: str = "") -> str:
    """JSON laid out over ``depth`` levels, each deeper value on one line: readable and diffable,
    and written by the C encoder (``indent=`` would fall back to the pure-Python one, ten times
    slower on a large report)."""
    if type(obj) is Raw:
        return obj
    if depth <= 0 or not obj or not isinstance(obj, (dict, list)):
        return _ENCODE(obj)
    inner = indent + "  "
    if isinstance(obj, dict):
        items = [f"{inner}{_ENCODE(str(k))}: {dumps(v, depth - 1, inner)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    items = [inner + dumps(v, depth - 1, inner) for v in obj]
    return "[\n" + ",\n".join(items) + f"\n{indent}]"


@dataclass
class Result:
    docs: list  # audit.pipeline.Digest
    findings: list[Finding]
    expected: set[int] = field(default_factory=set)  # indexes of findings the baseline expects
    stale: list[dict[str, Any]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    seconds: float = 0.0
    claims: int = 0

    def status(self, i: int) -> str:
        return "expected" if i in self.expected else "new"
