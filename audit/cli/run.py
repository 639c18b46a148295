"""``audit run``: audit a corpus (or a draft against one), report the findings in the chosen
format, and say by the exit code whether the run passes."""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from .shared import (EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, console, corpus_arguments, failed, findings,
                     quantity_table, read, suppressed)


def add(sub) -> None:
    run = sub.add_parser("run", help="audit a corpus (default: corpus.paths of expectations.yaml, else seeds/)",
                         description="Audit documents: print the findings of the checks against the "
                         "baseline in expectations.yaml; with --figures, also every figure read.")
    corpus_arguments(run)
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
    run.add_argument("--engine", choices=["local", "dask"], default="local",
                     help="where documents are read and claims checked: this machine (local, default) or a Dask "
                     "cluster (dask: pip install 'claim-audit[dask]'); the output is the same")
    run.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: the Dask scheduler to use "
                     "(tcp://host:8786); without it, a LocalCluster of --jobs worker processes")
    run.add_argument("--against", metavar="DIR", action="append",
                     help="pre-publish: audit PATHS (a draft) together with the reference corpus DIR and "
                     "report only the findings that involve the draft")
    run.add_argument("--against-corpus", action="store_true",
                     help="audit PATHS (changed files) against the configured corpus (corpus.paths), as "
                     "--against does: what the pre-commit hook runs")


def command(a: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    from .. import config as cfgmod
    from .. import notices

    cfg = cfgmod.load(cfgmod.find_config(a.config))
    drafts = set()
    if a.against_corpus:
        from .against_corpus import reference_corpus

        a.against = (a.against or []) + reference_corpus(cfg)
    complete = not a.paths or bool(a.against)  # the run reads what the configuration is about
    if a.against:
        if not a.paths:
            raise UsageError("--against needs the draft to check: audit run DRAFT --against DIR")
        problem = notices.against_problem(a.paths, a.against, cfg.include)
        if problem:
            raise UsageError(problem)
        drafts = {d for d in a.paths}
        a.paths = list(a.paths) + list(a.against)
    corpus = read(a, cfg)
    cfg, docs, unreadable = corpus.config, corpus.docs, corpus.unreadable
    select, ignore = _codes(a.select, "--select"), _codes(a.ignore, "--ignore")
    found, sups = suppressed(corpus, findings(corpus, select, ignore))
    said = notices.repeated_paths(a.paths) + notices.after_run(corpus, sups, complete, select, ignore)
    for n in said:
        print(f"audit: warning: {n.text}", file=sys.stderr)
    if drafts:
        found = _of_drafts(found, docs, drafts)
    expected, stale = _baseline(cfg, found, select, ignore)
    if a.paths:
        stale = []  # a partial run cannot tell which baseline findings went away
    from ..report import Result

    result = Result(docs, found, expected, stale, unreadable, time.perf_counter() - t0, len(corpus.claims),
                    strict_notices=sum(1 for n in said if n.strict), claim_list=corpus.claims)
    _write(a, _render(a, result))
    if corpus.failures:
        return failed(corpus.failures)
    if not docs and unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if failures(a, result) else EXIT_OK


def _of_drafts(found: list, docs, drafts: set[str]) -> list:
    """The findings that involve a document of the drafts (``audit run DRAFT --against DIR``)."""
    from ..ingest import display_path

    shown = {display_path(Path(p)) for p in drafts}
    draft_docs = {d.path for d in docs if any(d.path == s or d.path.startswith(s.rstrip("/") + "/")
                                              for s in shown)}
    return [f for f in found if any(loc.path in draft_docs for loc in f.locations)]


def _write(a: argparse.Namespace, text: str | Iterable[str]) -> None:
    """The report to --output (atomically) or standard output; a failed write is a usage error."""
    if a.output:
        from ..atomic import WriteError, write_atomic

        try:
            write_atomic(a.output, text)
        except WriteError as ex:
            raise UsageError(str(ex)) from None
    else:
        try:
            sys.stdout.writelines((text,) if isinstance(text, str) else text)
        except BrokenPipeError:
            raise
        except OSError as ex:  # a full disk, say
            raise UsageError(f"cannot write the report: {ex.strerror or ex}") from None


def _render(a: argparse.Namespace, result) -> str | Iterable[str]:
    from .. import __version__
    from ..report import github, html, json_report, sarif

    if a.format == "json":
        return json_report.render(result, figures=a.figures, joined=False)  # written piece by piece
    if a.format == "sarif":
        return sarif.render(result, __version__)
    if a.format == "github":
        return github.render(result, a.quiet, a.strict, tuple(failures(a, result)))
    if a.format == "html":
        return html.render(result)
    import io

    buf = io.StringIO()
    con = console(a.no_color or bool(a.output), file=buf)
    from ..report import console as rich_report

    rich_report.render(con, result, quiet=a.quiet)
    if a.figures:
        for d in result.docs:
            con.print(quantity_table(list(d.figure_rows or ()), title=f"{d.path}: {d.figures} figures", where=True))
            con.print()
    return buf.getvalue()


def failures(a: argparse.Namespace, r) -> list[str]:
    """Why the run fails (none: it passes): what the exit code says and the github report tells."""
    if a.exit_zero:
        return []
    order = {"error": 0, "warning": 1, "info": 2, "never": -1}
    limit = order[a.fail_on]
    new_bad = sum(1 for i, f in enumerate(r.findings) if i not in r.expected and order[f.severity] <= limit)
    from ..report.plural import plural

    out = [f"{plural(new_bad, 'new finding')} at or above --fail-on {a.fail_on}"] if new_bad else []
    if a.strict and r.stale:
        out.append(f"{plural(len(r.stale), 'stale baseline entry')} (--strict)")
    if a.strict and r.strict_notices:
        out.append(f"{plural(r.strict_notices, 'warning')} about the configuration or the corpus (--strict)")
    return out


def _codes(value: str | None, option: str) -> set[str] | None:
    if not value:
        return None
    from checks import by_code

    codes = {c.strip().upper() for c in value.split(",") if c.strip()}
    unknown = sorted(c for c in codes if by_code(c) is None)
    if unknown:
        raise UsageError(f"{option}: unknown check code(s) {', '.join(unknown)} (see 'audit checks')")
    return codes


def _baseline(cfg, found, select, ignore):
    """(indexes of findings the baseline expects, baseline entries that matched nothing)."""
    from .. import baseline

    entries = (cfg.raw or {}).get("findings") or []
    m = baseline.match(entries, found)
    if m.legacy:
        print(f"audit: {len(m.legacy)} baseline entries have fingerprints of an older release: "
              "'audit baseline --migrate' rewrites them", file=sys.stderr)
    return m.expected, baseline.stale(entries, m, select, ignore)
