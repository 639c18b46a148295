"""JSON report (schema version 1, documented in the README)."""
from __future__ import annotations

from collections.abc import Iterator

from audit.fingerprint import parse_claim_key
from audit.model import Finding

from . import Result, Written, dumps, pieces

VERSION = 1


def finding_text(f: Finding) -> str:
    """A finding as the report writes it but for its status, the last key, and the closing
    brace, which :func:`render` writes after it: a run asks for it of every document finding as
    the document is read, in parallel under --jobs. ``key`` is the claim key the finding is about
    (entity, metric, segment, period, basis; null for a finding about text, not claims), ``keys``
    every claim key it involves."""
    d = f.to_dict()
    keys = [k for k in map(parse_claim_key, f.keys) if k is not None]
    d["key"] = keys[0] if keys else None
    d["keys"] = keys
    return dumps(d, depth=0)[:-1]


def entry_text(path: str, encoding: str, published: str | None, published_from: str, figures_count: int,
               rows: tuple | None) -> str:
    """A document's entry as the report writes it (with its figures when they were read): a run
    asks for it as the document is read, in parallel under --jobs."""
    entry = {"path": path, "encoding": encoding, "published": published, "published_from": published_from,
             "figures_count": figures_count}
    if rows is not None:
        entry["figures"] = list(rows)
    return dumps(entry, depth=0)


def render(r: Result, figures: bool = False, joined: bool = True) -> str | Iterator[str]:
    """The report; unless ``joined``, its pieces as they are made, for writing a large report
    out without holding it whole."""
    # Each finding's text, made as its document was read when it is still that object (not
    # renumbered by occurrence since), else here; the status goes in before the closing brace.
    made = _Made(r.docs, r.findings)
    tails = {status: f', "status": "{status}"}}' for status in ("new", "expected")}
    findings = ((made(i, f) or finding_text(f), tails[r.status(i)]) for i, f in enumerate(r.findings))
    entries = [d.entry_text if d.entry_text is not None and (d.figure_rows is not None) == figures
               else entry_text(d.path, d.encoding, d.published, d.published_source, d.figures,
                               (d.figure_rows or ()) if figures else None)
               for d in r.docs]

    out = {
        "version": VERSION,
        "documents": Written(entries),
        "claims_count": r.claims,
        "findings": Written(findings),
        "stale": r.stale,
        "unreadable": r.unreadable,
        "seconds": round(r.seconds, 3),
    }
    return dumps(out, end="\n") if joined else pieces(out, end="\n")


class _Made:
    """The text made where its document was read of a finding, by the finding; a document's texts
    (kept compressed) are read back when first asked, one document at a time: the findings come
    sorted by path, so a document's come together. Findings kept packed
    (audit.engines.ordered.Ordered) know their own."""

    def __init__(self, docs, findings) -> None:
        self.docs = docs
        self.text = getattr(findings, "text", None)
        self.where = {} if self.text is not None else {
            id(f): (n, i) for n, d in enumerate(docs) if d.finding_texts and type(d.findings) is tuple
            for i, f in enumerate(d.findings)}
        self.held: tuple[int, tuple[str, ...]] = (-1, ())

    def __call__(self, k: int, f: Finding) -> str | None:
        if self.text is not None:
            return self.text(k)
        at = self.where.get(id(f))
        if at is None:
            return None
        n, i = at
        if self.held[0] != n:
            self.held = (n, self.docs[n].texts() or ())
        texts = self.held[1]
        return texts[i] if i < len(texts) else None
