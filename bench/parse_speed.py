#!/usr/bin/env python3
"""Throughput of audit.parse_quantities against peer parsers, per-line calls, on the same text
(the seeds and ../shared/corpus/real-news) in the same run.

    python bench/parse_speed.py [--repeat N] [--no-peers]

Prints characters/second (the best of N passes, which alternate between the parsers, after a
warm-up pass of each) and claim-audit's ratio to each peer:
Recognizers-Text (number, currency), jionlp (money), cn2an, chinese2digits, when installed
(``pip install -r ../shared/bench/peers-requirements.txt``; adapters from ../shared/bench). Not
part of the test suite: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def lines() -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    corpus = SHARED / "corpus" / "real-news"
    if corpus.is_dir():
        files += sorted(corpus.glob("*.txt"))
    else:
        print(f"({corpus} not present: seeds only)")
    return [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def best_rates(fns: dict, ls: list[str], repeat: int) -> dict[str, float]:
    """name -> characters/second of its best pass. The passes alternate between the parsers, so
    that a slow minute of a shared machine falls on all of them alike; one whole pass first warms
    each one up (caches, tables built on first need)."""
    chars = sum(map(len, ls))
    best = dict.fromkeys(fns, float("inf"))
    for rnd in range(repeat + 1):
        for name, fn in fns.items():
            t = time.perf_counter()
            for line in ls:
                fn(line)
            if rnd:
                best[name] = min(best[name], time.perf_counter() - t)
    return {name: chars / t for name, t in best.items()}


def peers() -> dict:
    """name -> callable, for each peer that imports here."""
    sys.path.insert(0, str(SHARED / "bench"))
    try:
        import peer_adapters as pa
    except Exception as ex:  # noqa: BLE001 - absent or broken: say so and go on
        print(f"(peer adapters not available: {ex})")
        return {}
    makers = {
        "Recognizers-Text number": lambda: pa.RTPeer("rt-number", "number"),
        "Recognizers-Text currency": lambda: pa.RTPeer("rt-currency", "currency"),
        "jionlp money": pa.JioMoneyPeer,
        "cn2an": pa.Cn2anPeer,
        "chinese2digits": pa.C2DPeer,
    }
    out = {}
    for name, make in makers.items():
        try:
            peer = make()
        except Exception as ex:  # noqa: BLE001
            print(f"(skipped {name}: {type(ex).__name__}: {ex})")
            continue

        def call(text, peer=peer):
            try:
                peer.call(text)
            except Exception:  # noqa: BLE001 - a peer failing on a line is its business
                pass

        out[name] = call
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-peers", action="store_true")
    a = ap.parse_args()
    from audit import parse_quantities

    ls = lines()
    fns = {"claim-audit parse_quantities": parse_quantities}
    if not a.no_peers:
        fns.update(peers())
    rates = best_rates(fns, ls, a.repeat)
    base = rates["claim-audit parse_quantities"]
    print(f"{len(ls)} lines, {sum(map(len, ls)):,} characters, per-line calls, best of {a.repeat} alternating passes\n")
    print("| parser | characters/s | claim-audit / peer |")
    print("|---|---:|---:|")
    for name, r in sorted(rates.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {r:,.0f} | {base / r:.2f}x |")


if __name__ == "__main__":
    main()
