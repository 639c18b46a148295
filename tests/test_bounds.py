"""A bound and the value it bounds (checks/bound_mismatch.py, AU245): the sentence table in
tests/data/bounds.yaml, and the property that a restated value is flagged exactly when it lies
below the bound it is said to pass."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.engine import build_context, run_checks
from audit.ingest import Document
from checks import bound_mismatch

from .test_checks_meta import _Config

CASES = yaml.safe_load((Path(__file__).parent / "data" / "bounds.yaml").read_text(encoding="utf-8"))


def _doc(text: str):
    return analyze(Document("d.txt", text, "utf-8"), "2024-03-01")


def found_of(code: str, text: str) -> list[str]:
    """'CODE severity' of each finding of one check on a one-document text (tests/test_price_range.py too)."""
    found = run_checks(build_context([_doc(text)], _Config({})))
    return sorted(f"{f.code} {f.severity}" for f in found if f.code == code)


def _findings(text: str) -> list[str]:
    return found_of(bound_mismatch.CODE, text)


def _read(text: str) -> list[str]:
    a = _doc(text)
    qs = [q for q in a.quantities if q.kind in bound_mismatch.VALUE_KINDS and q.value is not None]
    return [f"{b.side} {b.q.text} {v.text}" for b, v in bound_mismatch.bounds(a.nt.text, qs)]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_sentence(case):
    assert _read(case["text"]) == case["read"]
    assert _findings(case["text"]) == sorted(case["findings"])


@settings(max_examples=40, deadline=None)
@given(bound=st.integers(2, 500), cents=st.integers(-150, 150).filter(lambda c: c != 0))
def test_a_restated_value_is_flagged_exactly_below_its_bound(bound, cents):
    """突破B亿元,达到V亿元 (V with two decimals, B whole): an error exactly when V < B."""
    value = Decimal(bound) + Decimal(cents) / 100
    if value <= 0:
        return
    text = f"该公司净利润突破{bound}亿元,达到{value:.2f}亿元。"
    assert _findings(text) == (["AU245 error"] if value < bound else [])
