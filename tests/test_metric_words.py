"""Metric words of earnings, tech and economic news (issue 22, bullet 2), one table."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.analysis import analyze
from audit.claims import corpus_claims, default_lexicons
from audit.ingest import Document

CASES = yaml.safe_load((Path(__file__).parent / "data" / "metric_words.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_metric_word(case):
    doc = analyze(Document("d.txt", case["text"], "utf-8"), "2024-03-01")
    claims = corpus_claims([doc], default_lexicons())
    assert (claims[-1].metric if claims else None) == case["metric"]
