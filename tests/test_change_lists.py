"""Changes listed like their values, and rate nouns (tests/data/change_lists.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.analysis import analyze
from audit.claims import extract_claims
from audit.ingest import Document

CASES = yaml.safe_load((Path(__file__).parent / "data" / "change_lists.yaml").read_text(encoding="utf-8"))


def _changes(text: str) -> list[str]:
    a = analyze(Document("t.txt", text, "utf-8"), "2019-06-30")
    return [f"{c.change.basis or '-'} {c.change.direction} {c.change.quantity.text}" if c.change else "-"
            for c in extract_claims(a)]


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_change_list(case):
    assert _changes(case["text"]) == case["changes"]
