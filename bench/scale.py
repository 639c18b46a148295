#!/usr/bin/env python3
"""End-to-end scale: corpora of 1, 4, 16 (and 64) MB built from the seeds and real-news, audited
with `audit run --format json`; wall time, MB/s, peak RSS, --jobs 1 vs 2, and the cold start.

    python bench/scale.py [--sizes 1,4,16] [--keep DIR]

Copies get varied figures and entity names (digits shifted, entity names rotated) so that the
number of claims grows with the corpus. Results are printed as a Markdown table; paste them into
bench/RESULTS.md with the machine's description. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import resource
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


def run(args: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS of the child in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(AUDIT + args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(after, before) // 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,4,16")
    ap.add_argument("--keep", help="build the corpora in this folder and keep them")
    a = ap.parse_args()
    cold = min(run(["run", "--quiet", "--no-color"])[0] for _ in range(3))
    print(f"cold start, audit run on the seeds: {cold:.2f} s (best of 3)\n")
    print("| corpus | bytes | --jobs 1 s | MB/s | peak RSS MB | --jobs 2 s | speed-up |")
    print("|---|---|---|---|---|---|---|")
    base = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="claim-audit-scale-"))
    for mb in (int(x) for x in a.sizes.split(",")):
        folder = base / f"{mb}mb"
        folder.mkdir(parents=True, exist_ok=True)
        size = build(folder, mb)
        common = ["run", str(folder), "--format", "json", "--exit-zero", "--output", os.devnull]
        t1, rss = run(common + ["--jobs", "1"])
        t2, _ = run(common + ["--jobs", "2"])
        print(f"| {mb} MB | {size:,} | {t1:.2f} | {size / 1e6 / t1:.2f} | {rss} | {t2:.2f} | {t1 / t2:.2f}x |")


if __name__ == "__main__":
    main()
