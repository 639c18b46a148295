"""What the driver of a run keeps of each document's findings and of the text around its claims
(issue 24), for either engine; the claims themselves are packed (:mod:`audit.engines.packed`).

The raw line around each claim is what the console and HTML reports quote, for the few claims a
finding names: it is moved to one compressed block per document, read back only for the locations
of findings (:func:`restore_context`). A document's own findings are kept as the report needs them:
when it quotes the text around them, as objects whose paths are the string of the document and
whose code, slug and severity strings are shared; when it does not, packed
(:mod:`audit.engines.ordered`), as a corpus check's are.
"""
from __future__ import annotations

import marshal
import zlib
from dataclasses import fields, replace
from typing import Iterable

from ..digest import Digest, pack_texts
from ..model import Finding, Location
from .ordered import FindingBlock, record

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
    """Shares equal short strings and numbers between the findings of one run (its table lives as
    long as the run); ``context``: the report quotes the text and figure around a finding's claims
    (rich, html)."""

    def __init__(self, context: bool = True) -> None:
        # Strings and positions, each kept once: a position past 256 is an object of 28 bytes, and
        # the positions of a corpus are few (up to the length of its longest document).
        self.shared: dict = {}
        self.context = context

    def _one(self, x):
        return x if x is None else self.shared.setdefault(x, x)

    def digest(self, d: Digest, context: bool = True) -> Digest:
        """``d`` with its findings compact, their report texts compressed, and the contexts of its
        claims in one compressed block (none when the report quotes no text, ``context`` false, or
        they are empty); its claims are packed next (audit.engines.packed.Packer)."""
        self.shared.setdefault(d.path, d.path)  # the corpus checks' findings share it (kept())
        contexts = None
        if context and any(c.context != _NO_CONTEXT for c in d.claims):
            contexts = zlib.compress(marshal.dumps([tuple(c.context) for c in d.claims]), 1)
        if context:
            findings = tuple(self.finding(f, d.path, context) for f in d.findings)
        else:  # kept packed till the report (audit.engines.ordered)
            findings = FindingBlock(d.findings) if d.findings else ()
        return replace(d, findings=findings, contexts=contexts, finding_texts=pack_texts(d.finding_texts))

    def finding(self, f: Finding, path: str, context: bool) -> Finding:
        """``f`` holding its document's path string and, unless ``context``, none of the text
        around it nor the figures it quotes."""
        one = self._one
        locs = tuple(_build(_SET_LOCATION, Location, (
            path if loc.path == path else one(loc.path), one(loc.line), one(loc.col), loc.snippet,
            one(loc.start), one(loc.end), *((loc.before, loc.after, loc.quantity) if context else _NO_LOCATION)))
            for loc in f.locations)
        return _build(_SET_FINDING, Finding, (one(f.code), one(f.slug), one(f.severity), f.message, locs,
                                              f.computed, tuple(map(one, f.keys)), f.fingerprint))

    def kept(self, f: Finding) -> Finding | bytes:
        """A corpus check's finding as the run keeps it till the report: with the figures it points
        at, its paths and keys shared strings, when the report quotes them (``context``); else one
        record without them (audit.engines.ordered.record, a quarter of a live finding)."""
        if not self.context:
            return record(f)
        return self.finding(f, self._one(f.locations[0].path) if f.locations else "", self.context)


_NO_LOCATION = ("", "", None)


def restore_context(findings: Iterable[Finding], docs: Iterable[Digest]) -> list[Finding]:
    """``findings`` with the raw line around each claim they point at, read back from the
    compressed block of its document: what the console and HTML reports quote."""
    from .packed import claims_of

    findings = list(findings)
    wanted = {loc.path for f in findings for loc in f.locations}
    blocks = {d.path: d for d in docs if d.contexts is not None and d.path in wanted}
    if not blocks:
        return findings
    by_doc: dict[str, dict] = {}
    for path, d in blocks.items():
        contexts = marshal.loads(zlib.decompress(d.contexts))
        by_doc[path] = {(c.line, c.col, c.quote): ctx for c, ctx in zip(claims_of(d), contexts)}
    return [_restored(f, by_doc) for f in findings]


def _restored(f: Finding, by_doc: dict[str, dict]) -> Finding:
    locs = tuple(_located(loc, by_doc) for loc in f.locations)
    return f if all(a is b for a, b in zip(locs, f.locations)) else replace(f, locations=locs)


def _located(loc, by_doc: dict[str, dict]):
    ctx = by_doc.get(loc.path, {}).get((loc.line, loc.col, loc.snippet))
    if ctx is None or loc.before or loc.after:
        return loc
    return replace(loc, before=ctx[0], after=ctx[1])
