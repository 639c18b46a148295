#!/usr/bin/env python3
"""Instructions per pass of the parser over bench/parse_speed.py's text, counted by valgrind.

    python bench/instructions.py [--no-peer]

On a shared machine wall time drifts by a fifth from one minute to the next; the number of
instructions a pass executes does not. This counts them for claim-audit's parse_quantities and
for Recognizers-Text's number model (when installed), each as the difference between a run of
two passes and a run of none (the imports, tables and one warm-up pass cancel out), and prints
their ratio. Needs valgrind; takes a few minutes (valgrind runs Python some fifty times slower).
Not part of the tests.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

DRIVER = """
import sys
sys.path[:0] = [{bench!r}, {root!r}, {shared!r}]
import parse_speed
lines = parse_speed.lines()
if {peer!r}:
    import peer_adapters
    fn = peer_adapters.RTPeer("rt-number", "number").call
else:
    from audit import parse_quantities as fn
for passes in range(1 + int(sys.argv[1])):
    for line in lines:
        fn(line)
"""


def count(peer: bool, passes: int) -> int:
    code = DRIVER.format(bench=str(ROOT / "bench"), root=str(ROOT), shared=str(SHARED / "bench"), peer=peer)
    r = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                        sys.executable, "-c", code, str(passes)], capture_output=True, text=True, cwd=ROOT)
    m = re.search(r"I\s+refs:\s+([\d,]+)", r.stderr)
    if r.returncode != 0 or m is None:
        sys.exit(f"valgrind failed ({r.returncode}): {r.stderr.strip().splitlines()[-1:] or 'no output'}")
    return int(m.group(1).replace(",", ""))


def per_pass(peer: bool) -> int:
    return (count(peer, 2) - count(peer, 0)) // 2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-peer", action="store_true", help="count claim-audit only")
    a = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    ours = per_pass(False)
    print("| parser | instructions per pass | peer / claim-audit |")
    print("|---|---:|---:|")
    print(f"| claim-audit parse_quantities | {ours / 1e6:,.0f} M | 1.00x |")
    if not a.no_peer:
        try:
            import recognizers_number  # noqa: F401 - only to know whether the peer is installed
        except ImportError:
            print("(Recognizers-Text not installed: pip install -r ../shared/bench/peers-requirements.txt)")
            return
        rt = per_pass(True)
        print(f"| Recognizers-Text number | {rt / 1e6:,.0f} M | {rt / ours:.2f}x |")


if __name__ == "__main__":
    main()
