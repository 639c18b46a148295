"""Baseline, pre-publish, suppressions and configuration discovery, as a user runs them."""
from __future__ import annotations

import shutil

from .conftest import ROOT
from .test_cli import audit

DRAFT = "小米2022年营收为3000亿元。\n\n小米大模型MiLM-6B的参数规模为75亿。\n"


def _project(tmp_path):
    """A copy of the project's corpus and configuration in a folder of its own."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "expectations.yaml", tmp_path / "expectations.yaml")
    return tmp_path


def test_baseline_rewrites_only_its_section_and_keeps_comments(tmp_path):
    p = _project(tmp_path)
    cfg = p / "expectations.yaml"
    original = cfg.read_text(encoding="utf-8")
    head = original[: original.index("findings:")]
    cfg.write_text(head + "findings: []   # to be filled\n# a trailing comment\n", encoding="utf-8")
    r = audit("baseline", cwd=p)
    assert r.returncode == 0, r.stderr
    text = cfg.read_text(encoding="utf-8")
    assert text.startswith(head) and "# a trailing comment" in text and "# to be filled" in text
    assert text.count("- {code: AU") == 17
    assert audit("run", "--quiet", cwd=p).returncode == 0
    assert audit("baseline", cwd=p).returncode == 0
    assert cfg.read_text(encoding="utf-8") == text  # idempotent, notes kept


def test_stale_baseline_entries_fail_only_with_strict(tmp_path):
    p = _project(tmp_path)
    (p / "seeds" / "004_e30cb15d560eed10.txt").write_text("小冰公司的新闻。\n", encoding="utf-8")
    assert audit("run", "--quiet", cwd=p).returncode == 0
    r = audit("run", "--strict", "--no-color", cwd=p)
    assert r.returncode == 1 and "stale" in r.stdout and "AU220" in r.stdout


def test_prepublish_reports_only_what_involves_the_draft(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    r = audit("run", str(draft), "--against", "seeds", "--format", "json")
    import json

    found = json.loads(r.stdout)["findings"]
    assert r.returncode == 1 and found
    assert all(any(c["file"].endswith("draft.md") for c in f["claims"]) for f in found)
    assert {f["code"] for f in found} == {"AU100", "AU120"}


def test_example_draft_contradicts_the_seeds_three_ways():
    import json

    r = audit("run", "examples/draft.md", "--against", "seeds", "--format", "json")
    found = json.loads(r.stdout)["findings"]
    keys = {tuple(sorted({c["snippet"] for c in f["claims"] if "draft" in c["file"]})) for f in found}
    assert {("3000亿元",), ("75亿",), ("1.71亿台",)} <= keys


def test_comment_suppressions_and_unused_ones(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("小米2022年营收为3000亿元。<!-- audit-ignore AU100: 待核实 -->\n\n"
                     "<!-- audit-ignore-start AU100 AU120 -->\n小米大模型MiLM-6B的参数规模为75亿。\n"
                     "<!-- audit-ignore-end -->\n<!-- audit-ignore AU250 -->\n", encoding="utf-8")
    r = audit("run", str(draft), "--against", "seeds", "--no-color")
    assert r.returncode == 0, r.stdout
    assert "0 findings" in r.stdout and "draft.md:6: suppression matches no finding" in r.stderr


def test_config_ignore_entries(tmp_path):
    p = _project(tmp_path)
    cfg = p / "expectations.yaml"
    text = cfg.read_text(encoding="utf-8").replace("findings:", "ignore:\n  - {code: AU220, path: seeds/004_e30cb15d560eed10.txt, reason: known}\nfindings:", 1)
    cfg.write_text(text, encoding="utf-8")
    r = audit("run", "--no-color", cwd=p)
    assert r.returncode == 0 and "AU220 rate-mismatch" not in r.stdout


def test_config_is_found_walking_up(tmp_path):
    p = _project(tmp_path)
    (p / ".git").mkdir()
    sub = p / "notes" / "drafts"
    sub.mkdir(parents=True)
    r = audit("run", "--quiet", "--no-color", cwd=sub)
    assert r.returncode == 0 and "5 documents" in r.stdout


def _json_without_timing(*args, cwd=ROOT):
    import json

    r = audit(*args, "--format", "json", cwd=cwd)
    data = json.loads(r.stdout)
    data.pop("seconds", None)
    return r.returncode, data


def test_jobs_give_identical_findings_and_order_on_the_seeds():
    assert _json_without_timing("run", "--jobs", "1") == _json_without_timing("run", "--jobs", "2")


def test_jobs_give_identical_output_on_a_generated_corpus(tmp_path):
    import random

    rnd = random.Random(7)
    names = ["华为", "腾讯", "百度", "京东", "联想"]
    for i in range(60):  # several batches: some read by the workers, some by the main process
        lines = []
        for _ in range(6):
            who, year = rnd.choice(names), rnd.choice([2021, 2022, 2023])
            value = rnd.choice([1200, 1250, 3400, 7042, 7842])
            lines.append(f"{year}年{who}营收为{value}亿元,同比增长{rnd.choice([5, 9.6, 12])}%。")
        (tmp_path / f"doc{i:02d}.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "doc30b.txt").write_bytes(b"\x89PNG\x00\x00")  # unreadable, in the middle
    one = _json_without_timing("run", str(tmp_path), "--jobs", "1")
    assert one[1]["findings"] and one[1]["unreadable"]  # conflicts to report, one file refused
    for jobs in ("2", "3"):
        assert _json_without_timing("run", str(tmp_path), "--jobs", jobs) == one


def test_bad_jobs_is_a_usage_error():
    r = audit("run", "--jobs", "0")
    assert r.returncode == 2 and "--jobs" in r.stderr
