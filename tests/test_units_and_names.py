"""The pint registry covers every unit the parser emits; model names imply sizes."""
from __future__ import annotations

import pytest

from audit import parse_quantities
from audit.names import implied_size
from audit.units import registry, to_pint

from .conftest import SEEDS


def test_every_emitted_unit_is_a_pint_unit():
    texts = [p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")]
    texts += ["月收入10万元/月", "180 百亿亿次浮点运算/秒", "3.5个百分点", "5倍", "1200人", "64亿个参数", "1万亿token",
              "5.3港元", "10欧元", "60.2分", "3台", "90分钟", "1.8 万亿元"]
    units = {q["unit"] for t in texts for q in parse_quantities(t) if q["unit"]}
    assert len(units) >= 10
    for u in units:
        to_pint(u)  # raises on an unknown unit


def test_currencies_never_convert_into_each_other():
    ureg = registry()
    import pint

    with pytest.raises(pint.DimensionalityError):
        (1 * ureg.USD).to(ureg.CNY)


def test_rate_converts_between_months_and_years():
    monthly = 10 * to_pint("CNY/month")
    assert abs(monthly.to(to_pint("CNY/year")).magnitude - 120) < 1e-9


@pytest.mark.parametrize("name,value,low,high", [
    ("MiLM-6B", 6e9, 5.5e9, 6.5e9), ("Llama-2-13b", 13e9, 12.5e9, 13.5e9), ("GPT-3 175B", 175e9, 174.5e9, 175.5e9),
    ("Qwen-1.8B", 1.8e9, 1.75e9, 1.85e9), ("Baichuan-7B", 7e9, 6.5e9, 7.5e9),
])
def test_implied_size(name, value, low, high):
    q = implied_size(name).to_dict()
    assert (q["value"], q["low"], q["high"], q["unit"]) == (value, low, high, "parameter")


@pytest.mark.parametrize("name", ["GPT-4", "5G", "iPhone 14", "MiLM", "小米13"])
def test_no_size_in_name(name):
    assert implied_size(name) is None
