"""The ``audit`` command line (DESIGN.md section 2).

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/input error (one line, no
traceback), 3 internal error. Heavy modules are imported inside the commands so that ``--help``
and small runs start fast.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

# What a command read, kept to the end of the process when it runs as the program (see entry):
# freeing a large corpus object by object takes longer than reporting on it.
_KEPT: list | None = None


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
                         description="Audit documents: print the findings of the checks against the "
                         "baseline in expectations.yaml; with --figures, also every figure read.")
    _corpus_arguments(run)
    run.add_argument("--format", choices=["rich", "json", "sarif", "github", "html"], default="rich",
                     help="output format (default: rich; json, sarif and github for CI, html for reading)")
    run.add_argument("--output", metavar="FILE", help="write the report to FILE (atomically) instead of standard output")
    run.add_argument("--no-color", action="store_true", help="plain output without colors")
    run.add_argument("--quiet", action="store_true", help="print only the summary")
    run.add_argument("--figures", action="store_true", help="also list every figure read, per document")
    run.add_argument("--fail-on", choices=["error", "warning", "info", "never"], default="error",
                     help="exit 1 when a new finding (not in the baseline) is at least this severe (default: error)")
    run.add_argument("--exit-zero", action="store_true", help="exit 0 whatever is found (usage errors still exit 2)")
    run.add_argument("--strict", action="store_true", help="also fail on stale baseline entries, and on facts:, "
                     "ignore: entries or suppressions that match nothing")
    run.add_argument("--select", metavar="CODES", help="run only these checks (comma-separated: AU100,AU220)")
    run.add_argument("--ignore", metavar="CODES", help="skip these checks (comma-separated)")
    run.add_argument("--against", metavar="DIR", action="append",
                     help="pre-publish: audit PATHS (a draft) together with the reference corpus DIR and "
                     "report only the findings that involve the draft")

    base = sub.add_parser("baseline", help="write the current findings into findings: of expectations.yaml",
                          description="Audit and write the findings into the findings: section of the "
                          "configuration, keeping every other line and comment (and the notes of findings "
                          "still found). With PATHs, only the entries of the documents read change. "
                          "Suppressions apply. The file is validated, then replaced atomically.")
    _corpus_arguments(base)
    base.add_argument("--migrate", action="store_true",
                      help="only rewrite entries whose fingerprints an older release wrote, keeping every note")

    claims = sub.add_parser("claims", help="the claims extracted: figure, entity, metric, segment, period, change",
                            description="List every claim: each figure linked to its entity, metric, "
                            "segment and period, with the change stated with it.")
    _corpus_arguments(claims)
    claims.add_argument("--format", choices=["table", "json", "csv"], default="table",
                        help="table (default), json or csv")
    claims.add_argument("--no-color", action="store_true", help="plain output without colors")

    sub.add_parser("checks", help="list the checks: code, slug, severity policy",
                   description="List every check with its code, slug and severity policy.")
    explain = sub.add_parser("explain", help="show one check's rule, severity policy and examples",
                             description="Show a check's rule, its severity policy and its bad/good examples.")
    explain.add_argument("code", metavar="CODE", help="a check code such as AU100")

    parse = sub.add_parser("parse", help="show the quantities, dates and periods found in TEXT",
                           description="Show the quantities, dates and periods found in TEXT, with "
                           "value, interval, unit and qualifier (DESIGN.md section 3).")
    parse.add_argument("text", metavar="TEXT", help="the text to read (use - to read standard input)")
    parse.add_argument("--json", action="store_true", help="print the JSON contract instead of a table")
    parse.add_argument("--published", metavar="YYYY-MM-DD",
                       help="publication date against which relative dates (今年, 4月14日) resolve")
    parse.add_argument("--no-color", action="store_true", help="plain output without colors")
    return ap


def _corpus_arguments(p: argparse.ArgumentParser) -> None:
    """What every command that reads a corpus takes."""
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or directories (default: corpus.paths of the configuration, else seeds/)")
    p.add_argument("--config", metavar="FILE", help="configuration (default: the nearest expectations.yaml "
                   "from the working directory up to the repository root)")
    p.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                   help="read documents and run the checks in N processes (default 1); the output is the same")


def _console(no_color: bool, file=None):
    import os
    import shutil

    from rich.console import Console

    # Not a terminal (a pipe, CI logs): COLUMNS if set, else 100 columns rather than rich's 80.
    tty = file is None and sys.stdout.isatty()
    width = None if tty else int(os.environ.get("COLUMNS") or shutil.get_terminal_size((100, 24)).columns)
    return Console(no_color=no_color, highlight=False, soft_wrap=False, width=width, file=file,
                   force_terminal=False if file is not None else None)


def _fmt_num(x) -> str:
    from .report import number

    return number(x)


def _quantity_table(items: list[dict], title: str | None = None, where: bool = False):
    from rich.table import Table

    t = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    if where:
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
        if where:
            row.insert(0, q["at"])
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


def _read(a: argparse.Namespace, cfg=None):
    """Read the paths of a command through to their claims (a :class:`audit.pipeline.Corpus`)."""
    from . import config as cfgmod
    from . import pipeline

    cfg = cfg or cfgmod.load(cfgmod.find_config(a.config))
    paths = list(a.paths) or list(cfg.paths)
    if not a.paths and cfg.path is None and not Path("seeds").is_dir():
        raise UsageError("no paths given, no expectations.yaml here and no seeds/ directory: "
                         f"run 'audit {a.command} PATH...' or run from the project root")

    def report(err) -> None:
        print(f"audit: {err.path}: {err.message}", file=sys.stderr)

    finding_text = entry_text = None
    if a.command == "run" and a.format == "json":
        from .report.json_report import entry_text, finding_text  # written where each document is read
    # Only these reports show the text around a figure: the others are spared its transfer.
    context = a.command == "run" and a.format in ("rich", "html")
    wants = pipeline.Wants(bool(getattr(a, "figures", False)), finding_text, context, entry_text)
    with _progress(a) as advance:
        corpus = pipeline.read(paths, cfg, getattr(a, "jobs", 1) or 1, wants, advance, report)
    from .notices import empty_run

    problem = empty_run(corpus.docs, corpus.unreadable, paths, cfg.include)
    if problem:
        raise UsageError(problem)
    import gc

    gc.freeze()  # what was read is kept until the command ends: the collector need not walk it again
    gc.set_threshold(100_000, 50, 100)  # and what the command makes next holds no cycles worth a frequent scan
    if _KEPT is not None:
        _KEPT.append(corpus)
    return corpus


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


class _progress:
    """A rich progress line on standard error, only when it is a terminal, the report is for
    people (rich) and CI is not set; a no-op otherwise, so machine formats and logs stay clean."""

    def __init__(self, a: argparse.Namespace) -> None:
        import os

        self.on = (sys.stderr.isatty() and getattr(a, "format", "rich") in ("rich", "table")
                   and not os.environ.get("CI") and not getattr(a, "quiet", False))
        self.n = 0
        self.bar = None

    def __enter__(self):
        return self.advance

    def advance(self) -> None:
        self.n += 1
        if self.on and self.n == 6:  # only when a run reads more than a handful of documents
            from rich.progress import Progress, SpinnerColumn, TextColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.completed} documents read"), transient=True,
                                console=__import__("rich.console", fromlist=["Console"]).Console(stderr=True))
            self.bar.start()
            self.task = self.bar.add_task("read", total=None, completed=self.n)
        elif self.bar is not None:
            self.bar.update(self.task, completed=self.n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _cmd_claims(a: argparse.Namespace) -> int:
    cfg, docs, claims, _, unreadable = _read(a)[:5]
    errors = len(unreadable)
    if a.format == "json":
        print(json.dumps({"version": 1, "claims": [c.to_dict() for c in claims]}, ensure_ascii=False, indent=2))
    elif a.format == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(["file", "line", "col", "entity", "inferred", "metric", "segment", "period", "kind", "value",
                    "low", "high", "unit", "qualifier", "change", "relations", "quote"])
        for c in claims:
            q = c.quantity.to_dict()
            w.writerow([c.doc, c.line, c.col, c.entity or "", int(c.entity_inferred), c.metric or "", c.segment or "",
                        c.period or "", q["kind"], q["value"], q["low"], q["high"], q["unit"] or "", q["qualifier"],
                        _change_text(c), " ".join(f"{r}->{o}" for r, o in c.relations), c.quote])
    else:
        from rich.table import Table

        t = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
        for col in ("where", "entity", "metric", "period", "value", "change"):
            t.add_column(col, no_wrap=col in ("where", "period", "value", "change"), overflow="fold")
        t.add_column("quote", overflow="fold", min_width=12)
        mark = {"over": ">", "under": "<", "approx": "~", "class": "~", "range": "", "exact": ""}
        for c in claims:
            q = c.quantity.to_dict()
            unit = q["unit"] if q["unit"] not in (None, "item", "percent") else ("%" if q["unit"] == "percent" else "")
            value = mark[q["qualifier"]] + _fmt_num(q["value"]) + (f" {unit}" if unit else "")
            t.add_row(f"{Path(c.doc).name[:3]}:{c.line}:{c.col}", (c.entity or "-") + ("*" if c.entity_inferred else ""),
                      (c.metric or "-") + (f"/{c.segment}" if c.segment else ""), c.period or "-", value,
                      _change_text(c) or "", c.quote)
        con = _console(a.no_color)
        con.print(t)
        con.print(f"{len(claims)} claims in {len(docs)} documents" + (f", {errors} unreadable" if errors else "")
                  + ". * = entity inferred (document subject or size class).")
    return EXIT_USAGE if not docs and errors else EXIT_OK


def _cmd_baseline(a: argparse.Namespace) -> int:
    from . import baseline_file, identity
    from . import config as cfgmod
    from .atomic import WriteError
    from .baseline import plan

    target = cfgmod.find_config(a.config) or Path("expectations.yaml")
    read = target.read_text(encoding="utf-8") if target.is_file() else ""  # compared again before writing
    corpus = _read(a)
    root = identity.root_of(corpus.config.path)
    findings, _ = _suppressed(corpus, _findings(corpus))
    if corpus.failures:  # a baseline without a check's findings would drop them: nothing is written
        return _failed(corpus.failures)
    audited = {identity.of(d.path, root) for d in corpus.docs} if a.paths else None
    p = plan((corpus.config.raw or {}).get("findings") or [], findings, root, audited, a.migrate)

    def validate(written: Path) -> None:
        try:
            cfgmod.load(written)
        except cfgmod.ConfigError as ex:
            raise UsageError(f"{target}: the rewritten file would not load ({ex}); nothing written") from None

    try:
        if p.changed:
            baseline_file.commit(target, read, baseline_file.apply(read, p, str(target)), validate)
    except (WriteError, baseline_file.BaselineError) as ex:
        raise UsageError(str(ex)) from None
    print(f"{target}: " + baseline_file.summary(p, a.migrate))
    return EXIT_USAGE if not corpus.docs and corpus.unreadable else EXIT_OK


def _suppressed(corpus, findings: list) -> tuple[list, list]:
    """The findings that no audit-ignore comment or ignore: entry silences, and the suppressions
    (marked used or not: audit.notices reports the unused ones)."""
    from . import identity, suppress

    root = identity.root_of(corpus.config.path)
    sups = [x for d in corpus.docs for x in d.suppressions]
    sups += suppress.from_config((corpus.config.raw or {}).get("ignore") or [], lambda p: identity.shown(p, root))
    return suppress.apply(findings, sups), sups


def _cmd_checks(a: argparse.Namespace) -> int:
    from checks import REGISTRY, by_code

    if a.command == "checks":
        for mod in REGISTRY:
            summary = mod.__doc__.strip().splitlines()[0].split(":", 1)[1].strip()
            print(f"{mod.CODE}  {mod.SLUG:<20} {summary}")
        return EXIT_OK
    mod = by_code(a.code)
    if mod is None:
        raise UsageError(f"unknown check {a.code!r} (see 'audit checks')")
    print(mod.__doc__.strip())
    print(f"\nSeverity: {mod.SEVERITY}")
    print(f"\nBad:  {mod.BAD}\nGood: {mod.GOOD}")
    return EXIT_OK


def _change_text(c) -> str:
    if c.change is None:
        return ""
    arrow = "+" if c.change.direction == "up" else "-"
    return f"{c.change.basis or ''}{arrow}{c.change.quantity.text}"


def _render(a: argparse.Namespace, result) -> str:
    from . import __version__
    from .report import github, html, json_report, sarif

    if a.format == "json":
        return json_report.render(result, figures=a.figures)
    if a.format == "sarif":
        return sarif.render(result, __version__)
    if a.format == "github":
        return github.render(result, a.quiet, a.strict, tuple(_failures(a, result)))
    if a.format == "html":
        return html.render(result)
    import io

    buf = io.StringIO()
    con = _console(a.no_color or bool(a.output), file=buf)
    from .report import console

    console.render(con, result, quiet=a.quiet)
    if a.figures:
        for d in result.docs:
            con.print(_quantity_table(list(d.figure_rows or ()), title=f"{d.path}: {d.figures} figures", where=True))
            con.print()
    return buf.getvalue()


def _cmd_run(a: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    from . import config as cfgmod
    from . import notices

    cfg = cfgmod.load(cfgmod.find_config(a.config))
    drafts = set()
    complete = not a.paths or bool(a.against)  # the run reads what the configuration is about
    if a.against:
        if not a.paths:
            raise UsageError("--against needs the draft to check: audit run DRAFT --against DIR")
        problem = notices.against_problem(a.paths, a.against, cfg.include)
        if problem:
            raise UsageError(problem)
        drafts = {d for d in a.paths}
        a.paths = list(a.paths) + list(a.against)
    corpus = _read(a, cfg)
    cfg, docs, unreadable = corpus.config, corpus.docs, corpus.unreadable
    select, ignore = _codes(a.select, "--select"), _codes(a.ignore, "--ignore")
    findings, sups = _suppressed(corpus, _findings(corpus, select, ignore))
    said = notices.repeated_paths(a.paths) + notices.after_run(corpus, sups, complete, select, ignore)
    for n in said:
        print(f"audit: warning: {n.text}", file=sys.stderr)
    if drafts:
        from .ingest import display_path

        shown = {display_path(Path(p)) for p in drafts}
        draft_docs = {d.path for d in docs if any(d.path == s or d.path.startswith(s.rstrip("/") + "/")
                                                  for s in shown)}
        findings = [f for f in findings if any(loc.path in draft_docs for loc in f.locations)]
    expected, stale = _baseline(cfg, findings, select, ignore)
    if a.paths:
        stale = []  # a partial run cannot tell which baseline findings went away
    from .report import Result

    result = Result(docs, findings, expected, stale, unreadable, time.perf_counter() - t0, len(corpus.claims),
                    strict_notices=sum(1 for n in said if n.strict))
    text = _render(a, result)
    if a.output:
        from .atomic import WriteError, write_atomic

        try:
            write_atomic(a.output, text)
        except WriteError as ex:
            raise UsageError(str(ex)) from None
    else:
        try:
            sys.stdout.write(text)
        except BrokenPipeError:
            raise
        except OSError as ex:  # a full disk, say
            raise UsageError(f"cannot write the report: {ex.strerror or ex}") from None
    if corpus.failures:
        return _failed(corpus.failures)
    if not docs and unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if _failures(a, result) else EXIT_OK


def _failures(a: argparse.Namespace, r) -> list[str]:
    """Why the run fails (none: it passes): what the exit code says and the github report tells."""
    if a.exit_zero:
        return []
    order = {"error": 0, "warning": 1, "info": 2, "never": -1}
    limit = order[a.fail_on]
    new_bad = sum(1 for i, f in enumerate(r.findings) if i not in r.expected and order[f.severity] <= limit)
    out = [f"{new_bad} new finding(s) at or above --fail-on {a.fail_on}"] if new_bad else []
    if a.strict and r.stale:
        out.append(f"{len(r.stale)} stale baseline entr{'y' if len(r.stale) == 1 else 'ies'} (--strict)")
    if a.strict and r.strict_notices:
        out.append(f"{r.strict_notices} warning(s) about the configuration or the corpus (--strict)")
    return out


def _findings(corpus, select: set[str] | None = None, ignore: set[str] | None = None) -> list:
    """The findings of the documents' own checks and of the checks across the corpus, in report
    order."""
    from .engine import build_context, collect, finish, selected

    ctx = build_context([], corpus.config, claims=corpus.claims, notes=corpus.notes)
    local = [f for d in corpus.docs for f in d.findings if selected(f.code, select, ignore)]
    found = collect(ctx, select, ignore, "corpus")
    corpus.failures.extend(ctx.failures)  # checks that raised: the command exits 3 after its report
    return finish(local + found)


def _failed(failures: list) -> int:
    """One line per check that raised (the tracebacks saved to a file it names): exit 3."""
    from .faults import report

    for line in report(failures):
        print(f"audit: internal error: {line}", file=sys.stderr)
    return EXIT_INTERNAL


def _codes(value: str | None, option: str) -> set[str] | None:
    if not value:
        return None
    from checks import by_code

    codes = {c.strip().upper() for c in value.split(",") if c.strip()}
    unknown = sorted(c for c in codes if by_code(c) is None)
    if unknown:
        raise UsageError(f"{option}: unknown check code(s) {', '.join(unknown)} (see 'audit checks')")
    return codes


def _baseline(cfg, findings, select, ignore):
    """(indexes of findings the baseline expects, baseline entries that matched nothing)."""
    from . import baseline

    entries = (cfg.raw or {}).get("findings") or []
    m = baseline.match(entries, findings)
    if m.legacy:
        print(f"audit: {len(m.legacy)} baseline entries have fingerprints of an older release: "
              "'audit baseline --migrate' rewrites them", file=sys.stderr)
    return m.expected, baseline.stale(entries, m, select, ignore)


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
        if a.command == "claims":
            return _cmd_claims(a)
        if a.command in ("checks", "explain"):
            return _cmd_checks(a)
        if a.command == "baseline":
            return _cmd_baseline(a)
        return _cmd_run(a)
    except (UsageError, ConfigError) as ex:
        print(f"audit: error: {ex}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as ex:
        print("audit: interrupted", file=sys.stderr)
        return 128 + getattr(ex, "signal", 2)
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


def entry() -> None:
    """The program: run :func:`main`, then end the process without freeing what it read one
    object at a time (nothing is left to do: output is flushed, files closed, workers joined)."""
    import os

    global _KEPT
    _KEPT = []
    from .faults import terminate_like_interrupt

    terminate_like_interrupt()
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away: what it did not read is not an error
        pass
    except OSError as ex:  # a full disk, say: the report is incomplete, and the user must know
        print(f"audit: error: cannot write the report: {ex.strerror or ex}", file=sys.stderr)
        code = EXIT_USAGE
    except KeyboardInterrupt:
        print("audit: interrupted", file=sys.stderr)
        code = 130
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
