"""Renderers of one audit result: rich console, JSON, SARIF, GitHub annotations, HTML.

Every renderer takes the same :class:`Result` and returns text; writing it (to standard output,
or atomically to ``--output``) is the caller's business.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from audit.model import Finding


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


class Raw(str):
    """JSON text already written, which :func:`dumps` puts in as it is."""


class Written(NamedTuple):
    """A list of JSON values already written, each as one text or as pieces written one after
    the other, which :func:`dumps` lays out one a line (as it lays out a list). Its texts go into
    the report as they are: the thousands of findings of a large report are not joined into a
    list first, then copied again into the report at each level."""

    items: Iterable[str | tuple[str, ...]]


def dumps(obj: Any, depth: int = 2, indent: str = "", end: str = "") -> str:
    """JSON laid out over ``depth`` levels, each deeper value on one line, then ``end``: readable
    and diffable, and written by the C encoder (``indent=`` would fall back to the pure-Python
    one, ten times slower on a large report). The pieces are joined once, at the end."""
    return "".join(pieces(obj, depth, indent, end))


def pieces(obj: Any, depth: int = 2, indent: str = "", end: str = "") -> Iterator[str]:
    """The text of :func:`dumps` piece by piece, made as they are taken: a large report is written
    out without being held whole (a ``Written`` list may be an iterator, read once)."""
    yield from _write(obj, depth, indent)
    yield end


def _write(obj: Any, depth: int, indent: str) -> Iterator[str]:
    kind = type(obj)
    if kind is Raw:
        yield obj
        return
    inner = indent + "  "
    if kind is Written:
        sep, first = ",\n" + inner, True
        for item in obj.items:
            yield ("[\n" + inner) if first else sep
            first = False
            if type(item) is str:
                yield item
            else:
                yield from item
        yield "[]" if first else f"\n{indent}]"
        return
    if depth <= 0 or not obj or not isinstance(obj, (dict, list)):
        yield _ENCODE(obj)
        return
    is_dict = isinstance(obj, dict)
    yield "{\n" if is_dict else "[\n"
    for i, (k, v) in enumerate(obj.items() if is_dict else enumerate(obj)):
        yield f",\n{inner}" if i else inner
        if is_dict:
            yield _ENCODE(str(k)) + ": "
        yield from _write(v, depth - 1, inner)
    yield f"\n{indent}" + ("}" if is_dict else "]")


@dataclass
class Result:
    docs: list  # audit.pipeline.Digest
    findings: list[Finding]
    expected: set[int] = field(default_factory=set)  # indexes of findings the baseline expects
    stale: list[dict[str, Any]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    seconds: float = 0.0
    claims: int = 0
    strict_notices: int = 0  # warnings that fail a run under --strict (audit.notices)
    claim_list: list = field(default_factory=list)  # every claim (after corpus inference): the HTML report's figures

    def status(self, i: int) -> str:
        return "expected" if i in self.expected else "new"
