"""The parser keeps a figure's sign (-3.5亿元 after any word, 负3.5亿元, 负增长3%) and reads the
digit after 成 as hundredths (四成五 = 45%), issue 19."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from audit import parse_quantities

from .test_arithmetic import run

CN = "一二三四五六七八九"
FIGURES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**6), places=2, allow_nan=False,
                      allow_infinity=False).map(lambda d: format(d.normalize(), "f"))
WORDS = st.sampled_from(["净利润为", "营收", "同比增长", "亏损额是", "", "数据显示,", "利润 "])
UNITS = st.sampled_from(["亿元", "%", "万美元", "个百分点", "万台"])


def _one(text: str) -> dict:
    got = [q for q in parse_quantities(text) if q["kind"] not in ("date", "period")]
    assert len(got) == 1, (text, got)
    return got[0]


@settings(max_examples=200, deadline=None)
@given(WORDS, FIGURES, UNITS, st.sampled_from(["-", "负"]))
def test_a_sign_turns_the_figure_over(word, figure, unit, sign):
    plain = _one(f"{word}{figure}{unit}")
    signed = _one(f"{word}{sign}{figure}{unit}")
    assert signed["text"] == sign + plain["text"]
    assert (signed["value"], signed["low"], signed["high"]) == (-plain["value"], -plain["high"], -plain["low"])


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["", "同比", "出口"]), st.sampled_from(["", "了"]), FIGURES)
def test_a_negative_change_is_negative_and_keeps_its_span(before, le, figure):
    plain = _one(f"{before}增长{le}{figure}%")
    neg = _one(f"{before}负增长{le}{figure}%")
    assert neg["text"] == plain["text"] and neg["start"] == plain["start"] + 1
    assert (neg["value"], neg["low"], neg["high"]) == (-plain["value"], -plain["high"], -plain["low"])


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 9), st.integers(1, 9), st.sampled_from(["", "的用户", "左右", "。"]))
def test_tenths_then_a_digit_is_hundredths(tens, ones, after):
    q = _one(f"约有{CN[tens - 1]}成{CN[ones - 1]}{after}")
    assert q["text"] == f"{CN[tens - 1]}成{CN[ones - 1]}"
    assert q["value"] == tens * 10 + ones and q["low"] == q["value"] - 0.5 and q["high"] == q["value"] + 0.5


def test_a_negative_change_agrees_with_the_values():
    """负增长3%: from 100亿 to 97亿 is -3%, no growth mismatch; a +3% reading would be one."""
    assert not [f for f in run(["2022年华为营收为100亿元。2023年华为营收为97亿元,同比负增长3%。"]) if f.code == "AU200"]
    assert [f.code for f in run(["2022年华为营收为100亿元。2023年华为营收为103亿元,同比负增长3%。"])
            if f.code == "AU200"] == ["AU200"]


def test_a_negative_value_after_a_word_is_negative():
    """净利润为-3.5亿元 against 净利润为3.5亿元: a conflict once the sign is kept."""
    found = run(["2023年华为净利润为-3.5亿元。", "另据年报,2023年华为净利润为3.5亿元。"])
    assert [f.code for f in found if f.code == "AU100"] == ["AU100"]
