"""The console report, diff-style: per finding a header, a line per claim, the arithmetic.

    error   AU100 value-conflict  huawei · revenue · 2023  (new)
      - reports/a.md:3:12   年报显示营收为[7042亿元]   7.042e+11 CNY [7.0415e+11, 7.0425e+11]
      + drafts/b.md:5:9     营收为[7842亿元]   7.842e+11 CNY [7.8415e+11, 7.8425e+11]
      = 7842亿元 vs 7042亿元: 7842亿 vs 7042亿, 10.2% apart, beyond 0.5% tolerance

A table of findings by check and severity and a one-line summary close the report. Plain and
stable with --no-color or when the output is not a terminal.
"""
from __future__ import annotations

from collections import Counter

from rich.markup import escape
from rich.table import Table

from . import Result, number


def _num(x) -> str:
    return number(x, 6)

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
CONTEXT = 8  # characters of the line shown before a figure


def _value(q) -> str:
    if q is None or q.value is None:
        return ""
    unit = f" {q.unit}" if q.unit else ""
    if q.qualifier in ("exact", "approx") and q.low is not None and q.high is not None:
        interval = f" [{_num(q.low)}, {_num(q.high)}]"
        return f"{_num(q.value)}{unit}{interval}" + (" approx" if q.qualifier == "approx" else "")
    if q.qualifier == "over":
        return f"> {_num(q.value)}{unit}"
    if q.qualifier == "under":
        return f"< {_num(q.value)}{unit}"
    return f"{_num(q.value)}{unit} {q.qualifier}"


def _header_key(f) -> str:
    from ..fingerprint import parse_claim_key

    k = parse_claim_key(f.keys[0]) if f.keys else None
    if k is None:
        return ""
    parts = [k["entity"] or "(no entity)", k["metric"] or "(no metric)"] + ([k["segment"]] if k["segment"] else [])
    basis = k.get("basis")
    return " · ".join(parts + [k["period"] or "(no period)"] + ([basis] if basis and basis != "actual" else []))


def render(con, r: Result, quiet: bool = False) -> None:
    if not quiet:
        for i, f in enumerate(r.findings):
            tag = "(expected)" if i in r.expected else "(new)"
            con.print(f"[{STYLE[f.severity]}]{f.severity:<7}[/] [bold]{f.code}[/] {f.slug}  "
                      f"{escape(_header_key(f))}  [dim]{tag}[/]")
            for k, loc in enumerate(f.locations):
                before, value = loc.before[-CONTEXT:], _value(loc.quantity)
                mark = "-" if k == 0 else "+"
                con.print(f"  {mark} {escape(loc.path)}:{loc.line}:{loc.col}  {escape(before)}"
                          f"\\[[bold]{escape(loc.snippet)}[/]]  [dim]{escape(value)}[/]")
            con.print(f"  = {escape(f.message)}")
        for e in r.stale:
            con.print(f"stale   {escape(str(e.get('code')))} {escape(str(e.get('fingerprint')))}  in the baseline "
                      f"but no longer found: {escape(str(e.get('note', '')))}")
        if r.findings or r.stale:
            con.print()
    sev = Counter(f.severity for f in r.findings)
    if r.findings and not quiet:
        t = Table(title="findings by check", title_justify="left", show_edge=False, pad_edge=False, box=None)
        for col in ("check", "error", "warning", "info", "expected", "new"):
            t.add_column(col, justify="left" if col == "check" else "right")
        codes = sorted({f.code for f in r.findings})
        for code in codes:
            mine = [(i, f) for i, f in enumerate(r.findings) if f.code == code]
            c = Counter(f.severity for _, f in mine)
            exp = sum(1 for i, _ in mine if i in r.expected)
            t.add_row(f"{code} {mine[0][1].slug}", str(c["error"]), str(c["warning"]), str(c["info"]),
                      str(exp), str(len(mine) - exp))
        con.print(t)
        con.print()
    n_fig = sum(d.figures for d in r.docs)
    by_code = Counter(f.code for f in r.findings)
    codes = ", ".join(f"{c} x{n}" for c, n in sorted(by_code.items()))
    con.print(f"{len(r.docs)} documents, {n_fig} figures, {r.claims} claims, {len(r.findings)} findings"
              + (f" ({codes})" if codes else "")
              + f": {sev['error']} errors, {sev['warning']} warnings, {sev['info']} info; "
              + f"{len(r.expected)} expected, {len(r.findings) - len(r.expected)} new, {len(r.stale)} stale"
              + (f"; {len(r.unreadable)} unreadable" if r.unreadable else "") + f"; {r.seconds:.2f} s.",
              markup=False)
