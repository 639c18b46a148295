"""The day's price range of one instrument (checks/price_range.py, AU246): the table in
tests/data/day_ranges.yaml, and the property that levels which order are never flagged while an
open put above the day's high always is."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checks import price_range

from .test_bounds import _doc, found_of

CASES = yaml.safe_load((Path(__file__).parent / "data" / "day_ranges.yaml").read_text(encoding="utf-8"))


def _findings(text: str) -> list[str]:
    return found_of(price_range.CODE, text)


def _shown(lv: price_range.Level) -> str:
    return lv.qs[0].text if len(lv.qs) == 1 else price_range._fmt(lv.iv)


def _days(text: str) -> list[dict[str, str]]:
    a = _doc(text)
    qs = [q for q in a.quantities if q.kind in price_range.KINDS and q.value is not None]
    return [{r: _shown(lv) for r, lv in d.levels.items()} for d in price_range.days(a.nt.text, price_range.levels(a.nt.text, qs))]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_day(case):
    assert _days(case["text"]) == case["days"]
    assert _findings(case["text"]) == sorted(case["findings"])


def _pt(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


@settings(max_examples=40, deadline=None)
@given(low=st.integers(100_000, 500_000), spread=st.lists(st.integers(0, 5_000), min_size=3, max_size=3),
       over=st.integers(2, 5_000))
def test_levels_that_order_hold_and_an_open_above_the_high_fails(low, spread, over):
    """开盘O, 摸高H, 探低L, 收报C (cents of a point): any order with L <= O, C <= H holds; an open
    above H by two cents or more (one is within the rounding of both) is an error."""
    open_, close = low + spread[0], low + spread[1]
    high = max(open_, close) + spread[2]
    text = "当日该指数以{}点开盘,盘中摸高{}点,探低{}点,尾盘收报{}点。"
    assert _findings(text.format(_pt(open_), _pt(high), _pt(low), _pt(close))) == []
    assert _findings(text.format(_pt(high + over), _pt(high), _pt(low), _pt(close))) == ["AU246 error"]
