"""GitHub Actions workflow commands: one annotation per finding."""
from __future__ import annotations

from . import Result

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def render(r: Result) -> str:
    lines = []
    for i, f in enumerate(r.findings):
        loc = f.locations[0]
        title = f"{f.code} {f.slug}" + (" (expected)" if i in r.expected else "")
        lines.append(f"::{LEVEL[f.severity]} file={_escape(loc.path, True)},line={loc.line},col={loc.col},"
                     f"title={_escape(title, True)}::{_escape(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
