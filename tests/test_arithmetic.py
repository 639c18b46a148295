"""Interval arithmetic with open ends, zero and any tolerance: defined everywhere, sound, and no
check raises on any figure a writer may state (issue 19)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.engine import build_context, run_checks
from audit.ingest import Document
from audit.intervals import INF, Interval, loose, strict
from audit.model import Quantity

from .test_checks_meta import _Config

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(texts: list[str], raw: dict | None = None, published: str = "2023-06-01"):
    docs = [analyze(Document(f"d{i}.txt", t, "utf-8"), published) for i, t in enumerate(texts)]
    return run_checks(build_context(docs, _Config(raw or {})))


# --- the crashes a new user found -----------------------------------------------------------------

OPEN_VS_STATED = ["2023年华为营收超过100亿元。", "另据年报,2023年华为营收为200亿元。"]


@pytest.mark.parametrize("tolerance", [{"relative": 0}, {"approx": 0}, {"relative": 0, "approx": 0}])
def test_zero_tolerance_with_an_open_figure(tolerance):
    """∞ × 0 when an open end was widened by a zero tolerance."""
    assert not [f for f in run(OPEN_VS_STATED, {"tolerance": tolerance}) if f.code == "AU100"]


def test_zero_approx_tolerance_with_an_open_change():
    """∞ × 0 when an open stated change (近10%) was widened by a zero ``approx``."""
    text = "2022年华为营收为100亿元。2023年华为营收为200亿元,同比增长近10%。"
    found = run([text], {"tolerance": {"approx": 0}})
    assert [(f.code, f.severity) for f in found if f.code == "AU200"] == [("AU200", "error")]


def test_a_zero_tolerance_still_finds_a_conflict():
    found = run(["2023年华为营收不到100亿元。", "另据年报,2023年华为营收为200亿元。"], {"tolerance": {"relative": 0}})
    assert [f.code for f in found if f.code == "AU100"] == ["AU100"]


def test_growth_between_two_open_figures_stays_silent():
    """∞ / ∞: the change between two open-ended figures is unbounded, so nothing contradicts it."""
    text = "2022年华为营收超过100亿元。2023年华为营收超过200亿元,同比增长100%。"
    assert not [f for f in run([text]) if f.code == "AU200"]


def test_growth_from_one_open_figure_is_still_checked():
    """Only the side that is open is unbounded: 超过200亿 on 100亿 is at least +99.5%, not +10%."""
    text = "2022年华为营收为100亿元。2023年华为营收超过200亿元,同比增长10%。"
    assert [f.code for f in run([text]) if f.code == "AU200"] == ["AU200"]


def test_the_command_line_exits_0_on_a_zero_tolerance(tmp_path):
    from .test_cli import audit

    for i, text in enumerate(OPEN_VS_STATED):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "expectations.yaml").write_text("version: 1\ncorpus: {paths: [.]}\ntolerance: {relative: 0, approx: 0}\n",
                                                encoding="utf-8")
    r = audit("run", "--no-color", cwd=tmp_path)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("fx", ["{USD/CNY: {rate: abc}}", "{USD/CNY: {rate: 0}}", "{USD/CNY: -7.2}", "{USD/CNY: .inf}"])
def test_an_fx_rate_that_is_no_positive_number_is_a_config_error(tmp_path, fx):
    from audit import config

    p = tmp_path / "expectations.yaml"
    p.write_text(f"version: 1\nfx: {fx}\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match="line 2: fx.USD/CNY"):
        config.load(p)


# --- the interval operations, against the points they hold --------------------------------------

FINITE = st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)
FACTORS = st.one_of(st.just(Decimal(0)), FINITE, st.sampled_from([Decimal(12), Decimal(-1), Decimal("0.5")]))
TOLERANCES = st.sampled_from([Decimal(0), Decimal("0.005"), Decimal("0.05"), Decimal("0.5"), Decimal("0.999")])


@st.composite
def intervals(draw):
    """An interval that a figure can give: bounded, open above (超过), open below (不到), or open
    on both sides, with points it holds."""
    a, b = sorted([draw(FINITE), draw(FINITE)])
    kind = draw(st.sampled_from(["closed", "over", "under", "open"]))
    low = -INF if kind in ("under", "open") else a
    high = INF if kind in ("over", "open") else b
    points = [a, b] if kind == "closed" else [a, b, a - 10**15, b + 10**15]
    return Interval(low, high), [p for p in points if low <= p <= high]


@SETTINGS
@given(intervals(), FACTORS, TOLERANCES)
def test_scale_and_widen_hold_every_point(iv, k, rel):
    ab, points = iv
    scaled, widened = ab.scale(k), ab.widen(rel)
    assert scaled.low <= scaled.high and widened.low <= ab.low and widened.high >= ab.high
    for x in points:
        assert scaled.low <= x * k <= scaled.high
        assert widened.low <= x <= widened.high


@SETTINGS
@given(intervals(), intervals())
def test_sum_difference_and_quotient_hold_every_pair_of_points(x, y):
    (a, pa), (b, pb) = x, y
    total, diff, ratio = a + b, a - b, a.divide(b)
    if b.low <= 0 <= b.high:
        assert ratio is None
    for p in pa:
        for q in pb:
            assert total.low <= p + q <= total.high and diff.low <= p - q <= diff.high
            if ratio is not None:
                assert ratio.low <= p / q <= ratio.high


@SETTINGS
@given(intervals(), intervals())
def test_a_ratio_of_two_open_ends_is_unbounded(x, y):
    (a, _), (b, _) = x, y
    ratio = a.divide(b)
    if ratio is not None and a.high == INF and b.high == INF:
        assert ratio.high == INF  # b excludes zero, so it is positive, and a has no top


@SETTINGS
@given(FINITE, st.sampled_from(["exact", "approx", "class", "over", "under"]), TOLERANCES,
       st.sampled_from([Decimal(1), Decimal("0.01"), Decimal("1e8"), Decimal("1e20")]))
def test_the_loose_reading_holds_the_strict_one(v, qualifier, approx, place):
    v = (v * place).quantize(place) if place < 1 else v.to_integral_value() * place
    low = None if qualifier == "under" else v - place / 2
    high = None if qualifier == "over" else v + place / 2
    q = Quantity(str(v), 0, 1, "amount", v, low, high, "CNY", qualifier, qualifier in ("approx", "class"))
    s, lo = strict(q), loose(q, approx)
    assert lo.low <= s.low and s.high <= lo.high


# --- every check, fed small documents of random figures ----------------------------------------

FIGURE = st.one_of(
    st.sampled_from(["0", "0.0", "100", "1.5", "60", "7042", "-3.5", "1e30", "99999999999999999999999999999", "三成",
                     "四成五", "十几", "数", "2-3", "0-0", "负3", "一千二百", "1,234,567"]),
    st.decimals(min_value=-10**6, max_value=10**9, places=2, allow_nan=False, allow_infinity=False).map(str),
)
BEFORE = st.sampled_from(["", "超过", "不到", "约", "近", "逾", "至少", "负"])
AFTER = st.sampled_from(["", "以上", "左右", "多", "余", "级"])
UNIT = st.sampled_from(["亿元", "万元", "元", "亿美元", "万台", "亿", "%", "个百分点", "倍", "人", "个", "年", "个月",
                        "万元/月", "次浮点运算/秒"])
METRIC = st.sampled_from(["营收", "营收", "净利润", "经调整净利润", "月收入", "年化收入", "出货量", "市场份额",
                          "参数规模", "智能手机业务收入"])
ENTITY = st.sampled_from(["华为", "华为", "Llama-2-13B", ""])
YEAR = st.sampled_from(["2022年", "2023年", "2023年", "0000年", ""])
TAIL = st.sampled_from(["", ",同比增长{f}%", ",同比下降{f}%", ",负增长{f}%", ",环比增长{f}%", ",少了{f}万台",
                        ",高于{f}亿元", ",低于{f}亿元", "(约合{f}亿美元)", ",包括A、B、C", ",成立以来的{f}年里",
                        ",同比增长{f}个百分点", ",较上年同期的{f}亿元"])


@st.composite
def sentences(draw):
    f = draw(FIGURE)
    tail = draw(TAIL).format(f=draw(FIGURE))
    return (f"{draw(YEAR)}{draw(ENTITY)}{draw(METRIC)}为{draw(BEFORE)}{f}{draw(UNIT)}{draw(AFTER)}{tail}。")


CONFIGS = st.fixed_dictionaries({
    "tolerance": st.fixed_dictionaries({"relative": st.sampled_from([0, 0.005, 0.5, 0.999]),
                                        "approx": st.sampled_from([0, 0.05, 0.999])}),
    "fx": st.sampled_from([{}, {"USD/CNY": {"rate": 7.2}}, {"USD/CNY": {"rate": 0}}, {"CNY/USD": 0.14}]),
    "facts": st.sampled_from([[], [{"entity": "huawei", "metric": "revenue", "period": "2023", "value": "超过100亿元"}],
                              [{"entity": "huawei", "metric": "revenue", "period": "2023", "value": "0元"}]]),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(sentences(), min_size=1, max_size=6).map("".join), min_size=1, max_size=2), CONFIGS)
def test_no_check_raises_on_random_figures(texts, raw):
    for f in run(texts, raw):
        assert f.code.startswith("AU") and f.severity in ("error", "warning", "info")
