"""The progress bar (issue 23): shown to a person at a terminal during a long read, never in CI,
in machine formats, with --quiet or when either stream is not a terminal."""
from __future__ import annotations

import io
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from audit.cli import main, progress
from audit.cli.progress import ReadProgress, wanted

ROOT = Path(__file__).resolve().parent.parent

TTY = dict(stdout_tty=True, stderr_tty=True, env={})


@pytest.mark.parametrize("fmt, quiet, changes, shown", [
    ("rich", False, {}, True),
    ("html", False, {}, True),
    ("table", False, {}, True),
    ("rich", True, {}, False),
    ("json", False, {}, False),
    ("sarif", False, {}, False),
    ("github", False, {}, False),
    ("csv", False, {}, False),
    ("rich", False, {"stdout_tty": False}, False),
    ("rich", False, {"stderr_tty": False}, False),
    ("rich", False, {"env": {"CI": "true"}}, False),
    ("rich", False, {"env": {"CI": ""}}, True),
])
def test_when_the_bar_is_wanted(fmt, quiet, changes, shown):
    assert wanted(fmt, quiet, **{**TTY, **changes}) is shown


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _config():
    from audit import config

    return config.load(config.find_config(str(ROOT / "expectations.yaml")))


def test_the_bar_appears_after_a_second_with_documents_and_speed(monkeypatch):
    out, err = _Terminal(), _Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.delenv("CI", raising=False)
    clock = _Clock()
    seeds = str(ROOT / "seeds")
    with ReadProgress(Namespace(format="rich", quiet=False), [seeds], _config(), clock) as advance:
        advance()
        assert advance.__self__.bar is None  # a short run shows nothing
        clock.now = 1.5
        advance()
        bar = advance.__self__.bar
        assert bar is not None
        task = bar.tasks[0]
        assert task.fields["docs"] == 2 and task.fields["total_docs"] == len(list((ROOT / "seeds").glob("*.txt")))
        assert task.total == sum(p.stat().st_size for p in (ROOT / "seeds").glob("*.txt"))


def test_the_cli_in_a_test_prints_no_progress(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(progress, "DELAY", 0.0)  # a bar, were it wanted, would start at once
    started = []
    start = ReadProgress._start
    monkeypatch.setattr(ReadProgress, "_start", lambda self: started.append(self) or start(self))
    main(["run", "--no-color"])
    err = capsys.readouterr().err
    assert not started
    assert "documents" not in err and "\r" not in err and "\x1b[" not in err


@pytest.mark.parametrize("args, env, tty, shown", [
    ([], {}, True, True),
    ([], {"CI": "1"}, True, False),
    (["--quiet"], {}, True, False),
    (["--format", "json"], {}, True, False),
    (["--format", "sarif"], {}, True, False),
    ([], {}, False, False),
])
def test_the_dask_engine_is_told_to_show_its_bar_by_the_same_rule(monkeypatch, args, env, tty, shown):
    """Under --engine dask, Dask's bar replaces the local one (never both), under the local bar's rule."""
    from audit import pipeline
    from audit.engines import dask_engine

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("CI", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    out, err = (_Terminal(), _Terminal()) if tty else (io.StringIO(), io.StringIO())
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    asked, started = [], []
    monkeypatch.setattr(ReadProgress, "_start", lambda self: started.append(self))

    def read(paths, cfg, scheduler, jobs, wants, advance, report, show=False):
        asked.append(show)
        return pipeline.read(paths, cfg, 1, wants, advance, report)

    monkeypatch.setattr(dask_engine, "read", read)
    main(["run", "--no-color", "--engine", "dask", "--exit-zero", *args])
    assert asked == [shown]
    assert not started  # the local engine's bar stays off
