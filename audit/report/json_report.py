"""JSON report (schema version 1, documented in the README)."""
from __future__ import annotations

from audit.model import Finding

from . import Result, dumps, raw_list

VERSION = 1


def finding_text(f: Finding) -> str:
    """A finding as the report writes it, but for its status (the last key): a run asks for it
    of every document finding as the document is read, in parallel under --jobs."""
    return dumps(f.to_dict(), depth=0)


def render(r: Result, figures: bool = False) -> str:
    # Each finding's text, made as its document was read when it is still that object (not
    # renumbered by occurrence since), else here; the status goes in before the closing brace.
    made = {id(f): t for d in r.docs for f, t in zip(d.findings, d.finding_texts or ())}
    findings = [f'{(made.get(id(f)) or finding_text(f))[:-1]}, "status": "{r.status(i)}"}}'
                for i, f in enumerate(r.findings)]

    out = {
        "version": VERSION,
        "documents": [
            dict({"path": d.path, "encoding": d.encoding, "published": d.published,
                  "published_from": d.published_source, "figures_count": d.figures},
                 **({"figures": list(d.figure_rows or ())} if figures else {}))
            for d in r.docs],
        "claims_count": r.claims,
        "findings": raw_list(findings, "  "),
        "stale": r.stale,
        "unreadable": r.unreadable,
        "seconds": round(r.seconds, 3),
    }
    return dumps(out) + "\n"
