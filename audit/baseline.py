"""Rewrite the ``findings:`` section of expectations.yaml, and only it.

The rewrite is textual: every other line of the file — other settings, their order, comments,
blank lines — stays byte for byte; inside the section, the note of an entry whose fingerprint is
still found is kept. The file is replaced atomically (see :mod:`audit.atomic`).
"""
from __future__ import annotations

import re
from pathlib import Path

from .atomic import write_atomic
from .model import Finding

def _section(lines: list[str]) -> tuple[int, int] | None:
    """[start, end) of the top-level ``findings:`` block (its header line included)."""
    start = next((i for i, l in enumerate(lines) if re.match(r"^findings\s*:", l)), None)
    if start is None:
        return None
    end = start + 1
    # The block is its indented lines (and blank ones); a line at column 0 — the next key, or a
    # comment that belongs to what follows — ends it.
    while end < len(lines) and not (lines[end].strip() and not lines[end][0].isspace()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():  # leave trailing blank lines outside
        end -= 1
    return start, end


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_entries(findings: list[Finding], notes: dict[str, str]) -> list[str]:
    out = []
    for f in findings:
        loc = f.locations[0]
        note = notes.get(f.fingerprint) or f"{Path(loc.path).name}:{loc.line} {f.message}"[:120]
        out.append(f"  - {{code: {f.code}, fingerprint: {_quote(f.fingerprint)}, note: {_quote(note)}}}\n")
    return out


def rewrite(path: Path, findings: list[Finding], old_entries: list[dict]) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "version: 1\n"
    lines = text.splitlines(keepends=True)
    notes = {str(e.get("fingerprint")): str(e["note"]) for e in old_entries if isinstance(e, dict) and e.get("note")}
    block = render_entries(findings, notes)
    span = _section(lines)
    if span is None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        new = lines + ["findings:" + ("\n" if block else " []\n")] + block
    else:
        start, end = span
        header = lines[start]
        comment = header[header.index("#"):].rstrip("\n") if "#" in header else ""
        head = "findings:" + (" []" if not block else "") + (" " * 24 + comment if comment else "") + "\n"
        new = lines[:start] + [head] + block + lines[end:]
    write_atomic(path, "".join(new))
