"""The checks' unit algebra goes through the one pint registry (audit/units.py), built lazily
from audit/data: no hand-written conversion table (issue 19)."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from audit import units
from audit.lexicon import LexiconError

from .test_arithmetic import run

PROBE = """
import sys
from tests.test_arithmetic import run
found = run([{text!r}])
print(sorted({{f.code for f in found}}), "pint" in sys.modules)
"""


def _probe(text: str) -> str:
    from .conftest import ROOT

    r = subprocess.run([sys.executable, "-c", PROBE.format(text=text)], cwd=ROOT, capture_output=True, text=True,
                       encoding="utf-8", timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def test_a_rate_check_converts_through_pint_and_a_plain_run_never_imports_it():
    assert _probe("主播月收入超过8万元,年化收入约为60万元。") == "['AU220'] True"
    assert _probe("2023年华为营收为7042亿元。") == "[] False"


@pytest.mark.parametrize("src,dst,k", [
    ("CNY/month", "CNY/year", "12"), ("1/day", "1/year", "365"), ("year", "month", "12"), ("week", "day", "7"),
    ("FLOPS", "1/hour", "3600"), ("percentage_point", "percent", "1"), ("person", "item", "1"),
    ("CNY/month", "USD/year", None), ("CNY", "person", None), ("month", "CNY", None),
])
def test_factors(src, dst, k):
    assert units.factor(src, dst) == (None if k is None else Decimal(k))


def test_conversions_are_exact_decimals():
    assert units.factor("day", "month") * units.factor("month", "day") == pytest.approx(1, abs=Decimal("1e-25"))
    assert isinstance(units.factor("1/week", "1/year"), Decimal)


def test_rates_in_two_currencies_are_never_compared():
    assert not [f for f in run(["主播月收入超过8万元,年化收入约为60万美元。"]) if f.code == "AU220"]


def test_a_rate_written_with_its_period_is_converted_too():
    """10万元/月 under 年收入: the figure's own unit says per month, 100万元 is per year."""
    found = run(["主播年收入为10万元/月,年收入为100万元。"])
    assert [f.code for f in found if f.code == "AU220"] == ["AU220"]


def test_an_undefined_unit_is_named(monkeypatch):
    lines = tuple(x for x in units._definitions() if not x.startswith("week"))
    monkeypatch.setattr(units, "_definitions", lambda: lines)
    units.registry.cache_clear()
    try:
        with pytest.raises(LexiconError, match="week"):
            units.registry()
    finally:
        units.registry.cache_clear()
