"""The compact form of the claims the driver of a run keeps (issue 24), for either engine.

A run keeps every claim to the end (the corpus checks compare them), so the claims, not the text,
bound its memory: 100,000 small articles held 4.5 GB. Most of a claim's bytes are not what a check
reads: the raw line around it (reports quote it only for the few claims a finding names), the same
exact Decimals (2023, 10%, 0.05) and the same short strings (metric, period, evidence) made again
for every claim. The compact form is the same :class:`audit.claims.Claim` (every check reads it
unchanged) with the context moved to one compressed block per document, read back only for the
locations of findings (:func:`restore_context`), and equal values shared: each Decimal by its exact
text (``8.80E+10`` and ``8.8E+10`` stay apart, as the reports write them), each string and tuple once.
"""
from __future__ import annotations

import marshal
import zlib
from dataclasses import replace
from decimal import Decimal
from typing import Iterable

from ..claims import Change, Claim
from ..digest import Digest
from ..model import Finding, Quantity

_NO_CONTEXT = ("", "")


class Compactor:
    """Shares equal values between the claims of one run (its tables live as long as the run)."""

    def __init__(self) -> None:
        self.decimals: dict[str, Decimal] = {}
        self.shared: dict = {}  # strings and tuples of strings, each kept once

    def _dec(self, x: Decimal | None) -> Decimal | None:
        if x is None:
            return None
        return self.decimals.setdefault(str(x), x)

    def _one(self, x):
        return x if x is None else self.shared.setdefault(x, x)

    def quantity(self, q: Quantity) -> Quantity:
        text, start, end, kind, v, lo, hi, unit, qualifier, approximate, ns, ne, cls, date, period, rel = q
        one = self._one
        return tuple.__new__(Quantity, (text, start, end, one(kind), self._dec(v), self._dec(lo), self._dec(hi),
                                        one(unit), one(qualifier), approximate, ns, ne, one(cls), date, one(period),
                                        rel))

    def claim(self, c: Claim) -> Claim:
        cid, doc, entity, metric, segment, period, q, ch, quote, line, col, inferred, relations, evidence, stop, \
            _, basis, months = c
        one = self._one
        if ch is not None:
            ch = tuple.__new__(Change, (one(ch[0]), one(ch[1]), self.quantity(ch[2])))
        return tuple.__new__(Claim, (cid, doc, one(entity), one(metric), one(segment), one(period),
                                     None if q is None else self.quantity(q), ch, quote, line, col, inferred,
                                     relations, one(evidence), stop,
                                     _NO_CONTEXT, one(basis), one(months)))

    def digest(self, d: Digest, context: bool = True) -> Digest:
        """``d`` with its claims compact, their contexts in one compressed block (none when the
        report quotes no text, ``context`` false, or they are empty)."""
        contexts = None
        if context and any(c.context != _NO_CONTEXT for c in d.claims):
            contexts = zlib.compress(marshal.dumps([tuple(c.context) for c in d.claims]), 1)
        return replace(d, claims=tuple(map(self.claim, d.claims)), contexts=contexts)


def restore_context(findings: Iterable[Finding], docs: Iterable[Digest]) -> list[Finding]:
    """``findings`` with the raw line around each claim they point at, read back from the
    compressed block of its document: what the console and HTML reports quote."""
    findings = list(findings)
    wanted = {loc.path for f in findings for loc in f.locations}
    blocks = {d.path: d for d in docs if d.contexts is not None and d.path in wanted}
    if not blocks:
        return findings
    by_doc: dict[str, dict] = {}
    for path, d in blocks.items():
        contexts = marshal.loads(zlib.decompress(d.contexts))
        by_doc[path] = {(c.line, c.col, c.quote): ctx for c, ctx in zip(d.claims, contexts)}
    return [_restored(f, by_doc) for f in findings]


def _restored(f: Finding, by_doc: dict[str, dict]) -> Finding:
    locs = tuple(_located(loc, by_doc) for loc in f.locations)
    return f if all(a is b for a, b in zip(locs, f.locations)) else replace(f, locations=locs)


def _located(loc, by_doc: dict[str, dict]):
    ctx = by_doc.get(loc.path, {}).get((loc.line, loc.col, loc.snippet))
    if ctx is None or loc.before or loc.after:
        return loc
    return replace(loc, before=ctx[0], after=ctx[1])
