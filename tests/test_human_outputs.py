"""What people read (issue 23): no number in scientific notation in any human-facing output —
console at 80 and 120 columns, GitHub annotations, HTML, the claims table and the figures table —
on the seeds always, and on ../shared's real-news and dev-news when they are present; and every
line of a finding fits the console, the figure and its value never cut."""
from __future__ import annotations

import io
import re
from argparse import Namespace
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from audit.cli import main
from audit.report import Result, github, html
from audit.report import console as rich_report

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
CORPORA = ["seeds", "real-news", "dev-news"]
SCIENTIFIC = re.compile(r"\d[eE][+-]\d")  # 8.518e+09, 1E-5 (file names hold hex: 4e1e9)


def _path(name: str) -> str:
    if name == "seeds":
        return str(ROOT / "seeds")
    if not (SHARED / name).is_dir():
        pytest.skip(f"{SHARED / name} is not present: only the seeds are scanned")
    return str(SHARED / name)


@pytest.fixture(scope="module", params=CORPORA)
def corpus(request):
    """(path, Result) of a corpus, read once for the tests of this module."""
    path = _path(request.param)
    mp = pytest.MonkeyPatch()
    mp.chdir(ROOT)
    try:
        from audit.cli.shared import findings, read

        a = Namespace(command="run", paths=[path], config=None, jobs=1, format="rich", figures=False, quiet=False)
        c = read(a)
        found = findings(c)
        yield path, Result(c.docs, found, set(), [], c.unreadable, 0.0, len(c.claims))
    finally:
        mp.undo()


def _console(result: Result, width: int) -> str:
    buf = io.StringIO()
    rich_report.render(Console(file=buf, width=width, no_color=True, highlight=False, soft_wrap=False), result)
    return buf.getvalue()


def _scientific(text: str) -> list[str]:
    return [line for line in text.splitlines() if SCIENTIFIC.search(line)]


@pytest.mark.parametrize("width", [80, 120])
def test_console_fits_and_never_cuts_a_figure_or_its_value(corpus, width):
    _, result = corpus
    lines = _console(result, width).splitlines()
    assert not [l for l in lines if cell_len(l) > width]
    for f in result.findings:
        for loc in f.locations:
            assert any(f"[{loc.snippet}]" in l for l in lines), loc.snippet
            value = rich_report.value_text(loc.quantity)
            assert not value or any(value in l for l in lines), value


@pytest.mark.parametrize("width", [80, 120])
def test_no_scientific_notation_in_the_console(corpus, width):
    assert not _scientific(_console(corpus[1], width))


def test_no_scientific_notation_in_github_annotations_and_html(corpus):
    _, result = corpus
    assert not _scientific(github.render(result))
    assert not _scientific(html.render(result))


@pytest.mark.parametrize("command", [["claims", "--no-color"], ["run", "--figures", "--no-color", "--exit-zero"]])
def test_no_scientific_notation_in_the_tables(corpus, command, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "120")
    main([*command, corpus[0]])
    assert not _scientific(capsys.readouterr().out)


def test_the_summary_counts_in_the_singular_and_plural(corpus):
    from audit.report.plural import plural

    assert (plural(1, "error"), plural(2, "error"), plural(0, "finding"), plural(2, "baseline entry"),
            plural(3, "info")) == ("1 error", "2 errors", "0 findings", "2 baseline entries", "3 info")
    summary = _console(corpus[1], 200).splitlines()[-1]
    assert not re.search(r"\b1 (documents|figures|claims|findings|errors|warnings)\b", summary)
    assert not re.search(r"\b(?!1\b)\d+ (document|figure|claim|finding|error|warning)\b(?!s)", summary)
