"""The pre-commit hook as users run it: the real ``pre-commit try-repo`` with this repository's
.pre-commit-hooks.yaml, in a temporary git repository holding copies of the seeds and of
expectations.yaml. A changed file contradicting an unchanged article fails the hook; a
consistent one passes. (pre-commit builds the hook's virtualenv from the package index pip uses
here: its configuration, PIP_* variables and pip.conf, reach the hook's pip.)"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, SEEDS
from .test_cli import audit

CASES = yaml.safe_load((ROOT / "tests" / "data" / "precommit.yaml").read_text(encoding="utf-8"))


def _why_not() -> str | None:
    """Why the real pre-commit cannot run here, or None."""
    import importlib.util

    if importlib.util.find_spec("pre_commit") is None:
        return "pre-commit tests skipped: pre-commit is not installed (pip install -e '.[test]')"
    if not shutil.which("git"):
        return "pre-commit tests skipped: git is not installed"
    return None if (ROOT / ".git").exists() else f"pre-commit tests skipped: {ROOT} is not a git checkout"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture(scope="module")
def ref() -> str:
    if _why_not():
        pytest.skip(_why_not())
    """The commit of this repository to try: its working tree's tracked files as they are (a
    commit object of them, made once, as try-repo would make one at each run), else HEAD."""
    made = subprocess.run(["git", "stash", "create"], cwd=ROOT, capture_output=True, text=True, check=True)
    return made.stdout.strip() or "HEAD"


@pytest.fixture
def repo(tmp_path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copy(ROOT / "expectations.yaml", tmp_path / "expectations.yaml")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "the corpus")
    return tmp_path


def test_against_corpus_without_a_configuration_audits_the_files_alone(tmp_path):
    (tmp_path / "d.txt").write_text("2023年华为营收为7042亿元。另据年报,2023年华为营收为7842亿元。", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("2023年华为营收为7042亿元。", encoding="utf-8")
    assert audit("run", "d.txt", "--against-corpus", cwd=tmp_path).returncode == 1
    r = audit("run", "ok.txt", "--against-corpus", cwd=tmp_path)
    assert r.returncode == 0 and "1 document" in r.stdout, r.stdout


def test_against_corpus_names_a_configured_corpus_that_is_missing(tmp_path):
    (tmp_path / "expectations.yaml").write_text("version: 1\ncorpus: {paths: [nowhere/]}\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("2023年华为营收为7042亿元。", encoding="utf-8")
    r = audit("run", "d.txt", "--against-corpus", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert "expectations.yaml: corpus.paths:" in r.stderr and "nowhere" in r.stderr


@pytest.mark.slow
@pytest.mark.parametrize("fails", [False, True], ids=["consistent changes pass", "contradicting changes fail"])
def test_the_hook_audits_changes_against_the_corpus(fails, repo, ref):
    """The cases of one outcome in one run: pre-commit try-repo builds the hook's virtualenv
    afresh at each run (some 30 s here), so the cases share it."""
    cases = [c for c in CASES if c["fails"] == fails]
    for case in cases:
        changed = repo / case["file"]
        changed.parent.mkdir(parents=True, exist_ok=True)
        changed.write_text(case["text"], encoding="utf-8")
    _git(repo, "add", "-A")
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    r = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "claim-audit", "--ref", ref,
                        "--verbose", "--files", *(c["file"] for c in cases)],
                       cwd=repo, capture_output=True, text=True, encoding="utf-8", env=env, timeout=900)
    out = r.stdout + r.stderr
    assert "claim-audit (figures that disagree" in out and "internal error" not in out, out
    assert (r.returncode != 0) == fails and ("Failed" in out) == fails, out
    for case in cases:
        assert all(m in out for m in case["mentions"]), (case["name"], out)
    assert "AU500" not in out  # only findings that involve the changed files
