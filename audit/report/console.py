"""The console report, diff-style: per finding a header, a line per claim, the arithmetic.

    error   AU100 value-conflict  huawei · revenue · 2023  (new)
      - reports/a.md:3:12   年报显示营收为[7042亿元]  7041.5亿–7042.5亿元
      + drafts/b.md:5:9     营收为[7842亿元]  7841.5亿–7842.5亿元
      = 2 distinct values: 7042亿元; 7842亿元; up to 10.2% apart from 7842亿元, beyond 0.5% tolerance

Figures are shown as written (audit.report.written). Every line fits the console's width: a
claim's line gives up the text before its figure first, then puts the value on a line of its
own; the figure and its value are never cut. A table of findings by check and severity and a
one-line summary close the report. Plain and stable with --no-color or when the output is not a
terminal.
"""
from __future__ import annotations

import re
from collections import Counter

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from . import Result
from .plural import plural
from .written import figure, interval

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
CONTEXT = 16  # the most characters of the line shown before a figure
MIN_CONTEXT = 6  # fewer cells of context than this, and the value goes to a line of its own
VALUE_INDENT = "      "


def value_text(q) -> str:
    """How a figure was read, as written: its interval (or the figure when exact), with 约 or 级."""
    if q is None or q.value is None:
        return ""
    shown = interval(q) or figure(q)
    if q.qualifier == "approx":
        return f"约 {shown}"
    return f"{shown} class (级)" if q.qualifier == "class" else shown


def cut_left(text: str, cells: int) -> str:
    """The end of ``text`` that fits in ``cells`` cells, after '…' when something was cut."""
    if cell_len(text) <= cells:
        return text
    if cells <= 1:
        return ""
    out, used = [], 1
    for ch in reversed(text):
        used += cell_len(ch)
        if used > cells:
            break
        out.append(ch)
    return "…" + "".join(reversed(out))


def cut_right(text: str, cells: int) -> str:
    """The start of ``text`` that fits in ``cells`` cells, before '…' when something was cut."""
    if cell_len(text) <= cells:
        return text
    out, used = [], 1
    for ch in text:
        used += cell_len(ch)
        if used > cells:
            break
        out.append(ch)
    return "".join(out) + "…" if cells >= 1 else ""


def claim_lines(mark: str, loc, width: int) -> list[Text]:
    """One claim in ``width`` cells: ``- path:line:col  context[figure]  value``, on one line
    when enough context fits beside the value, else with the value on the next line."""
    head = f"  {mark} {loc.path}:{loc.line}:{loc.col}  "
    before = loc.before[-CONTEXT:].replace("\n", " ")
    value = value_text(loc.quantity)
    fixed = cell_len(head) + cell_len(loc.snippet) + 2
    tail = f"  {value}" if value else ""
    room = width - fixed - cell_len(tail)
    one_line = not value or room >= min(MIN_CONTEXT, cell_len(before))
    if not one_line:
        room = width - fixed
    first = Text.assemble(head, cut_left(before, room), "[", (loc.snippet, "bold"), "]")
    if one_line:
        return [first + Text(tail, style="dim")]
    return [first, Text(VALUE_INDENT + value, style="dim")]


def _header_key(f) -> str:
    from ..fingerprint import parse_claim_key

    k = parse_claim_key(f.keys[0]) if f.keys else None
    if k is None:
        return ""
    parts = [k["entity"] or "(no entity)", k["metric"] or "(no metric)"] + ([k["segment"]] if k["segment"] else [])
    basis = k.get("basis")
    return " · ".join(parts + [k["period"] or "(no period)"] + ([basis] if basis and basis != "actual" else []))


def _header(f, tag: str, width: int) -> Text:
    """``severity code slug  key  (tag)``, the key cut to fit."""
    lead = Text.assemble((f"{f.severity:<7}", STYLE[f.severity]), " ", (f.code, "bold"), f" {f.slug}  ")
    key = _header_key(f)
    room = width - cell_len(lead.plain) - cell_len(tag) - 2
    key = cut_right(key, max(room, 0))
    return lead + Text(key + "  " if key else "") + Text(tag, style="dim")


def wrapped(con, prefix: str, text: str) -> list[Text]:
    """``prefix`` then ``text`` wrapped under itself in the console's width (the arithmetic line,
    a stale entry); a word longer than a line is folded."""
    indent = cell_len(prefix)
    lines = Text(text).wrap(con, max(con.width - indent, 8), overflow="fold")
    out = []
    for i, line in enumerate(lines):
        line.rstrip()
        out.append(Text(prefix if i == 0 else " " * indent) + line)
    return out


def render(con, r: Result, quiet: bool = False) -> None:
    if not quiet:
        _findings(con, r)
    sev = Counter(f.severity for f in r.findings)
    if r.findings and not quiet:
        con.print(_table(r))
        con.print()
    n_fig = sum(d.figures for d in r.docs)
    by_code = Counter(f.code for f in r.findings)
    codes = ", ".join(f"{c} x{n}" for c, n in sorted(by_code.items()))
    summary = (f"{plural(len(r.docs), 'document')}, {plural(n_fig, 'figure')}, {plural(r.claims, 'claim')}, "
               f"{plural(len(r.findings), 'finding')}" + (f" ({codes})" if codes else "")
               + f": {plural(sev['error'], 'error')}, {plural(sev['warning'], 'warning')}, {sev['info']} info; "
               + f"{len(r.expected)} expected, {len(r.findings) - len(r.expected)} new, {len(r.stale)} stale"
               + (f"; {len(r.unreadable)} unreadable" if r.unreadable else "") + f"; {r.seconds:.2f} s.")
    for line in filled(summary, con.width):
        con.print(line, markup=False)


def filled(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken only after a comma, semicolon or
    colon, so that a count stays with its noun (``1 error``) and a code with its count."""
    lines: list[str] = []
    for piece in re.split(r"(?<=[,;:]) ", text):
        if lines and cell_len(lines[-1] + " " + piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines


def _findings(con, r: Result) -> None:
    width = con.width
    for i, f in enumerate(r.findings):
        con.print(_header(f, "(expected)" if i in r.expected else "(new)", width), no_wrap=True, overflow="crop")
        for k, loc in enumerate(f.locations):
            for line in claim_lines("-" if k == 0 else "+", loc, width):
                con.print(line)
        for line in wrapped(con, "  = ", f.message):
            con.print(line)
    for e in r.stale:
        for line in wrapped(con, "stale   ", f"{e.get('code')} {e.get('fingerprint')}  in the baseline but no "
                                              f"longer found: {e.get('note', '')}"):
            con.print(line)
    if r.findings or r.stale:
        con.print()


def _table(r: Result) -> Table:
    t = Table(title="findings by check", title_justify="left", show_edge=False, pad_edge=False, box=None)
    for col in ("check", "error", "warning", "info", "expected", "new"):
        t.add_column(col, justify="left" if col == "check" else "right")
    for code in sorted({f.code for f in r.findings}):
        mine = [(i, f) for i, f in enumerate(r.findings) if f.code == code]
        c = Counter(f.severity for _, f in mine)
        exp = sum(1 for i, _ in mine if i in r.expected)
        t.add_row(f"{code} {mine[0][1].slug}", str(c["error"]), str(c["warning"]), str(c["info"]),
                  str(exp), str(len(mine) - exp))
    return t
