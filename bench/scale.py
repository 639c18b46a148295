#!/usr/bin/env python3
"""Every speed and scale figure of bench/RESULTS.md, in one command.

    python bench/scale.py [--sizes 1,4,16,64] [--runs 2] [--keep DIR] [--no-parser] [--engine dask]
    python bench/scale.py --documents 100000 [--keep DIR] [--jobs N]

Builds corpora of 1, 4, 16 and 64 MB from the seeds and ../shared/corpus/real-news (copies with
digits shifted and company names swapped, so that the number of claims grows with the corpus),
audits each with ``audit run --format json`` under ``--jobs 1`` and ``--jobs 2`` (wall time, best
of --runs, the two interleaved, and the median speed-up of the pairs; peak RSS of the audit process; the two outputs must be identical), measures the cold
start of ``audit run`` on the seeds, measures what two processes gain on this machine at all (two
pure-Python loops against one), and runs bench/parse_speed.py (the parser against its peers).
Prints Markdown with the machine's description and a verdict per target. Not part of the tests.
With ``--engine dask`` (the dask extra installed), it measures instead the local engine against a
2-worker LocalCluster on the same corpora (bench/scale_dask.py).
"""
from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDIT = [sys.executable, "-m", "audit"]
NAMES = ["小米", "华为", "腾讯", "百度", "京东", "联想", "阿里巴巴", "美团", "网易", "快手"]


def sources() -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    corpus = ROOT.parent / "shared" / "corpus" / "real-news"
    files += sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    return [f.read_text(encoding="utf-8") for f in files]


def vary(text: str, rnd: random.Random) -> str:
    text = re.sub(r"\d", lambda m: str((int(m.group()) + rnd.randint(0, 9)) % 10), text)
    a, b = rnd.sample(NAMES, 2)
    return text.replace(a, "\0").replace(b, a).replace("\0", b)


def build(folder: Path, megabytes: int) -> int:
    rnd = random.Random(megabytes)
    texts = sources()
    size, i = 0, 0
    while size < megabytes * 1_000_000:
        t = vary(texts[i % len(texts)], rnd)
        (folder / f"{i:06d}.txt").write_text(t, encoding="utf-8")
        size += len(t.encode("utf-8"))
        i += 1
    return size


def build_docs(folder: Path, documents: int, per_folder: int = 100) -> int:
    """``documents`` varied copies of the same articles in nested folders of ``per_folder`` files
    (``0003/0001/000123.txt``), as an archive is laid out: the corpus of the 100,000-document run
    (issue 24). Returns its size in bytes."""
    rnd = random.Random(documents)
    texts = sources()
    size = 0
    for i in range(documents):
        sub = folder / f"{i // (per_folder * per_folder):04d}" / f"{i // per_folder % per_folder:04d}"
        if i % per_folder == 0:
            sub.mkdir(parents=True, exist_ok=True)
        t = vary(texts[i % len(texts)], rnd)
        (sub / f"{i:06d}.txt").write_text(t, encoding="utf-8")
        size += len(t.encode("utf-8"))
    return size


def documents_run(n: int, keep: str | None, jobs: int = 2) -> None:
    """One run of ``audit run --jobs JOBS --format json`` over ``n`` documents (built in ``keep`` or
    a temporary folder, removed at the end): wall time, the audit process's peak RSS (MiB, and
    decimal MB) and its bytes per claim and per document."""
    base = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="claim-audit-docs-"))
    if not keep:
        atexit.register(shutil.rmtree, base, ignore_errors=True)
    folder = base / f"{n}docs"
    size = build_docs(folder, n) if not folder.is_dir() else sum(p.stat().st_size for p in folder.rglob("*.txt"))
    out = base / f"{n}docs.json"
    wall, rss = run(["run", str(folder), "--jobs", str(jobs), "--format", "json", "--exit-zero", "--output", str(out)])
    claims = _claims_count(out)
    print(f"{n:,} documents, {size / 1e6:.0f} MB, {claims:,} claims, `audit run --jobs {jobs} --format json`: "
          f"{wall:.0f} s, peak RSS {rss:,} MiB ({rss * 1.048576:,.0f} MB; {rss * 1048576 / n:,.0f} B per document, "
          f"{rss * 1048576 / max(claims, 1):,.0f} B per claim)")


def _claims_count(report: Path) -> int:
    """The report's claims_count, read line by line (a 100,000-document report is 400 MB)."""
    with report.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith('  "claims_count": '):
                return int(line.split(":")[1].strip().rstrip(","))
    return 0


def run(args: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB of the audit process itself)."""
    t = time.perf_counter()
    p = subprocess.Popen(AUDIT + args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1):
        sys.exit(f"audit {' '.join(args)} exited {p.returncode}")
    return wall, usage.ru_maxrss // 1024


def _spin(n: int = 20_000_000) -> None:
    x = 0
    for i in range(n):
        x += i


def _pairs(work, runs: int) -> tuple[float, float]:
    """How much faster two processes do ``work`` twice (this one and a forked copy, at once) than
    this one does it once: best against best, and the median of the alternating pairs."""
    import multiprocessing as mp

    ones, twos = [], []
    for _ in range(runs):
        t = time.perf_counter()
        work()
        ones.append(time.perf_counter() - t)
        t = time.perf_counter()
        p = mp.get_context("fork").Process(target=work)
        p.start()
        work()
        p.join()
        twos.append(time.perf_counter() - t)
    return 2 * min(ones) / min(twos), statistics.median(2 * o / t for o, t in zip(ones, twos))


def capacity(runs: int = 9) -> tuple[float, float]:
    """How much faster two processes do two equal pure-Python loops than one process does one
    (2.0 on two free cores; less when the second core is slower or busy), as for --jobs."""
    return _pairs(_spin, runs)


def capacity_work(folder: Path, runs: int = 5, n: int = 300) -> tuple[float, float]:
    """As :func:`capacity`, with the work that --jobs shares out: n documents of ``folder`` read
    through to their digests, in this process alone, then in it and a forked copy at once (both
    warm: lexicons, patterns and caches built first). What the two processes lose to each other
    here (caches, memory, the host) no --jobs can win back."""
    import gc
    import itertools

    sys.path.insert(0, str(ROOT))
    from audit import config, pipeline
    from audit.ingest import iter_files, read_document

    cfg = config.load(None)
    docs = [read_document(p, shown) for p, _, shown in itertools.islice(iter_files([str(folder)], cfg.include), n)]

    def work() -> None:
        for d in docs:
            pipeline.digest(d, cfg)

    work()
    enabled = gc.isenabled()
    gc.disable()  # as while a corpus is read
    try:
        return _pairs(work, runs)
    finally:
        if enabled:
            gc.enable()


def machine() -> str:
    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return (f"{os.cpu_count()} cores{mem}, {platform.system()} {platform.machine()}, "
            f"{platform.python_implementation()} {platform.python_version()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,4,16,64")
    ap.add_argument("--runs", type=int, default=2, help="runs per measurement (the best is kept)")
    ap.add_argument("--keep", help="build the corpora in this folder and keep them (else a temporary one, removed at the end)")
    ap.add_argument("--no-parser", action="store_true", help="skip the parser comparison")
    ap.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="dask: local --jobs 2 against a 2-worker LocalCluster instead (bench/scale_dask.py)")
    ap.add_argument("--documents", type=int, metavar="N",
                    help="instead: N small articles in nested folders (build_docs), one `audit run --jobs 2 "
                    "--format json`: wall time and peak RSS (issue 24's 100,000-document run)")
    ap.add_argument("--jobs", type=int, default=2, help="with --documents: audit run --jobs N (default 2)")
    a = ap.parse_args()
    if a.documents:
        return documents_run(a.documents, a.keep, a.jobs)
    # The project's modules compiled to bytecode once, as installing a package does: an editable
    # checkout under PYTHONDONTWRITEBYTECODE (set on this machine) would compile every module
    # again at each start, some 30 ms of every run that no installed copy pays.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "audit", "checks"], cwd=ROOT, check=True)
    print(f"Machine: {machine()}.\n\nCommand: `python bench/scale.py --sizes {a.sizes} --runs {a.runs}"
          f"{' --engine dask' if a.engine == 'dask' else ''}`\n")
    if a.engine == "dask":
        import scale_dask

        base = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="claim-audit-scale-"))
        if not a.keep:
            atexit.register(shutil.rmtree, base, ignore_errors=True)
        scale_dask.table(base, [int(x) for x in a.sizes.split(",")], a.runs, build)
        return
    cold = min(run(["run", "--quiet", "--no-color"])[0] for _ in range(3))
    print(f"Cold start, `audit run` on the seeds: {cold:.2f} s (best of 3; target < 1 s: "
          f"{'met' if cold < 1 else 'NOT met'})\n")
    print("| corpus | bytes | claims | --jobs 1 s | MB/s | peak RSS MB | --jobs 2 s | speed-up | median of pairs | same output |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    if a.keep:
        base = Path(a.keep)
    else:
        base = Path(tempfile.mkdtemp(prefix="claim-audit-scale-"))
        atexit.register(shutil.rmtree, base, ignore_errors=True)  # some 190 MB of generated text
    rows, pairs = {}, {}
    for mb in (int(x) for x in a.sizes.split(",")):
        folder = base / f"{mb}mb"
        folder.mkdir(parents=True, exist_ok=True)
        size = build(folder, mb)
        outs = [base / f"{mb}mb-jobs{j}.json" for j in (1, 2)]
        common = ["run", str(folder), "--format", "json", "--exit-zero"]
        # Interleaved, so that the machine's slow spells fall on both alike; the best of each kept.
        ones, twos = [], []
        for _ in range(a.runs):
            ones.append(run(common + ["--jobs", "1", "--output", str(outs[0])]))
            twos.append(run(common + ["--jobs", "2", "--output", str(outs[1])]))
        (t1, rss), (t2, _) = min(ones), min(twos)
        paired = statistics.median(o[0] / t[0] for o, t in zip(ones, twos))
        one, two = (json.loads(o.read_text(encoding="utf-8")) for o in outs)
        claims = one["claims_count"]
        one.pop("seconds")
        two.pop("seconds")
        rows[mb], pairs[mb] = (size, t1, t2, rss), paired
        print(f"| {mb} MB | {size:,} | {claims:,} | {t1:.2f} | {size / 1e6 / t1:.2f} | {rss} | {t2:.2f} | "
              f"{t1 / t2:.2f}x | {paired:.2f}x | {'yes' if one == two else 'NO'} |", flush=True)
    print()
    if 1 in rows and len(rows) > 1:
        top = max(rows)
        s1, t1, _, _ = rows[1]
        st, tt, t2, rss = rows[top]
        linear = tt / (t1 * (st / s1))
        print(f"- Linearity: {top} MB takes {tt / t1:.1f}x the 1 MB time for {st / s1:.1f}x the bytes "
              f"({linear:.2f} of linear; target within 1.2: {'met' if linear <= 1.2 else 'NOT met'}).")
        print(f"- Throughput at {top} MB, one process: {st / 1e6 / tt:.2f} MB/s (target 1 MB/s per core: "
              f"{'met' if st / 1e6 / tt >= 1 else 'NOT met'}).")
        print(f"- Peak RSS at {top} MB: {rss} MB (target < 1024: {'met' if rss < 1024 else 'NOT met'}).")
    if 16 in rows:
        _, t1, t2, _ = rows[16]
        paired = pairs[16]
        met = sum(x >= 1.7 for x in (t1 / t2, paired))
        print(f"- --jobs 2 on 16 MB: best against best {t1 / t2:.2f}x, median of the {a.runs} alternating pairs "
              f"{paired:.2f}x (target 1.7x: {['NOT met by either', 'met by one of the two', 'met by both'][met]}).")
        best, median = capacity()
        wbest, wmedian = capacity_work(base / "16mb", a.runs)
        print(f"- For scale, what a second process gained on this machine right after: two pure-Python loops "
              f"in two processes against one in one, {best:.2f}x best against best, {median:.2f}x the median of "
              f"9 alternating pairs (2.00x on two free cores); the per-document work itself (300 documents read "
              f"through to their digests, in two processes at once against one), {wbest:.2f}x best against best, "
              f"{wmedian:.2f}x the median of {a.runs} pairs: the most --jobs 2 could gain with nothing to do but "
              f"read. It varies from minute to minute.")
    if not a.no_parser:
        print("\nParser, `python bench/parse_speed.py` (same text, same run):\n", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "parse_speed.py")], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
