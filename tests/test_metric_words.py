"""Metric words of earnings, tech and economic news (issue 22, bullet 2), one table."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.analysis import analyze
from audit.claims import corpus_claims, default_lexicons
from audit.ingest import Document

CASES = yaml.safe_load((Path(__file__).parent / "data" / "metric_words.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_metric_word(case):
    doc = analyze(Document("d.txt", case["text"], "utf-8"), "2024-03-01")
    claims = corpus_claims([doc], default_lexicons())
    assert (claims[-1].metric if claims else None) == case["metric"]


def test_every_metric_the_resolver_names_is_a_metric():
    """A unit, verb or generic word of metric_units.yaml names a metric of metrics.yaml: a typo
    there would make claims of a metric no check knows (its dimension, flow or stock)."""
    from audit.claims.lexicons import section

    known = set(default_lexicons().metrics)
    named = {*section("metric_units.yaml", "units").values(), *section("metric_units.yaml", "verbs").values(),
             *section("metric_units.yaml", "after_verbs").values()}
    for generic, specifics in section("metric_units.yaml", "generic").items():
        named |= {generic, *specifics}
    assert named <= known, sorted(named - known)


def test_a_malformed_verb_table_is_named_with_its_key(monkeypatch):
    from audit.claims import lexicons, metric
    from audit.lexicon import LexiconError

    real = lexicons.section
    monkeypatch.setattr(metric, "section", lambda name, key: {"支付": ["payment"]} if key == "verbs" else real(name, key))
    metric._words.cache_clear()
    try:
        with pytest.raises(LexiconError, match=r"^audit/data/metric_units\.yaml: verbs: expected a mapping"):
            metric._words()
    finally:
        monkeypatch.undo()
        metric._words.cache_clear()
