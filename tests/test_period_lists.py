"""Periods handed out by a list of periods and a respectively word (audit/claims/period_lists.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.claims import extract_claims
from audit.ingest import Document

CASES = yaml.safe_load((Path(__file__).parent / "data" / "period_lists.yaml").read_text(encoding="utf-8"))


def _periods(text: str) -> list[str]:
    a = analyze(Document("t.txt", text, "utf-8"), "2019-06-30")
    return [c.period or "-" for c in extract_claims(a)]


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_period_list(case):
    assert _periods(case["text"]) == case["periods"]


@settings(max_examples=40, deadline=None)
@given(first=st.integers(2000, 2020), n=st.integers(2, 6), extra=st.booleans())
def test_a_list_hands_each_figure_its_year_or_none(first, n, extra):
    years = [str(first + i) for i in range(n)]
    figures = [f"{i + 1}亿元" for i in range(n + extra)]
    text = "、".join(f"{y}年" for y in years) + "，小米营收分别为" + "、".join(figures) + "。"
    got = _periods(text)
    assert got == (years if not extra else [years[-1]] * (n + 1))
