"""The command line as a user meets it: exit codes, one-line errors, JSON contract."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def audit(*args: str, cwd=ROOT, stdin: str | None = None, columns: int = 120,
          timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS=str(columns))
    return subprocess.run([sys.executable, "-m", "audit", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", env=env, input=stdin, timeout=timeout)


def test_parse_json_contract():
    r = audit("parse", "2022年全年公司營收同比下滑14.7%至2800億元", "--json")
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    assert [q["kind"] for q in items] == ["period", "percent", "amount"]
    amount = items[2]
    assert amount["text"] == "2800億元" and amount["unit"] == "CNY" and amount["value"] == 2.8e11
    for key in ("text", "start", "end", "kind", "value", "low", "high", "unit", "qualifier", "approximate"):
        assert key in amount


def test_parse_resolves_relative_dates_with_published():
    r = audit("parse", "今年4月14日,雷军发文", "--json", "--published", "2023-08-17")
    assert json.loads(r.stdout)[0]["date"] == "2023-04-14"


def test_parse_table_and_stdin():
    r = audit("parse", "-", "--no-color", stdin="营收2800亿元")
    assert r.returncode == 0 and "2800亿元" in r.stdout and "CNY" in r.stdout


def test_parse_bad_published_is_one_line_exit_2():
    r = audit("parse", "x", "--published", "2023-13-40")
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "--published" in r.stderr and "Traceback" not in r.stderr


def test_run_on_seeds_lists_figures_per_document():
    r = audit("run", "--no-color", "--figures")
    assert r.returncode == 0, r.stderr
    assert "5 documents" in r.stdout
    for name in ("000_32b57c4ec0c8dd22", "004_e30cb15d560eed10"):
        assert name in r.stdout


def test_run_reports_damaged_text_in_seeds_000_and_001():
    r = audit("run", "--format", "json")
    found = json.loads(r.stdout)["findings"]
    au500 = [f for f in found if f["code"] == "AU500"]
    files = {f["claims"][0]["file"].split("/")[-1] for f in au500}
    assert files == {"000_32b57c4ec0c8dd22.txt", "001_86a1c3c94e1e9183.txt"}
    raw = (ROOT / "seeds" / "000_32b57c4ec0c8dd22.txt").read_text(encoding="utf-8").split("\n")
    for f in au500:
        c = f["claims"][0]
        if c["file"].endswith("000_32b57c4ec0c8dd22.txt"):
            assert raw[c["line"] - 1][c["col"] - 1:].startswith(c["snippet"])
    assert any(c["snippet"] == "?!?月14日" for f in au500 for c in f["claims"])


def test_run_json_points_at_raw_line_and_column():
    r = audit("run", "seeds/004_e30cb15d560eed10.txt", "--format", "json", "--figures")
    doc = json.loads(r.stdout)["documents"][0]
    raw = (ROOT / "seeds" / "004_e30cb15d560eed10.txt").read_text(encoding="utf-8").split("\n")
    line = next(i for i, l in enumerate(raw) if "超過10萬元" in l)
    col = raw[line].index("10萬元")
    hits = [q for q in doc["figures"] if q["text"] == "10萬元"]
    assert hits and hits[0]["at"] == f"{line + 1}:{col + 1}"


def test_missing_path_is_reported_and_exit_2(tmp_path):
    r = audit("run", str(tmp_path / "nope.txt"))
    assert r.returncode == 2 and "nope.txt" in r.stderr and "Traceback" not in r.stderr


def test_undecodable_file_is_reported_rest_audited(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x81\xff\xfe\x00\x81" * 10)
    (tmp_path / "good.txt").write_text("营收2800亿元", encoding="utf-8")
    r = audit("run", str(tmp_path), "--no-color")
    assert r.returncode == 0
    assert "bad.txt" in r.stderr and "1 document, 1 figure," in r.stdout.replace("\n", " ")


def test_gb18030_and_big5_files_read_the_same(tmp_path):
    text = "小米2022年營收2800億元,同比下滑14.7%"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "c.txt").write_bytes(text.encode("big5"))
    r = audit("run", str(tmp_path), "--format", "json", "--figures")
    docs = json.loads(r.stdout)["documents"]
    values = [[(q["kind"], q["value"]) for q in d["figures"]] for d in docs]
    assert len(docs) == 3 and values[0] == values[1] == values[2]


def test_bad_config_is_one_line_naming_file_and_line(tmp_path):
    cfg = tmp_path / "expectations.yaml"
    cfg.write_text("version: 1\ncorpus: {paths: [x]}\nbogus: 3\n", encoding="utf-8")
    r = audit("run", "--config", str(cfg))
    assert r.returncode == 2
    assert "line 3" in r.stderr and "bogus" in r.stderr and r.stderr.strip().count("\n") == 0


def test_no_command_prints_help_exit_2():
    r = audit()
    assert r.returncode == 2 and "run" in r.stdout and "parse" in r.stdout


def test_claims_table_json_csv():
    r = audit("claims", "--no-color")
    assert r.returncode == 0, r.stderr
    assert "xiaomi" in r.stdout and "revenue" in r.stdout and "claims in 5 documents" in r.stdout
    data = json.loads(audit("claims", "--format", "json").stdout)["claims"]
    milm = [c for c in data if c["entity"] == "milm-6b" and c["quote"] == "60億級"]
    assert milm and milm[0]["entity_inferred"] is True
    csv_out = audit("claims", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("file,line,col,entity") and len(csv_out) == len(data) + 1


def test_claims_fit_in_100_columns():
    from rich.cells import cell_len

    r = audit("claims", "--no-color", columns=100)
    assert max(cell_len(line) for line in r.stdout.splitlines()) <= 100


def test_run_on_seeds_matches_the_baseline_and_passes():
    r = audit("run", "--no-color", "--quiet")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 new, 0 stale" in r.stdout.replace("\n", " ")


def test_seed_findings_are_exactly_the_expected_ones():
    found = json.loads(audit("run", "--format", "json").stdout)["findings"]
    by_code = {}
    for f in found:
        by_code.setdefault(f["code"], []).append(f)
    assert sorted(by_code) == ["AU100", "AU110", "AU120", "AU220", "AU500"]
    (au100,) = by_code["AU100"]
    assert au100["severity"] == "warning" and {c["snippet"] for c in au100["claims"]} == {"60億級", "64亿"}
    (au110,) = by_code["AU110"]
    assert {c["snippet"] for c in au110["claims"]} == {"85.18億元", "人民幣85億元"}
    (au120,) = by_code["AU120"]
    assert au120["claims"][0]["file"].endswith("002_e07aa243f7067a1b.txt") and au120["claims"][0]["snippet"] == "64亿"
    (au220,) = by_code["AU220"]
    # figures in the writer's script: the seed writes 萬
    assert au220["severity"] == "error" and "120萬元" in au220["message"] and "100萬元" in au220["message"]


def test_new_finding_fails_and_exit_zero_passes(tmp_path):
    (tmp_path / "draft.txt").write_text("2022年小米营收为2800亿元。另据财报,2022年小米营收为3100亿元。", encoding="utf-8")
    r = audit("run", str(tmp_path / "draft.txt"), "--no-color")
    assert r.returncode == 1 and "AU100" in r.stdout and "(new)" in r.stdout
    assert audit("run", str(tmp_path / "draft.txt"), "--exit-zero").returncode == 0
    assert audit("run", str(tmp_path / "draft.txt"), "--ignore", "AU100").returncode == 0
    bad = audit("run", str(tmp_path / "draft.txt"), "--select", "AU999")
    assert bad.returncode == 2 and "AU999" in bad.stderr


def test_checks_and_explain():
    r = audit("checks")
    assert r.returncode == 0 and "AU100" in r.stdout and "AU500" in r.stdout
    e = audit("explain", "au120")
    assert e.returncode == 0 and "Llama-2-13B" in e.stdout and "Severity:" in e.stdout
    assert audit("explain", "AU999").returncode == 2


def test_fail_on_levels(tmp_path):
    d = tmp_path / "d.txt"
    d.write_text("一个是70亿级,另一个是Llama-2-13B。Meta的Llama-2-13B模型参数规模为134亿。", encoding="utf-8")
    # AU120 within the rounding of the name's digits is a warning: not a failure by default
    assert audit("run", str(d)).returncode == 0
    assert audit("run", str(d), "--fail-on", "warning").returncode == 1
    assert audit("run", str(d), "--fail-on", "never").returncode == 0


def test_internal_error_is_one_line_exit_3_with_saved_traceback(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import audit.engine as e, audit.cli as c\n"
            "def boom(*a, **k):\n    raise RuntimeError('boom')\n"
            "e.collect = boom\nraise SystemExit(c.main(['run']))\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, TMPDIR=str(tmp_path)))
    assert r.returncode == 3
    assert r.stderr.count("\n") == 1 and "internal error" in r.stderr and "Traceback" not in r.stderr
    saved = r.stderr.rsplit("saved to ", 1)[1].rstrip(")\n")
    assert "RuntimeError: boom" in open(saved, encoding="utf-8").read()
    assert saved.startswith(str(tmp_path))


def _crash_in_a_helper(tmp_path, documents: int, patch: str) -> tuple[str, str]:
    """Run ``audit run --jobs 2`` on a small corpus after ``patch`` (Python source) and expect
    exit 3 with one line: (standard error, the saved crash report)."""
    import os
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(documents):
        (corpus / f"{i:02d}.txt").write_text(f"2023年华为营收为{7000 + i}亿元。", encoding="utf-8")
    code = f"{patch}\nimport audit.cli as c\nraise SystemExit(c.main(['run', {str(corpus)!r}, '--jobs', '2']))\n"
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, TMPDIR=str(tmp_path)))
    assert r.returncode == 3, r.stderr
    assert r.stderr.count("\n") == 1 and "internal error" in r.stderr and "Traceback" not in r.stderr
    saved = r.stderr.rsplit("saved to ", 1)[1].rstrip(")\n")
    return r.stderr, Path(saved).read_text(encoding="utf-8")


@pytest.mark.parametrize("failure", ["raise RuntimeError('boom in a worker')"])
def test_an_internal_error_in_a_worker_process_is_one_line_exit_3(tmp_path, failure):
    """With --jobs 2, an exception in the worker (and only there) reaches the user as one line,
    exit 3, the details in the saved file. (A worker that dies has its documents read again:
    tests/test_faults.py.)"""
    patch = ("import os, audit.engine as e\n"
             "main, real = os.getpid(), e.collect\n"
             "def boom(*a, **k):\n"
             f"    if os.getpid() != main:\n        {failure}\n"
             "    return real(*a, **k)\n"
             "e.collect = boom")
    err, text = _crash_in_a_helper(tmp_path, 40, patch)
    assert "RuntimeError: boom in a worker" in text and ", in boom" in text  # the worker's own traceback
