"""The compact form of the claims the driver of a run keeps (issue 24), for either engine.

A run keeps every claim to the end (the corpus checks compare them), so the claims, not the text,
bound its memory: 100,000 small articles held 4.5 GB. Most of a claim's bytes are not what a check
reads: the raw line around it (reports quote it only for the few claims a finding names), the same
exact Decimals (2023, 10%, 0.05) and the same short strings (metric, period, evidence) made again
for every claim. The compact form is the same :class:`audit.claims.Claim` (every check reads it
unchanged) with the context moved to one compressed block per document, read back only for the
locations of findings (:func:`restore_context`), and equal values shared: each Decimal once per exact
representation (``8.80E+10`` and ``8.8E+10`` stay apart, as the reports write them), each string and
tuple once. A document's own findings are kept as the report needs them: without the line around
them and the figure they quote when the report shows neither (as a worker process sends them,
audit.wire), their snippets and paths the strings of the claims and the document.
"""
from __future__ import annotations

import marshal
import zlib
from dataclasses import fields, replace
from decimal import Decimal
from typing import Iterable

from ..claims import Change, Claim
from ..digest import Digest
from ..model import Finding, Location, Quantity

_NO_CONTEXT = ("", "")
# Slots set directly, as audit.wire rebuilds them: a Finding made again would hash its fingerprint again.
_SET_FINDING = tuple(getattr(Finding, f.name).__set__ for f in fields(Finding))
_SET_LOCATION = tuple(getattr(Location, f.name).__set__ for f in fields(Location))


def _build(setters: tuple, cls: type, values: tuple):
    obj = object.__new__(cls)
    for put, value in zip(setters, values):
        put(obj, value)
    return obj


class Compactor:
    """Shares equal values between the claims of one run (its tables live as long as the run)."""

    def __init__(self) -> None:
        # Keyed by the value itself, not its text: a text per distinct value would cost more than
        # sharing saves on a corpus whose figures rarely repeat.
        self.decimals: dict[Decimal, Decimal] = {}
        self.shared: dict = {}  # strings and tuples of strings, each kept once

    def _dec(self, x: Decimal | None) -> Decimal | None:
        if x is None:
            return None
        kept = self.decimals.setdefault(x, x)
        # Equal values of another representation (8.8E+10 for 8.80E+10) stay apart: the reports write them.
        return kept if kept is x or not kept.compare_total(x) else x

    def _one(self, x):
        return x if x is None else self.shared.setdefault(x, x)

    def quantity(self, q: Quantity) -> Quantity:
        text, start, end, kind, v, lo, hi, unit, qualifier, approximate, ns, ne, cls, date, period, rel = q
        one = self._one
        return tuple.__new__(Quantity, (text, start, end, one(kind), self._dec(v), self._dec(lo), self._dec(hi),
                                        one(unit), one(qualifier), approximate, ns, ne, one(cls), date, one(period),
                                        rel))

    def claim(self, c: Claim, path: str | None = None) -> Claim:
        cid, doc, entity, metric, segment, period, q, ch, quote, line, col, inferred, relations, evidence, stop, \
            _, basis, months = c
        one = self._one
        if ch is not None:
            ch = tuple.__new__(Change, (one(ch[0]), one(ch[1]), self.quantity(ch[2])))
        doc = path if doc == path else doc  # one string per document, the digest's
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
        claims = tuple(self.claim(c, d.path) for c in d.claims)
        quotes = {c.quote: c.quote for c in claims}
        findings = tuple(self.finding(f, d.path, quotes, context) for f in d.findings)
        return replace(d, claims=claims, findings=findings, contexts=contexts)

    def finding(self, f: Finding, path: str, quotes: dict[str, str], context: bool) -> Finding:
        """``f`` holding the strings already held (its document's path, its claims' quotes) and,
        unless ``context``, none of the text around it nor the figures it quotes."""
        one = self._one
        locs = tuple(_build(_SET_LOCATION, Location, (
            path if loc.path == path else loc.path, loc.line, loc.col, quotes.get(loc.snippet, loc.snippet),
            loc.start, loc.end, *((loc.before, loc.after, loc.quantity) if context else _NO_LOCATION)))
            for loc in f.locations)
        return _build(_SET_FINDING, Finding, (one(f.code), one(f.slug), one(f.severity), f.message, locs,
                                              f.computed, f.keys, f.fingerprint))


_NO_LOCATION = ("", "", None)


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
