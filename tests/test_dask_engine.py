"""``audit run --engine dask`` (issue 24): the same report as the local engine, byte for byte, on
a LocalCluster of two worker processes; a worker killed mid-run changes nothing; a scheduler out of
reach is a usage error. Marked ``dask`` (``pytest -m dask`` runs them alone); skipped without the
extra (``pip install -e '.[dask]'``). The corpora stay small: a cluster starts in seconds here."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS, shared_or_skip

pytestmark = [pytest.mark.dask, pytest.mark.slow]
psutil = pytest.importorskip("psutil")
pytest.importorskip("distributed")

sys.path.insert(0, str(ROOT / "bench"))


def _audit(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", CI="1")
    return subprocess.run([sys.executable, "-m", "audit", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout)


def _report(folder: Path, cfg: Path, fmt: str, *engine: str) -> str:
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    r = _audit("run", "--format", fmt, "--exit-zero", "--config", str(cfg), *engine, *names, cwd=folder)
    assert r.returncode == 0, r.stderr
    assert not r.stderr.strip() or "warning" in r.stderr, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A generated corpus of 4 MB (bench/scale.py's builder: seed and real-news articles with varied figures)."""
    from scale import build

    folder = tmp_path_factory.mktemp("generated-4mb")
    build(folder, 4)
    return folder


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> Path:
    cfg = tmp_path_factory.mktemp("cfg") / "expectations.yaml"
    cfg.write_text("version: 1\n", encoding="utf-8")
    return cfg


def _blank_seconds(text: str, fmt: str) -> str:
    import json
    import re

    if fmt == "json":
        data = json.loads(text)
        data["seconds"] = 0
        return json.dumps(data, ensure_ascii=False, sort_keys=True)
    return re.sub(r'"(?:startTimeUtc|endTimeUtc)": "[^"]*"', "", text)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
@pytest.mark.parametrize("corpus", ["seeds", "real-news", "generated"])
def test_both_engines_give_the_same_report(corpus, fmt, generated, config):
    folder = {"seeds": SEEDS, "generated": generated}.get(corpus) or shared_or_skip("corpus", "real-news")
    local = _report(folder, config, fmt, "--jobs", "2")
    dask = _report(folder, config, fmt, "--engine", "dask", "--jobs", "2")
    assert '"AU100"' in local or '"ruleId": "AU' in local  # something to compare
    assert _blank_seconds(dask, fmt) == _blank_seconds(local, fmt)


def test_a_worker_killed_mid_run_changes_no_finding(generated, config, tmp_path):
    want = _report(generated, config, "json")
    out = tmp_path / "report.json"
    names = sorted(p.name for p in generated.iterdir())
    p = subprocess.Popen([sys.executable, "-m", "audit", "run", "--format", "json", "--exit-zero", "--config",
                          str(config), "--engine", "dask", "--jobs", "2", "--output", str(out), *names],
                         cwd=generated, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=dict(os.environ, CI="1"))
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and time.monotonic() < deadline and p.poll() is None:
        workers = [c for c in psutil.Process(p.pid).children(recursive=True)
                   if "spawn_main" in " ".join(c.cmdline()) and c.cpu_times().user > 1.0]  # started, and reading
        if len(workers) >= 2:
            killed = workers[0].pid
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.2)
    _, err = p.communicate(timeout=300)
    assert killed is not None, "no busy worker process was seen"
    assert p.returncode == 0, err
    assert _blank_seconds(out.read_text(encoding="utf-8"), "json") == _blank_seconds(want, "json")


def test_an_unreachable_scheduler_is_a_usage_error():
    r = _audit("run", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--quiet", timeout=120)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "tcp://127.0.0.1:9" in r.stderr and "cannot reach" in r.stderr
    assert "Traceback" not in r.stderr


def test_the_engine_without_the_extra_is_a_usage_error():
    code = ("import sys\nsys.modules['distributed'] = None\nimport audit.cli as c\n"
            "raise SystemExit(c.main(['run', '--engine', 'dask', '--quiet']))\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "claim-audit[dask]" in r.stderr, r.stderr


def _in_a_terminal(env: dict[str, str], *args: str) -> str:
    """What ``audit run`` writes on a terminal (a pty as standard output and error)."""
    import pty

    master, slave = pty.openpty()
    p = subprocess.Popen([sys.executable, "-m", "audit", "run", "--exit-zero", *args], cwd=ROOT,
                         stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the pty is closed: the run has ended
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert p.wait(timeout=300) == 0
    return out.decode("utf-8", "replace")


@pytest.mark.parametrize("ci", [False, True])
def test_dask_shows_its_progress_on_a_terminal_and_nothing_in_ci(ci):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(PYTHONIOENCODING="utf-8", COLUMNS="100", **({"CI": "1"} if ci else {}))
    shown = _in_a_terminal(env, "--engine", "dask", "--jobs", "2", "--no-color")
    assert "findings by check" in shown  # the report itself
    if ci:
        assert "Completed" not in shown and "\x1b[2K" not in shown
    else:
        assert "reading [" in shown and "checking [" in shown and "100% Completed" in shown
        assert shown.index("\x1b[2K", shown.rindex("Completed")) < shown.index("findings by check")  # cleared first
