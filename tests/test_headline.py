"""AU130 headline-mismatch: properties of a headline figure restated by the body (the table cases
are in tests/data/checks_v2.yaml)."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from checks import headline_mismatch
from tests.test_bounds import found_of

UNITS = st.sampled_from(["亿元", "万美元", "%", "亿件"])
# a value with a last decimal that is not 0: its reading is its rounding, no trailing zeros
TENTHS = st.integers(11, 99_999).filter(lambda n: n % 10)


def _text(head: str, body: str, unit: str) -> str:
    return f"奥星科技营收{head}{unit}\n\n奥星科技公布财报，期内营收达到{body}{unit}。"


@settings(max_examples=60, deadline=None)
@given(TENTHS, UNITS, st.sampled_from(["", "0", "3"]))
def test_a_restatement_within_rounding_is_no_finding(n, unit, extra):
    head = Decimal(n) / 10
    body = f"{head}{extra}" if extra else str(head)  # 24.5 restated as 24.5, 24.50 or 24.53
    assert found_of(headline_mismatch.CODE, _text(str(head), body, unit)) == []


@settings(max_examples=60, deadline=None)
@given(TENTHS, UNITS, st.sampled_from(["1.3", "1.37", "2", "0.7", "0.5"]))
def test_a_restatement_beyond_rounding_is_a_warning(n, unit, k):
    head = Decimal(n) / 10
    body = (head * Decimal(k)).quantize(Decimal("0.01"))
    assert found_of(headline_mismatch.CODE, _text(str(head), str(body), unit)) == ["AU130 warning"]
