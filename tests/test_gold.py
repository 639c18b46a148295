"""The accuracy gold's form (bench/goldform.py): the dev gold is well formed and covers what it
must; the form checker itself catches each kind of defect."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import ROOT, shared_or_skip

sys.path.insert(0, str(ROOT / "bench"))
import goldform  # noqa: E402

DEV_GOLD = ROOT / "bench" / "gold" / "dev-news.yaml"


@pytest.fixture(scope="module")
def dev_gold():
    corpus = shared_or_skip("corpus", "dev-news")
    return goldform.load(DEV_GOLD), corpus


def test_dev_gold_is_well_formed(dev_gold):
    gold, corpus = dev_gold
    assert goldform.problems(gold, corpus) == []


def test_dev_gold_covers_the_sina_articles_and_twenty_xinhua(dev_gold):
    gold, corpus = dev_gold
    read = {a["file"] for a in gold["articles"]}
    sina = {p.name for p in corpus.glob("s*.txt")}
    assert sina and sina <= read, sorted(sina - read)
    assert len({f for f in read if f.startswith("x")}) >= 20
    assert len(read) >= 120


def test_dev_gold_relationships(dev_gold):
    """Errors and consistent relationships in both kinds of source; two consistent ones per
    article on average at least (an article without related figures has none)."""
    gold, _ = dev_gold
    assert len(gold["errors"]) >= 20
    assert len(gold["consistent"]) >= 2 * len(gold["articles"]) * 0.8
    assert {r["files"][0][0] for r in gold["consistent"]} == {"s", "x"}


def _write(tmp: Path, body: str) -> Path:
    (tmp / "a.txt").write_text("标题\n\n公司营收为100亿元,同比增长25%,去年同期为80亿元。\n", encoding="utf-8")
    p = tmp / "gold.yaml"
    p.write_text(body, encoding="utf-8")
    return p


GOOD = """\
articles: [{file: a.txt}]
errors: []
consistent:
- {id: a-growth, kind: b, files: [a.txt], quotes: [营收为100亿元, 同比增长25%, 去年同期为80亿元],
   explanation: 100/80 - 1 = 25%, confidence: high}
notes: []
"""


@pytest.mark.parametrize("edit, complaint", [
    (lambda g: g, None),
    (lambda g: g.replace("kind: b", "kind: z"), "kind 'z'"),
    (lambda g: g.replace("confidence: high", "confidence: sure"), "high|medium"),
    (lambda g: g.replace("营收为100亿元", "营收为101亿元"), "not found verbatim"),
    (lambda g: g.replace("[营收为100亿元,", "[公司营收,"), "holds no figure"),
    (lambda g: g.replace("articles: [{file: a.txt}]", "articles: [{file: b.txt}]"), "no such file"),
    (lambda g: g.replace("files: [a.txt]", "files: [a.txt], extra: 1"), "unknown ['extra']"),
    (lambda g: g.replace("notes: []", "notes: [{file: a.txt, quote: 未见, why: x}]"), "not found verbatim"),
])
def test_form_checker_catches_each_defect(tmp_path, edit, complaint):
    found = goldform.problems(goldform.load(_write(tmp_path, edit(GOOD))), tmp_path)
    if complaint is None:
        assert found == []
    else:
        assert any(complaint in line for line in found), found


def test_form_checker_catches_duplicate_ids_and_long_quotes(tmp_path):
    rel = ("- {id: a-growth, kind: b, files: [a.txt], quotes: [同比增长25%], explanation: x, confidence: high}\n")
    found = goldform.problems(goldform.load(_write(tmp_path, GOOD.replace("errors: []", "errors:\n" + rel))),
                              tmp_path)
    assert any("duplicate id" in line for line in found)
    long = "公司营收为100亿元,同比增长25%,去年同期为80亿元。"
    (tmp_path / "a.txt").write_text("标题\n\n" + long * 2 + "\n", encoding="utf-8")
    gold = {"articles": [{"file": "a.txt"}], "errors": [{"id": "x", "kind": "a", "files": ["a.txt"],
            "quotes": [long * 2], "explanation": "x", "confidence": "high"}]}
    assert any("longer than 40" in line for line in goldform.problems(gold, tmp_path))


def test_dev_gold_records_every_injected_change(dev_gold):
    """Every change the injection bench plans on the dev gold is recorded, with whether it breaks
    the relationship (the form check reports a missing or stale record)."""
    gold, corpus = dev_gold
    plans = goldform.planned_changes(gold, corpus)
    recorded = {r["id"]: r["injected"] for r in gold["consistent"] if "injected" in r}
    assert plans and set(recorded) == set(plans)
    assert all(recorded[rid]["change"] == change for rid, change in plans.items())
    assert {True, False} <= {r["breaks"] for r in recorded.values()}


def test_real_gold_is_well_formed_with_every_injected_change_recorded():
    """The real-news gold (measured, never tuned on) records its planned changes too, so a change
    of plan there is reported as well."""
    corpus = shared_or_skip("corpus", "real-news")
    gold = goldform.load(ROOT / "bench" / "gold" / "real-news.yaml")
    assert goldform.problems(gold, corpus) == []
    assert set(goldform.planned_changes(gold, corpus)) == {r["id"] for r in gold["consistent"] if "injected" in r}


INJECTED = GOOD.replace("confidence: high}", "confidence: high,\n   injected: {change: '100 -> 137', breaks: true}}")


@pytest.mark.parametrize("edit, complaint", [
    (lambda g: g, None),
    (lambda g: g.replace("breaks: true", "breaks: false, why: still 25% up"), None),
    (lambda g: g.replace("breaks: true", "breaks: false"), "no `why`"),
    (lambda g: g.replace("breaks: true", "breaks: maybe"), "not true|false"),
    (lambda g: g.replace("breaks: true", "breaks: true, why: " + "x" * 201), "one line"),
    (lambda g: g.replace("'100 -> 137'", "'100 -> 138'"), "no longer the plan '100 -> 137'"),
    (lambda g: g.replace("'100 -> 137'", "'137'"), "not 'OLD -> NEW'"),
    (lambda g: g.replace("breaks: true", "breaks: true, when: now"), "`injected` is {change"),
    (lambda g: g.replace(
        "consistent:\n", "consistent:\n- {id: last-year, kind: a, files: [a.txt], quotes: [去年同期为80亿元],\n"
        "   explanation: x, confidence: high}\n"), "no `injected` for the planned change '80 -> 110'"),
    (lambda g: g.replace("errors: []", "errors:\n- {id: e, kind: a, files: [a.txt], quotes: [80亿元], explanation: x,"
                         " confidence: high, injected: {change: '80 -> 110', breaks: true}}"),
     "belongs to consistent relationships"),
])
def test_form_checker_checks_the_injected_record(tmp_path, edit, complaint):
    found = goldform.problems(goldform.load(_write(tmp_path, edit(INJECTED))), tmp_path)
    if complaint is None:
        assert found == []
    else:
        assert any(complaint in line for line in found), found


def test_an_injected_record_with_no_plan_and_the_plan_stubs(tmp_path):
    """A record where the bench plans no change (a date) is reported; a gold without records is
    not asked for them, and --plan prints a stub for each planned change."""
    body = GOOD.replace("quotes: [营收为100亿元, 同比增长25%, 去年同期为80亿元]", "quotes: [2018年]")
    (tmp_path / "a.txt").write_text("标题\n\n2018年公司营收为100亿元。\n", encoding="utf-8")
    (tmp_path / "gold.yaml").write_text(body.replace(
        "confidence: high}", "confidence: high, injected: {change: '2018 -> 2765', breaks: true}}"), encoding="utf-8")
    found = goldform.problems(goldform.load(tmp_path / "gold.yaml"), tmp_path)
    assert any("the bench plans no change" in line for line in found), found
    plain = goldform.load(_write(tmp_path, GOOD))
    assert goldform.problems(plain, tmp_path) == []
    assert goldform.plan_stubs(plain, tmp_path) == [
        "# a-growth [b]: 营收为100亿元 | 同比增长25% | 去年同期为80亿元\n"
        "  injected: {change: '100 -> 137', breaks: ?, why: ''}"]
