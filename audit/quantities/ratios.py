"""Reading ratios, fractions and the percents written without a numeral and a %: 百分之三十
(and 千分之五, 负百分之二), 三分之一 and 三又四分之一, 3/4 and 1 3/4, 八五折 (a discount: 85%), and
the fixed-percent words (过半, read after the word the lexicon names).

Each form's parts (numerator, denominator, the digits of a discount) are read by a second match
with its own pattern (``Grammar.parts``): the scan's match carries no inner groups (see
:mod:`.grammar`), and these forms are rare.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable

from ..lexicon import Lexicon
from ..model import Quantity
from ..normalize import NormText
from ..numerals import ONE, ZERO, parse_numeral
from .grammar import Grammar
from .make import interval, quantity


def _percent(nt: NormText, m: re.Match, gr: Grammar, lx: Lexicon) -> Quantity | None:
    """百分之三十, 千分之五 (a percent of its denominator), 百分之三十亿 with a Latin magnitude."""
    m = gr.parts["pct"].match(nt.text, m.start())  # the same span, with its groups
    g = m.group
    n = parse_numeral(g("pctnum"))
    if n is None:
        return None
    d = parse_numeral(g("pctden"))
    if d is None or d.value == 0:
        return None
    den = d.value / 100
    v, place = n.value / den, n.place / den
    sm = gr.suffix.match(nt.text, m.end())
    end = m.end()
    if sm.group("latin") and not sm.group("unit"):
        mult = ONE.scaleb(lx.latin_magnitudes[sm.group("latin").strip()])
        v, place, end = v * mult, place * mult, m.end() + len(sm.group("latin"))
    if g("pctneg"):
        v = -v
    low, high = interval(v, place)
    return quantity(nt, m.start(), end, "percent", v, low, high, "percent", "exact", False)


def _fraction(nt: NormText, m: re.Match, gr: Grammar, lx: Lexicon) -> Quantity | None:
    """三分之一, 三又四分之一, 负3分之负157 (the two signs cancel)."""
    m = gr.parts["frac"].match(nt.text, m.start())  # the same span, with its groups
    g = m.group
    den, num = parse_numeral(g("fden")), parse_numeral(g("fnum"))
    if den is None or num is None or den.value == 0:
        return None
    v = num.value / den.value
    if g("fneg"):
        v = -v
    if g("fwhole") is not None:
        w = parse_numeral(g("fwhole"))
        if w is None:
            return None
        v += w.value
    neg = nt.text[max(0, m.start() - 1):m.start()] == "负"
    s = m.start() - 1 if neg else m.start()
    if neg:
        v = -v
    return quantity(nt, s, m.end(), "ratio", v, v, v, None, "exact", False)


def _slash(nt: NormText, m: re.Match, gr: Grammar, lx: Lexicon) -> Quantity | None:
    """3/4, 1 3/4, and -3/4 when the dash is no name's."""
    m = gr.parts["arfrac"].match(nt.text, m.start())  # the same span, with its groups
    g = m.group
    n, d = Decimal(g("afn")), Decimal(g("afd"))
    if d == 0:
        return None
    v = n / d + (Decimal(g("afw")) if g("afw") else ZERO)
    s = m.start()
    if s > 0 and nt.text[s - 1] == "-" and (s < 2 or not nt.text[s - 2].isalnum()):
        s, v = s - 1, -v
    return quantity(nt, s, m.end(), "ratio", v, v, v, None, "exact", False)


def _discount(nt: NormText, m: re.Match, gr: Grammar, lx: Lexicon) -> Quantity | None:
    """八五折, 7 5折: two digits before a discount word, a percent."""
    zm = gr.parts["zhe"].match(nt.text, m.start())
    d1, d2 = (str(lx.digits.get(c, c)) for c in (zm.group("zd1"), zm.group("zd2")))
    v = Decimal(d1 + d2)
    return quantity(nt, m.start(), m.end(), "percent", v, v - Decimal("0.5"), v + Decimal("0.5"), "percent",
                    "exact", False)


def _fixed(nt: NormText, m: re.Match, gr: Grammar, lx: Lexicon) -> Quantity | None:
    """A word that is a percent (过半: 50%), exact."""
    v = Decimal(lx.fixed_percent[m.group("fixpct")])
    return quantity(nt, m.start(), m.end(), "percent", v, v, v, "percent", "exact", False)


# kind of candidate -> its reader
READ: dict[str, Callable[[NormText, re.Match, Grammar, Lexicon], Quantity | None]] = {
    "pct": _percent, "frac": _fraction, "arfrac": _slash, "zhe": _discount, "fixpct": _fixed,
}
