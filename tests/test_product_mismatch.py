"""AU225 product-mismatch and the reading of per-unit figures (audit/claims/products.py) on table
cases (tests/data/products.yaml), plus a property: a total stated as the product never fires, a
total off by a factor always does."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.claims.products import read
from audit.engine import build_context, run_checks
from audit.ingest import Document

CASES = yaml.safe_load((Path(__file__).parent / "data" / "products.yaml").read_text(encoding="utf-8"))
RANK = {"none": 0, "info": 1, "warning": 2, "error": 3}


def _findings(text: str):
    doc = analyze(Document("d.txt", text, "utf-8"), "2018-11-10")
    return run_checks(build_context([doc]), select={"AU225"})


@pytest.mark.parametrize("case", CASES["checks"], ids=lambda c: c["why"][:50])
def test_product_case(case):
    found = [f.severity for f in _findings(case["text"])]
    assert max(found, key=RANK.get, default="none") == case["expect"], found
    assert case.get("count", len(found)) == len(found), found


@pytest.mark.parametrize("case", CASES["reads"], ids=lambda c: f"{c['figure']}:{c['text'][:20]}")
def test_product_reading(case):
    doc = analyze(Document("d.txt", case["text"], "utf-8"), "2018-11-10")
    facts = [f for f in read(doc.nt.text, doc.quantities) if f.q.text.strip() == case["figure"]]
    if case["measure"] is None:
        assert not facts
        return
    (f,) = facts
    assert (f.measure, f.per, f.how, f.period, f.average) == (
        case["measure"], case["per"], case["how"], case["period"], case["average"])
    assert f.prior == case.get("prior", False)


@settings(max_examples=60, deadline=None)
@given(price=st.integers(2, 9999), count=st.integers(2, 9999), off=st.sampled_from([None, 3, 7, 20]))
def test_a_total_is_the_product_or_a_finding(price, count, off):
    """每台P元,共N台,合计T元: T = P x N never fires; T = P x N x k (k >= 3) is an error."""
    total = price * count * (off or 1)
    found = _findings(f"该公司以每台{price}元的价格采购{count}台设备，合计{total}元。")
    if off is None:
        assert not found
    else:
        assert [f.severity for f in found] == ["error"], (price, count, total)


@pytest.mark.parametrize("text", ["2月1日至2月30日期间日均处理3亿件，共处理18.7亿件。",
                                  "11月11日至11月11日日均处理3亿件，共处理18.7亿件。"])
def test_spans_of_no_days_are_not_read(text):
    """A date that does not exist, or a span of one day, gives no span (and no traceback)."""
    assert not _findings(text)


@settings(max_examples=40, deadline=None)
@given(daily=st.integers(2, 99999), off=st.sampled_from([None, 2, 5, 50]))
def test_an_average_per_day_makes_the_year_or_a_finding(daily, off):
    """平均每天X件,全年Y件: Y = 365X never fires; Y off by a factor of 2 or more is an error."""
    year = daily * 365 * (off or 1)
    found = _findings(f"该中心全年处理{year}件快递，平均每天处理{daily}件。")
    assert [f.severity for f in found] == ([] if off is None else ["error"]), (daily, year)
