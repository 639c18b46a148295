#!/usr/bin/env python3
"""Throughput of audit.parse_quantities, per-line calls, on the seeds and ../shared/corpus/real-news.

    python bench/parse_speed.py [--repeat N]

Prints characters/second (best of N passes after a warm-up). Not part of the test suite: timings
depend on the machine. ../shared/bench/spec_score.py --speed compares with peer libraries.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def lines() -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    corpus = ROOT.parent / "shared" / "corpus" / "real-news"
    if corpus.is_dir():
        files += sorted(corpus.glob("*.txt"))
    else:
        print(f"({corpus} not present: seeds only)")
    return [l for f in files for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    a = ap.parse_args()
    from audit import parse_quantities

    ls = lines()
    chars = sum(map(len, ls))
    t0 = time.perf_counter()
    for l in ls:
        parse_quantities(l)
    first = time.perf_counter() - t0
    best = float("inf")
    found = 0
    for _ in range(a.repeat):
        t = time.perf_counter()
        found = sum(len(parse_quantities(l)) for l in ls)
        best = min(best, time.perf_counter() - t)
    print(f"{len(ls)} lines, {chars:,} characters, {found} quantities")
    print(f"first pass (lazy tables built): {chars / first:12,.0f} chars/s")
    print(f"best of {a.repeat}:                   {chars / best:12,.0f} chars/s")


if __name__ == "__main__":
    main()
