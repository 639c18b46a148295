"""One self-contained HTML page (no network): findings with quotes highlighted in their lines,
filters by severity and code."""
from __future__ import annotations

import html

from . import Result

CSS = """body{font:14px/1.5 system-ui,sans-serif;margin:2em;max-width:70em}
.f{border-left:4px solid #999;padding:.3em .8em;margin:.8em 0}.error{border-color:#c00}.warning{border-color:#d90}
.info{border-color:#39c}.q{display:flex;gap:1em}.q div{flex:1;background:#f6f6f6;padding:.3em .6em}
mark{background:#fd6}code{color:#555}.hidden{display:none}"""
JS = """function apply(){const s=[...document.querySelectorAll('input.sev:checked')].map(e=>e.value);
const c=document.getElementById('code').value;document.querySelectorAll('.f').forEach(f=>{
f.classList.toggle('hidden',!(s.includes(f.dataset.sev)&&(!c||f.dataset.code===c)))})}"""


def _line_with_mark(loc) -> str:
    return html.escape(loc.before) + "<mark>" + html.escape(loc.snippet) + "</mark>" + html.escape(loc.after)


def render(r: Result) -> str:
    codes = sorted({f.code for f in r.findings})
    parts = [f"<!doctype html><meta charset=utf-8><title>claim-audit report</title><style>{CSS}</style>",
             f"<h1>claim-audit: {len(r.findings)} findings in {len(r.docs)} documents</h1><p>"]
    for sev in ("error", "warning", "info"):
        parts.append(f"<label><input type=checkbox class=sev value={sev} checked onchange=apply()> {sev}</label> ")
    parts.append("<select id=code onchange=apply()><option value=''>all checks</option>"
                 + "".join(f"<option>{c}</option>" for c in codes) + "</select></p>")
    for i, f in enumerate(r.findings):
        status = "expected" if i in r.expected else "new"
        parts.append(f"<div class='f {f.severity}' data-sev={f.severity} data-code={f.code}>"
                     f"<b>{f.severity}</b> <code>{f.code} {f.slug}</code> ({status})<br>{html.escape(f.message)}"
                     "<div class=q>")
        for loc in f.locations:
            parts.append(f"<div><code>{html.escape(loc.path)}:{loc.line}:{loc.col}</code><br>"
                         f"{_line_with_mark(loc)}</div>")
        parts.append("</div></div>")
    parts.append(f"<script>{JS}</script>")
    return "".join(parts) + "\n"
