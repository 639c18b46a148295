"""What a percentage is (issue 22, bullet 5): shares are summed only of one named whole."""
from __future__ import annotations

from pathlib import Path

import re

import pytest
import yaml

from audit.analysis import analyze
from audit.engine import build_context, run_checks
from audit.ingest import Document
from audit.claims.percent_meaning import meaning

from .test_checks_meta import _Config

DATA = yaml.safe_load((Path(__file__).parent / "data" / "percent_meanings.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", DATA["meanings"], ids=[c["text"] for c in DATA["meanings"]])
def test_meaning(case):
    text = case["text"]
    pos = _figure(text)
    got = meaning(text, _clause(text, pos), pos, 0, case.get("handed", False))
    assert (got.kind if got else None) == case["kind"]
    if case["kind"] == "share" or "whole" in case:
        assert got.whole == case["whole"]


def _clause(text: str, pos: int) -> int:
    """Where the clause of the figure at ``pos`` starts (after the last comma, semicolon or colon)."""
    marks = [m.end() for m in re.finditer(r"[,;:，；：]", text[:pos])]
    return marks[-1] if marks else 0


def _figure(text: str) -> int:
    """Where the last figure (digits before %) starts."""
    i = text.rindex("%")
    while i > 0 and (text[i - 1].isdigit() or text[i - 1] == "."):
        i -= 1
    return i


@pytest.mark.parametrize("case", DATA["part_whole"], ids=[c["id"] for c in DATA["part_whole"]])
def test_part_whole_sums_one_named_whole(case):
    docs = [analyze(Document("d.txt", case["text"], "utf-8"), "2024-03-01")]
    found = [f.code for f in run_checks(build_context(docs, _Config({})))]
    assert found.count("AU230") == case["au230"] and found.count("AU100") == case.get("au100", 0)
