"""bench/accuracy.py: how findings are placed on a gold, and the guard of the dev gold's floors.

The seed tests run anywhere (the seed gold is in tests/data); the guard needs
../shared/corpus/dev-news and fails when recall of high-confidence gold errors falls under its
floor in bench/gold/floors.yaml, or when any error finding sits on a consistent relationship.
"""
from __future__ import annotations

import dataclasses
import sys

import pytest
import yaml

from .conftest import ROOT, SEEDS, shared_or_skip

sys.path.insert(0, str(ROOT / "bench"))
import accuracy  # noqa: E402
import goldform  # noqa: E402

SEED_GOLD = ROOT / "tests" / "data" / "gold-seeds.yaml"


@pytest.fixture(scope="module")
def seed_score():
    gold = goldform.load(SEED_GOLD)
    assert goldform.problems(gold, SEEDS) == []
    return accuracy.score(gold, accuracy.audit_corpus(SEEDS), SEEDS)


def test_spans_are_one_based_code_points():
    text = "标题\n\n营收2800亿元,营收2800亿元"
    assert accuracy.spans_of(text, "a", "2800亿元") == [accuracy.Span("a", 3, 3, 9),
                                                      accuracy.Span("a", 3, 12, 18)]
    assert accuracy.Span("a", 3, 3, 9).overlaps(accuracy.Span("a", 3, 8, 9))
    assert not accuracy.Span("a", 3, 3, 9).overlaps(accuracy.Span("a", 3, 9, 12))
    assert not accuracy.Span("a", 3, 3, 9).overlaps(accuracy.Span("b", 3, 3, 9))


def test_seed_gold_is_found_and_placed(seed_score):
    m = accuracy.summary(seed_score)
    assert m["recall_high"] == (2, 2) and m["recall_medium"] == (1, 1)
    assert (m["errors_true"], m["errors_on_consistent"]) == (1, 0)
    found = {rid: {f["code"] for f in fs} for rid, fs in seed_score.found.items()}
    assert found["seed-xiaoice-monthly-vs-annualized"] == {"AU220"}
    assert found["seed-milm-6b-parameters"] == {"AU100"}


def test_a_finding_needs_two_of_a_relations_quotes(seed_score):
    """AU120 quotes only 64亿: one of the two quotes of the 6B error, so it does not match it."""
    rel = next(r for r in seed_score.rels if r.id == "seed-milm-6b-parameters")
    au120 = next(f for f, _, _ in seed_score.verdict if f["code"] == "AU120")
    assert accuracy.covered(au120, rel) == 1 and not accuracy.matches(au120, rel)


def test_injection_changes_one_figure_and_is_caught(seed_score):
    rel = next(r for r in seed_score.consistent())
    text = (SEEDS / rel.files[0]).read_text(encoding="utf-8")
    plan = accuracy.plan_injection(rel, text)
    assert plan.old in rel.quotes[0] and plan.new == accuracy._scaled(plan.old, "1.37")
    assert text[plan.offset:plan.offset + len(plan.old)] == plan.old
    assert accuracy._free(text, plan.new)
    tally = accuracy.inject(seed_score, SEEDS)
    assert tally[rel.kind]["caught"] == tally[rel.kind]["total"] == 1


@pytest.mark.parametrize("number, factor, scaled", [("2800", "1.37", "3836"), ("14.7", "1.37", "20.1"),
                                                    ("1.51", "1.37", "2.07"), ("0.5", "1.37", "0.7")])
def test_scaling_keeps_the_decimals(number, factor, scaled):
    assert accuracy._scaled(number, factor) == scaled


def test_dev_gold_floors():
    """The CI guard: never less recall (of high-confidence gold errors, of injected errors) than
    the floors, no error finding on a relationship the gold says holds, and no more clean articles
    with an error than the ceiling. Raise the floors as the checks improve; never lower one
    without saying why in the commit."""
    corpus = shared_or_skip("corpus", "dev-news")
    floors = yaml.safe_load((ROOT / "bench" / "gold" / "floors.yaml").read_text(encoding="utf-8"))
    gold = goldform.load(ROOT / "bench" / "gold" / "dev-news.yaml")
    s = accuracy.score(gold, accuracy.audit_corpus(corpus), corpus)
    m = accuracy.summary(s, accuracy.inject(s, corpus))
    hit, total = m["recall_high"]
    assert hit >= floors["recall_high_found"], f"recall of high-confidence errors fell to {hit}/{total}"
    hit, total = m["recall_medium"]
    assert hit >= floors["recall_medium_found"], f"recall of medium-confidence errors fell to {hit}/{total}"
    caught, total = m["injected_all"]
    assert caught >= floors["injected_caught"], f"injected errors caught fell to {caught}/{total}"
    caught, total = m["injected_breaks_all"]
    assert caught >= floors["injected_breaks_caught"], f"injected changes that break caught fell to {caught}/{total}"
    flagged, holds = m["injected_false_alarms"]
    assert flagged <= floors["injected_false_alarms_max"], f"{flagged}/{holds} changes that hold are flagged"
    on = [f"{f['code']} {accuracy._where(f)} <- {ids}" for f, c, ids in s.verdict
          if c == "on-consistent" and f["severity"] == "error"]
    assert len(on) <= floors["errors_on_consistent_max"], "\n".join(on)
    fa, clean = m["false_alarm"]
    assert fa <= floors["false_alarm_articles_max"], f"{fa}/{clean} clean articles get an error"


def test_a_finding_counts_as_the_relation_it_covers_best():
    S = accuracy.Span
    quote = [[S("a", 1, c, c + 3)] for c in (1, 10, 20, 30)]

    def rel(rid, section, n):
        return accuracy.Relation(rid, section, "b", "high", ["a"], ["q"] * n, "", quote[:n])

    err, con = rel("e", "errors", 4), rel("c", "consistent", 3)
    f = {"claims": [{"file": "a", "line": 1, "col": c, "snippet": "xx"} for c in (1, 10, 20)]}
    assert accuracy.matches(f, err) and accuracy.matches(f, con)
    assert accuracy._verdict(f, [(0.75, err), (1.0, con)])[1:] == ("on-consistent", ["c"])
    assert accuracy._verdict(f, [(1.0, err), (1.0, con)])[1:] == ("true", ["e"])
    assert accuracy._verdict(f, [])[1] == "unmatched"


def test_two_figures_of_one_quote_match_it():
    """851.48亿元(约合123.98亿美元) in one quote: a conversion finding on both figures matches."""
    S = accuracy.Span
    rel = accuracy.Relation("r", "errors", "i", "high", ["a"], ["q1", "q2"], "",
                            [[S("a", 1, 1, 30)], [S("a", 2, 1, 20)]])
    both = {"claims": [{"file": "a", "line": 1, "col": c, "snippet": "xx"} for c in (3, 15)]}
    one = {"claims": [{"file": "a", "line": 1, "col": 3, "snippet": "xx"}]}
    assert accuracy.matches(both, rel) and not accuracy.matches(one, rel)


@pytest.mark.parametrize("record, outcome, counted", [
    ({"breaks": True}, "caught", {"breaks": 1, "breaks_caught": 1}),
    ({"breaks": False, "why": "still holds"}, "false alarm", {"holds": 1, "holds_flagged": 1}),
    ({"breaks": True, "change": "1 -> 2"}, "unjudged, flagged", {"unjudged": 1, "unjudged_caught": 1}),
    (None, "unjudged, flagged", {"unjudged": 1, "unjudged_caught": 1}),
])
def test_injected_changes_count_by_whether_they_break(seed_score, record, outcome, counted):
    """A caught change counts as an injected error caught only when the gold says it breaks the
    relation; on a change that holds it is a false alarm; with no record (or one for another
    change) it is not judged. The old figure (all changes) counts it in every case."""
    rel = next(r for r in seed_score.consistent())
    plan = accuracy.plan_injection(rel, (SEEDS / rel.files[0]).read_text(encoding="utf-8"))
    if record is not None:
        record = {"change": f"{plan.old} -> {plan.new}", **record}
    s = accuracy.Score(seed_score.articles, [dataclasses.replace(rel, injected=record)], [])
    tally = accuracy.inject(s, SEEDS)
    assert s.injections == [(plan, outcome)]
    assert {k: v for k, v in tally[rel.kind].items() if k not in ("total", "caught")} == counted
    m = accuracy.summary(s, tally)
    assert m["injected_all"] == (1, 1)
    assert m["injected_breaks_all"] == (counted.get("breaks_caught", 0), counted.get("breaks", 0))
    assert m["injected_false_alarms"] == (counted.get("holds_flagged", 0), counted.get("holds", 0))
    assert m["injected_unjudged"] == (counted.get("unjudged_caught", 0), counted.get("unjudged", 0))
