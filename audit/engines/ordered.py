"""The findings of a run kept packed till the report writes them (issue 24).

A finding as a live object is about a kilobyte (its message, keys, fingerprint, locations), and a
large run holds hundreds of thousands of them to the end: more than its packed claims. When the
report quotes no text (json, sarif, github: audit.engines.compact.Compactor without context), a
document's own findings are kept as one compressed block (:class:`FindingBlock`, a hundred bytes
each) and a corpus check's as one marshalled record (:func:`record`). The report order
(:func:`audit.engine.finish`) is then computed from their tuples, without making the findings,
into an :class:`Ordered` sequence that makes each finding again only when it is read, one
document's block at a time: the findings are in path order, so a document's come together.
"""
from __future__ import annotations

import marshal
import pickle
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from ..model import Finding
from ..wire import _finding_in, _finding_out

_RANK = {"error": 0, "warning": 1, "info": 2}
_CORPUS = -1  # the source of a corpus check's finding, in Ordered.src (else: its document)
_CHUNK = 10_000  # findings made at once to apply the suppressions


def _dumps(tuples) -> bytes:
    """Findings' tuples (audit.wire) as bytes: marshal, or pickle for what marshal cannot write
    (a check's computed value of another type)."""
    try:
        return b"M" + marshal.dumps(tuples)
    except ValueError:
        return b"P" + pickle.dumps(tuples, protocol=pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes):
    return marshal.loads(data[1:]) if data[:1] == b"M" else pickle.loads(data[1:])


def record(f: Finding) -> bytes:
    """A corpus check's finding as the run keeps it till the report (no text around it, no figure)."""
    return _dumps(_finding_out(f, {}, False))


def from_record(data: bytes) -> Finding:
    return _finding_in(_loads(data), ())


class FindingBlock(Sequence):
    """One document's findings as one compressed block (no text around them, no figure): a
    sequence that makes them again each time it is read."""

    __slots__ = ("blob", "n")

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.blob = zlib.compress(_dumps([_finding_out(f, {}, False) for f in findings]), 1)
        self.n = len(findings)

    def tuples(self) -> list[tuple]:
        return _loads(zlib.decompress(self.blob))

    def unpacked(self) -> list[Finding]:
        return [_finding_in(t, ()) for t in self.tuples()]

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.unpacked())

    def __getitem__(self, i):
        return self.unpacked()[i]

    def __eq__(self, other) -> bool:
        return isinstance(other, (Sequence, FindingBlock)) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def packed(docs: Sequence, found: Sequence) -> bool:
    """Whether the run keeps its findings packed (any is): see :func:`ordered`."""
    return any(type(f) is bytes for f in found) or any(isinstance(d.findings, FindingBlock) for d in docs)


class Ordered(Sequence):
    """The findings of a run in report order, each made when it is read: position ``k`` is finding
    ``idx[k]`` of document ``src[k]``'s block, or corpus record ``idx[k]`` (``src[k]`` < 0);
    ``again``: the positions numbered by occurrence (their fingerprint seen before)."""

    def __init__(self, docs: Sequence, records: list[bytes], src: array, idx: array, again: dict[int, int]) -> None:
        self.docs, self.records, self.src, self.idx, self.again = docs, records, src, idx, again
        self._held: tuple[int, list] = (-2, [])
        self._texts: tuple[int, tuple] = (-2, ())

    def __len__(self) -> int:
        return len(self.src)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        s, i = self.src[k], self.idx[k]
        if s == _CORPUS:
            f = from_record(self.records[i])
        else:
            if self._held[0] != s:
                self._held = (s, _unpacked(self.docs[s].findings))
            f = self._held[1][i]
        n = self.again.get(k)
        return f if n is None else replace(f, computed=f.computed + (("occurrence", n),))

    def __iter__(self) -> Iterator[Finding]:
        return map(self.__getitem__, range(len(self)))

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def text(self, k: int) -> str | None:
        """The report's text of finding ``k`` as made where its document was read (Digest.texts),
        if any and the finding is still that one (not numbered by occurrence since)."""
        s = self.src[k]
        if s == _CORPUS or k in self.again:
            return None
        if self._texts[0] != s:
            self._texts = (s, self.docs[s].texts() or ())
        texts, i = self._texts[1], self.idx[k]
        return texts[i] if i < len(texts) else None

    def keep(self, positions: Iterable[int]) -> "Ordered":
        """The findings at ``positions`` (ascending), in order."""
        src, idx, again = array("i"), array("i"), {}
        for k in positions:
            if k in self.again:
                again[len(src)] = self.again[k]
            src.append(self.src[k])
            idx.append(self.idx[k])
        return Ordered(self.docs, self.records, src, idx, again)


def _unpacked(findings) -> list[Finding]:
    return findings.unpacked() if isinstance(findings, FindingBlock) else list(findings)


def _tuples(findings) -> list[tuple]:
    return findings.tuples() if isinstance(findings, FindingBlock) else [_finding_out(f, {}, False) for f in findings]


def _sources(docs: Sequence, records: list[bytes], wanted) -> Iterator[tuple[int, int, tuple]]:
    """(source, index, tuple) of every finding ``wanted`` (by its code), documents first, in the
    order audit.engine.finish takes them."""
    for s, d in enumerate(docs):
        if d.findings:
            for i, t in enumerate(_tuples(d.findings)):
                if wanted(t[0]):
                    yield s, i, t
    for i, data in enumerate(records):
        t = _loads(data)
        if wanted(t[0]):
            yield _CORPUS, i, t


def ordered(docs: Sequence, found: Sequence, wanted) -> Ordered:
    """The findings of ``docs`` and of the corpus checks (``found``: records or findings) whose code
    is ``wanted``, in the order of :func:`audit.engine.finish`, kept packed. The sort key of each
    finding is one integer (path rank, line, column, severity, code, then its place), so that no
    tuple per finding is held."""
    records = [f if type(f) is bytes else record(f) for f in found]
    paths, codes, lines, cols, n = set(), set(), 1, 1, 0
    for _, _, t in _sources(docs, records, wanted):
        loc = t[4][0]
        paths.add(loc[0])
        codes.add(t[0])
        lines, cols, n = max(lines, loc[1] + 1), max(cols, loc[2] + 1), n + 1
    path_rank = {p: r for r, p in enumerate(sorted(paths))}
    code_rank = {c: r for r, c in enumerate(sorted(codes))}
    keys, src, idx = [], array("i"), array("i")
    for at, (s, i, t) in enumerate(_sources(docs, records, wanted)):
        loc = t[4][0]
        key = ((path_rank[loc[0]] * lines + loc[1]) * cols + loc[2]) * 3 + _RANK[t[2]]
        keys.append((key * len(code_rank) + code_rank[t[0]]) * n + at)
        src.append(s)
        idx.append(i)
    del path_rank, code_rank
    keys.sort()
    order = array("i", (k % n for k in keys)) if n else array("i")
    del keys
    out = Ordered(docs, records, array("i", (src[k] for k in order)), array("i", (idx[k] for k in order)), {})
    out.again = _occurrences(out)
    return out


def _occurrences(out: Ordered) -> dict[int, int]:
    """The positions whose fingerprint an earlier finding has, each with its occurrence number."""
    seen: dict[str, int] = {}
    again: dict[int, int] = {}
    held: tuple[int, list] = (-2, [])
    for k, (s, i) in enumerate(zip(out.src, out.idx)):
        if s == _CORPUS:
            fp = _loads(out.records[i])[7]
        else:
            if held[0] != s:
                held = (s, _tuples(out.docs[s].findings))
            fp = held[1][i][7]
        c = seen[fp] = seen.get(fp, 0) + 1
        if c > 1:
            again[k] = c
    return again


def suppressed(findings: Sequence[Finding], suppressions: list) -> Sequence[Finding]:
    """audit.suppress.apply, a chunk of findings at a time when they are kept packed (it decides
    finding by finding, and marks a suppression used when any finding it covers is in a chunk)."""
    from .. import suppress

    if not isinstance(findings, Ordered):
        return suppress.apply(findings, suppressions)
    if not any(s.fingerprint or s.path for s in suppressions):
        return findings  # nothing can be suppressed, nor marked used
    kept: list[int] = []
    for lo in range(0, len(findings), _CHUNK):
        made = findings[lo:lo + _CHUNK]
        left = {id(f) for f in suppress.apply(made, suppressions)}
        kept += [lo + j for j, f in enumerate(made) if id(f) in left]
    return findings.keep(kept)
