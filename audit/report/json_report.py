"""JSON report (schema version 1, documented in the README)."""
from __future__ import annotations

import json

from . import Result

VERSION = 1


def render(r: Result, figures: bool = False) -> str:
    out = {
        "version": VERSION,
        "documents": [
            dict({"path": d.doc.path, "encoding": d.doc.encoding, "published": d.published,
                  "published_from": d.published_source, "figures_count": len(d.quantities)},
                 **({"figures": [dict(q.to_dict(), at="%d:%d" % d.where(q.start)) for q in d.quantities]}
                    if figures else {}))
            for d in r.docs],
        "claims_count": None,
        "findings": [dict(f.to_dict(), status=r.status(i)) for i, f in enumerate(r.findings)],
        "stale": r.stale,
        "unreadable": r.unreadable,
        "seconds": round(r.seconds, 3),
    }
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
