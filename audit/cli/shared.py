"""What the commands share: exit codes, the usage error, the corpus options, reading a corpus
through to its claims and findings, the console and the table of figures.

Heavy modules are imported inside the functions so that ``--help`` and small runs start fast.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

# What a command read, kept to the end of the process when it runs as the program (see
# audit.cli.entry, which sets it to a list): freeing a large corpus object by object takes longer
# than reporting on it.
KEPT: list | None = None


class UsageError(Exception):
    """A user mistake: printed as one line, exit 2."""


def corpus_arguments(p: argparse.ArgumentParser) -> None:
    """What every command that reads a corpus takes."""
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or directories (default: corpus.paths of the configuration, else seeds/)")
    p.add_argument("--config", metavar="FILE", help="configuration (default: the nearest expectations.yaml "
                   "from the working directory up to the repository root)")
    p.add_argument("--jobs", type=jobs, default=1, metavar="N",
                   help="read documents and run the checks in N processes (default 1); the output is the same")


def jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def console(no_color: bool, file=None):
    import os
    import shutil

    from rich.console import Console

    # Not a terminal (a pipe, CI logs): COLUMNS if set, else 100 columns rather than rich's 80.
    tty = file is None and sys.stdout.isatty()
    width = None if tty else int(os.environ.get("COLUMNS") or shutil.get_terminal_size((100, 24)).columns)
    return Console(no_color=no_color, highlight=False, soft_wrap=False, width=width, file=file,
                   force_terminal=False if file is not None else None)


def _as_quantity(row):
    """A figure row (a Quantity's JSON dict, as digests carry them) back as a Quantity: its
    floats read by their shortest repr, which gives the parser's decimals back."""
    from decimal import Decimal

    from ..model import Quantity

    if isinstance(row, Quantity):
        return row
    dec = [None if row[k] is None else Decimal(repr(row[k])) for k in ("value", "low", "high")]
    return Quantity(row["text"], row["start"], row["end"], row["kind"], *dec, row["unit"], row["qualifier"],
                    row["approximate"], classifier=row.get("classifier"))


def quantity_table(items: list, title: str | None = None, where: bool = False):
    """The figures read (``audit parse``, ``audit run --figures``) as a rich table, values as
    written (audit.report.written); ``items`` are Quantities or their JSON rows (with "at")."""
    from rich.table import Table

    from ..report.written import figure, interval

    t = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    if where:
        t.add_column("line:col", no_wrap=True)
    t.add_column("text")
    t.add_column("kind")
    t.add_column("value", justify="right", no_wrap=True)
    t.add_column("interval", no_wrap=True)
    t.add_column("unit")
    t.add_column("qualifier")
    for row in items:
        q = _as_quantity(row)
        if q.kind in ("date", "period"):
            d = row if isinstance(row, dict) else q.to_dict()
            value = d.get("date") or d.get("period") or f"? ({d.get('relative')})"
            span, unit = "", ""
        else:
            value, span = figure(q), interval(q)
            unit = (q.unit or "") + (f" ({q.classifier})" if q.classifier else "")
        cells = [q.text, q.kind, value, span, unit, q.qualifier]
        if where:
            cells.insert(0, row["at"])
        t.add_row(*cells)
    return t


def read(a: argparse.Namespace, cfg=None):
    """Read the paths of a command through to their claims (a :class:`audit.pipeline.Corpus`)."""
    from .. import config as cfgmod
    from .. import pipeline

    cfg = cfg or cfgmod.load(cfgmod.find_config(a.config))
    paths = list(a.paths) or list(cfg.paths)
    if not a.paths and cfg.path is None and not Path("seeds").is_dir():
        raise UsageError("no paths given, no expectations.yaml here and no seeds/ directory: "
                         f"run 'audit {a.command} PATH...' or run from the project root")

    def report(err) -> None:
        print(f"audit: {err.path}: {err.message}", file=sys.stderr)

    finding_text = entry_text = None
    if a.command == "run" and a.format == "json":
        from ..report.json_report import entry_text, finding_text  # written where each document is read
    # Only these reports show the text around a figure: the others are spared its transfer.
    context = a.command == "run" and a.format in ("rich", "html")
    wants = pipeline.Wants(bool(getattr(a, "figures", False)), finding_text, context, entry_text,
                           text=a.command == "run" and a.format == "html")  # the HTML report shows documents
    from .progress import ReadProgress

    with ReadProgress(a, paths, cfg) as advance:
        corpus = _read_with_engine(a, paths, cfg, wants, advance, report)
    from ..notices import empty_run

    problem = empty_run(corpus.docs, corpus.unreadable, paths, cfg.include)
    if problem:
        raise UsageError(problem)
    import gc

    gc.freeze()  # what was read is kept until the command ends: the collector need not walk it again
    gc.set_threshold(100_000, 50, 100)  # and what the command makes next holds no cycles worth a frequent scan
    if KEPT is not None:
        KEPT.append(corpus)
    return corpus


def _read_with_engine(a: argparse.Namespace, paths: list[str], cfg, wants, advance, report):
    """The corpus read by the engine of ``--engine`` (local unless ``audit run --engine dask``)."""
    from .. import pipeline

    jobs = getattr(a, "jobs", 1) or 1
    if getattr(a, "engine", "local") != "dask":
        if getattr(a, "scheduler", None):
            raise UsageError("--scheduler needs --engine dask")
        return pipeline.read(paths, cfg, jobs, wants, advance, report)
    from ..engines import dask_engine  # imports Dask itself only now
    from .progress import shown

    try:
        return dask_engine.read(paths, cfg, a.scheduler, jobs, wants, advance, report, show=shown(a))
    except dask_engine.EngineError as ex:
        raise UsageError(str(ex)) from None


def suppressed(corpus, findings: list) -> tuple[list, list]:
    """The findings that no audit-ignore comment or ignore: entry silences, and the suppressions
    (marked used or not: audit.notices reports the unused ones)."""
    from .. import identity, suppress

    root = identity.root_of(corpus.config.path)
    sups = [x for d in corpus.docs for x in d.suppressions]
    sups += suppress.from_config((corpus.config.raw or {}).get("ignore") or [], lambda p: identity.shown(p, root))
    from ..engines.ordered import suppressed as kept

    return kept(findings, sups), sups


def findings(corpus, select: set[str] | None = None, ignore: set[str] | None = None) -> list:
    """The findings of the documents' own checks and of the checks across the corpus, in report
    order."""
    from ..engine import build_context, collect, finish, selected
    from ..engines.compact import restore_context
    from ..engines.ordered import ordered, packed

    if corpus.checked is not None:  # made by the engine where the claims are (--engine dask)
        made, failures = corpus.checked
        found = [f for f in made if type(f) is bytes or selected(f.code, select, ignore)]  # records: ordered()
        corpus.failures.extend(x for x in failures if selected(x.code, select, ignore))
    else:
        ctx = build_context([], corpus.config, claims=corpus.claims, notes=corpus.notes, kept=corpus.kept)
        found = collect(ctx, select, ignore, "corpus")
        corpus.failures.extend(ctx.failures)  # checks that raised: the command exits 3 after its report
    if packed(corpus.docs, found):  # kept packed till the report writes them
        return ordered(corpus.docs, found, lambda code: selected(code, select, ignore))
    local = [f for d in corpus.docs for f in d.findings if selected(f.code, select, ignore)]
    found = restore_context(found, corpus.docs)
    return finish(local + found)


def failed(failures: list) -> int:
    """One line per check that raised (the tracebacks saved to a file it names): exit 3."""
    from ..faults import report

    for line in report(failures):
        print(f"audit: internal error: {line}", file=sys.stderr)
    return EXIT_INTERNAL
