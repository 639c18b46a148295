"""AU290's readers of editions and clock hours (checks/_elapsed_spans.py) as properties: a count
of past editions or a span of hours the text's own figures give is never flagged, and one they
cannot give always is."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.engine import build_context, run_checks
from audit.ingest import Document


def _au290(text: str) -> list[str]:
    a = analyze(Document("d.txt", text, "utf-8"), None)
    return [f.severity for f in run_checks(build_context([a]), select={"AU290"})]


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 80), st.integers(0, 200))
def test_past_editions_at_most_the_ordinal(n, past):
    found = _au290(f"第{n}届围棋新人王赛开幕。在过去{past}届比赛中，共有10人夺冠。")
    assert found == ([] if past <= n else ["warning"])


def _clock(h: int) -> str:
    return f"{'凌晨' if h < 6 else '上午' if h < 12 else '下午' if h < 18 else '晚上'}{h % 12 if h >= 12 else h}点"


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 23), st.integers(1, 23), st.integers(0, 30))
def test_hours_between_clock_times(start, hours, stated):
    text = f"他从{_clock(start)}一直工作到{_clock((start + hours) % 24)}。这{stated}个小时里他没有休息。"
    assert _au290(text) == ([] if stated == hours else ["warning"])
