"""Every claim of a run kept packed, document by document, and unpacked one batch of groups at a time
(issue 24).

A run keeps every claim to the end (the corpus checks compare them), so the claims bound its memory:
as live objects, about 1 KB each. Here each document's claims are one compressed block of marshalled
tuples (audit.wire's form, without the raw line around them), a few dozen bytes per claim. A corpus
check sees one group at a time (:mod:`audit.engines.groups`), so only the groups being checked are
unpacked: the groups of a kind are numbered in the order of their first claim, and cut into batches
of about ``BATCH_CLAIMS`` claims; each batch is one pass over the documents that hold its claims.

The group of claims without an entity (``GROUP = "entity"``) is most of a corpus: it is checked
document by document, in its place among the groups. Its claims are related only within their
document (a relation names a claim of its sentence; no check compares entity-less claims of two
documents), and the final sort of the findings (:func:`audit.engine.finish`) orders a document's
findings the same either way: a test holds every entity check to that.
"""
from __future__ import annotations

import gc
import marshal
import zlib
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import chain, compress
from operator import attrgetter

from ..claims import Claim
from ..claims.link import metric_mask
from ..digest import Digest
from ..subjects import UNLISTED
from ..wire import claim_from, claim_tuple

_entity = attrgetter("entity")

BATCH_CLAIMS = 50_000  # live claims at most per batch (1-2 KB each, with what the checks make), bar one larger group
_SKIP = -1  # the group of a claim that no group of its kind holds
_NONE = 2**31 - 1  # the lowest group of a document that holds none


def pack(claims: Sequence[Claim]) -> bytes:
    """One document's claims as one compressed block (without their context)."""
    return zlib.compress(marshal.dumps([claim_tuple(c) for c in claims]), 1)


def tuples(blob: bytes) -> list[tuple]:
    """The claims of a block of :func:`pack`, as marshalled tuples."""
    with _no_collector():
        return marshal.loads(zlib.decompress(blob))


def unpack(blob: bytes) -> list[Claim]:
    with _no_collector():
        return list(map(claim_from, tuples(blob)))


@contextmanager
def _no_collector() -> Iterator[None]:
    """The cycle collector off while claims are unpacked: thousands of tuples, no cycle, and each
    collection it would start walks the whole heap (it makes unpacking three times slower)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _key_of(t: tuple):
    """The "key" group of a claim tuple: (entity, metric, segment, period, basis), as index() keeps them."""
    return (t[2], t[3], t[4], t[5], t[16]) if t[2] and t[3] and t[6] is not None else _SKIP


_GROUP_OF = {"key": _key_of, "entity": lambda t: t[2], "document": lambda t: t[1]}


class _Kind:
    """The groups of one kind: each claim's group number (first claim first), their sizes, the
    lowest and highest group of each document, and the number of the split group (no entity)."""

    def __init__(self, kind: str) -> None:
        self.of, self.ids = _GROUP_OF[kind], {}
        self.gid, self.low, self.high = array("i"), array("i"), array("i")
        self.sizes = array("i")
        self.split = _SKIP
        self.kind = kind

    def add(self, claims: list[tuple]) -> None:
        of, ids = self.of, self.ids
        got = [_SKIP if (k := of(t)) is _SKIP else ids.setdefault(k, len(ids)) for t in claims]
        self.gid.extend(got)
        held = [g for g in got if g != _SKIP]
        self.low.append(min(held, default=_NONE))
        self.high.append(max(held, default=-1))

    def done(self) -> "_Kind":
        self.sizes = array("i", bytes(4 * len(self.ids)))
        for g in self.gid:
            if g != _SKIP:
                self.sizes[g] += 1
        if self.kind == "entity":
            self.split = self.ids.get(None, _SKIP)
        self.ids = {}
        return self


def _spans(k: _Kind) -> list[tuple[int, int]]:
    """The groups of ``k`` cut into batches of about ``BATCH_CLAIMS`` claims (a larger group alone),
    in order: (first group, last group + 1); the split group (no entity) a span of its own."""
    spans: list[tuple[int, int]] = []
    lo = total = 0
    for g, n in enumerate(k.sizes):
        if g == k.split:
            spans += [(lo, g), (g, g + 1)] if lo < g else [(g, g + 1)]
            lo, total = g + 1, 0
        elif total + n > BATCH_CLAIMS and total:
            spans.append((lo, g))
            lo, total = g, n
        else:
            total += n
    if lo < len(k.sizes):
        spans.append((lo, len(k.sizes)))
    return spans


class PackedClaims(Sequence):
    """The claims of a run in corpus order, packed per document: a sequence (iterated document by
    document, never all unpacked at once) that also yields the groups of a kind, batch by batch."""

    def __init__(self, blobs: list[bytes], counts: list[int]) -> None:
        self.blobs = blobs  # one block per document that has claims
        self.starts = array("q", [0])
        for n in counts:
            self.starts.append(self.starts[-1] + n)
        self.kinds: dict[str, _Kind] = {}

    def __len__(self) -> int:
        return self.starts[-1]

    def __iter__(self) -> Iterator[Claim]:
        return chain.from_iterable(map(unpack, self.blobs))

    def unpacked(self) -> list[Claim]:
        """Every claim at once (a corpus of one batch or less)."""
        with _no_collector():
            return [claim_from(t) for blob in self.blobs for t in tuples(blob)]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(self)[i]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        d = bisect_right(self.starts, i) - 1
        return claim_from(tuples(self.blobs[d])[i - self.starts[d]])

    def __eq__(self, other) -> bool:
        return isinstance(other, (PackedClaims, list, tuple)) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def group(self, kinds: Iterable[str]) -> None:
        """Number the groups of each of ``kinds`` in one pass over the documents."""
        made = [_Kind(kind) for kind in kinds if kind not in self.kinds]
        if made:
            for blob in self.blobs:
                claims = tuples(blob)
                for k in made:
                    k.add(claims)
            self.kinds.update((k.kind, k.done()) for k in made)

    def groups(self, kind: str) -> Iterator[list[Claim]]:
        """The groups of ``kind`` ("key", "entity", "document") in order of first claim, each in
        corpus order. Beyond one batch, the claims without an entity come as one group per
        document, in that group's place."""
        self.group((kind,))
        k = self.kinds[kind]
        if sum(k.sizes) <= BATCH_CLAIMS:
            yield from self._batch(k, 0, len(k.sizes), range(len(self.blobs)))
            return
        spans = _spans(k)
        held = self._holders(k, spans)
        for (lo, hi), docs in zip(spans, held):
            if lo == k.split:
                yield from self._split(k)
            else:
                yield from self._batch(k, lo, hi, docs)

    def _holders(self, k: _Kind, spans: list[tuple[int, int]]) -> list[array]:
        """For each span of groups, the documents that hold a claim of it, in order: a batch
        unpacks those alone (a document's claims of one kind are spread over few batches)."""
        batch_of = array("i", bytes(4 * len(k.sizes)))
        for b, (lo, hi) in enumerate(spans):
            batch_of[lo:hi] = array("i", [b]) * (hi - lo)
        held = [array("i") for _ in spans]
        gid, starts = k.gid, self.starts
        for d in range(len(self.blobs)):
            for b in {batch_of[g] for g in gid[starts[d]:starts[d + 1]] if g != _SKIP}:
                held[b].append(d)
        return held

    def _batch(self, k: _Kind, lo: int, hi: int, docs: Iterable[int]) -> Iterator[list[Claim]]:
        """The groups ``lo`` to ``hi`` (excluded), from one pass over ``docs``, the documents that hold them."""
        if lo >= hi:
            return
        held: dict[int, list[Claim]] = {}
        gid = k.gid
        with _no_collector():
            for d in docs:
                for j, t in enumerate(tuples(self.blobs[d]), self.starts[d]):
                    if lo <= gid[j] < hi:
                        got = held.get(gid[j])
                        if got is None:
                            held[gid[j]] = [claim_from(t)]
                        else:
                            got.append(claim_from(t))
        for g in range(lo, hi):
            if g in held:
                yield held.pop(g)

    def _split(self, k: _Kind) -> Iterator[list[Claim]]:
        """The split group, one document at a time."""
        for d, blob in enumerate(self.blobs):
            if k.low[d] <= k.split <= k.high[d]:
                s, gid = self.starts[d], k.gid
                with _no_collector():
                    one = [claim_from(t) for j, t in enumerate(tuples(blob), s) if gid[j] == k.split]
                if one:
                    yield one

    def chunks(self, size: int) -> Iterator[list[tuple]]:
        """The claims as marshalled tuples (audit.wire), ``size`` at a time: the shuffle's input."""
        out: list[tuple] = []
        for blob in self.blobs:
            out += tuples(blob)
            while len(out) >= size:
                yield out[:size]
                out = out[size:]
        if out:
            yield out


class Packer:
    """Packs the claims of each document as a run gathers it, and keeps what the corpus-wide steps
    need of them, so that none needs every claim unpacked at once: the entities in the order first
    claimed (:func:`audit.claims.infer_unnamed` links a size class to a model named anywhere in
    the corpus), the documents that hold a size class, and the figures without a known entity
    (audit.notices.unknown_subject)."""

    def __init__(self) -> None:
        self.blobs: list[bytes] = []
        self.counts: list[int] = []
        self.entities: dict[str | None, None] = {}
        self.sized: list[tuple[int, int]] = []  # (document, block) of the documents with a size-class figure
        self.lacking = 0  # claims without an entity, or with one read outside the lexicon
        self.names: Counter[str] = Counter()  # the organisation-like names before them

    def add(self, d: Digest, at: int) -> Digest:
        """``d`` (the run's document ``at``) with its claims packed and its unresolved names counted."""
        claims = d.claims
        self.entities.update(dict.fromkeys(map(_entity, claims)))
        self.lacking += sum(1 for c in claims if c.entity is None or c.entity.startswith(UNLISTED))
        self.names.update(name for _, name in d.unresolved)
        if any(c.metric == "parameters" and c.quantity is not None and c.quantity.qualifier == "class"
               for c in compress(claims, metric_mask(claims, "parameters"))):
            self.sized.append((at, len(self.blobs)))
        if not claims:
            return replace(d, unresolved=())
        blob = pack(claims)
        self.blobs.append(blob)
        self.counts.append(len(claims))
        return replace(d, claims=(), packed=blob, unresolved=())

    def finish(self, docs: list[Digest], lex) -> PackedClaims:
        """The packed claims of ``docs`` once linked across documents (infer_unnamed: only the
        documents with a size-class figure are unpacked, each with one stand-in claim per entity of
        the corpus, in the order first claimed, so that it links them as over the whole corpus)."""
        from ..claims import infer_unnamed

        if self.sized:
            stand_ins = [_stand_in(e) for e in self.entities]
            for at, n in self.sized:
                d = docs[at]
                claims = unpack(d.packed)
                linked = infer_unnamed(stand_ins + claims, lex)[len(stand_ins):]
                if linked != claims:
                    blob = pack(linked)
                    self.blobs[n] = blob
                    docs[at] = replace(d, packed=blob)
        return PackedClaims(self.blobs, self.counts)


def _stand_in(entity: str | None) -> Claim:
    return Claim("", "", entity, None, None, None, None, None, "", 0, 0)


def claims_of(d: Digest) -> tuple[Claim, ...]:
    """A digest's claims, packed or not."""
    return tuple(unpack(d.packed)) if d.packed is not None else d.claims
