"""Hostile input and faults (issue 19): what a corpus, an --output target, a dying worker, a failing
check or a signal can do to a run, each as a user met it."""
from __future__ import annotations

import gc
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import ROOT
from .test_cli import audit

HUAWEI = "2023年华为营收为7042亿元。"


def _json_run(*args: str, **kw) -> tuple[subprocess.CompletedProcess, dict | None]:
    r = audit("run", *args, "--format", "json", "--exit-zero", **kw)
    return r, (json.loads(r.stdout) if r.stdout.strip() else None)


def _ok_corpus(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "ok.txt").write_text(HUAWEI, encoding="utf-8")
    return folder


# --- what is read -------------------------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_fifo_named_like_a_document_is_named_and_skipped(tmp_path, jobs):
    corpus = _ok_corpus(tmp_path / "corpus")
    os.mkfifo(corpus / "x.txt")  # reading it would wait for a writer for ever
    r, doc = _json_run(str(corpus), "--jobs", jobs, timeout=60)
    assert r.returncode == 0, r.stderr
    assert [d["path"].rsplit("/", 1)[-1] for d in doc["documents"]] == ["ok.txt"]
    assert r.stderr.count("\n") == 1 and "x.txt" in r.stderr and "FIFO" in r.stderr and "not a regular file" in r.stderr


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # so that a regression fails, not the machine


def test_a_link_to_dev_zero_is_named_and_skipped(tmp_path):
    corpus = _ok_corpus(tmp_path / "corpus")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    r = subprocess.run([sys.executable, "-m", "audit", "run", str(corpus), "--format", "json"], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8", env=env, timeout=60,
                       preexec_fn=_limit_memory)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["documents"]) == 1
    assert "zero.txt" in r.stderr and "character device" in r.stderr and r.stderr.count("\n") == 1


def test_a_file_over_corpus_max_file_bytes_is_named_and_skipped(tmp_path):
    corpus = _ok_corpus(tmp_path / "corpus")
    (corpus / "big.txt").write_text(HUAWEI * 20, encoding="utf-8")  # 740 bytes
    cfg = tmp_path / "expectations.yaml"
    cfg.write_text("version: 1\ncorpus: {paths: [corpus/], max_file_bytes: 500}\n", encoding="utf-8")
    r, doc = _json_run("--config", str(cfg))
    assert [d["path"].rsplit("/", 1)[-1] for d in doc["documents"]] == ["ok.txt"]
    assert "big.txt" in r.stderr and "too large" in r.stderr and "max_file_bytes" in r.stderr
    cfg.write_text("version: 1\ncorpus: {paths: [corpus/], max_file_bytes: 1000}\n", encoding="utf-8")
    r, doc = _json_run("--config", str(cfg))
    assert len(doc["documents"]) == 2 and r.stderr == ""


def test_a_bad_max_file_bytes_is_one_line_exit_2(tmp_path):
    cfg = tmp_path / "expectations.yaml"
    cfg.write_text("version: 1\ncorpus: {paths: [.], max_file_bytes: lots}\n", encoding="utf-8")
    r = audit("run", "--config", str(cfg))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "max_file_bytes" in r.stderr and str(cfg) in r.stderr


def test_the_size_limit_holds_for_a_file_that_grows_after_it_is_listed(tmp_path):
    from audit.ingest import ReadError, read_document

    p = tmp_path / "growing.txt"
    p.write_text(HUAWEI * 100, encoding="utf-8")  # as if it grew after the folder was listed
    got = read_document(p, "growing.txt", limit=1000)
    assert isinstance(got, ReadError) and "too large" in got.message


def test_word_and_pdf_files_are_named_and_the_run_goes_on(tmp_path):
    import zipfile

    corpus = _ok_corpus(tmp_path / "corpus")
    with zipfile.ZipFile(corpus / "report.docx", "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    (corpus / "slides.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (corpus / "renamed.txt").write_bytes(b"%PDF-1.4\n1 0 obj\n")  # a PDF by its first bytes
    r, doc = _json_run(str(corpus))
    assert r.returncode == 0 and [d["path"].rsplit("/", 1)[-1] for d in doc["documents"]] == ["ok.txt"]
    lines = r.stderr.splitlines()
    assert len(lines) == 3 and all(l.endswith("Word/PDF files are not read yet; save as .txt or .md") for l in lines)
    r = audit("run", str(corpus / "report.docx"))  # given by name, nothing else: an input error
    assert r.returncode == 2 and "Word/PDF files are not read yet" in r.stderr


def test_a_file_reached_twice_is_read_once(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(HUAWEI, encoding="utf-8")
    (corpus / "sub" / "b.txt").write_text("另据年报,2023年华为营收为7842亿元。", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(corpus / "a.txt")
    (corpus / "sub" / "again").symlink_to(corpus, target_is_directory=True)
    _, once = _json_run(str(corpus))
    r, twice = _json_run(str(corpus / "a.txt"), str(corpus), str(corpus / "sub"), str(tmp_path / "link.txt"),
                         str(corpus / "a.txt"))
    paths = [d["path"] for d in twice["documents"]]
    assert len(paths) == 2 and paths[0].endswith("corpus/a.txt")  # where it was first reached
    assert len(once["findings"]) == len(twice["findings"]) == 1


# --- what is written ----------------------------------------------------------------------------

def test_output_to_a_fifo_writes_into_it_and_keeps_it(tmp_path):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = audit("run", "--format", "json", "--output", str(fifo), timeout=60)
    reader.join(30)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and json.loads(got[0])["documents"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.fifo"]


def test_output_to_a_device_writes_into_it_and_keeps_it(tmp_path):
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of the test's own
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root on Linux")
    r = audit("run", "--format", "json", "--output", str(null))
    assert r.returncode == 0, r.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode) and os.stat(null).st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="needs /dev/stdout")
def test_output_to_dev_stdout_is_standard_output():
    r = audit("run", "--format", "json", "--output", "/dev/stdout")
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["documents"]) == 5


def test_output_to_a_folder_is_one_line_exit_2(tmp_path):
    r = audit("run", "--output", str(tmp_path))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and str(tmp_path) in r.stderr


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_output_files_honour_the_umask(tmp_path, umask, mode):
    out = tmp_path / "report.json"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    r = subprocess.run([sys.executable, "-m", "audit", "run", "--format", "json", "--output", str(out)], cwd=ROOT,
                       capture_output=True, text=True, env=env, umask=umask, timeout=120)
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode
    out.chmod(0o604)  # a file replaced keeps its mode
    subprocess.run([sys.executable, "-m", "audit", "run", "--format", "json", "--output", str(out)], cwd=ROOT,
                   capture_output=True, env=env, umask=umask, timeout=120)
    assert stat.S_IMODE(out.stat().st_mode) == 0o604


def test_a_read_only_output_folder_is_one_line_exit_2(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes through permissions: the immutable attribute stops it
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("needs chattr +i when running as root")
    else:
        folder.chmod(0o555)
    try:
        r = audit("run", "--format", "json", "--output", str(folder / "report.json"))
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        folder.chmod(0o755)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "report.json" in r.stderr and "Traceback" not in r.stderr
    assert list(folder.iterdir()) == []


def test_sigterm_while_the_report_is_written_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("previous report", encoding="utf-8")
    # SIGTERM arrives while the temporary file is being synced to disk.
    code = ("import os, signal, sys\n"
            "real = os.fsync\n"
            "def fsync(fd):\n    os.kill(os.getpid(), signal.SIGTERM)\n    real(fd)\n"
            "os.fsync = fsync\n"
            f"sys.argv = ['audit', 'run', '--format', 'json', '--output', {str(out)!r}]\n"
            "from audit.cli import entry\nentry()\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 128 + signal.SIGTERM, r.stderr
    assert r.stderr == "audit: interrupted\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    assert out.read_text(encoding="utf-8") == "previous report"


# --- suppressions -------------------------------------------------------------------------------

@pytest.mark.slow
def test_fifty_thousand_suppressions_take_seconds(tmp_path):
    """Each line has a finding (AU120) and a comment that silences it: every finding used to be
    checked against every comment, and each comment's line counted from the start of the file
    (24,000 took 205 s). Now about 10 s, nearly all of it reading the 50,000 figures."""
    line = "小米大模型MiLM-6B的参数规模为75亿。<!-- audit-ignore AU120: 已核实 -->\n"
    (tmp_path / "many.md").write_text(line * 50_000, encoding="utf-8")
    r, doc = _json_run(str(tmp_path / "many.md"), timeout=300)
    assert r.returncode == 0 and doc["findings"] == [] and r.stderr == "", r.stderr[-500:]
    (tmp_path / "many.md").write_text(line.split("<!--")[0] + "\n" + line * 3, encoding="utf-8")
    _, doc = _json_run(str(tmp_path / "many.md"))
    assert [c["line"] for f in doc["findings"] for c in f["claims"]] == [1]  # the others are silenced


def _finding(code: str, path: str, line: int, fp: str):
    from audit.model import Finding, Location

    return Finding(code, "x", "error", "m", (Location(path, line, 1, "s"),), (("fp", fp),))


CODES = st.sampled_from(["AU100", "AU220"])
SUPPRESSION = st.tuples(st.sampled_from(["a.md", "b.md", ""]), st.none() | st.frozensets(CODES, min_size=1),
                        st.integers(1, 30), st.integers(0, 5), st.none() | st.sampled_from(["f1", "f2"]))
FINDING = st.tuples(CODES, st.sampled_from(["a.md", "b.md"]), st.integers(1, 40), st.sampled_from(["f1", "f2", "f3"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(SUPPRESSION, max_size=12), st.lists(FINDING, max_size=12))
def test_indexed_suppressions_match_every_pair_compared(sups, found):
    """The index keeps and marks exactly what comparing every finding with every suppression did."""
    from audit import suppress

    findings = [_finding(c, p, line, fp) for c, p, line, fp in found]
    fps = {fp: f.fingerprint for (_, _, _, fp), f in zip(found, findings)}

    def make():
        return [suppress.Suppression(p, codes, first, first + span, "w", fps.get(fp, fp) if fp else None)
                for p, codes, first, span, fp in sups]

    naive = make()
    want = [f for f in findings if not [s for s in naive if s.covers(f) and (s.fingerprint or s.path)]]
    for f in findings:
        for s in naive:
            if s.covers(f) and (s.fingerprint or s.path):
                s.used = True
    indexed = make()
    assert suppress.apply(findings, indexed) == want
    assert [s.used for s in indexed] == [s.used for s in naive]


def test_suppression_lines_are_counted_in_one_pass():
    from audit import suppress

    text = "a\n<!-- audit-ignore AU100: x -->\n\nb <!-- audit-ignore-start AU220 -->\n\n<!-- audit-ignore-end -->\n"
    got = [(s.codes, s.first_line, s.last_line) for s in suppress.from_text("d.md", text * 3)]
    assert got == [(frozenset({"AU100"}), 2 + 6 * k, 3 + 6 * k) if i == 0 else (frozenset({"AU220"}), 4 + 6 * k, 6 + 6 * k)
                   for k in range(3) for i in range(2)]


# --- worker processes, checks, the interpreter -------------------------------------------------

def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the worker through /proc (Linux)")
def test_a_worker_killed_with_sigkill_has_its_documents_read_again(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    for i in range(150):
        (corpus / f"{i:03d}.txt").write_text(text.replace("2022", str(1900 + i)), encoding="utf-8")
    out = tmp_path / "report.json"
    args = [sys.executable, "-m", "audit", "run", str(corpus), "--format", "json", "--exit-zero", "--output", str(out)]
    p = subprocess.Popen([*args, "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not (kids := _children(p.pid)) and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.05)
    time.sleep(1.0)  # the worker is reading by now
    assert kids, "no worker process was started"
    os.kill(kids[0], signal.SIGKILL)
    t = time.monotonic()
    _, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert "worker process ended (killed by SIGKILL)" in err and err.count("\n") == 1
    two = json.loads(out.read_text(encoding="utf-8"))
    subprocess.run(args, cwd=ROOT, capture_output=True, timeout=300)
    one = json.loads(out.read_text(encoding="utf-8"))
    for doc in (one, two):
        doc.pop("seconds")
    assert len(two["documents"]) == 150 and two == one, time.monotonic() - t


def test_a_worker_that_dies_is_redone_in_the_main_process(tmp_path, monkeypatch, caplog):
    from audit import config as cfgmod
    from audit import pipeline

    for i in range(30):
        (tmp_path / f"{i:02d}.txt").write_text(f"2023年华为营收为{7000 + i}亿元。", encoding="utf-8")
    cfg = cfgmod.load(None)
    want = pipeline.read([str(tmp_path)], cfg, 1)
    main, real = os.getpid(), pipeline.digest

    def dying(*a, **k):
        if os.getpid() != main:  # the worker dies at its first document
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*a, **k)

    monkeypatch.setattr(pipeline, "digest", dying)
    got = pipeline.read([str(tmp_path)], cfg, 2)
    assert [d.path for d in got.docs] == [d.path for d in want.docs] and got.claims == want.claims
    assert "killed by SIGKILL" in caplog.text


@pytest.mark.parametrize("module,jobs", [("rate_mismatch", "2"), ("value_conflict", "1")])
def test_a_check_that_raises_is_named_and_the_others_are_reported(tmp_path, module, jobs):
    """A document check in a worker process (AU220) or a check across the corpus (AU100): one line
    naming it, exit 3, and the report of the other checks written all the same."""
    out = tmp_path / "report.json"
    code = (f"import checks.{module} as m\n"
            "def boom(*args):\n    raise ZeroDivisionError('boom')\n"
            "m.check_group = m.check = boom\n"  # a corpus check runs by group, a document check whole
            "import audit.cli as c\n"
            f"raise SystemExit(c.main(['run', '--format', 'json', '--output', {str(out)!r}, '--jobs', '{jobs}']))\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, TMPDIR=str(tmp_path)))
    assert r.returncode == 3, r.stderr
    failed = __import__(f"checks.{module}", fromlist=["CODE"]).CODE
    assert r.stderr.count("\n") == 1 and f"check {failed} failed" in r.stderr and "ZeroDivisionError: boom" in r.stderr
    found = {f["code"] for f in json.loads(out.read_text(encoding="utf-8"))["findings"]}
    assert failed not in found and {"AU100", "AU110", "AU120", "AU220", "AU500"} - {failed} <= found
    saved = r.stderr.rsplit("saved to ", 1)[1].rstrip(")\n")
    assert "ZeroDivisionError: boom" in Path(saved).read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_collector_as_it_found_it(jobs, enabled):
    from audit import config as cfgmod
    from audit import pipeline

    saved = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(701, 11, 9)  # a caller's own settings, unlike anything the pipeline would choose
    gc.enable() if enabled else gc.disable()
    try:
        before = (gc.get_threshold(), gc.isenabled(), gc.get_freeze_count())
        corpus = pipeline.read([str(ROOT / "seeds")], cfgmod.load(None), jobs)
        assert len(corpus.docs) == 5
        assert (gc.get_threshold(), gc.isenabled(), gc.get_freeze_count()) == before
    finally:
        gc.set_threshold(*saved[0])
        gc.enable() if saved[1] else gc.disable()


def test_a_path_named_twice_is_said_and_fails_with_strict(tmp_path):
    """Named twice, by any spelling: read once, a warning (the user may have meant another
    path), and --strict makes it fail."""
    (tmp_path / "a.txt").write_text(HUAWEI, encoding="utf-8")
    (tmp_path / "expectations.yaml").write_text("version: 1\n", encoding="utf-8")
    r = audit("run", "a.txt", "./a.txt", "--no-color", "--quiet", cwd=tmp_path)
    assert r.returncode == 0 and "./a.txt: named twice (also as a.txt); read once" in r.stderr, r.stderr
    assert "1 document," in r.stdout.replace("\n", " ")
    assert audit("run", "a.txt", "./a.txt", "--strict", "--quiet", cwd=tmp_path).returncode == 1
    assert "named twice" not in audit("run", "a.txt", "--quiet", cwd=tmp_path).stderr
