"""AU270 cumulative-mismatch and AU310 expectation-mismatch on table cases
(tests/data/period_checks.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.analysis import analyze
from audit.engine import build_context, run_checks
from audit.ingest import Document

CASES = yaml.safe_load((Path(__file__).parent / "data" / "period_checks.yaml").read_text(encoding="utf-8"))
RANK = {"none": 0, "info": 0, "warning": 1, "error": 2}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['code']}:{c['why'][:40]}")
def test_period_check_case(case):
    docs = [analyze(Document("t.txt", case["text"], "utf-8"), str(case.get("published", "2019-01-15")))]
    found = [f.severity for f in run_checks(build_context(docs), select={case["code"]})]
    worst = max(found, key=RANK.get, default="none")
    assert worst == case["expect"], found


def test_both_checks_have_cases():
    assert {c["code"] for c in CASES} == {"AU270", "AU310"} and len(CASES) >= 20
