"""A corpus read document by document: each is read, analyzed, turned into claims and checked for
what only its text can show, then dropped; what remains is a small :class:`Digest`.

Memory therefore grows with the number of claims, not with the size of the text, and ``--jobs N``
runs the whole per-document pipeline (reading and decoding included) in N processes: this one and
N - 1 workers. The digests are taken in input order, so the report is the same whatever N is.
"""
from __future__ import annotations

import contextlib
import gc
import os
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Sequence

from . import wire
from .claims import Claim
from .digest import Digest
from .ingest import Document, ReadError, iter_files, max_file_bytes, read_document
from .model import Finding


class Corpus(NamedTuple):
    config: Any
    docs: list[Digest]  # in input order
    claims: Sequence[Claim]  # with corpus inference: audit.engines.packed.PackedClaims
    notes: dict[str, list]  # check code -> notes of every document, in input order
    unreadable: list[str]  # one message per file that could not be read
    failures: list = []  # faults.CheckFailure of the checks that raised (read() always passes its own list)
    # The findings of the corpus checks and their failures, when the engine made them where the
    # claims are (audit.engines.dask_engine); None: the caller runs them (audit.engine.collect).
    checked: tuple[list, list] | None = None
    # (claims without a known entity, Counter of the organisation-like names written before them):
    # what audit.notices.unknown_subject needs of every claim, counted as the documents were gathered.
    subjects: tuple[int, Any] | None = None
    # What the run keeps of each finding of a corpus check till the report
    # (audit.engines.compact.Compactor.kept); None: the finding whole.
    kept: Callable[[Finding], Finding] | None = None


class Wants(NamedTuple):
    """What a command needs of each document besides its claims, findings and notes."""

    figures: bool = False  # a row per figure (audit run --figures)
    finding_text: Callable[[Finding], str] | None = None  # how the report writes a finding
    context: bool = True  # the raw text around claims and findings, which the console and HTML reports show
    # How the report writes a document's entry, from (path, encoding, published, published_from,
    # figures_count, figure rows or None).
    entry_text: Callable[..., str] | None = None
    text: bool = False  # the raw text and every figure read in it (the HTML report's annotated documents)


class _Job(NamedTuple):
    path: Path | None
    shown: str
    error: ReadError | None
    published: str | None
    ident: str = ""  # the document's identity (audit.identity)


def digest(doc: Document, config, published: str | None = None, wants: Wants = Wants()) -> Digest:
    """Read one document through to its claims, document findings and notes."""
    from . import subjects, suppress
    from .analysis import analyze
    from .claims import extract_claims
    from .engine import build_context, collect
    from .faults import FAILED

    a = analyze(doc, published)
    lex = config.lexicons()
    claims = extract_claims(a, lex, wants.context)
    ctx = build_context([a], config, lex, claims=claims)
    rows = texts = None
    if wants.figures:
        rows = tuple(dict(q.to_dict(), at="%d:%d" % a.where(q.start)) for q in a.quantities)
    findings = tuple(collect(ctx, scope="document"))
    if wants.finding_text is not None:
        texts = tuple(map(wants.finding_text, findings))
    entry = None
    if wants.entry_text is not None:
        entry = wants.entry_text(doc.path, doc.encoding, a.published, a.published_source, len(a.quantities), rows)
    notes = tuple((k, tuple(v)) for k, v in ctx.notes.items())
    if ctx.failures:  # checks that raised: they travel with the notes (a worker's digest carries those)
        notes += ((FAILED, tuple(ctx.failures)),)
    return Digest(doc.path, doc.encoding, a.published, a.published_source, len(a.quantities), tuple(claims),
                  findings, notes,
                  tuple(suppress.from_text(doc.path, doc.text)), rows, texts, entry,
                  not a.nt.text or a.nt.text.isspace(), subjects.unresolved(a.nt.text, claims, lex.entity_of),
                  (doc.text, a.quantities) if wants.text else None)


_worker: dict[str, Any] = {}


def _init(config, wants: Wants) -> None:
    _worker.update(config=config, wants=wants, limit=max_file_bytes(config))


def _one(job: _Job) -> Digest | ReadError:
    if job.error is not None:
        return job.error
    doc = read_document(job.path, job.shown, job.ident, _worker["limit"])
    if isinstance(doc, ReadError):
        return doc
    return digest(doc, _worker["config"], job.published, _worker["wants"])


def _jobs(paths: list[str], config) -> Iterator[_Job]:
    from . import identity

    root = identity.root_of(config.path)
    for path, err, shown in iter_files(paths, config.include, max_file_bytes(config)):
        if path is None:
            yield _Job(None, "", err, None)
        else:
            ident = identity.of(path, root)
            yield _Job(path, shown, None, config.published(ident), ident)


def _take(counter, workers: list | None = None) -> int:
    """The index of the next job, shared by every process of the run. The main process passes
    the ``workers``: one killed while it held the counter's lock would hold it for ever, so when a
    worker has ended and the lock stays taken for a second, it is released for the dead one (were
    the holder alive after all, two processes would read one document: no harm)."""
    lock = counter.get_lock()
    while not lock.acquire(timeout=None if workers is None else 1.0):
        if any(w.exitcode is not None for w in workers):
            _release(lock)
    try:
        raw = counter.get_obj()  # not counter.value, which takes the (not reentrant) lock again
        i = raw.value
        raw.value = i + 1
    finally:
        lock.release()
    return i


def _release(lock) -> None:
    try:
        lock.release()
    except ValueError:  # it was free again after all
        pass


class WorkerError(RuntimeError):
    """A worker process failed: what it raised (its traceback is a note, for the saved crash
    report), or how it ended."""


def _work(jobs: list[_Job], counter, out, config, wants: Wants) -> None:
    """A worker: take the next job until none is left and send each result with its index; on a
    failure, send -1 and the traceback."""
    import signal
    import traceback

    gc.freeze()  # the collector (off while reading) leaves what this process inherits alone
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and a worker told to stop, stops
    _init(config, wants)
    parent = os.getppid()
    try:
        while (i := _take(counter)) < len(jobs) and os.getppid() == parent:
            r = _one(jobs[i])
            out.send((i, wire.pack(r, wants.context) if isinstance(r, Digest) else r))
    except BaseException:  # noqa: BLE001 - reported by the main process, which exits 3
        out.send((-1, traceback.format_exc()))
    finally:
        out.close()


def _failure(traceback: str) -> WorkerError:
    """The error that reports what a worker sent instead of a result."""
    last = traceback.strip().splitlines()[-1] if traceback.strip() else "unknown failure"
    err = WorkerError(f"in a worker process: {last}")
    err.add_note(f"the worker process's traceback:\n{traceback}")
    return err


PIPE_BYTES = 1 << 20  # a worker's pipe holds this much: it rarely waits for the main process to read


def _widen(conn) -> None:
    try:
        import fcntl

        fcntl.fcntl(conn.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):
        pass  # not Linux, or a lower limit: the default pipe works, with more waiting


def _start(jobs: list[_Job], processes: int, config, wants: Wants):
    """(the shared counter, the workers, the main process's ends of their pipes)."""
    import multiprocessing as mp

    from .quantities.grammar import grammar

    grammar()  # built before the workers start: a forked worker inherits it
    ctx = mp.get_context()
    counter = ctx.Value("q", 0, lock=ctx.Lock())  # a plain lock, which _take can release for a dead worker
    workers, pipes = [], []
    for _ in range(processes - 1):
        reader, writer = ctx.Pipe(duplex=False)
        _widen(writer)
        w = ctx.Process(target=_work, args=(jobs, counter, writer, config, wants), daemon=True)
        w.start()
        writer.close()  # the worker's end: closed here, so a dead worker reads as end of file
        workers.append(w)
        pipes.append(reader)
    return counter, workers, pipes


def _parallel(jobs: list[_Job], processes: int, config, wants: Wants) -> Iterator[Digest | ReadError]:
    """Results in input order, from ``processes`` processes: this one and ``processes - 1``
    workers. Every process takes the next document from one shared counter, so none waits while
    documents remain. Each worker sends every result down its own pipe as soon as it is made,
    pickled in its main thread (a queue's feeder thread would compete with it for the
    interpreter), and this process reads the pipes between its own documents. A worker that dies
    (killed, out of memory) loses at most the documents it had taken and not sent: once every
    worker has ended, this process reads those again itself."""
    from multiprocessing.connection import wait

    counter, workers, pipes = _start(jobs, processes, config, wants)
    done: dict[int, Digest | ReadError] = {}

    def receive(timeout: float | None) -> None:
        """Take what the workers have sent (waiting up to ``timeout`` seconds for something)."""
        for conn in wait(pipes, timeout):
            # Everything the pipe holds: a full pipe would stop the worker in the middle of a send.
            while True:
                try:
                    i, r = conn.recv()
                except EOFError:  # the worker has finished, or died
                    pipes.remove(conn)
                    break
                if i < 0:
                    raise _failure(r)
                done[i] = wire.unpack(r) if type(r) is bytes else r
                if not conn.poll():
                    break

    nxt = 0
    redone = 0
    finished = False
    try:
        while (i := _take(counter, workers)) < len(jobs):
            done[i] = _one(jobs[i])
            receive(0)
            while nxt in done:
                yield done.pop(nxt)
                nxt += 1
        while nxt < len(jobs):
            if nxt not in done and pipes:
                receive(1.0)
                if nxt not in done:
                    _unstick(counter.get_lock(), workers)
                continue
            if nxt not in done:  # every worker has ended: this one was taken by one that died
                done[nxt] = _one(jobs[nxt])
                redone += 1
            while nxt in done:
                yield done.pop(nxt)
                nxt += 1
        finished = True
    finally:
        _stop(workers, pipes, finished)
    if redone:
        _say_redone(workers, redone)


def _unstick(lock, workers: list) -> None:
    """Release the counter's lock for a worker that died holding it (see :func:`_take`), which
    would otherwise keep the others waiting for it for ever."""
    if any(w.exitcode is not None for w in workers):
        if lock.acquire(timeout=1.0):
            lock.release()
        else:
            _release(lock)


def _stop(workers: list, pipes: list, finished: bool) -> None:
    for w in workers:
        if finished:
            w.join(5)  # it has sent everything and is on its way out
        if w.is_alive():
            w.terminate()
        w.join()
    for conn in pipes:
        conn.close()


def _say_redone(workers: list, redone: int) -> None:
    """One line on standard error (through logging, so that a program using the pipeline decides):
    a worker died and this process read its documents again."""
    import logging
    import signal

    how = ", ".join(f"killed by {signal.Signals(-w.exitcode).name}" if w.exitcode < 0 else f"exit code {w.exitcode}"
                    for w in workers if w.exitcode)
    logging.getLogger("audit").warning(f"audit: a worker process ended ({how or 'early'}); the {redone} document(s) "
                                       "it had not sent were read again in the main process")


def read(paths: list[str], config, jobs: int = 1, wants: Wants = Wants(),
         progress: Callable[[], None] = lambda: None,
         on_error: Callable[[ReadError], None] = lambda e: None) -> Corpus:
    """Digest every document under ``paths``, in ``jobs`` processes."""
    with collector_off():
        _init(config, wants)
        todo = _jobs(paths, config)
        results = _parallel(list(todo), jobs, config, wants) if jobs > 1 else map(_one, todo)
        return gather(results, config, wants, progress, on_error)


@contextlib.contextmanager
def collector_off() -> Iterator[None]:
    """The cycle collector off while documents are read, its settings restored after."""
    # Reading makes no reference cycles (a test holds it to that), so the cycle collector has
    # nothing to find while documents are read, only many small objects to walk again and again
    # (5-15% of a run): it is off until the reading ends, in forked workers too.
    # The program may tune the collector further for itself (cli); a library caller gets its
    # settings back as they were.
    thresholds, was_enabled = gc.get_threshold(), gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if was_enabled:
            gc.enable()


def gather(results: Iterable[Digest | ReadError], config, wants: Wants, progress: Callable[[], None],
           on_error: Callable[[ReadError], None]) -> Corpus:
    """The corpus of every document's result, taken in input order (whatever engine read them):
    the digests, with their findings compact and their claims packed (audit.engines.compact,
    audit.engines.packed), kept to the end, the notes of the checks, and the claims linked across
    documents."""
    from .engines.compact import Compactor
    from .engines.packed import Packer
    from .faults import FAILED

    compact, packer = Compactor(wants.context), Packer()
    docs: list[Digest] = []
    unreadable: list[str] = []
    for r in results:
        progress()
        if isinstance(r, ReadError):
            unreadable.append(f"{r.path}: {r.message}")
            on_error(r)
        else:
            docs.append(packer.add(compact.digest(r, wants.context), len(docs)))
    notes: dict[str, list] = {}
    for d in docs:
        for code, items in d.notes:
            notes.setdefault(code, []).extend(items)
    failures = notes.pop(FAILED, [])
    claims = packer.finish(docs, config.lexicons())
    return Corpus(config, docs, claims, notes, unreadable, failures, subjects=(packer.lacking, packer.names),
                  kept=compact.kept)
