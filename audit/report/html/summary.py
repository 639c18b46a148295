"""The report's summary: what was read, what was found by check and severity, and how the
findings stand against the baseline. Every count carries ``data-count`` for programs (the
browser tests compare them with the JSON report)."""
from __future__ import annotations

from collections import Counter
from html import escape

SEVERITIES = ("error", "warning", "info")


def counts(r) -> dict[str, int | str]:
    new = sum(1 for i in range(len(r.findings)) if r.status(i) == "new")
    return {"documents": len(r.docs), "figures": sum(d.figures for d in r.docs), "claims": r.claims,
            "findings": len(r.findings), "new": new, "expected": len(r.findings) - new, "stale": len(r.stale),
            "unreadable": len(r.unreadable), "seconds": f"{r.seconds:.2f}"}


def render(r) -> str:
    items = "".join(f"<div><dt>{name}</dt><dd data-count={name}>{value}</dd></div>"
                    for name, value in counts(r).items())
    return f"<dl class=counts>{items}</dl>{_table(r)}"


def _table(r) -> str:
    by: Counter = Counter((f.code, f.slug, f.severity) for f in r.findings)
    status: Counter = Counter((f.code, r.status(i)) for i, f in enumerate(r.findings))
    checks = sorted({(f.code, f.slug) for f in r.findings})
    head = "".join(f"<th>{h}</th>" for h in ("check", *SEVERITIES, "expected", "new"))
    rows = "".join(
        f"<tr data-code={escape(code)}><td><code>{escape(code)}</code> {escape(slug)}</td>"
        + "".join(f"<td>{by[code, slug, s]}</td>" for s in SEVERITIES)
        + f"<td>{status[code, 'expected']}</td><td>{status[code, 'new']}</td></tr>"
        for code, slug in checks)
    return f"<table class=bycheck><caption>findings by check</caption><tr>{head}</tr>{rows}</table>" if rows else ""
