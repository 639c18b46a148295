"""The shortcuts taken for speed read what the plain reading reads (issue 22, throughput).

Each property builds texts from the words the shortcut is about and compares it with the plain
way: the trigger scan of the period forms against its plain alternation, the metric words read
only in the sentences that hold figures against a scan of the whole text, the sentences of a
whole text against those of its lines, a sentence's first mention against its list of mentions,
the publication date parsed once against dateutil, AU110's cheap test of two values before their
intervals against the intervals first, and a document read without its claims' context (a report
that quotes no text) against one read with it.
"""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.claims.extract import document
from audit.claims.frame import Spans, find
from audit.claims.lexicons import build_lexicons, default_lexicons, spans_sentences
from audit.context import Context
from audit.ingest import Document
from audit.model import Quantity
from audit.quantities import dates, period_forms
from audit.segment import paragraphs, sentences, text_sentences
from checks import label_conflict

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The pieces of every trigger word, and some characters that none holds.
TRIGGER_PIECES = ["财", "年", "季", "F", "Y", "至", "今", "迄", "以", "来", "末", "底", "同", "期", "上", "前", "一", "二",
                  "三", "两", "个", "季度", "12", "3", "十", "月", "-", "—", "–", "~", "到", " ", "的", "收入", "。"]


_TRIGGER_WORDS = st.one_of(*(st.from_regex(f"[{first}]{rest}", fullmatch=True)
                              for first, rest in period_forms._TRIGGERS if "(?" not in rest))


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(TRIGGER_PIECES), _TRIGGER_WORDS), max_size=20).map("".join))
def test_trigger_scan_finds_what_the_plain_alternation_finds(text: str) -> None:
    plain = period_forms._trigger(guarded=False)
    assert [m.span() for m in period_forms._TRIGGER.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _pieces(words: list[str]) -> st.SearchStrategy[str]:
    filler = ["，", "。", "！", "?", "\n", "；", "公司", "的", "为", "达", "12亿元", "3.5%", "2023年", "第三季度",
              "年", "财", "Q", "GMV", ".", "”", "同比增长"]
    return st.lists(st.sampled_from(words + filler), max_size=30).map("".join)


_METRIC_WORDS = sorted(default_lexicons().metric_of)[::7]


@SETTINGS
@given(_pieces(_METRIC_WORDS))
def test_metric_words_of_the_sentences_with_figures_are_those_of_the_whole_text(text: str) -> None:
    lex = default_lexicons()
    a = analyze(Document("t.txt", text, "utf-8"), "2024-03-01")
    doc = document(a, lex)
    with_figures = [(s, e) for s, e, _ in doc.sentences if any(s <= q.nstart < e for q in a.quantities)]
    whole = [m for m in find(lex.metric_re, lex.metric_of, a.nt.text)
             if any(s <= m[0] < e for s, e in with_figures)]
    read = [m for m in doc.men.metrics.items if any(s <= m[0] < e for s, e in with_figures)]
    assert read == whole


def test_a_word_that_may_span_two_sentences_is_read_in_the_whole_text() -> None:
    # JD.com: a sentence may end after its dot, so a metric word like it is never read by sentence
    assert spans_sentences(["JD.com"]) and not spans_sentences(["营收", "《财富》", "每股美国存托股(ADS)收益"])
    assert spans_sentences(["ADS)收益"])  # a closing mark it did not open may end a sentence
    lex = build_lexicons(extra_metrics=[{"id": "revenue", "words": ["营收.总额"]}])
    assert not lex.metrics_by_sentence
    assert default_lexicons().metrics_by_sentence


_SENTENCE_PIECES = ["。", "！", "?", "\n", "\n\n", " ", "“", "”", "「", "」", "(", ")", ".", "3.5", "v2.0", "GPT", "，", "；",
                    "营收为12亿元", "他说", "长" * 400]


@SETTINGS
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=30).map("".join))
def test_the_sentences_of_a_text_are_those_of_its_lines(text: str) -> None:
    # the claims and the dated events read a document's sentences once, from the whole text
    by_line = [(s + p, e + p) for p, p_end in paragraphs(text) for s, e in sentences(text[p:p_end])]
    assert list(text_sentences(text)) == by_line


_SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 5)), max_size=12).map(
    lambda xs: sorted((s, s + n, f"e{i}") for i, (s, n) in enumerate(xs)))


@SETTINGS
@given(_SPANS, st.integers(-2, 70), st.integers(-2, 70))
def test_the_first_mention_of_a_sentence_is_the_first_of_its_mentions(items, lo: int, hi: int) -> None:
    # the frames ask for a sentence's first subject only: no list of its mentions is made
    spans = Spans(items)
    between = spans.between(lo, hi)
    assert spans.first_between(lo, hi) == (between[0] if between else None)


@SETTINGS
@given(st.dates(), st.sampled_from(["", "T08:30", "T08:30:15"]))
def test_a_publication_date_is_read_once_as_dateutil_reads_it(day, time: str) -> None:
    # every reading of a document asks for its publication date; the string is parsed once
    from dateutil import parser as du

    text = day.isoformat() + time
    assert dates.as_date(text) == du.isoparse(text).date() == dates.as_date(text)


def _figure(value: Decimal | None, place: Decimal, qualifier: str, approximate: bool) -> Quantity:
    low = high = None
    if value is not None:
        low, high = (value, None) if qualifier == "over" else (value - place / 2, value + place / 2)
    return Quantity("x", 0, 1, "amount", value, low, high, "CNY", qualifier, approximate)


_VALUES = st.one_of(st.none(), st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False))
_FIGURES = st.builds(_figure, _VALUES, st.sampled_from([Decimal("0.01"), Decimal(1), Decimal(100)]),
                     st.sampled_from(["exact", "approx", "over"]), st.booleans())


@st.composite
def _pairs(draw) -> tuple[Quantity, Quantity, Decimal]:
    """Two figures and a tolerance, the second often at the tolerance's edge from the first."""
    rel = draw(st.sampled_from([Decimal("0.005"), Decimal("0.05")]))
    a = draw(_FIGURES)
    b = draw(_FIGURES)
    if a.value is not None and draw(st.booleans()):
        k = draw(st.sampled_from([0, 1, 2]))
        b = _figure(a.value - k * rel * abs(a.value), draw(st.sampled_from([Decimal("0.01"), Decimal(1)])), "exact",
                    b.approximate)
    return a, b, rel


@SETTINGS
@given(_pairs())
def test_label_conflict_tests_the_gap_before_the_intervals(pair: tuple[Quantity, Quantity, Decimal]) -> None:
    """AU110 compares the two values' gap before their intervals (most pairs of a group are far
    apart): the same answer as the plain order, intervals first."""
    a, b, rel = pair
    ctx = Context([], [], default_lexicons(), rel=rel)
    plain = not (ctx.compare(a, b) is not None or a.value is None or b.value is None) \
        and abs(a.value - b.value) <= ctx.rel * max(abs(a.value), abs(b.value))
    assert label_conflict._same(ctx, a, b) == plain


def test_a_run_that_quotes_no_text_reads_the_same_without_the_claims_context() -> None:
    """Without ``Wants.context`` (every report but rich and HTML) a document's claims are made
    without the raw line around them: its digest, as a worker sends it, is the one read with it."""
    from pathlib import Path

    from audit import pipeline, wire
    from audit.config import load
    from audit.ingest import read_document
    from audit.report.json_report import entry_text, finding_text

    root = Path(__file__).resolve().parent.parent
    cfg = load(None)
    paths = sorted((root / "seeds").glob("*.txt")) + sorted((root / "tests" / "corpus").glob("*.txt"))
    for path in paths:
        doc = read_document(path)
        without, with_ = (pipeline.digest(doc, cfg, None, pipeline.Wants(True, finding_text, context, entry_text))
                          for context in (False, True))
        assert all(c.context == ("", "") for c in without.claims)
        assert wire.unpack(wire.pack(without, False)) == wire.unpack(wire.pack(with_, False)), path.name
