"""AU140 magnitude-slip: properties of one figure restated with its magnitude lost (the table
cases are in tests/data/checks_v2.yaml)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checks import magnitude_slip
from tests.test_bounds import found_of

DIGITS = st.integers(10, 99_999).map(str)
UNITS = st.sampled_from(["元", "台", "名用户"])


def _text(first: str, second: str, unit: str) -> str:
    return f"据公司披露，全年累计销售{first}{unit}。报告还称，全年累计销售{second}{unit}，创下新高。"


@settings(max_examples=60, deadline=None)
@given(DIGITS, UNITS, st.sampled_from(["万", "亿"]))
def test_a_magnitude_lost_is_a_warning(d, unit, word):
    assert found_of(magnitude_slip.CODE, _text(d, d + word, unit)) == ["AU140 warning"]


@settings(max_examples=60, deadline=None)
@given(DIGITS, UNITS, st.sampled_from(["", "万", "亿"]), st.sampled_from(["千", "十万", "百"]))
def test_the_same_magnitude_or_another_factor_is_none(d, unit, word, other):
    assert found_of(magnitude_slip.CODE, _text(d + word, d + word, unit)) == []
    assert found_of(magnitude_slip.CODE, _text(d, d + other, unit)) == []
