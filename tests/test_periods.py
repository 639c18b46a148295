"""Periods and bases of claims (tests/data/period_claims.yaml) and the period algebra."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from audit.quantities import periods
from audit.analysis import analyze
from audit.claims import extract_claims
from audit.ingest import Document

CASES = yaml.safe_load((Path(__file__).parent / "data" / "period_claims.yaml").read_text(encoding="utf-8"))


def _change(c) -> str | None:
    return None if c.change is None else f"{c.change.basis or '-'} {c.change.direction} {c.change.quantity.text}"


def test_table_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['figure']}:{c['why'][:30]}")
def test_claim_period_and_basis(case):
    cs = extract_claims(analyze(Document("t.txt", case["text"], "utf-8"), case.get("published")))
    found = [c for c in cs if c.quote == str(case["figure"])]
    assert found, [(c.quote, c.metric) for c in cs]
    c = found[0]
    for key, want in case["expect"].items():
        got = _change(c) if key == "change" else getattr(c, key)
        assert got == (None if want is None else str(want)), (key, c)


# --- the period algebra ---------------------------------------------------------------------------

years = st.integers(1990, 2090)
quarters = st.integers(1, 4)
fyes = st.sampled_from([None, "12-31", "03-31", "06-30", "09-30", "01-31", "05-31"])


@given(years, quarters)
def test_previous_year_of_a_quarter_is_a_quarter(y, q):
    assert periods.previous_year(f"{y}-Q{q}") == f"{y - 1}-Q{q}"
    assert periods.previous_year(f"FY{y}-Q{q}") == f"FY{y - 1}-Q{q}"


@given(years, quarters)
def test_previous_quarter_steps_back_one_quarter(y, q):
    prev = periods.previous_quarter(f"{y}-Q{q}")
    a, b = periods.months(prev), periods.months(f"{y}-Q{q}")
    assert periods._add(a.last, 1) == b.first


@given(years, fyes)
def test_months_of_fiscal_quarters_tile_the_fiscal_year(y, fye):
    year = periods.months(f"FY{y}", fye)
    qs = [periods.months(f"FY{y}-Q{q}", fye) for q in (1, 2, 3, 4)]
    assert qs[0].first == year.first and qs[-1].last == year.last
    for a, b in zip(qs, qs[1:]):
        assert periods._add(a.last, 1) == b.first
    halves = [periods.months(f"FY{y}-H{h}", fye) for h in (1, 2)]
    assert (halves[0].first, halves[0].last, halves[1].last) == (qs[0].first, qs[1].last, qs[3].last)


@given(years, fyes)
def test_a_fiscal_year_ends_in_the_year_it_is_named_by(y, fye):
    span = periods.months(f"FY{y}", fye)
    assert span.last == (y, int((fye or "12-31")[:2]))


@given(years, st.integers(1, 12), st.integers(1, 12))
def test_a_spans_months_are_contiguous_and_canonical(y, a, b):
    a, b = min(a, b), max(a, b)
    p = periods.canonical((y, a), (y, b))
    span = periods.months(p)
    assert span == periods.Months((y, a), (y, b))
    assert periods.months(periods.previous_year(p)) == periods.Months((y - 1, a), (y - 1, b))


@given(years, quarters, fyes)
def test_a_balance_of_a_quarter_is_its_last_day(y, q, fye):
    d = periods.as_point(f"FY{y}-Q{q}", fye)
    last = periods.months(f"FY{y}-Q{q}", fye).last
    assert d.startswith(f"{last[0]}-{last[1]:02d}-") and len(d) == 10


@given(quarters, fyes, st.dates(min_value=__import__("datetime").date(2000, 1, 1),
                                 max_value=__import__("datetime").date(2080, 12, 31)))
def test_the_latest_fiscal_quarter_ended_before_publication(q, fye, pub):
    p = periods.latest_fiscal(q, fye, pub.isoformat())
    span = periods.months(p, fye)
    assert span.last < (pub.year, pub.month)
    later = periods.months(f"FY{int(p[2:6]) + 1}-Q{q}", fye)
    assert later.last >= (pub.year, pub.month)


def test_calendarize():
    assert periods.calendarize("FY2019-Q2", None) == ("2019-Q2", None)
    assert periods.calendarize("FY2019-Q2", "03-31") == ("FY2019-Q2", "2018-07..2018-09")
    assert periods.calendarize("2019-Q2", "03-31") == ("2019-Q2", None)


def test_config_entities_take_a_fiscal_year_end(tmp_path):
    from audit import config

    cfg_file = tmp_path / "expectations.yaml"
    cfg_file.write_text("version: 1\nentities:\n  - {id: acme, names: [艾克米], fiscal_year_end: \"06-30\"}\n",
                        encoding="utf-8")
    cfg = config.load(cfg_file)
    a = analyze(Document("t.txt", "艾克米2019财年第一季度营收为12亿元。", "utf-8"))
    (c,) = extract_claims(a, cfg.lexicons())
    assert (c.entity, c.period, c.months) == ("acme", "FY2019-Q1", "2018-07..2018-09")
    cfg_file.write_text("version: 1\nentities:\n  - {id: acme, names: [艾克米], fiscal_year_end: \"6月\"}\n",
                        encoding="utf-8")
    with pytest.raises(config.ConfigError, match=r"line 3: entities\[0\]\.fiscal_year_end: expected .*MM-DD"):
        config.load(cfg_file)


def test_a_claim_of_no_period_is_never_its_own_previous_period():
    from audit.engine import build_context, run_checks

    docs = [analyze(Document("t.txt", "苹果公司第四财季净利润为141亿美元,比去年同期增长32%。", "utf-8"))]
    assert not run_checks(build_context(docs), select={"AU200"})


def test_a_fact_is_compared_with_claims_of_its_basis(tmp_path):
    from audit import config
    from audit.engine import build_context, run_checks

    text = "阿里巴巴预计2019财年营收为3750亿元。阿里巴巴2019财年营收为3853亿元。"
    for basis in (None, "guidance"):  # the actual 3853 agrees; the guidance 3750 does not
        cfg_file = tmp_path / "expectations.yaml"
        extra = f", basis: {basis}" if basis else ""
        cfg_file.write_text("version: 1\nfacts:\n  - {entity: alibaba, metric: revenue, period: FY2019, "
                            f"value: 3853亿元{extra}}}\n", encoding="utf-8")
        cfg = config.load(cfg_file)
        docs = [analyze(Document("t.txt", text, "utf-8"))]
        found = run_checks(build_context(docs, cfg), select={"AU300"})
        assert [loc.snippet for f in found for loc in f.locations] == ([] if basis is None else ["3750亿元"]), basis


@pytest.mark.parametrize("text,flagged", [
    ("苹果2019财年第一财季营收为843亿美元。苹果2018年第四季度营收为883亿美元。", True),   # Oct-Dec both
    ("苹果2019财年第一财季营收为843亿美元。苹果2018年第四季度营收为843亿美元。", False),
    ("苹果2019财年第一财季营收为843亿美元。苹果2019年第一季度营收为580亿美元。", False),  # other months
])
def test_fiscal_and_calendar_claims_are_compared_through_their_months(text, flagged):
    from audit.engine import build_context, run_checks

    docs = [analyze(Document("t.txt", text, "utf-8"))]
    assert bool(run_checks(build_context(docs), select={"AU100"})) == flagged


@pytest.mark.parametrize("fn,period", [("previous_year", "0001-03-31"), ("previous_quarter", "0001-03-31"),
                                       ("previous_year", "0001-Q1"), ("previous_quarter", "0001-Q1")])
def test_the_algebra_stops_at_the_calendars_edge(fn, period):
    """A period of year 1 has none before it: None, not a crash (a corpus of shifted digits made
    AU200 exit 3 with "year 0 is out of range")."""
    from audit.quantities import periods

    assert getattr(periods, fn)(period) is None


def test_an_event_named_by_companies_only_makes_no_empty_group():
    """AU400 split an event's places by company and kept an empty group of places naming none,
    which crashed on max() of nothing."""
    from checks.date_mismatch import _by_entity
    from types import SimpleNamespace

    dated = [SimpleNamespace(entity="a"), SimpleNamespace(entity="b")]
    assert all(_by_entity(dated))



@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 30)))
def test_the_day_after_a_day_is_the_next_calendar_day_with_or_without_its_year(d):
    """次日 of a dated day is the next day; of a yearless one (7月11日 of an undated article) the
    next day read in a leap year, unless it falls in the next year, which a yearless day cannot name."""
    from audit.claims.period import day_of

    assert day_of(d.isoformat(), False) == d.isoformat()
    assert day_of(d.isoformat(), True) == (d + dt.timedelta(days=1)).isoformat()
    after = day_of(f"{periods.YEARLESS}{d.isoformat()[4:]}", True)
    if (d.month, d.day) == (12, 31):
        assert after is None
    else:
        nxt = dt.date(int(periods.PROBES[0]), d.month, d.day) + dt.timedelta(days=1)
        assert after == f"{periods.YEARLESS}{nxt.isoformat()[4:]}"
    assert day_of(f"{d.year}-Q{(d.month + 2) // 3}", True) is None  # a quarter is no day


@given(years, st.integers(1, 12), st.integers(0, 6), st.sampled_from([("三个月", 3), ("六个月", 6), ("九个月", 9)]))
def test_a_span_ending_on_a_day_is_its_months_and_ends_in_its_month(y, m, back, span):
    """截至<day>的三个月 (audit/claims/period.py ending_span): a day in the last week of its month
    ends a span of the stated months whose last month is the day's; one in the first week ends
    the month before."""
    from audit.claims.period import ending_span

    last = dt.date(y, m, 28) + dt.timedelta(days=4)
    day = last.replace(day=1) - dt.timedelta(days=1 + back)  # in the last week of its month
    first_week = day + dt.timedelta(days=back + 1 + back % 7)  # 1..7 days into the next month
    for d, end in ((day, day), (first_week, day)):
        a = analyze(Document("t.txt", f"截至{d.year}年{d.month}月{d.day}日的{span[0]},营收为3亿元。", "utf-8"))
        text = a.nt.text
        q = next(x for x in a.quantities if x.kind == "date")
        got = periods.months(ending_span(text, q, d.isoformat()))
        assert got is not None, text
        assert got.last == (end.year, end.month), text
        n = (got.last[0] - got.first[0]) * 12 + got.last[1] - got.first[1] + 1
        assert n == span[1], text

