"""Bad input of every kind ends in one clear line (exit 2) or a reported document, never a traceback."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT
from .test_cli import audit

BAD_CONFIGS = [
    ("version: 1\ncorpus:\n\tpaths: [seeds/]\n", "line 3"),                        # a tab
    ("version: 1\ncorpus: {paths: 5}\n", "corpus.paths"),                         # wrong type
    ("version: 1\nbogus: 1\n", "bogus: unknown key"),
    ("version: 1\ndocuments:\n  a.txt: {published: 2023-13-45}\n", "published"),  # a bad date
    ("version: 1\nfacts:\n  - {entity: xiaomi, metric: revenue, value: 很多}\n", "value: expected one figure"),
    ("version: 1\nversion: 1\n", "duplicate key"),
    ("version: 1\nfx: !!python/object/apply:os.system ['echo hacked']\n", "line 2"),  # object-building tag
    ("version: 2\n", "version must be 1"),
    ("version: 1\ntolerance: {relative: 5}\n", "tolerance"),
    ("- just\n- a list\n", "mapping"),
]


@pytest.mark.parametrize("text,expect", BAD_CONFIGS, ids=[e for _, e in BAD_CONFIGS])
def test_bad_configuration_is_one_line_exit_2(tmp_path, text, expect):
    cfg = tmp_path / "expectations.yaml"
    cfg.write_text(text, encoding="utf-8")
    r = audit("run", "--config", str(cfg), "--quiet")
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr and "hacked" not in r.stdout
    assert str(cfg) in r.stderr and expect in r.stderr


@pytest.mark.parametrize("name,data", [
    ("empty.txt", b""),
    ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
    ("nul.txt", b"abc\x00def"),
    ("garbage.txt", bytes(range(128, 256)) * 4),
])
def test_bad_documents_are_reported_and_the_rest_audited(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "ok.txt").write_text("2023年华为营收为7042亿元。", encoding="utf-8")
    r = audit("run", str(tmp_path), "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    paths = [d["path"] for d in doc["documents"]]
    assert any(p.endswith("ok.txt") for p in paths)
    if data:
        assert any(name in u for u in doc["unreadable"]) or any(p.endswith(name) for p in paths)
    assert "Traceback" not in r.stderr


def test_same_article_in_four_encodings_gives_the_same_claims(tmp_path):
    text = "小米2022年營收為2800億元,同比下滑14.7%。淨利潤同比下滑61.4%,最終錄得85.18億元。"
    for enc in ("utf-8", "gb18030", "big5", "utf-16"):
        (tmp_path / f"{enc}.txt").write_bytes(text.encode(enc))
    data = json.loads(audit("claims", str(tmp_path), "--format", "json").stdout)["claims"]
    by_doc = {}
    for c in data:
        by_doc.setdefault(c["doc"].rsplit("/", 1)[-1], []).append((c["entity"], c["metric"], c["period"],
                                                                   c["quantity"]["value"]))
    assert len(by_doc) == 4 and len({tuple(v) for v in by_doc.values()}) == 1


def test_symlink_loop_and_deep_directories(tmp_path):
    deep = tmp_path
    for i in range(40):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    (deep / "a.txt").write_text("2023年华为营收为7042亿元。", encoding="utf-8")
    (tmp_path / "d0" / "loop").symlink_to(tmp_path, target_is_directory=True)
    r = audit("run", str(tmp_path), "--quiet", "--no-color")
    assert r.returncode == 0 and "1 document," in r.stdout.replace("\n", " ")


def test_missing_path_and_a_file_given_twice(tmp_path):
    r = audit("run", str(tmp_path / "missing"), "--quiet")
    assert r.returncode == 2 and "missing" in r.stderr and r.stderr.count("\n") == 1


def test_baseline_write_failure_keeps_the_original(tmp_path):
    import shutil

    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    cfg = tmp_path / "expectations.yaml"
    cfg.write_text("version: 1\nfindings: []\n", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    outside.write_text("version: 1\ncorpus: {paths: []}\nfindings: []\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    target = tmp_path / "sub" / "expectations.yaml"
    target.symlink_to(outside)  # a link that leaves the project
    r = audit("baseline", "seeds", "--config", str(target), cwd=tmp_path)
    assert r.returncode == 2 and "symbolic link" in r.stderr, r.stderr
    assert outside.read_text(encoding="utf-8") == "version: 1\ncorpus: {paths: []}\nfindings: []\n"
    assert cfg.read_text(encoding="utf-8") == "version: 1\nfindings: []\n"


@pytest.mark.slow
def test_a_50_mb_document_on_one_line_is_audited(tmp_path):
    """50 MB without a line break: every lookup is by bisection or bounded, offset maps hold
    only the edits, so this stays linear (about half a minute; bench/RESULTS.md has the figures)."""
    one = "".join(p.read_text(encoding="utf-8").replace("\n", "") for p in sorted((ROOT / "seeds").glob("*.txt")))
    size = len(one.encode("utf-8"))
    (tmp_path / "one.txt").write_text(one * (50_000_000 // size + 1), encoding="utf-8")
    assert (tmp_path / "one.txt").stat().st_size >= 50_000_000
    r = audit("run", str(tmp_path / "one.txt"), "--quiet", "--exit-zero", "--no-color", timeout=900)
    assert r.returncode == 0 and "1 document," in r.stdout.replace("\n", " ") and "Traceback" not in r.stderr


def test_a_directory_named_like_a_document_is_reported(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "ok.txt").write_text("2023年华为营收为7042亿元。", encoding="utf-8")
    r = audit("run", str(tmp_path / "folder.txt"), str(tmp_path / "ok.txt"), "--quiet", "--no-color")
    # a directory given by name is walked (it holds nothing); the document is audited
    assert r.returncode == 0 and "1 document," in r.stdout.replace("\n", " ")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_interrupt_exits_130_and_leaves_the_output_untouched(tmp_path, jobs):
    import signal
    import subprocess
    import sys
    import time

    import os

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    (tmp_path / "seed.txt").write_text(text, encoding="utf-8")
    # Far more than can be audited before the interrupt, on a fast machine with two processes
    # (some 60 MB; copies, since links to one file are one document).
    data = text.encode("utf-8")
    for i in range(2000):
        (corpus / f"{i:04d}.txt").write_bytes(data)
    out = tmp_path / "report.json"
    out.write_text("previous report", encoding="utf-8")
    # Started as from a terminal: a process that inherits Ctrl-C ignored (a background job, or a
    # test runner whose earlier tests left it so) keeps it ignored, as POSIX programs should.
    p = subprocess.Popen([sys.executable, "-m", "audit", "run", str(corpus), "--format", "json", "--output", str(out),
                          "--jobs", jobs],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(2.5)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 130, err
    assert "Traceback" not in err and out.read_text(encoding="utf-8") == "previous report"
    assert [x.name for x in tmp_path.iterdir() if x.name.startswith(".report")] == []


def test_unreadable_files_are_reported_and_the_rest_audited(tmp_path):
    """A dangling link and (when not running as root, who reads everything) a file without read
    permission: each is named on standard error and in the report; the rest is audited."""
    import os

    (tmp_path / "ok.txt").write_text("2023年华为营收为7042亿元。", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    locked = tmp_path / "locked.txt"
    locked.write_text("2023年华为营收为7842亿元。", encoding="utf-8")
    locked.chmod(0)
    unreadable = not os.access(locked, os.R_OK)
    for jobs in ("1", "2"):
        r = audit("run", str(tmp_path), "--format", "json", "--jobs", jobs, "--exit-zero")
        assert r.returncode == 0, r.stderr
        doc = json.loads(r.stdout)
        assert any(p.endswith("ok.txt") for p in (d["path"] for d in doc["documents"]))
        assert any("dangling.txt" in u for u in doc["unreadable"]) and "dangling.txt" in r.stderr
        assert ("locked.txt" in r.stderr) == unreadable
        assert "Traceback" not in r.stderr


def test_long_adversarial_documents_finish_through_every_stage():
    """1 MB of digits, 100,000 figures, brackets nested 50,000 deep: analysis, claims and checks
    stay linear (each well under the bound, which only catches a quadratic step)."""
    import time

    from audit.analysis import analyze
    from audit.claims import corpus_claims
    from audit.engine import build_context, run_checks
    from audit.ingest import Document

    cases = {
        "digits": "9" * 1_000_000,
        "figures": "华为营收为1.5亿元,同比增长3%," * 50_000,  # 100,000 figures on one line
        "brackets": "(" * 50_000 + "营收为5亿元" + ")" * 50_000,
        "quotes": "“" * 20_000 + "2023年营收为5亿元。" * 2_000,
    }
    for name, text in cases.items():
        t = time.perf_counter()
        docs = [analyze(Document(f"{name}.txt", text, "utf-8"), "2023-06-01")]
        run_checks(build_context(docs, claims=corpus_claims(docs)))
        assert time.perf_counter() - t < 60, name


def test_reading_makes_no_reference_cycles(tmp_path):
    """pipeline.read turns the cycle collector off while documents are read (it would only walk
    the claims again and again): that is safe only while reading leaves no cyclic garbage."""
    import gc

    from audit import config as cfgmod
    from audit import pipeline

    for p in sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").rglob("*.txt"))[:12]:
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\xd8 broken \x80\x81")
    cfg = cfgmod.load(None)
    pipeline.read([str(tmp_path)], cfg)  # warm caches: lexicons, grammar, parsed numerals
    gc.collect()
    corpus = pipeline.read([str(tmp_path)], cfg)
    assert len(corpus.docs) > 10 and corpus.claims
    assert gc.collect() == 0  # nothing unreachable was left for the collector


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("fmt", ["rich", "json"])
def test_a_report_that_cannot_be_written_is_one_line_exit_2(fmt):
    """The program ends without the interpreter's teardown (cli.entry): a report that did not
    reach its file must still be said, not lost in a skipped flush."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as usual
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "audit", "run", "--format", fmt], cwd=ROOT, stdout=full,
                           stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert "cannot write the report" in r.stderr and "Traceback" not in r.stderr


def test_a_large_report_through_a_pipe_arrives_whole(tmp_path):
    """Everything written to standard output is flushed before the process ends; a reader that
    stops early is no error."""
    for p in sorted((ROOT / "tests" / "corpus").rglob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt")):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as usual
    whole = subprocess.run([sys.executable, "-m", "audit", "claims", str(tmp_path), "--format", "json"],
                           cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env)
    assert whole.returncode == 0 and len(whole.stdout) > 65536  # more than one pipe's worth
    assert json.loads(whole.stdout)["claims"] and whole.stdout.endswith("}\n")  # to the last byte
    head = subprocess.run(f"'{sys.executable}' -m audit claims '{tmp_path}' --format json | head -c 100",
                          shell=True, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env)
    assert head.returncode == 0 and len(head.stdout) == 100 and head.stderr == ""
