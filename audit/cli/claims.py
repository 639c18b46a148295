"""``audit claims``: every claim read — figure, entity, metric, segment, period and change — as a
table, JSON or CSV."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .shared import EXIT_OK, EXIT_USAGE, console, corpus_arguments, read

_CSV_HEADER = ["file", "line", "col", "entity", "inferred", "metric", "segment", "period", "kind", "value",
               "low", "high", "unit", "qualifier", "change", "relations", "quote"]


def add(sub) -> None:
    claims = sub.add_parser("claims", help="the claims extracted: figure, entity, metric, segment, period, change",
                            description="List every claim: each figure linked to its entity, metric, "
                            "segment and period, with the change stated with it.")
    corpus_arguments(claims)
    claims.add_argument("--format", choices=["table", "json", "csv"], default="table",
                        help="table (default), json or csv")
    claims.add_argument("--no-color", action="store_true", help="plain output without colors")


def command(a: argparse.Namespace) -> int:
    cfg, docs, claims, _, unreadable = read(a)[:5]
    errors = len(unreadable)
    if a.format == "json":
        print(json.dumps({"version": 1, "claims": [c.to_dict() for c in claims]}, ensure_ascii=False, indent=2))
    elif a.format == "csv":
        _csv(claims)
    else:
        _table(a, claims, docs, errors)
    return EXIT_USAGE if not docs and errors else EXIT_OK


def _csv(claims) -> None:
    import csv

    w = csv.writer(sys.stdout)
    w.writerow(_CSV_HEADER)
    for c in claims:
        q = c.quantity.to_dict()
        w.writerow([c.doc, c.line, c.col, c.entity or "", int(c.entity_inferred), c.metric or "", c.segment or "",
                    c.period or "", q["kind"], q["value"], q["low"], q["high"], q["unit"] or "", q["qualifier"],
                    change_text(c), " ".join(f"{r}->{o}" for r, o in c.relations), c.quote])


def _table(a: argparse.Namespace, claims, docs, errors: int) -> None:
    from rich.table import Table

    from ..report.written import figure

    t = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for col in ("where", "entity", "metric", "period", "value", "change"):
        t.add_column(col, no_wrap=col in ("where", "period", "value", "change"), overflow="fold")
    t.add_column("quote", overflow="fold", min_width=12)
    mark = {"over": ">", "under": "<", "approx": "~", "class": "~", "range": "", "exact": ""}
    for c in claims:
        value = mark[c.quantity.qualifier] + figure(c.quantity)
        t.add_row(f"{Path(c.doc).name[:3]}:{c.line}:{c.col}", (c.entity or "-") + ("*" if c.entity_inferred else ""),
                  (c.metric or "-") + (f"/{c.segment}" if c.segment else ""), c.period or "-", value,
                  change_text(c) or "", c.quote)
    con = console(a.no_color)
    con.print(t)
    con.print(f"{len(claims)} claims in {len(docs)} documents" + (f", {errors} unreadable" if errors else "")
              + ". * = entity inferred (document subject or size class).")


def change_text(c) -> str:
    """The change stated with a claim, as basis, sign and figure (同比+12%)."""
    if c.change is None:
        return ""
    arrow = "+" if c.change.direction == "up" else "-"
    return f"{c.change.basis or ''}{arrow}{c.change.quantity.text}"
