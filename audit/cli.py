"""The ``audit`` command line (DESIGN.md section 2).

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/input error (one line, no
traceback), 3 internal error. Heavy modules are imported inside the commands so that ``--help``
and small runs start fast.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """A user mistake: printed as one line, exit 2."""


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="audit",
        description="claim-audit: find figures in Chinese news and analyst writing that disagree "
        "or do not add up.",
        epilog="Run 'audit COMMAND --help' for the options of one command.",
    )
    from . import __version__

    ap.add_argument("--version", action="version", version=f"claim-audit {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="audit a corpus (default: corpus.paths of expectations.yaml, else seeds/)",
                         description="Audit documents. Until the checks exist, prints the figures "
                         "found in each document.")
    run.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to audit")
    run.add_argument("--config", metavar="FILE", help="configuration (default: ./expectations.yaml)")
    run.add_argument("--format", choices=["rich", "json"], default="rich", help="output format (default: rich)")
    run.add_argument("--no-color", action="store_true", help="plain output without colors")
    run.add_argument("--quiet", action="store_true", help="print only the summary")

    parse = sub.add_parser("parse", help="show the quantities, dates and periods found in TEXT",
                           description="Show the quantities, dates and periods found in TEXT, with "
                           "value, interval, unit and qualifier (DESIGN.md section 3).")
    parse.add_argument("text", metavar="TEXT", help="the text to read (use - to read standard input)")
    parse.add_argument("--json", action="store_true", help="print the JSON contract instead of a table")
    parse.add_argument("--published", metavar="YYYY-MM-DD",
                       help="publication date against which relative dates (今年, 4月14日) resolve")
    parse.add_argument("--no-color", action="store_true", help="plain output without colors")
    return ap


def _console(no_color: bool):
    from rich.console import Console

    return Console(no_color=no_color, highlight=False, soft_wrap=False)


def _fmt_num(x) -> str:
    if x is None:
        return "-"
    f = float(x)
    if f != 0 and (abs(f) >= 1e6 or abs(f) < 1e-3):
        return f"{f:.4g}"
    return f"{f:g}"


def _quantity_table(items: list[dict], title: str | None = None, where=None):
    from rich.table import Table

    t = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    if where is not None:
        t.add_column("line:col", no_wrap=True)
    t.add_column("text")
    t.add_column("kind")
    t.add_column("value", justify="right")
    t.add_column("interval", no_wrap=True)
    t.add_column("unit")
    t.add_column("qualifier")
    for q in items:
        if q["kind"] in ("date", "period"):
            value = q.get("date") or q.get("period") or f"? ({q.get('relative')})"
            interval, unit = "", ""
        else:
            value = _fmt_num(q["value"])
            interval = f"[{_fmt_num(q['low'])}, {_fmt_num(q['high'])}]"
            unit = (q["unit"] or "") + (f" ({q['classifier']})" if q.get("classifier") else "")
        row = [q["text"], q["kind"], value, interval, unit, q["qualifier"]]
        if where is not None:
            row.insert(0, where(q["start"]))
        t.add_row(*row)
    return t


def _cmd_parse(a: argparse.Namespace) -> int:
    from .quantities import parse_quantities

    text = sys.stdin.read() if a.text == "-" else a.text
    if a.published is not None:
        import datetime as dt

        try:
            dt.date.fromisoformat(a.published)
        except ValueError:
            raise UsageError(f"--published: expected a date as YYYY-MM-DD, got {a.published!r}") from None
    items = parse_quantities(text, a.published)
    if a.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return EXIT_OK
    con = _console(a.no_color)
    if not items:
        con.print("no quantities found")
        return EXIT_OK
    con.print(_quantity_table(items))
    return EXIT_OK


def _line_col(text: str):
    """A function raw offset -> 'line:col' (1-based, columns in code points)."""
    import bisect

    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def where(off: int) -> str:
        line = bisect.bisect_right(starts, off) - 1
        return f"{line + 1}:{off - starts[line] + 1}"

    return where


def _cmd_run(a: argparse.Namespace) -> int:
    from . import config as cfgmod
    from .ingest import ReadError, read_corpus
    from .normalize import normalize
    from .quantities import extract

    cfg = cfgmod.load(cfgmod.find_config(a.config))
    paths = list(a.paths) or list(cfg.paths)
    if not a.paths and cfg.path is None and not Path("seeds").is_dir():
        raise UsageError("no paths given, no expectations.yaml here and no seeds/ directory: "
                         "run 'audit run PATH...' or run from the project root")
    con = _console(a.no_color)
    report = []
    errors = 0
    for doc in read_corpus(paths, cfg.include):
        if isinstance(doc, ReadError):
            errors += 1
            print(f"audit: {doc.path}: {doc.message}", file=sys.stderr)
            continue
        items = [q.to_dict() for q in extract(normalize(doc.text), cfg.published(doc.path))]
        report.append((doc, items))
    if a.format == "json":
        where_of = {d.path: _line_col(d.text) for d, _ in report}
        out = {"version": 1, "documents": [
            {"path": d.path, "encoding": d.encoding,
             "figures": [dict(q, at=where_of[d.path](q["start"])) for q in items]}
            for d, items in report]}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        total = 0
        for doc, items in report:
            total += len(items)
            if a.quiet:
                continue
            con.print(_quantity_table(items, title=f"{doc.path}: {len(items)} figures", where=_line_col(doc.text)))
            con.print()
        con.print(f"{len(report)} documents, {total} figures"
                  + (f", {errors} unreadable" if errors else "")
                  + ". (Checks are not implemented yet: this run lists the figures found.)")
    if not report and errors:
        return EXIT_USAGE
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    ap = _parser()
    a = ap.parse_args(argv)
    if a.command is None:
        ap.print_help()
        return EXIT_USAGE
    from .config import ConfigError
    from .lexicon import LexiconError

    try:
        if a.command == "parse":
            return _cmd_parse(a)
        return _cmd_run(a)
    except (UsageError, ConfigError) as ex:
        print(f"audit: error: {ex}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("audit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except LexiconError as ex:
        print(f"audit: internal error: {ex}", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as ex:  # noqa: BLE001 - the last line of defence: one line, exit 3
        import tempfile
        import traceback

        fd, log = tempfile.mkstemp(prefix="claim-audit-crash-", suffix=".txt")
        with open(fd, "w", encoding="utf-8") as fh:
            traceback.print_exc(file=fh)
        print(f"audit: internal error: {type(ex).__name__}: {ex} (traceback saved to {log})", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
