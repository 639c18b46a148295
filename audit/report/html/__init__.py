"""The HTML report: one self-contained page (no network; it works from ``file://``) with a
summary, the findings grouped by claim key, and the annotated text of every document that has a
finding, with filters by severity, check and document, and a print stylesheet.

Its style and script are package data (``assets/``), put inline. Every text from a document,
a finding or the configuration is escaped: a document holding markup cannot inject any.
"""
from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib import resources
from string import Template

from audit.report import Result

from . import documents, findings, summary
from .anchors import plan


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def render(r: Result) -> str:
    p = plan(r.docs, r.findings)
    claims = _claims_at(r.claim_list)
    page = Template(asset("page.html")).substitute(
        css=asset("report.css"), js=asset("report.js"), filters=_filters(r, p.number),
        title=f"claim-audit: {len(r.findings)} findings in {len(r.docs)} documents",
        summary=summary.render(r), findings=findings.render(r.findings, r.status, p, p.number),
        documents=documents.render(r.docs, r.findings, claims, p) or "<p class=none>No document to show.</p>")
    return page


def _claims_at(claims: list) -> dict:
    """Each claim by (document, raw start) of its figure and of its stated change."""
    out = {}
    for c in claims:
        for q in (c.quantity, c.change.quantity if c.change is not None else None):
            if q is not None:
                out.setdefault((c.doc, q.start), c)
    return out


def _filters(r: Result, number: dict[str, int]) -> str:
    sev = "".join(f"<label><input type=checkbox class=sev value={s} checked> {s}</label> "
                  for s in summary.SEVERITIES)
    codes = "".join(f"<option>{escape(c)}</option>" for c in sorted({f.code for f in r.findings}))
    docs = "".join(f"<option value={n}>{escape(path)}</option>" for path, n in number.items())
    return (f"<fieldset class=sevs><legend>severity</legend>{sev}</fieldset>"
            f"<label>check <select id=code><option value=''>all checks</option>{codes}</select></label> "
            f"<label>document <select id=doc><option value=''>all documents</option>{docs}</select></label> "
            "<output id=shown aria-live=polite></output>")
