"""AU290's readers of editions, clock hours and years to come (checks/_elapsed_spans.py) as
properties: a count of past editions, a span of hours, a number of years to a year to come or the
smaller part of a compound duration the text's own figures give is never flagged, and one they
cannot give always is."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.engine import build_context, run_checks
from audit.ingest import Document


def _au290(text: str, published: str | None = None) -> list[str]:
    a = analyze(Document("d.txt", text, "utf-8"), published)
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


@settings(max_examples=80, deadline=None)
@given(st.integers(2000, 2030), st.integers(1, 60), st.integers(1, 90), st.booleans(), st.booleans())
def test_years_to_a_year_to_come_or_back(now, ahead, stated, joined, back):
    """Published in June of ``now``: ``stated`` years to ``now + ahead`` (or back to ``now -
    ahead``) hold within a year, a figure ending in zero within five (rounded to its ten)."""
    if back:
        year = now - ahead
        text = (f"{year}年，也就是{stated}年前，这家公司成立。" if joined else
                f"{stated}年前，这家公司只有120名员工。{year}年，这家公司只有120名员工。")
    else:
        year = now + ahead
        text = (f"到{year}年，即{stated}年后，这一目标将会实现。" if joined else
                f"{stated}年后，全球每年或有800万人受此影响。到{year}年，每年将有800万人受此影响。")
    found, off = _au290(text, f"{now}-06-30"), abs(stated - ahead)
    _as_rounded(found, stated, off)


def _as_rounded(found: list, stated: int, off: int) -> None:
    """A figure ending in zero may be rounded to its ten (off by 5 at most); another is exact; what
    lies between (a figure off by one, or 6 from a ten) may go either way."""
    if stated % 10 == 0:
        assert found == ([] if off <= 5 else ["warning"] if off >= 7 else found)
    else:
        assert found == ([] if off == 0 else ["warning"] if off >= 2 else found)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 30), st.integers(0, 40), st.sampled_from([("年", "个月", 12), ("小时", "分钟", 60), ("天", "小时", 24)]))
def test_compound_duration_parts(big, small, units):
    """两年11个月: the smaller part is at most one of the larger unit."""
    larger, smaller, most = units
    small = small * most // 30  # spread over 0..4/3 of the larger unit
    found = _au290(f"这个项目一共用了{big}{larger}{small}{smaller}。")
    assert found == ([] if small <= most else ["warning"])


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 30), st.integers(1, 60), st.integers(1, 90), st.sampled_from(["的", "，", "（"]))
def test_days_after_a_date_to_a_date(day, later, stated, join):
    """6月28日…仅3天后的7月1日: the days after a date to the date joined to them are exactly their
    difference (checks/elapsed_mismatch.py's reading of a time followed by a date)."""
    import datetime
    end = datetime.date(2018, 6, day) + datetime.timedelta(days=later)
    text = f"工厂6月{day}日奠基，仅{stated}天后{join}{end.month}月{end.day}日{'）' if join == '（' else ''}，公司宣布投资。"
    assert _au290(text) == ([] if stated == later else ["warning"])


@settings(max_examples=40, deadline=None)
@given(st.integers(1990, 2030), st.integers(1, 60), st.integers(1, 90), st.booleans())
def test_record_in_years_against_record_since(now, since, stated, high):
    """Published in June of ``now``: a record in ``stated`` years is the one since ``now - since``
    within a year (a figure ending in zero within five)."""
    low, word = ("最高", "新高") if high else ("最低", "最少")
    text = f"该行任命的合伙人是{stated}年{word}。这将创下{now - since}年该行上市以来{low}。"
    found, off = _au290(text, f"{now}-06-30"), abs(stated - since)
    _as_rounded(found, stated, off)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 20), st.integers(1, 20), st.integers(0, 59), st.sampled_from(["", "接近"]))
def test_time_restated_in_brackets(stated, hours, minutes, near):
    """6小时（5小时59分）: the time before the brackets is the bracketed one rounded to the hour
    (接近: and not below it)."""
    text = f"这款手机的续航可以达到{near}{stated}小时（{hours}小时{minutes}分钟）。"
    total = hours + minutes / 60
    holds = stated - 0.5 <= total <= (stated if near else stated + 0.5)
    found = _au290(text)
    if abs(total - (stated - 0.5)) > 0.02 and abs(total - stated - 0.5) > 0.02 and not (near and total == stated):
        assert found == ([] if holds else ["warning"])
