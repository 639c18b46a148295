"""The findings, grouped by the claim key they are about (entity · metric · segment · period ·
basis): each with its severity, check and status, both sides' raw context linked to the figure in
the annotated document, the values and the arithmetic (the finding's message)."""
from __future__ import annotations

from html import escape

from audit.fingerprint import parse_claim_key

from .anchors import Plan
from .documents import RANK, key_text
from .written import shown

NO_KEY = "text, not claims (no claim key)"


def groups(findings: list) -> dict[str, list[int]]:
    """Finding indexes by the key they are about: the worst first (errors before warnings), keys
    of claims before findings about text, else in the order keys first appear."""
    out: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        k = parse_claim_key(f.keys[0]) if f.keys else None
        name = key_text(k["entity"], k["metric"], k["segment"], k["period"], k.get("basis")) if k else NO_KEY
        out.setdefault(name, []).append(i)
    worst = {name: min(RANK[findings[i].severity] for i in members) for name, members in out.items()}
    return dict(sorted(out.items(), key=lambda kv: (worst[kv[0]], kv[0] == NO_KEY)))


def render(findings: list, status, plan: Plan, docs: dict[str, int]) -> str:
    parts = []
    for name, members in groups(findings).items():
        items = "".join(_finding(i, findings[i], status(i), plan, docs) for i in members)
        parts.append(f"<section class=group><h3>{escape(name)}</h3>{items}</section>")
    return "".join(parts) or "<p class=none>No findings.</p>"


def _finding(i: int, f, status: str, plan: Plan, docs: dict[str, int]) -> str:
    in_docs = " ".join(sorted({str(docs[loc.path]) for loc in f.locations if loc.path in docs}))
    sides = "".join(_side(k, loc, plan.anchor.get((i, k))) for k, loc in enumerate(f.locations))
    return (f"<article class='finding {f.severity}' id=f{i} data-sev={f.severity} data-code={escape(f.code)} "
            f"data-docs='{in_docs}' data-status={status} tabindex=-1>"
            f"<header><span class='sev {f.severity}'>{f.severity}</span> <code>{escape(f.code)}</code> "
            f"{escape(f.slug)} <span class=status>{status}</span></header>"
            f"{sides}<p class=calc>= {escape(f.message)}</p></article>")


def _side(k: int, loc, anchor: str | None) -> str:
    where = escape(f"{loc.path}:{loc.line}:{loc.col}")
    link = f"<a class=loc href=#{anchor}>{where}</a>" if anchor else f"<span class=loc>{where}</span>"
    value, interval = shown(loc.quantity)
    val = f"<span class=val>{escape(value)}" + (f" <small>{escape(interval)}</small>" if interval else "") + "</span>"
    quote = f"{escape(loc.before)}<mark>{escape(loc.snippet)}</mark>{escape(loc.after)}"
    return f"<div class=side><span class=sign>{'-+'[min(k, 1)]}</span>{link}<q>{quote}</q>{val if value else ''}</div>"
