"""The checks of claims v2 (issue 22) on table cases (tests/data/checks_v2.yaml): AU280
point-percent-mismatch, AU260 conversions restated, AU400 events across documents."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.engine import build_context, run_checks
from audit.ingest import Document

CASES = yaml.safe_load((Path(__file__).parent / "data" / "checks_v2.yaml").read_text(encoding="utf-8"))
RANK = {"none": 0, "info": 1, "warning": 2, "error": 3}
DEFAULT_PUBLISHED = "2023-06-30"


def _docs(case):
    docs = case.get("docs") or [{"text": case["text"], "published": case.get("published", DEFAULT_PUBLISHED)}]
    return [analyze(Document(f"d{i}.txt", d["text"], "utf-8"), _published(d.get("published", DEFAULT_PUBLISHED)))
            for i, d in enumerate(docs)]


def _published(value) -> str | None:
    return None if value is None else str(value)  # null: a document of no known date


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['code']}:{c['why'][:40]}")
def test_checks_v2_case(case):
    found = [f.severity for f in run_checks(build_context(_docs(case)), select={case["code"]})]
    worst = max(found, key=RANK.get, default="none")
    assert worst == case["expect"], found
    assert case.get("count", len(found)) == len(found), found


def test_each_check_has_cases():
    codes = [c["code"] for c in CASES]
    assert codes.count("AU280") >= 8 and {"AU260", "AU400", "AU230", "AU270", "AU310", "AU110", "AU240", "AU290"} <= set(codes)


def _au280(old: int, new: int, change: str) -> list[str]:
    """AU280's severities for a gross margin from old/10 % to new/10 % with ``change`` stated."""
    word = "提升" if new >= old else "下降"
    text = f"2023年，腾讯毛利率由{old / 10:.1f}%{word}至{new / 10:.1f}%，{word}{change}。"
    return [f.severity for f in run_checks(build_context(_docs({"text": text})), select={"AU280"})]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(10, 900), st.integers(10, 900))
def test_a_change_in_the_reading_its_unit_names_never_fires(old, new):
    assume(old != new)
    points = abs(new - old) / 10
    relative = abs(new / old - 1) * 100
    assert _au280(old, new, f"{points:.1f}个百分点") == []
    assert _au280(old, new, f"{relative:.1f}%") == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(10, 900), st.integers(10, 900))
def test_the_point_difference_in_percent_fires_unless_the_relative_change_fits(old, new):
    assume(old != new)
    points = abs(new - old) / 10
    relative = abs(new / old - 1) * 100
    # the relative reading from the one-decimal values' intervals (x ± 0.05)
    lo, hi = (old - 0.5) / 10, (old + 0.5) / 10
    nlo, nhi = (new - 0.5) / 10, (new + 0.5) / 10
    rel = sorted(abs(n / o - 1) * 100 for n in (nlo, nhi) for o in (lo, hi))
    fits = rel[0] - 0.06 <= points <= rel[-1] + 0.06
    if abs(points - relative) > 1:  # clearly apart: the outcome does not hang on the rounding
        assert _au280(old, new, f"{points:.1f}%") == ([] if fits else ["error"])


@pytest.mark.parametrize("text, change", [
    ("2018年上半年小米净收入为7.43亿元，2017年同期净收入为0.12亿元，同比增长约90倍。", "90倍"),
    ("2023年小米营收为2800亿元，同比下滑24.7%。2022年小米营收为2800亿元。", "24.7%"),
])
def test_a_growth_finding_quotes_the_stated_change(text, change):
    """AU200 points at the stated change too, at its raw line and column, not only at the values."""
    found = [f for f in run_checks(build_context(_docs({"text": text})), select={"AU200"})]
    assert found, "the case must give an AU200 finding"
    quoted = {(loc.snippet, loc.line, loc.col) for f in found for loc in f.locations}
    col = text.index(change) + 1
    assert (change, 1, col) in quoted
