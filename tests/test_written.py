"""Figures as written (audit/report/written.py): the table of figures (tests/data/written.yaml),
and properties: writing a figure then reading it again gives back its value and its precision,
and no number is ever written in scientific notation."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.quantities import extract, normalize
from audit.report.written import amount, figure, interval, percent, plain

CASES = yaml.safe_load((Path(__file__).parent / "data" / "written.yaml").read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=300, deadline=None)


def read_one(text: str):
    """The one figure (not a date or period) read in ``text``."""
    found = [q for q in extract(normalize(text)) if q.kind not in ("date", "period")]
    assert len(found) == 1, f"{text!r}: read {found}"
    return found[0]


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_table(case):
    q = read_one(case["text"])
    assert (figure(q), interval(q)) == (case["figure"], case["interval"])


# --- properties -------------------------------------------------------------------------------------

SCALES = ["", "万", "亿", "萬", "億", "万亿"]
UNITS = ["", "元", "美元", "人", "元/月"]


@st.composite
def written_figures(draw) -> str:
    """A figure as a writer states it: 851.48亿元, 1.50億, 64亿, 2800万人, 14.7%, 6个百分点."""
    whole = str(draw(st.integers(1, 99999)))
    decimals = draw(st.text("0123456789", max_size=3))
    digits = whole + ("." + decimals if decimals else "")
    kind = draw(st.sampled_from(["scaled", "percent", "point"]))
    if kind == "percent":
        return digits + "%"
    if kind == "point":
        return digits + "个百分点"
    return digits + draw(st.sampled_from(SCALES)) + draw(st.sampled_from(UNITS))


@SETTINGS
@given(written_figures())
def test_a_figure_read_again_has_its_value_and_precision(text):
    q = read_one("数据为" + text)
    again = read_one("数据为" + figure(q))
    assert (again.value, again.low, again.high, again.unit) == (q.value, q.low, q.high, q.unit)


@SETTINGS
@given(written_figures())
def test_an_interval_read_again_is_the_interval(text):
    q = read_one("数据为" + text)
    span = read_one("数据为" + interval(q))
    assert (span.low, span.high, span.unit, span.qualifier) == (q.low, q.high, q.unit, "range")


@SETTINGS
@given(written_figures(), st.integers(-10**9, 10**9))
def test_an_amount_in_the_scale_of_a_figure_reads_as_itself(text, hundredths):
    """A difference or sum with two decimals in the figure's scale is written exactly."""
    like = read_one("数据为" + text)
    x = Decimal(hundredths) / 100 * _scale_of(figure(like))
    written = amount(x, like.unit, like)
    assert _scale_of(written) == _scale_of(figure(like))
    if x:
        again = read_one("差额为" + written)
        assert (again.value, again.unit) == (x, like.unit)


def _scale_of(text: str) -> Decimal:
    for word, size in (("万亿", 10**12), ("亿", 10**8), ("億", 10**8), ("万", 10**4), ("萬", 10**4)):
        if word in text:
            return Decimal(size)
    return Decimal(1)


@SETTINGS
@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_plain_never_has_an_exponent_and_is_exact(x):
    s = plain(x)
    assert "E" not in s and "e" not in s
    assert Decimal(s) == x


@SETTINGS
@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**30, max_value=10**30),
       st.sampled_from([None, "CNY", "USD", "person", "percent", "CNY/month"]))
def test_amounts_and_percents_are_never_in_scientific_notation(x, unit):
    for s in (amount(x, unit), percent(x)):
        assert "E" not in s and "e+" not in s and "e-" not in s


@pytest.mark.parametrize("x, unit, like_text, want", [
    ("1610000000", "USD", None, "16.1亿美元"),
    ("1610000000", "CNY", "营收851.48亿元", "16.1亿元"),
    ("1610000000", "CNY", "最終錄得85.18億元", "16.1億元"),
    ("1200000", "CNY/month", "月收入10万元/月", "120万元/月"),
    ("-1234.5678", None, None, "-1234.57"),
    ("0.000123", None, None, "0.000123"),
    ("20.25", "percent", None, "20.25%"),
])
def test_amounts(x, unit, like_text, want):
    like = read_one(like_text) if like_text else None
    assert amount(Decimal(x), unit, like) == want


@pytest.mark.parametrize("x, want", [("0.147", "14.7%"), ("0.005", "0.5%"), ("0.0000123", "0.0012%"),
                                     ("-0.0671", "-6.7%"), ("0", "0%"), ("12", "1200%")])
def test_percents(x, want):
    assert percent(Decimal(x)) == want


def test_open_ends_are_infinite_not_errors():
    """An interval computed from an open figure (超过8万) has an infinite end."""
    from audit.report.written import span

    inf = Decimal("Infinity")
    assert amount(inf, "CNY") == "∞元" and span(Decimal(80000), inf, "CNY") == "8万–∞元"
    assert span(-inf, Decimal(-5), None) == "-∞至-5"
