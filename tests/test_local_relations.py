"""Arithmetic one sentence states without a metric word (audit/claims/arithmetic.py, issue 22):
the sentence table in tests/data/local_relations.yaml, and properties of the growth arithmetic."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.claims import corpus_claims, default_lexicons
from audit.engine import build_context, run_checks
from audit.ingest import Document

from .test_checks_meta import _Config

CASES = yaml.safe_load((Path(__file__).parent / "data" / "local_relations.yaml").read_text(encoding="utf-8"))


def _findings(text: str) -> list[str]:
    docs = [analyze(Document("d.txt", text, "utf-8"), "2024-03-01")]
    return sorted(f"{f.code} {f.severity}" for f in run_checks(build_context(docs, _Config({}))))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_sentence(case):
    assert _findings(case["text"]) == sorted(case["findings"])
    if case.get("relations"):
        claims = corpus_claims([analyze(Document("d.txt", case["text"], "utf-8"), "2024-03-01")], default_lexicons())
        for quote, relations in case["relations"].items():
            c = next(c for c in claims if c.quote == quote)
            assert [r for r, _ in c.relations] == relations
            assert c.metric is None and "metric:none" in c.evidence


def test_claims_without_metric_enter_no_key():
    """A figure that only its sentence's relation makes a claim is in no cross-document key."""
    docs = [analyze(Document("d.txt", "收报3622.91点,跌40.82点,跌幅为1.11%。\n收报3622.91点,跌50.82点,跌幅为1.38%。",
                             "utf-8"), "2024-03-01")]
    ctx = build_context(docs, _Config({}))
    assert ctx.claims and all(c.metric is None for c in ctx.claims)
    assert ctx.by_key == {}


def _two(x: Decimal) -> str:
    return str(x.quantize(Decimal("0.01")))


@settings(max_examples=40, deadline=None)
@given(level=st.integers(100_000, 1_000_000), permille=st.integers(5, 90), up=st.booleans())
def test_a_rate_computed_from_its_level_and_points_holds(level, permille, up):
    """收报L点,涨/跌D点,涨幅/跌幅R%: the rate its two figures give, rounded, is never flagged, and
    the same rate x1.37 always is (an error: every figure exact; rates of 0.5% and more, so that
    x1.37 is more than the rounding of two decimals)."""
    L = Decimal(level) / 100
    D = (L * permille / 1000).quantize(Decimal("0.01"))
    base = L - D if up else L + D
    rate = D / base * 100
    verb, word = ("涨", "涨幅") if up else ("跌", "跌幅")
    text = f"收报{_two(L)}点,{verb}{_two(D)}点,{word}为{{}}%。"
    assert _findings(text.format(_two(rate))) == []
    assert _findings(text.format(_two(rate * Decimal("1.37")))) == ["AU200 error"]


@settings(max_examples=40, deadline=None)
@given(a=st.integers(100, 99_999), b=st.integers(100, 99_999))
def test_a_stated_difference_of_two_values(a, b):
    """A…B…相差|A-B|: never flagged; 相差 off by more than rounding: always an error."""
    text = f"甲为{a}万台,乙为{b}万台,相差{{}}万台。"
    if a != b:
        assert _findings(text.format(abs(a - b))) == []
    if abs(a - b) > 10:
        assert _findings(text.format(abs(a - b) * 2)) == ["AU210 error"]


@settings(max_examples=40, deadline=None)
@given(parts=st.lists(st.integers(1000, 99_999), min_size=2, max_size=4), off=st.integers(5, 50),
       up=st.booleans())
def test_a_total_stated_after_its_parts(parts, off, up):
    """A…,B…,合计T (two decimals): T their sum is never flagged; T off by 5% or more, either way:
    always an error."""
    names = "甲乙丙丁"
    text = ",".join(f"{names[i]}项为{p / Decimal(100):.2f}亿元" for i, p in enumerate(parts)) + ",合计{:.2f}亿元。"
    total = sum(parts)
    wrong = total + (1 if up else -1) * total * off // 100
    assert _findings(text.format(total / Decimal(100))) == []
    assert _findings(text.format(wrong / Decimal(100))) == ["AU230 error"]


@settings(max_examples=40, deadline=None)
@given(whole=st.integers(200, 5000), share=st.integers(10, 70))
def test_a_share_of_a_stated_count(whole, share):
    """N起案例中,…有M例,占比P%: P = M/N rounded to a tenth never flagged; P x1.37 (beyond the
    rounding of counts of 20 and more) always flagged: an error, or a warning when a round count
    (200, 50) may itself be rounded (the loose reading)."""
    part = whole * share // 100
    rate = Decimal(part) / whole * 100
    text = f"他们处理的{whole}起案例中,反复借的有{part}例,占比{{}}%。"
    assert _findings(text.format(rate.quantize(Decimal("0.1")))) == []
    wrong = (rate * Decimal("1.37")).quantize(Decimal("0.1"))
    assert _findings(text.format(wrong)) in (["AU230 error"], ["AU230 warning"])


@settings(max_examples=40, deadline=None)
@given(a=st.integers(100, 99_999), b=st.integers(100, 99_999), more=st.booleans())
def test_a_comparative_adjective_is_read_both_ways(a, b, more):
    """甲为A毫米…,乙比甲还要厚(薄)一些,达到B毫米: AU240 says something exactly when B is not
    more (less) than A, and then an error (both exact, a whole number apart at least)."""
    word = "厚" if more else "薄"
    found = _findings(f"甲的厚度为{a}mm,而乙比甲还要{word}一些,达到{b}mm。")
    wrong = b < a if more else b > a
    assert found == (["AU240 error"] if wrong else [])


@settings(max_examples=30, deadline=None)
@given(parts=st.lists(st.integers(1, 500), min_size=2, max_size=4), extra=st.integers(-40, 40), first=st.integers(2001, 2020))
def test_a_split_by_the_years_of_a_span_is_their_sum(parts, extra, first):
    """…于Y1年至Yn年…共W项。其中Y1年A项,…,Yn年Z项: the parts, one per year of the span, are all
    of the whole: nothing when W is their sum, a warning when it is off by more than the parts'
    rounding (half a unit each) and the relative tolerance."""
    years = range(first, first + len(parts))
    whole = sum(parts) + extra
    if whole <= 0 or 0 < abs(extra) <= len(parts) + 1 + whole // 100:
        return
    listed = "，".join(f"{y}年{n}项" for y, n in zip(years, parts))
    found = _findings(f"该省拟于{years[0]}年至{years[-1]}年开工共{whole}项。其中{listed}。")
    assert found == ([] if extra == 0 else ["AU230 warning"])
