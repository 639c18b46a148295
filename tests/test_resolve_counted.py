"""The counted resolver (audit/claims/counted.py) on its table of sentence cases
(tests/data/resolve_counted.yaml): what it reads of one figure, and, where a row says so, the
metric of the figure's claim once the driver has called it where the metric resolver found none."""
from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.claims import counted, default_lexicons, extract_claims, metric
from audit.ingest import Document

from .conftest import ROOT
from .test_resolvers import _figure

ROWS: list[dict[str, Any]] = yaml.safe_load((ROOT / "tests" / "data" / "resolve_counted.yaml")
                                            .read_text(encoding="utf-8"))


def test_the_table_has_enough_rows_and_rows_it_must_not_read():
    assert len(ROWS) >= 12
    assert sum(bool(r.get("not")) for r in ROWS) >= 4


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['text'][:14]}:{r['figure']}" for r in ROWS])
def test_counted_reads(row):
    s, q, _, _ = _figure(row)
    clause = s.clause_start(q.nstart)
    found = counted.read(s, q, clause) if metric.read(s, q, clause).id is None else None
    read = {"metric": found.id if found else None, "evidence": f"metric:{found.evidence}" if found else None}
    for key, want in row["read"].items():
        assert read[key] == want, (key, read, row["text"])


@pytest.mark.parametrize("row", [r for r in ROWS if "claim" in r], ids=lambda r: f"{r['text'][:14]}:{r['figure']}")
def test_the_claim_takes_the_counted_metric(row):
    claims = extract_claims(analyze(Document("t.txt", row["text"], "utf-8"), None), default_lexicons())
    of_figure = [c.metric for c in claims if c.quote == str(row["figure"])]
    assert (of_figure[0] if of_figure else None) == row["claim"], (claims, row["text"])


def test_a_counted_metric_cannot_clash_with_a_metric_id():
    lex = default_lexicons()
    assert not any(m.startswith(counted.PREFIX) for m in lex.metrics)
    assert counted.PREFIX not in "~@"  # unlisted entities and segments, shares of a whole


def test_a_malformed_word_file_is_named_with_its_key(monkeypatch):
    from audit.claims import lexicons
    from audit.lexicon import LexiconError

    counted._words.cache_clear()
    monkeypatch.setattr(counted, "vocabulary", lambda name: {"nouns": {"words": ["电梯"]}})
    monkeypatch.setattr(counted, "section", lambda name, key: {})
    try:
        with pytest.raises(LexiconError, match=r"^audit/data/counted\.yaml: modifier: expected"):
            counted._words()
    finally:
        counted._words.cache_clear()
    assert lexicons.vocabulary("counted.yaml")["modifier"] >= 0


_PARTS = ["卖出", "销售了约", "其中有", "去年同期的", "超过", "的", "，", "。", "任命的人数为", "合伙人只有", "公司", "电梯",
          "城市", "死亡", "投资机构", "成千上", "iPhone", "22个月", "5亿元", "18万吨"]
_FIGURES = ["65万部", "70名", "4亿", "100个", "3家", "1000万人", "84.7万台", "2000", "13万逾家"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(_PARTS + _FIGURES), min_size=1, max_size=12))
def test_a_counted_metric_is_a_listed_noun_or_a_known_metric(pieces):
    """Whatever the words around a figure, what it is read to count is a listed noun or act (or
    its alias) under the prefix, or a metric of the lexicon read from a verb; never a fragment."""
    words, lex = counted._words(), default_lexicons()
    for c in extract_claims(analyze(Document("t.txt", "".join(pieces), "utf-8"), None), lex):
        if "metric:counted" in c.evidence:
            assert c.metric[1:] in set(words.takes) | set(words.aliases.values()), c
        if "metric:verb" in c.evidence:
            assert c.metric in lex.metrics, c
