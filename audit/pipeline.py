"""A corpus read document by document: each is read, analyzed, turned into claims and checked for
what only its text can show, then dropped; what remains is a small :class:`Digest`.

Memory therefore grows with the number of claims, not with the size of the text, and ``--jobs N``
runs the whole per-document pipeline (reading and decoding included) in N processes: this one and
N - 1 workers. The digests are taken in input order, so the report is the same whatever N is.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple

from .claims import Claim
from .ingest import Document, ReadError, display_path, iter_files, read_document
from .model import Finding


@dataclass(frozen=True)
class Digest:
    """What the corpus checks and the reports need of one document once its text is gone."""

    path: str
    encoding: str
    published: str | None
    published_source: str  # config | dateline | unknown
    figures: int
    claims: tuple[Claim, ...]  # before corpus inference
    findings: tuple[Finding, ...]  # of the checks that read the text (SCOPE = "document"), unsorted
    notes: tuple[tuple[str, tuple], ...]  # (check code, what its notes() found here)
    suppressions: tuple  # audit-ignore comments of the document
    figure_rows: tuple[dict[str, Any], ...] | None = None  # every figure, when asked for


class Corpus(NamedTuple):
    config: Any
    docs: list[Digest]  # in input order
    claims: list[Claim]  # with corpus inference
    notes: dict[str, list]  # check code -> notes of every document, in input order
    unreadable: list[str]  # one message per file that could not be read


class _Job(NamedTuple):
    path: Path | None
    shown: str
    error: ReadError | None
    published: str | None


def digest(doc: Document, config, published: str | None = None, figures: bool = False) -> Digest:
    """Read one document through to its claims, document findings and notes."""
    from . import suppress
    from .analysis import analyze
    from .claims import extract_claims
    from .engine import build_context, collect

    a = analyze(doc, published)
    lex = config.lexicons()
    claims = extract_claims(a, lex)
    ctx = build_context([a], config, lex, claims=claims)
    rows = None
    if figures:
        rows = tuple(dict(q.to_dict(), at="%d:%d" % a.where(q.start)) for q in a.quantities)
    return Digest(doc.path, doc.encoding, a.published, a.published_source, len(a.quantities), tuple(claims),
                  tuple(collect(ctx, scope="document")), tuple((k, tuple(v)) for k, v in ctx.notes.items()),
                  tuple(suppress.from_text(doc.path, doc.text)), rows)


_worker: dict[str, Any] = {}


def _init(config, figures: bool) -> None:
    _worker.update(config=config, figures=figures)


def _one(job: _Job) -> Digest | ReadError:
    if job.error is not None:
        return job.error
    doc = read_document(job.path, job.shown)
    if isinstance(doc, ReadError):
        return doc
    return digest(doc, _worker["config"], job.published, _worker["figures"])


def _jobs(paths: list[str], config) -> Iterator[_Job]:
    for path, err in iter_files(paths, config.include):
        if path is None:
            yield _Job(None, "", err, None)
        else:
            shown = display_path(path)
            yield _Job(path, shown, None, config.published(shown))


def _batches(jobs: Iterator[_Job], size: int) -> Iterator[list[_Job]]:
    batch: list[_Job] = []
    for job in jobs:
        batch.append(job)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _batch(jobs: list[_Job]) -> list[Digest | ReadError]:
    return [_one(j) for j in jobs]


def _parallel(jobs: Iterator[_Job], processes: int, config, figures: bool) -> Iterator[Digest | ReadError]:
    """Results in input order, from ``processes`` processes: this one and ``processes - 1``
    workers. The workers are kept a couple of batches ahead and this process reads the batches
    in between itself: what it reads needs no pickling, and pickling the claims is the largest
    cost of going parallel. Batches go out as the walk finds files, so reading overlaps the walk."""
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    from .quantities import grammar

    grammar()  # built before the workers start: a forked worker inherits it
    gc.freeze()  # and the collector leaves what it inherits alone (no scans, no copied pages)
    workers = processes - 1
    ahead = 2 * workers  # batches queued for the workers
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(config, figures)) as pool:
        slots: deque = deque()  # in input order: a worker's Future, or results read here
        try:
            for batch in _batches(jobs, BATCH):
                queued = sum(1 for x in slots if isinstance(x, Future) and not x.done())
                if queued < ahead:
                    slots.append(pool.submit(_batch, batch))
                else:
                    slots.append(_batch(batch))
                while slots and (not isinstance(slots[0], Future) or slots[0].done()):
                    head = slots.popleft()
                    yield from head.result() if isinstance(head, Future) else head
            while slots:
                head = slots.popleft()
                yield from head.result() if isinstance(head, Future) else head
        finally:
            for x in slots:
                if isinstance(x, Future):
                    x.cancel()


BATCH = 8  # documents per task sent to a worker


def read(paths: list[str], config, jobs: int = 1, figures: bool = False,
         progress: Callable[[], None] = lambda: None,
         on_error: Callable[[ReadError], None] = lambda e: None) -> Corpus:
    """Digest every document under ``paths``, in ``jobs`` processes."""
    from .claims import infer_unnamed

    # The claims kept are many small objects without cycles: with the default thresholds the
    # collector walks them again and again (15% of a run). Collect rarely; forked workers inherit.
    gc.set_threshold(100_000, 50, 100)
    _init(config, figures)
    lex = config.lexicons()
    todo = _jobs(paths, config)
    results = _parallel(todo, jobs, config, figures) if jobs > 1 else map(_one, todo)
    docs: list[Digest] = []
    unreadable: list[str] = []
    for r in results:
        progress()
        if isinstance(r, ReadError):
            unreadable.append(f"{r.path}: {r.message}")
            on_error(r)
        else:
            docs.append(r)
    notes: dict[str, list] = {}
    for d in docs:
        for code, items in d.notes:
            notes.setdefault(code, []).extend(items)
    claims = infer_unnamed([c for d in docs for c in d.claims], lex)
    return Corpus(config, docs, claims, notes, unreadable)
