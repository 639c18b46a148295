"""JSON report (schema version 1, documented in the README)."""
from __future__ import annotations

from . import Result, dumps

VERSION = 1


def render(r: Result, figures: bool = False) -> str:
    out = {
        "version": VERSION,
        "documents": [
            dict({"path": d.path, "encoding": d.encoding, "published": d.published,
                  "published_from": d.published_source, "figures_count": d.figures},
                 **({"figures": list(d.figure_rows or ())} if figures else {}))
            for d in r.docs],
        "claims_count": r.claims,
        "findings": [dict(f.to_dict(), status=r.status(i)) for i, f in enumerate(r.findings)],
        "stale": r.stale,
        "unreadable": r.unreadable,
        "seconds": round(r.seconds, 3),
    }
    return dumps(out) + "\n"
