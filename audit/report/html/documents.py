"""The annotated view of a document: its raw text, escaped, with every figure marked; hovering
or focusing a figure shows its value, interval, key and how each part of the key was read (the
claim's evidence), and links to the findings about it."""
from __future__ import annotations

from html import escape

from audit.claims import Claim

from .anchors import Mark, Plan
from .written import shown

RANK = {"error": 0, "warning": 1, "info": 2}


def render(docs: list, findings: list, claims: dict[tuple[str, int], Claim], plan: Plan) -> str:
    parts = []
    for d in docs:
        if d.path in plan.marks:
            n = plan.number[d.path]
            body = _text(d.text[0], plan.marks[d.path], f"d{n}", d.path, findings, claims)
            parts.append(f"<section class=doc id=d{n} data-doc={n}><h3>{escape(d.path)}</h3>"
                         f"<pre class=text>{body}</pre></section>")
    return "".join(parts)


def _text(text: str, marks: list[Mark], prefix: str, path: str, findings: list,
          claims: dict[tuple[str, int], Claim]) -> str:
    out, at = [], 0
    for m in marks:
        out.append(escape(text[at:m.start]))
        out.append(_mark(m, text[m.start:m.end], prefix, findings, claims.get((path, m.start))))
        at = m.end
    out.append(escape(text[at:]))
    return "".join(out)


def _mark(m: Mark, raw: str, prefix: str, findings: list, claim: Claim | None) -> str:
    cls = ["fig"] if m.figure is not None else ["span"]
    if m.findings:
        cls += ["hit", min((findings[i].severity for i in m.findings), key=RANK.__getitem__)]
    if claim is not None:
        cls.append("claim")
    links = "".join(f"<a href=#f{i}>{escape(findings[i].code)} {escape(findings[i].slug)}</a>"
                    for i in m.findings)
    tip = _tip(m, claim) + (f"<span class=links>{links}</span>" if links else "")
    refs = " ".join(f"f{i}" for i in m.findings)
    return (f"<mark id={prefix}-{m.id} class='{' '.join(cls)}' tabindex=0 data-findings='{refs}'>"
            f"{escape(raw)}<span class=tip role=tooltip>{tip}</span></mark>")


def _tip(m: Mark, claim: Claim | None) -> str:
    rows = []
    if m.figure is not None:
        value, interval = shown(m.figure)
        rows.append(("value", value + (f" ({m.figure.kind})" if m.figure.kind else "")))
        if interval:
            rows.append(("interval", interval))
    if claim is not None:
        rows.append(("key", key_text(claim.entity, claim.metric, claim.segment, claim.period, claim.basis)))
        if claim.change is not None:
            ch = claim.change
            rows.append(("change", f"{ch.basis or ''} {ch.direction} {shown(ch.quantity).value}".strip()))
        rows.append(("read", ", ".join(claim.evidence) or "-"))
    elif m.figure is not None:
        rows.append(("key", "not a claim: no entity and metric linked"))
    return "".join(f"<span class=row><b>{k}</b> {escape(v)}</span>" for k, v in rows)


def key_text(entity, metric, segment, period, basis) -> str:
    """entity · metric · segment · period · basis, as the report names a claim key."""
    parts = [entity or "(no entity)", metric or "(no metric)"] + ([segment] if segment else [])
    parts.append(period or "(no period)")
    return " · ".join(parts + [basis or "actual"])
