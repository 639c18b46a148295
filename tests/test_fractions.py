"""A fraction stated as a change (下降约四分之一): the band of values it stands for, and which
fractions are changes at all."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.claims import extract
from audit.claims.lexicons import default_lexicons
from audit.ingest import Document
from audit.intervals import fraction_band

FRACTIONS = st.builds(lambda d, n: Fraction(n % (d - 1) + 1, d), st.integers(2, 12), st.integers(0, 100))


@given(FRACTIONS)
def test_the_band_holds_the_fraction_and_no_neighbour(f):
    low, high = fraction_band(Decimal(f.numerator) / Decimal(f.denominator))
    assert low < Decimal(f.numerator) / Decimal(f.denominator) < high
    for j in range(1, f.denominator + 2):  # no other fraction of a denominator at most one larger
        for i in range(j + 1):
            g = Fraction(i, j)
            if g != f:
                assert not low < Decimal(g.numerator) / Decimal(g.denominator) < high, g


def _figures(text: str) -> list[tuple[str, str]]:
    a = analyze(Document("t.txt", text, "utf-8"))
    return [(q.text, q.kind) for s in extract.frames(extract.document(a, default_lexicons()))
            for q, _ in extract.figures(s)]


def test_a_fraction_after_a_change_word_is_a_percentage():
    assert _figures("预计销量将下降约四分之一。") == [("四分之一", "percent")]


def test_a_fraction_of_no_change_is_no_value():
    assert _figures("该公司占据了三分之一的市场。") == []
    assert _figures("三分之一的用户每天使用。") == []
