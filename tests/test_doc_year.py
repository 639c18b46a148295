"""The time a document is written in, read from its own text (audit/doc_year.py), on table cases
(tests/data/doc_year.yaml), and a property: a reported period always lies before the time read."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.doc_year import doc_now
from audit.ingest import Document

CASES = yaml.safe_load((Path(__file__).parent / "data" / "doc_year.yaml").read_text(encoding="utf-8"))


def _now(text: str) -> str | None:
    a = analyze(Document("d.txt", text, "utf-8"), None)
    now = doc_now(a.nt.text, a.quantities)
    return now.period() if now else None


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["why"][:50])
def test_doc_year_case(case):
    assert _now(case["text"]) == case["now"]


@given(st.integers(1995, 2030), st.integers(1, 4))
def test_a_reported_quarter_is_before_the_time_of_writing(year, quarter):
    now = _now(f"公司发布了{year}年第{'一二三四'[quarter - 1]}季度财报，营收增长。")
    first = f"{year + quarter // 4}-{quarter * 3 % 12 + 1:02d}"
    assert now is not None and now.startswith(first)
