"""Companies outside the lexicon (tests/data/unlisted_entities.yaml) and the stability of their ids."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.claims import default_lexicons, extract_claims
from audit.ingest import Document
from audit.claims.unlisted import mentions

from .conftest import ROOT

TABLE = yaml.safe_load((ROOT / "tests" / "data" / "unlisted_entities.yaml").read_text(encoding="utf-8"))


def _claim(text: str, figure: str):
    claims = [c for c in extract_claims(analyze(Document("t.txt", text, "utf-8"))) if c.quote == figure]
    assert claims, f"no claim for {figure} in {text!r}"
    return claims[0]


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r["text"][:16])
def test_unlisted_entities(row):
    c = _claim(row["text"], str(row["figure"]))
    assert c.entity == row["entity"], row["text"]
    if "evidence" in row:
        assert row["evidence"] in c.evidence, (row["text"], c.evidence)


_NAME = st.text(st.sampled_from("云帆星河青禾远山博雅澜"), min_size=2, max_size=5)


@given(_NAME, st.sampled_from(["", "据了解,", "另外,", "。\n"]), st.sampled_from(["第三季度营收为", "上半年净利润为", "宣布"]))
def test_a_name_is_read_whole_with_a_stable_id(name, before, after):
    """The name is cut at its boundaries: the same name gives the same id wherever it stands."""
    lex = default_lexicons()
    found = mentions(before + name + after + "12亿元", lex.entity_re, lex.metric_re)
    assert [e for _, _, e in found] == ["~" + name]
    s, e, _ = found[0]
    assert (before + name + after)[s:e] == name
