#!/usr/bin/env python3
"""How many figures the claims stage links, on ../shared/corpus/real-news (printed, not asserted).

    python bench/claims_coverage.py [DIR]

Counts the figures read (dates and periods aside), the claims made, and the share of figures
linked to an entity and a metric. Extraction must never raise: a document that does is reported.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from audit.analysis import analyze
    from audit.claims import corpus_claims
    from audit.ingest import ReadError, read_corpus

    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "real-news"
    if not corpus.is_dir():
        print(f"{corpus} is not present: nothing to measure")
        return
    t = time.perf_counter()
    docs, failed = [], []
    for d in read_corpus([str(corpus)]):
        if isinstance(d, ReadError):
            failed.append(f"{d.path}: {d.message}")
            continue
        try:
            docs.append(analyze(d))
        except Exception as ex:  # noqa: BLE001 - the point is to report, not to stop
            failed.append(f"{d.path}: {type(ex).__name__}: {ex}")
    claims = corpus_claims(docs)
    figures = sum(1 for a in docs for q in a.quantities if q.kind not in ("date", "period"))
    both = sum(1 for c in claims if c.entity and c.metric)
    entity = sum(1 for c in claims if c.entity)
    metric = sum(1 for c in claims if c.metric)
    chars = sum(len(a.doc.text) for a in docs)
    print(f"{len(docs)} documents, {chars:,} characters, {figures} figures (dates and periods aside)")
    print(f"{len(claims)} claims: {entity} with an entity, {metric} with a metric, {both} with both")
    if figures:
        print(f"share of figures linked to an entity and a metric: {100 * both / figures:.1f}%")
        print(f"share of figures made claims at all:             {100 * len(claims) / figures:.1f}%")
    print(f"{time.perf_counter() - t:.2f} s")
    for f in failed:
        print("FAILED", f)


if __name__ == "__main__":
    main()
