"""Totals of one metric and set figures in sums (audit/claims/wholes.py, AU230): the sentence
table in tests/data/metric_totals.yaml, and a property of a whole and its parts."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from .test_named_shares import _au230, related

CASES = yaml.safe_load((Path(__file__).parent / "data" / "metric_totals.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_sentence(case):
    of = related(case["text"])
    for quote, relations in case["relations"].items():
        for relation, others in relations.items():
            assert of(quote, relation) == others, (quote, relation)
    assert _au230(case["text"]) == case["au230"]


@settings(max_examples=30, deadline=None)
@given(a=st.integers(100, 99_999), b=st.integers(100, 99_999))
def test_a_whole_of_its_parts_holds_and_below_them_does_not(a, b):
    """A营收…,B营收…,总营收C: a whole at least the sum of the parts is never flagged; the sum
    over 1.37 always is."""
    A, B = (Decimal(a) / 100).quantize(Decimal("0.01")), (Decimal(b) / 100).quantize(Decimal("0.01"))
    text = "2023年，腾讯广告营收为{}亿元，腾讯游戏营收为{}亿元，总营收{}亿元。"
    assert _au230(text.format(A, B, A + B)) == "none"
    assert _au230(text.format(A, B, ((A + B) * Decimal("1.37")).quantize(Decimal("0.01")))) == "none"
    assert _au230(text.format(A, B, ((A + B) / Decimal("1.37")).quantize(Decimal("0.01")))) == "error"
