"""Each resolver of the claims stage on its own table of sentence cases
(tests/data/resolve_<name>.yaml): the sentence in, what the resolver reads of one figure and the
evidence it leaves out. The resolver is called on the frame the driver builds, so a row shows
one resolver's reading, not the whole claim's."""
from __future__ import annotations

from typing import Any, Callable

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.claims import basis, default_lexicons, entity, extract, metric, period, relations, segment
from audit.claims.frame import Sentence
from audit.claims.lexicons import fiscal_year_end
from audit.ingest import Document
from audit.model import Quantity

from .conftest import ROOT

RESOLVERS = ("entity", "metric", "segment", "period", "basis", "relations")
MIN_ROWS = 6


def _table(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((ROOT / "tests" / "data" / f"resolve_{name}.yaml").read_text(encoding="utf-8"))


def _figure(row: dict[str, Any]) -> tuple[Sentence, Quantity, period.State, list[Quantity]]:
    """The frame, the figure (the n-th quantity quoted ``figure``), the periods named before it
    and the sentence's values."""
    a = analyze(Document("t.txt", row["text"], "utf-8"), row.get("published"))
    seen = 0
    for s in extract.frames(extract.document(a, default_lexicons())):
        values = list(extract.figures(s))
        for q, state in values:
            if q.text == str(row["figure"]):
                if seen == row.get("nth", 0):
                    return s, q, state, [v for v, _ in values]
                seen += 1
    raise AssertionError(f"no figure {row['figure']!r} in {row['text']!r}")


def _metric(s: Sentence, q: Quantity, state: period.State, values: list[Quantity]) -> dict[str, Any]:
    found = metric.read(s, q, s.clause_start(q.nstart))
    return {"metric": found.id, "evidence": f"metric:{found.evidence}", "of_model": metric.of_model(s, q)}


def _entity(s: Sentence, q: Quantity, state: period.State, values: list[Quantity]) -> dict[str, Any]:
    found, ev, inferred = entity.read(s, q, True, metric.read(s, q, s.clause_start(q.nstart)).id)
    return {"entity": found, "evidence": f"entity:{ev}", "inferred": inferred}


def _segment(s: Sentence, q: Quantity, state: period.State, values: list[Quantity]) -> dict[str, Any]:
    clause = s.clause_start(q.nstart)
    return {"segment": segment.read(s, q, clause, metric.read(s, q, clause).span)}


def _period(s: Sentence, q: Quantity, state: period.State, values: list[Quantity]) -> dict[str, Any]:
    clause = s.clause_start(q.nstart)
    per, ev = period.stated(s, state)
    lex = s.doc.lex
    m = lex.metrics.get(metric.read(s, q, clause).id or "")
    fye = fiscal_year_end(lex, entity.read(s, q, True)[0])
    per, months, relative, ev = period.resolve(s, state, q, clause, per, fye, bool(m and m.stock), ev)
    return {"period": per, "months": months, "relative": relative, "evidence": f"period:{ev}"}


def _basis(s: Sentence, q: Quantity, state: period.State, values: list[Quantity]) -> dict[str, Any]:
    clause = s.clause_start(q.nstart)
    return {"basis": basis.read(s, q, clause, metric.read(s, q, clause).id)}


def _relations(s: Sentence, q: Quantity, state: period.State, values: list[Quantity]) -> dict[str, Any]:
    text, i = s.doc.text, values.index(q)
    change = relations.change(text, s.start, q)
    after = values[i + 1] if i + 1 < len(values) else None
    return {"change": f"{change.basis or '-'} {change.direction}" if change else None,
            "difference": relations.is_difference(text, s.start, q),
            "conversion": relations.is_conversion(text, s.start, q),
            "enumeration": relations.enumeration(text, q, s.end) if q.kind == "count" else None,
            "compared": relations.compared(text[q.nend:after.nstart]) if after else None,
            "moves_from": relations.moves_from(text, s.start, values[i - 1], q) if i > 0 else None}


READERS: dict[str, Callable[..., dict[str, Any]]] = {
    "entity": _entity, "metric": _metric, "segment": _segment, "period": _period, "basis": _basis,
    "relations": _relations}
ROWS = [(name, row) for name in RESOLVERS for row in _table(name)]


@pytest.mark.parametrize("name", RESOLVERS)
def test_each_resolver_has_a_table_with_a_negative_row(name):
    rows = _table(name)
    assert len(rows) >= MIN_ROWS, f"resolve_{name}.yaml: {len(rows)} rows"
    assert any(row.get("not") for row in rows), f"resolve_{name}.yaml: no row of what it must not read"


@pytest.mark.parametrize("name,row", ROWS, ids=[f"{n}:{r['text'][:14]}:{r['figure']}" for n, r in ROWS])
def test_resolver_reads(name, row):
    read = READERS[name](*_figure(row))
    for key, want in row["read"].items():
        assert read[key] == want, (key, read, row["text"])


def test_a_malformed_word_file_is_named_with_its_key(monkeypatch):
    from audit.claims import lexicons
    from audit.lexicon import LexiconError

    with pytest.raises(LexiconError, match=r"^audit/data/changes\.yaml: up: expected a list"):
        lexicons.words("changes.yaml", "up", {"up": "增长"})
    monkeypatch.setattr(lexicons, "vocabulary", lambda name: {"opening": ["相比"]})
    with pytest.raises(LexiconError, match=r"^audit/data/changes\.yaml: opening: expected a mapping"):
        lexicons.section("changes.yaml", "opening")


def test_a_malformed_span_of_months_is_named_with_its_key(monkeypatch):
    from audit.lexicon import LexiconError

    period._ending.cache_clear()
    monkeypatch.setattr(period, "section", lambda name, key: {"three": ["三个月"]})
    try:
        with pytest.raises(LexiconError, match=r"^audit/data/period_words\.yaml: ending: three: expected a number"):
            period._ending()
    finally:
        period._ending.cache_clear()


_LISTED = {"营收": "revenue", "净利润": "net_profit", "毛利润": "gross_profit", "研发投入": "rd_expense"}


@settings(max_examples=30, deadline=None)
@given(st.permutations(list(_LISTED)), st.integers(2, 4), st.sampled_from(["和", "、", "及"]),
       st.sampled_from(["为", "同比增长"]), st.lists(st.integers(1, 9999), min_size=4, max_size=4, unique=True))
def test_a_list_of_metrics_hands_them_in_order(words, k, joiner, verb, figures):
    """营收、毛利润和净利润分别为A、B和C: the i-th figure after 分别 is of the i-th metric word."""
    words = words[:k]
    unit = "亿元" if verb == "为" else "%"
    stated = [f"{n}{unit}" for n in figures[:k]]
    text = f"2023年华为{joiner.join(words)}分别{verb}{'、'.join(stated)}。"
    for i, figure in enumerate(stated):
        s, q, state, values = _figure({"text": text, "figure": figure})
        assert _metric(s, q, state, values)["metric"] == _LISTED[words[i]], (text, figure)
