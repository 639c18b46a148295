"""The checks of claims v2 (issue 22) on table cases (tests/data/checks_v2.yaml): AU280
point-percent-mismatch, AU260 conversions restated, AU400 events across documents."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.analysis import analyze
from audit.engine import build_context, run_checks
from audit.ingest import Document

CASES = yaml.safe_load((Path(__file__).parent / "data" / "checks_v2.yaml").read_text(encoding="utf-8"))
RANK = {"none": 0, "info": 1, "warning": 2, "error": 3}
DEFAULT_PUBLISHED = "2023-06-30"


def _docs(case):
    docs = case.get("docs") or [{"text": case["text"], "published": case.get("published", DEFAULT_PUBLISHED)}]
    return [analyze(Document(f"d{i}.txt", d["text"], "utf-8"), str(d.get("published", DEFAULT_PUBLISHED)))
            for i, d in enumerate(docs)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['code']}:{c['why'][:40]}")
def test_checks_v2_case(case):
    found = [f.severity for f in run_checks(build_context(_docs(case)), select={case["code"]})]
    worst = max(found, key=RANK.get, default="none")
    assert worst == case["expect"], found
    assert case.get("count", len(found)) == len(found), found


def test_each_check_has_cases():
    codes = [c["code"] for c in CASES]
    assert codes.count("AU280") >= 8 and {"AU260", "AU400", "AU230", "AU270", "AU310"} <= set(codes)
