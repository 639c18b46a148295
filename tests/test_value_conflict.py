"""AU100 (issue 22, bullet 8): a key whose values disagree is one finding listing every place,
and its severity follows the evidence of the claims it accuses."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.engine import build_context, run_checks
from audit.ingest import Document
from audit.analysis import analyze

from .test_checks_meta import _Config

CASES = yaml.safe_load((Path(__file__).parent / "data" / "value_conflicts.yaml").read_text(encoding="utf-8"))


def au100(texts: list[str], published: str | None = "2024-03-01"):
    docs = [analyze(Document(f"d{i}.txt", t, "utf-8"), published) for i, t in enumerate(texts)]
    return [f for f in run_checks(build_context(docs, _Config({}))) if f.code == "AU100"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_value_conflicts(case):
    got = [[f.severity, len(f.locations)] for f in au100(case["docs"], case.get("published", "2024-03-01"))]
    assert got == case["expect"]


def test_one_more_place_keeps_the_fingerprint():
    """A baseline entry survives another article repeating a value already listed."""
    docs = ["2023年华为营收为7042亿元。", "另据年报,2023年华为营收为7842亿元。"]
    (a,) = au100(docs)
    (b,) = au100(docs + ["2023年华为营收为7842亿元。"])
    assert a.fingerprint == b.fingerprint and len(b.locations) == 3


def test_many_documents_one_finding():
    """2,000 articles stating one fact with 200 distinct values: one finding, not one per pair;
    it lists the value most places state (8000亿, 11 places) and the values that disagree with
    it, not the 16 values within tolerance of it (8005亿..8080亿: 0.5% on each side, 160 places)."""
    docs = ["2023年华为营收为8000亿元。" if i % 200 == 0 else f"2023年华为营收为{8000 + 5 * (i % 200)}亿元。"
            for i in range(2000)] + ["2023年华为营收为8000亿元。"]
    found = au100(docs)
    assert len(found) == 1 and len(found[0].locations) == 2001 - 160


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(100, 9999), st.sampled_from(["0.1", "1"]), st.integers(3, 60))
def test_a_restated_change_fires_only_beyond_rounding(hundredths, place, apart):
    """One change stated with two decimals, then rounded honestly to fewer: never a conflict; then
    restated 3% apart (relative) or more: always one, an error from 15% on (nearer, the 5% of a
    loose reading may reconcile them: a warning)."""
    rate = Decimal(hundredths) / 100
    text = "2023年华为净利润同比下降{}%。另据年报,2023年华为净利润同比下降{}%。"
    assert not au100([text.format(f"{rate:.2f}", rate.quantize(Decimal(place), ROUND_HALF_UP))])
    far = (rate * (100 + apart) / 100).quantize(Decimal("0.01"))
    found = [f.severity for f in au100([text.format(f"{rate:.2f}", far)])]
    assert found == ["error"] if apart >= 15 else found in (["warning"], ["error"])
