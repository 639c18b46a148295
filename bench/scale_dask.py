"""``python bench/scale.py --engine dask``: the local engine (``--jobs 2``) against a LocalCluster
of 2 workers on the same corpora in the same minutes (wall time, best of --runs, interleaved), the
driver's peak RSS under each (the audit process alone, not its workers: bounded by the claims it
keeps, not by the text), and whether the two reports are identical. Also what the on-paper plan
of bench/RESULTS.md needs: claims per MB, and bytes per claim as the shuffle moves them.

    python bench/scale_dask.py --bytes DIR [--jobs 2]

prints instead the bytes the driver holds per claim once DIR is read (tracemalloc, the lexicons
and grammar loaded first so that only the corpus counts), then once the corpus checks have run
and the most it held while they ran, with and without the context the console and HTML reports
quote."""
from __future__ import annotations

import json
import os
import marshal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The audit command, run as the program runs it, reporting the process's own peak RSS (KB) last
# on standard error: ru_maxrss of a waited-for child would include the cluster's worker processes.
_DRIVER = ("import resource, sys\nimport audit.cli as c\ncode = c.main(sys.argv[1:])\n"
           "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nraise SystemExit(code)\n")


def run(args: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB of the driver process alone)."""
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", _DRIVER, *args], cwd=ROOT, capture_output=True, text=True,
                       env=dict(os.environ, CI="1"))
    wall = time.perf_counter() - t
    if r.returncode not in (0, 1):
        sys.exit(f"audit {' '.join(args)} exited {r.returncode}: {r.stderr.strip()[-400:]}")
    return wall, int(r.stderr.strip().splitlines()[-1]) // 1024


def shuffle_bytes(folder: Path) -> tuple[int, float]:
    """(claims, bytes per claim as the shuffle moves them: marshalled tuples, audit.wire) of ``folder``."""
    from audit import config as cfgmod
    from audit import pipeline, wire

    corpus = pipeline.read([str(folder)], cfgmod.load(None), 2, pipeline.Wants(context=False))
    return len(corpus.claims), len(marshal.dumps(list(map(wire.claim_tuple, corpus.claims)))) / len(corpus.claims)


def table(base: Path, sizes: list[int], runs: int, build) -> None:
    print("| corpus | bytes | claims | claims per MB | shuffled bytes per claim | local --jobs 2 s | dask, 2 workers s "
          "| dask / local | driver peak RSS MB, local | driver peak RSS MB, dask | same output |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for mb in sizes:
        folder = base / f"{mb}mb"
        folder.mkdir(parents=True, exist_ok=True)
        size = build(folder, mb)
        outs = [base / f"{mb}mb-{e}.json" for e in ("local", "dask")]
        common = ["run", str(folder), "--format", "json", "--exit-zero", "--jobs", "2"]
        local, dask = [], []
        for _ in range(runs):  # interleaved, so that the machine's slow spells fall on both alike
            local.append(run(common + ["--output", str(outs[0])]))
            dask.append(run(common + ["--engine", "dask", "--output", str(outs[1])]))
        (tl, rl), (td, rd) = min(local), min(dask)
        one, two = (json.loads(o.read_text(encoding="utf-8")) for o in outs)
        one.pop("seconds")
        two.pop("seconds")
        claims, per = shuffle_bytes(folder)
        print(f"| {mb} MB | {size:,} | {claims:,} | {claims / (size / 1e6):,.0f} | {per:,.0f} | {tl:.2f} | {td:.2f} "
              f"| {td / tl:.2f}x | {rl} | {rd} | {'yes' if one == two else 'NO'} |", flush=True)


def driver_bytes(folder: Path, jobs: int, context: bool) -> tuple[int, int, int, int, int]:
    """(claims, documents, bytes traced after reading ``folder`` as ``audit run`` does, json or rich,
    bytes traced once the corpus checks have run too, and the most traced while they ran)."""
    import gc
    import tracemalloc

    from audit import config as cfgmod
    from audit import pipeline
    from audit.cli.shared import findings
    from audit.quantities.grammar import grammar
    from audit.report.json_report import entry_text, finding_text

    cfg = cfgmod.load(None)
    cfg.lexicons()
    grammar()
    wants = pipeline.Wants(False, None, True) if context else pipeline.Wants(False, finding_text, False, entry_text)
    findings(pipeline.read([str(ROOT / "seeds")], cfg, 1, wants))  # modules and caches of a first run, not counted
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    corpus = pipeline.read([str(folder)], cfg, jobs, wants)
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.reset_peak()
    found = findings(corpus)
    gc.collect()
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert found is not None
    return len(corpus.claims), len(corpus.docs), held, after - base, peak - base


def _bytes_main(folder: Path, jobs: int, context: bool | None) -> None:
    if context is None:  # each measure in a process of its own: what one read leaves would count in the next
        for flag in ("no", "yes"):
            subprocess.run([sys.executable, __file__, "--bytes", str(folder), "--jobs", str(jobs), "--context", flag],
                           check=True)
        return
    claims, docs, held, checked, peak = driver_bytes(folder, jobs, context)
    what = "with context (rich, html)" if context else "without context (json, sarif, github)"
    print(f"{folder} --jobs {jobs}, {what}: {claims:,} claims, {docs:,} documents, {held / 1e6:.1f} MB held: "
          f"{held / claims:,.0f} bytes per claim, {held / docs:,.0f} per document; with the findings of the "
          f"corpus checks {checked / 1e6:.1f} MB ({checked / claims:,.0f} per claim, {checked / docs:,.0f} per "
          f"document), at most {peak / 1e6:.1f} MB while they ran", flush=True)


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="bytes the driver holds per claim (see the module's docstring)")
    ap.add_argument("--bytes", metavar="DIR", required=True, help="the corpus to read")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--context", choices=["yes", "no"], help="only the measure with (yes) or without (no) context")
    a = ap.parse_args()
    _bytes_main(Path(a.bytes), a.jobs, None if a.context is None else a.context == "yes")
