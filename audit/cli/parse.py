"""``audit parse TEXT``: the quantities, dates and periods found in a text, as a table or JSON."""
from __future__ import annotations

import argparse
import json
import sys

from .shared import EXIT_OK, UsageError, console, quantity_table


def add(sub) -> None:
    parse = sub.add_parser("parse", help="show the quantities, dates and periods found in TEXT",
                           description="Show the quantities, dates and periods found in TEXT, with "
                           "value, interval, unit and qualifier (DESIGN.md section 3).")
    parse.add_argument("text", metavar="TEXT", help="the text to read (use - to read standard input)")
    parse.add_argument("--json", action="store_true", help="print the JSON contract instead of a table")
    parse.add_argument("--published", metavar="YYYY-MM-DD",
                       help="publication date against which relative dates (今年, 4月14日) resolve")
    parse.add_argument("--no-color", action="store_true", help="plain output without colors")


def command(a: argparse.Namespace) -> int:
    from ..quantities import extract, normalize

    text = sys.stdin.read() if a.text == "-" else a.text
    if a.published is not None:
        import datetime as dt

        try:
            dt.date.fromisoformat(a.published)
        except ValueError:
            raise UsageError(f"--published: expected a date as YYYY-MM-DD, got {a.published!r}") from None
    items = extract(normalize(text), a.published)
    if a.json:
        print(json.dumps([q.to_dict() for q in items], ensure_ascii=False, indent=2))
        return EXIT_OK
    con = console(a.no_color)
    if not items:
        con.print("no quantities found")
        return EXIT_OK
    con.print(quantity_table(items))
    return EXIT_OK
