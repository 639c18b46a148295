"""A count restated by 这 (checks/_restated.py, AU250): its sentence cases are in
tests/data/local_relations.yaml; here, the property that it warns exactly when no earlier count
of its thing has its value."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.engine import build_context, run_checks
from audit.ingest import Document

from .test_checks_meta import _Config


def _warnings(text: str) -> int:
    docs = [analyze(Document("d.txt", text, "utf-8"), "2024-03-01")]
    return sum(1 for f in run_checks(build_context(docs, _Config({}))) if f.code == "AU250")


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 999), st.integers(2, 999), st.sampled_from(["名学生", "个项目", "款产品"]))
def test_restated_count_warns_when_no_earlier_count_has_its_value(stated, restated, thing):
    unit = "人" if thing == "名学生" else thing
    text = f"调查共涉及{stated}{thing}。这{restated}{unit}中有一部分尚未完成。"
    assert _warnings(text) == (stated != restated)
