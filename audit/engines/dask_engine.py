"""``audit run --engine dask``: the map, shuffle and reduce of DESIGN.md section 8 on a Dask cluster.

The file listing is cut into partitions, each read on a worker into packed digests (the driver
never sees document text); the driver keeps the digests with their claims packed
(:mod:`audit.engines.packed`) and makes the corpus links as the local engine does. The claims are
then shuffled by each check's ``GROUP``: every chunk of claims is split on a worker into buckets
by a stable hash of the group, each bucket checked on a worker, one group at a time, in corpus
order. A "corpus" check runs on the driver, where its small inputs (notes) are. The findings of
each check are put back in the order of their groups' first claims, so :func:`audit.engine.finish`
gives the report the local engine gives, byte for byte.

Every task carries its input (no scattered data), so a worker that dies is replaced and its tasks
run again elsewhere, with the same findings. Only this module imports Dask, and only under
``--engine dask``.
"""
from __future__ import annotations

import logging
import marshal
import pickle
import zlib
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import Any

from .. import pipeline, wire
from ..digest import Digest
from ..ingest import ReadError

PARTITION_DOCS = 64  # documents per read task: enough to outweigh a task's overhead, few enough to share out
CHUNK_CLAIMS = 20_000  # claims per shuffle task
CONNECT_SECONDS = 10


class EngineError(Exception):
    """The cluster cannot be used (no Dask installed, a scheduler out of reach): a usage error."""


def connect(scheduler: str | None, jobs: int):
    """A client of the scheduler at ``scheduler``, else of a LocalCluster of ``jobs`` worker processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("--engine dask needs the dask extra: pip install 'claim-audit[dask]'") from None
    import warnings

    for name in ("distributed", "tornado", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # the cluster's chatter is not the report's
    warnings.filterwarnings("ignore", module="distributed")  # a busy dashboard port, say
    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as ex:
            raise EngineError(f"--scheduler {scheduler}: cannot reach the Dask scheduler "
                              f"({str(ex).splitlines()[0] if str(ex) else type(ex).__name__})") from None
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.CRITICAL)
    return Client(cluster)


def close(client) -> None:
    cluster = client.cluster
    client.close()
    if cluster is not None:
        cluster.close()


# --- on the workers ------------------------------------------------------------------------------

_first = itemgetter(0)
_configs: dict[str, Any] = {}  # the configuration of each run, unpickled once per worker process


def _config(token: str, blob: bytes):
    if token not in _configs:
        _configs.clear()
        _configs[token] = pickle.loads(blob)
    return _configs[token]


def read_partition(jobs: list, token: str, blob: bytes, wants: pipeline.Wants) -> list:
    """Read one partition of the listing: each document's packed digest, or its ReadError. The
    cycle collector is off meanwhile, as in the local engine's workers (reading makes no cycles)."""
    with pipeline.collector_off():
        pipeline._init(_config(token, blob), wants)
        return [wire.pack(r, wants.context) if isinstance(r, Digest) else r for r in map(pipeline._one, jobs)]


def _bucket_of(group) -> int:
    return zlib.crc32(repr(group).encode("utf-8"))  # the same in every process, unlike hash()


def split(blob: bytes, first: int, kinds: tuple[str, ...], buckets: int) -> dict[str, list[bytes]]:
    """Each kind of grouping -> ``buckets`` lists of (corpus position, group, claim), from a chunk
    of claims. Claims travel as marshalled tuples (audit.wire), opaque to Dask and read in C:
    pickle rebuilds each claim, figure and Decimal by a Python call, 50 times slower."""
    from .groups import GROUP_OF, SKIP

    with pipeline.collector_off():  # many small tuples, no cycles: the collector would walk them again and again
        raw = marshal.loads(blob)
        claims = list(map(wire.claim_from, raw))
        out = {}
        for kind in kinds:
            of, parts = GROUP_OF[kind], [[] for _ in range(buckets)]
            for i, (c, t) in enumerate(zip(claims, raw), first):
                g = of(c)
                if g is not SKIP:
                    parts[_bucket_of(g) % buckets].append((i, g, t))
            out[kind] = [marshal.dumps(p) for p in parts]
        return out


def _take(parts: dict, kind: str, bucket: int) -> bytes:
    return parts[kind][bucket]


def check_bucket(kind: str, codes: tuple[str, ...], token: str, blob: bytes, *parts: bytes) -> list:
    """The groups of one bucket checked by each check of ``codes``: (code, [(first position of
    the group, its findings)], failure or None) per check."""
    from checks import by_code

    from ..engine import build_context
    from ..faults import CheckFailure

    ctx = build_context([], _config(token, blob), claims=[], notes={})  # notes are for "corpus" checks alone
    groups: dict = {}
    with pipeline.collector_off():
        for i, g, t in sorted((x for p in parts for x in marshal.loads(p)), key=_first):
            groups.setdefault(g, (i, []))[1].append(wire.claim_from(t))
    out = []
    for code in codes:
        mod, found = by_code(code), []
        try:
            for first, claims in groups.values():
                found.append((first, list(mod.check_group(ctx, claims))))
        except Exception as ex:  # noqa: BLE001 - reported as the local engine reports it
            import traceback

            out.append((code, [], CheckFailure(code, "", f"{type(ex).__name__}: {ex}", traceback.format_exc())))
            continue
        out.append((code, found, None))
    return out


# --- on the driver -------------------------------------------------------------------------------

def _partitions(paths: list[str], config) -> list[list]:
    jobs = [j if j.path is None else j._replace(path=j.path.absolute()) for j in pipeline._jobs(paths, config)]
    return [jobs[i:i + PARTITION_DOCS] for i in range(0, len(jobs), PARTITION_DOCS)]


def _results(client, parts: list[list], token: str, blob: bytes, wants,
             show: bool) -> Iterator[Digest | ReadError]:
    """Every document's result in input order, partitions gathered as they finish (with Dask's
    progress bar of the reading when ``show``)."""
    from distributed import as_completed

    from .dask_progress import bar

    futures = client.map(read_partition, parts, token=token, blob=blob, wants=wants, pure=False)
    shown = bar(client, futures, "reading", show)
    index = {f.key: n for n, f in enumerate(futures)}
    done: dict[int, list] = {}
    nxt = 0
    try:
        for fut in as_completed(futures):
            done[index[fut.key]] = fut.result()
            fut.release()
            while nxt in done:
                for r in done.pop(nxt):
                    yield wire.unpack(r) if type(r) is bytes else r
                nxt += 1
    finally:
        shown.stop()


def read(paths: list[str], config, scheduler: str | None, jobs: int, wants: pipeline.Wants,
         progress: Callable[[], None], on_error: Callable[[ReadError], None], show: bool = False) -> pipeline.Corpus:
    """The corpus read on the cluster, its corpus checks made there too (``Corpus.checked``);
    with ``show``, Dask's progress bars of the reading and the checking on standard error."""
    client = connect(scheduler, jobs)
    try:
        blob = pickle.dumps(config, protocol=pickle.HIGHEST_PROTOCOL)
        token = f"{zlib.crc32(blob):08x}-{len(blob)}"
        results = _results(client, _partitions(paths, config), token, blob, wants, show)
        with pipeline.collector_off():
            corpus = pipeline.gather(results, config, wants, progress, on_error)
            return corpus._replace(checked=corpus_findings(client, corpus, token, blob, show))
    finally:
        close(client)


def corpus_findings(client, corpus: pipeline.Corpus, token: str, blob: bytes,
                    show: bool = False) -> tuple[list, list]:
    """The findings of every corpus check, unsorted, in the order the local engine makes them
    (check by check, group by group), and the failures of the checks that raised."""
    from checks import REGISTRY

    from ..engine import build_context
    from .groups import group_kind

    mods = [m for m in REGISTRY if getattr(m, "SCOPE", "corpus") == "corpus"]
    kinds = tuple(dict.fromkeys(group_kind(m) for m in mods if group_kind(m) != "corpus"))
    per_code = _shuffled(client, corpus.claims, kinds, mods, token, blob, show)
    ctx = build_context([], corpus.config, claims=corpus.claims, notes=corpus.notes)
    found: list = []
    for mod in mods:
        if mod.GROUP == "corpus":
            from ..engine import _guarded

            found += _guarded(ctx, mod, lambda ctx, mod=mod: mod.check_group(ctx, ctx.claims))
            continue
        groups, failure = per_code[mod.CODE]
        if failure is not None:
            ctx.failures.append(failure)
            continue
        for _, findings in sorted(groups, key=_first):
            found += findings if corpus.kept is None else map(corpus.kept, findings)
    return found, ctx.failures


def _shuffled(client, claims, kinds: tuple[str, ...], mods: list, token: str,
              blob: bytes, show: bool = False) -> dict[str, tuple[list, Any]]:
    """Check code -> ([(first position of a group, its findings)], failure or None), from the
    claims split by every kind of group on the workers and each bucket checked there."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    buckets = 2 * workers
    splits = [client.submit(split, marshal.dumps(chunk), n * CHUNK_CLAIMS, kinds, buckets, pure=False)
              for n, chunk in enumerate(claims.chunks(CHUNK_CLAIMS))]  # packed claims, never all unpacked
    reduced = []
    for kind in kinds:
        codes = tuple(m.CODE for m in mods if m.GROUP == kind)
        for b in range(buckets):
            parts = [client.submit(_take, s, kind, b, pure=False) for s in splits]
            reduced.append(client.submit(check_bucket, kind, codes, token, blob, *parts, pure=False))
    from .dask_progress import bar

    shown = bar(client, reduced, "checking", show)
    try:
        gathered = client.gather(reduced)
    finally:
        shown.stop()
    out: dict[str, tuple[list, Any]] = {}
    for per_bucket in gathered:
        for code, groups, failure in per_bucket:
            have, first_failure = out.get(code, ([], None))
            out[code] = (have + groups, first_failure or failure)
    return out
