"""The parser table (tests/data/quantities.yaml): every case, every listed field."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from audit import parse_quantities

CASES = yaml.safe_load((Path(__file__).parent / "data" / "quantities.yaml").read_text(encoding="utf-8"))


def _same(want, got) -> bool:
    if want is None or got is None:
        return want is got
    if isinstance(want, str) and isinstance(got, float):
        try:
            want = float(want)  # YAML 1.1 reads 2.8e11 (no sign) as a string
        except ValueError:
            return False
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return isinstance(got, (int, float)) and math.isclose(want, got, rel_tol=1e-9, abs_tol=1e-12)
    return str(want) == str(got)


def _matches(want: dict, got: dict) -> bool:
    return all(k in got and _same(v, got[k]) or (v is None and got.get(k) is None) for k, v in want.items())


def _check(case) -> None:
    got = parse_quantities(case["text"], case.get("published"))
    want = case["expect"]
    if case.get("contains"):
        it = iter(got)
        for w in want:
            assert any(_matches(w, g) for g in it), f"{w} not found in order in {got}"
        return
    assert len(got) == len(want), f"expected {len(want)} items, got {got}"
    for w, g in zip(want, got):
        assert _matches(w, g), f"expected {w}, got {g}"


def _param(i, case):
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
    return pytest.param(case, id=f"{i}:{case['text'][:24]}", marks=marks)


def test_table_is_large_enough():
    assert len(CASES) >= 150


@pytest.mark.parametrize("case", [_param(i, c) for i, c in enumerate(CASES)])
def test_case(case):
    _check(case)
