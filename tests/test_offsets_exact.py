"""Offsets stay exact whatever NFKC does: characters that expand (ﬁ -> fi), compose (e + ◌́ -> é)
or reorder, together in one text, where their changes of length cancel out (issue 19)."""
from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from audit import parse_quantities
from audit.normalize import normalize

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Expanding, composing, reordering and one-to-one characters, and plain ones around them.
PIECES = st.sampled_from(["e\u0301", "\u0301", "\u0316\u0301", "a\u0301\u0316", "ﬁ", "…", "①", "㎡", "ｱ",
                          "\u1100\u1161", "\u1100\u1161\u11a8", "ㄱㅏ", "\u0b47\u0b3e", "Å", "\u212b", "，",
                          "Ａ", "\u3000", "营", "x", " ", "年"])
NOISE = st.lists(PIECES, max_size=8).map("".join)
FIGURES = st.sampled_from(["2800亿元", "85.18亿元", "14.7%", "6,000万台", "三成", "1.5万美元"])


def test_the_reported_case():
    """é composes (-1) and ﬁ expands (+1): the lengths cancel, the offsets must not."""
    got = parse_quantities("e\u0301营收2800亿元\ufb01")
    assert [(q["text"], q["start"], q["end"]) for q in got] == [("2800亿元", 4, 10)]


@SETTINGS
@example("e\u0301", "2800亿元", "\ufb01")
@example("\ufb01", "2800亿元", "e\u0301e\u0301")
@given(NOISE, FIGURES, NOISE)
def test_a_figure_is_reported_where_it_stands(before, figure, after):
    text = f"{before}。营收{figure}。{after}"
    start = len(before) + 3
    got = [q for q in parse_quantities(text) if q["start"] == start]
    assert got and got[0]["text"] == figure and got[0]["end"] == start + len(figure), parse_quantities(text)


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s.replace("，", "\U0010fffd")).replace("\U0010fffd", "，")


@SETTINGS
@example("e\u0301营收2800亿元\ufb01")
@given(NOISE)
def test_every_character_maps_back_to_the_raw_text_it_came_from(text):
    """Each normalized character lies in the normal form of its raw span, and the spans run
    through the raw text in order, from its start to its end: the map is exact to the smallest
    run NFKC treats as one (ﬁ + ◌́ -> fí: í comes from both)."""
    nt = normalize(text)
    spans = [nt.raw_span(i, i + 1) for i in range(len(nt.text))]
    for ch, (rs, re_) in zip(nt.text, spans):
        assert ch in _nfkc(text[rs:re_]), (ch, text[rs:re_])
    assert spans == sorted(spans) and all(a[1] <= b[1] for a, b in zip(spans, spans[1:]))
    assert not spans or (spans[0][0], spans[-1][1]) == (0, len(text))
