#!/usr/bin/env python3
"""Instructions per pass of the parser over bench/parse_speed.py's text, counted by valgrind.

    python bench/instructions.py [--no-peer] [--stages] [--root DIR]

On a shared machine wall time drifts by a fifth from one minute to the next; the number of
instructions a pass executes does not. This counts them for claim-audit's parse_quantities and
for Recognizers-Text's number model (when installed), each as the difference between a run of
two passes and a run of none (the imports, tables and one warm-up pass cancel out), and prints
their ratio. ``--stages`` also counts the reading of a document stage by stage (analysis, claims,
the whole digest) over the 1 MB corpus of bench/scale.py. ``--root`` counts the code of another
checkout, to compare commits. Needs valgrind; takes a few minutes (valgrind runs Python some
fifty times slower). Not part of the tests.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

DRIVER = """
import sys
sys.path[:0] = [{bench!r}, {shared!r}]
import parse_speed
lines = parse_speed.lines()
for name in [m for m in sys.modules if m == "audit" or m.startswith("audit.")]:
    del sys.modules[name]  # parse_speed imported this checkout's: count the one under --root
sys.path[:0] = [{root!r}]
if {peer!r}:
    import peer_adapters
    fn = peer_adapters.RTPeer("rt-number", "number").call
else:
    from audit import parse_quantities as fn
for passes in range(1 + int(sys.argv[1])):
    for line in lines:
        fn(line)
"""


STAGES = """
import sys, pathlib
sys.path[:0] = [{root!r}]
from audit.analysis import analyze
from audit.claims import default_lexicons, extract_claims
from audit.config import load
from audit.ingest import read_document
from audit.pipeline import digest
docs = [read_document(p) for p in sorted(pathlib.Path({folder!r}).glob("*.txt"))]
cfg, lex = load(None), default_lexicons()
analyzed = [analyze(d) for d in docs]
for d, a in zip(docs, analyzed):
    extract_claims(a, lex), digest(d, cfg)  # the warm-up: caches, patterns compiled on first need
stage, passes = sys.argv[1], int(sys.argv[2])
for _ in range(passes):
    if stage == "analysis":
        [analyze(d) for d in docs]
    elif stage == "claims":
        [extract_claims(a, lex) for a in analyzed]
    else:
        [digest(d, cfg) for d in docs]
"""


def count(code: str, *args: str) -> int:
    r = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                        sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                       env=dict(os.environ, PYTHONHASHSEED="0"))  # set order, and so the count, fixed
    m = re.search(r"I\s+refs:\s+([\d,]+)", r.stderr)
    if r.returncode != 0 or m is None:
        sys.exit(f"valgrind failed ({r.returncode}): {r.stderr.strip().splitlines()[-1:] or 'no output'}")
    return int(m.group(1).replace(",", ""))


def per_pass(code: str, *args: str) -> int:
    return (count(code, *args, "2") - count(code, *args, "0")) // 2


def stages(root: Path) -> None:
    import tempfile

    sys.path.insert(0, str(ROOT / "bench"))
    import scale

    with tempfile.TemporaryDirectory(prefix="claim-audit-stages-") as folder:
        scale.build(Path(folder), 1)
        n = len(list(Path(folder).glob("*.txt")))
        code = STAGES.format(root=str(root), folder=folder)
        print(f"\n| stage, {n} documents of the 1 MB corpus | instructions per pass |")
        print("|---|---:|")
        for stage in ("analysis", "claims", "digest"):
            print(f"| {stage} | {per_pass(code, stage) / 1e6:,.0f} M |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-peer", action="store_true", help="count claim-audit only")
    ap.add_argument("--stages", action="store_true", help="also count a document's reading, stage by stage")
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout whose code is counted (default: this one)")
    a = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    root = a.root.resolve()
    if not (root / "audit" / "__init__.py").is_file():
        sys.exit(f"{a.root}: not a claim-audit checkout (no audit/__init__.py)")

    def driver(peer: bool) -> str:
        return DRIVER.format(bench=str(ROOT / "bench"), root=str(root), shared=str(SHARED / "bench"), peer=peer)

    ours = per_pass(driver(False))
    print("| parser | instructions per pass | peer / claim-audit |")
    print("|---|---:|---:|")
    print(f"| claim-audit parse_quantities | {ours / 1e6:,.0f} M | 1.00x |")
    if not a.no_peer:
        try:
            import recognizers_number  # noqa: F401 - only to know whether the peer is installed
        except ImportError:
            print("(Recognizers-Text not installed: pip install -r ../shared/bench/peers-requirements.txt)")
        else:
            rt = per_pass(driver(True))
            print(f"| Recognizers-Text number | {rt / 1e6:,.0f} M | {rt / ours:.2f}x |")
    if a.stages:
        stages(root)


if __name__ == "__main__":
    main()
