"""Reading one figure: a ``fig`` match of the grammar (a numeral, or two as a range, with the words
after it) and the words before it, into a Quantity — or into nothing, when the numeral is no
figure.

Owned here: the sign (负, a minus that is no dash), a currency prefix (US$, 人民币), the
qualifier words before (约, 超过, 近) and after (以上, 左右), the magnitude and unit words (亿元,
个百分点, 美分), 多/余, 级 (a size class), 半 and the tenths digit (三成半, 四成五), a rate (/年),
a score (评分…), currency subunits (3元5角); the implied precision (every stated digit is
significant: 350亿 is [349.5亿, 350.5亿]). Also the two small forms read as figures: ranks
(第3) and 半 before a unit (半年). The numeral itself is read by :mod:`audit.numerals`; whether a
numeral is a figure at all (a name, a list marker, a piece of a word, the article 一个) is asked
of :mod:`.refusals`.

Speed: ``Figure.read`` runs for every numeral of a text, so it reads no word it need not. The
grammar's ``*_last`` / ``*_first`` sets tell from the one character beside the numeral whether
a word may stand there (most figures stand between plain characters and take no search at all);
the words after the numeral come in the grammar's match, and what a unit word means is worked
out once per word (``Figure.units``).
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal

from ..lexicon import Lexicon, lexicon
from ..model import Quantity
from ..normalize import NormText
from ..numerals import ONE, ZERO, Numeral, parse_numeral
from .grammar import Grammar, grammar
from .make import interval, quantity
from .patterns import TIME_UNITS
from .refusals import is_figure, neighbors_ok

HALF = Decimal("0.5")
_SCALED = frozenset({"tenths", "discount"})  # unit kinds read as a percent, scaled: 三成, 八折


@functools.cache
def figure() -> "Figure":
    return Figure(grammar(), lexicon())


class Figure:
    """Reads one numeral match and the words around it into a Quantity (or nothing)."""

    def __init__(self, gr: Grammar, lx: Lexicon) -> None:
        self.gr, self.lx = gr, lx
        self.units: dict = {}  # unit word, or (unit word, currency) after one -> what _unit made of them
        # the characters of a figure's unit, back over which a "-" may be a range (Latin letters
        # are left out: a dash after them is a name's, GPT-4)
        self.unit_chars = frozenset(ch for ch in "".join(gr.units) if not ch.isascii()) | {"%"}

    def read(self, nt: NormText, m: re.Match) -> Quantity | None:
        text, gr = nt.text, self.gr
        num, num2, unit_w = m.group("num", "num2", "unit")
        s, end = m.span()
        e = s + len(num) if num2 is None else m.end("num2")  # the numeral's end, before its words
        # The words after the numeral were matched with it; only the unit is a group, so the
        # rare others are read again when more than a unit follows.
        if end - e == (0 if unit_w is None else len(unit_w)):  # nothing, or a unit alone
            latin = over_w = cls = half_w = rate = None
        else:
            latin, over_w, cls, unit_w, half_w, rate = gr.suffix.match(text, e).groups()
        if unit_w is not None:
            unit_w = unit_w.strip()
        bare = not (latin or cls or unit_w or rate)
        if e - s == 1 and bare and not num[0].isdigit() and not neighbors_ok(text, s, e, self.lx.standalone_neighbors):
            return None  # a lone numeral character inside a word (一切, 四川): before reading it
        n1 = parse_numeral(num)
        n2 = None if num2 is None else parse_numeral(num2)
        if n1 is None or (n2 is None and num2 is not None):
            return None
        # words before the numeral: none to read unless the character before may end one
        start, negative, cur_code, pre_q = s, False, None, None
        marked = s > 0 and text[s - 1] in gr.before_last
        if marked:
            start, negative, cur_code, pre_q = self._before(text, s, n1)
            bare = bare and cur_code is None
        if not is_figure(gr, self.lx, text, s, e, start, end, num, n1, n2, bare, unit_w, pre_q, cls):
            return None
        key = unit_w if cur_code is None else (unit_w, cur_code)
        kind, unit, classifier, factor = self.units.get(key) or self._unit(key, unit_w, cur_code)
        if latin:
            factor *= ONE.scaleb(self.lx.latin_magnitudes[latin.strip()])
        after = text[end] if end < len(text) else ""
        qm = gr.post.match(text, end) if after in gr.post_first else None
        post_q = None if qm is None else gr.post_q.get(qm.group().strip())
        over = n1.over or over_w is not None or (unit_w is not None and "多" in unit_w)
        if factor is ONE and not half_w and n2 is None and n1.placeholder is None and not (over or cls or pre_q or post_q):
            value, low, high, qualifier, approximate = n1.value, n1.low, n1.high, "exact", False  # as stated: most
        else:  # figures, read without a call
            read = self._value(n1, n2, factor, half_w, over, cls, pre_q, post_q)
            if read is None:
                return None
            value, low, high, qualifier, approximate = read
        if negative:
            value, low, high = -value, (-high if high is not None else None), (-low if low is not None else None)
        if kind in _SCALED or rate or unit_w == "‰":
            scaled = self._scaled(kind, unit, unit_w, rate, num, n1, (value, low, high))
            if scaled is None:
                return None
            kind, unit, (value, low, high) = scaled
        if kind == "score" and s > 0 and text[s - 1] in gr.hour_last \
                and gr.minutes_after.search(text, max(0, s - 8), s):
            kind, unit = "duration", "minute"  # 5小时59分: the minutes of a time, not a score
        if marked and kind == "number" and start > 0 and text[start - 1] in gr.score_last \
                and gr.score_before.search(text, max(0, start - 6), start):
            kind, unit = "score", "score"
        if after in gr.sub_first and kind == "amount" and n2 is None and qualifier == "exact":
            value, low, high, end = self._with_subunits(text, end, unit, value, low, high)
        return quantity(nt, start, end, kind, value, low, high, unit, qualifier, approximate, classifier)

    def _before(self, text: str, s: int, n1: Numeral) -> tuple[int, bool, str | None, str | None]:
        """(start, negative, currency, qualifier) of the words before the numeral at ``s``: a
        sign, a currency prefix, a qualifier word and 负增长 may stand there, in that order
        outwards; the figure's span starts at the outermost sign or prefix."""
        gr, lx = self.gr, self.lx
        start, negative, cur_code, pre_q = s, False, None, None
        before = text[s - 1]
        if before == "-" and _minus_at(text, s - 1, lx, self.unit_chars):
            negative, start = True, s - 1
        elif before in gr.neg_last:
            for w in lx.negative:
                if s - len(w) >= 0 and text.startswith(w, s - len(w)):
                    negative, start = True, s - len(w)
                    break
        cm = None
        if start > 0 and text[start - 1] in gr.cur_last:
            cm = gr.currency_pre.search(text, max(0, start - 8), start)
        if cm is not None:
            word = cm.group().rstrip()
            # A Latin prefix must not be the tail of a longer word (ABCUSD).
            prev = text[cm.start() - 1] if cm.start() > 0 else " "
            if not ((word[0].isascii() and word[0].isalpha() and prev.isascii() and prev.isalpha())
                    or prev.isdigit() or prev in lx.digits or prev in lx.big_units or prev in lx.units):
                cur_code, start = gr.currency_prefix[word], cm.start()
        pm = None
        if start > 0 and text[start - 1] in gr.pre_last:
            pm = gr.pre.search(text, max(0, start - 6), start)
        if pm is not None:
            pre_q = gr.pre_q.get(pm.group().rstrip())
            pre_q = None if pre_q == "none" else pre_q
            if pm.group().rstrip() == "上" and not n1.leading_unit:
                pre_q = None
        at = pm.start() if pm is not None else start
        if at > 0 and text[at - 1] in gr.neg_change_last and not negative:
            negative = gr.neg_change.search(text, max(0, at - 8), at) is not None
        return start, negative, cur_code, pre_q

    def _value(self, n1: Numeral, n2: Numeral | None, factor: Decimal, half_w: str | None, over: bool,
               cls: str | None, pre_q: str | None, post_q: str | None):
        """(value, low, high, qualifier, approximate) of the numerals times the unit's factor, or
        None for a range that does not rise."""
        lx = self.lx
        qualifier = "exact"
        if factor is ONE and not half_w:
            value, low, high = n1.value, n1.low, n1.high
        elif half_w and half_w != lx.half:  # 四成五: the digit after 成 is one place further
            place = n1.place / 10
            value = (n1.value + lx.digits[half_w] * place) * factor
            low, high = interval(value, place * factor)
        else:
            value = (n1.value + (HALF if half_w else ZERO)) * factor
            low, high = interval(value, n1.place * factor)
        approximate = False
        if n2 is None and n1.placeholder is None and not (over or cls or pre_q or post_q):
            pass  # as stated, times the unit's factor
        elif n2 is not None:
            a = n1.value * (n2.tail if n1.tail == ONE and n2.tail > ONE else ONE) * factor
            b = n2.value * factor
            if not a < b:
                return None
            low, high, value = a, b, (a + b) / 2
            qualifier = "range"
        elif n1.placeholder == "lead":
            pp = n1.ph_place * factor
            low, high = 2 * pp, 9 * pp
            value = (low + high) / 2
            qualifier, approximate = "approx", True
        elif n1.placeholder == "trail":
            low, high = value, value + 10 * n1.ph_place * factor
            qualifier = "over"
        elif over or pre_q == "over" or post_q == "over":
            low, high, qualifier = value, None, "over"
        elif pre_q == "under" or post_q == "under":
            low, high, qualifier = None, value, "under"
        elif cls:
            qualifier, approximate = "class", True
        elif pre_q == "approx" or post_q == "approx":
            qualifier, approximate = "approx", True
        return value, low, high, qualifier, approximate

    def _scaled(self, kind: str, unit: str | None, unit_w: str | None, rate: str | None, num: str,
                n1: Numeral, vlh: tuple):
        """(kind, unit, (value, low, high)) of a figure whose unit rescales it: 三成 and 八折 are
        percents (None for a discount that is none: 8.5折 is, 85折 is, 850折 is not), ‰ a tenth
        of a percent, /年 a rate."""
        if kind in _SCALED:
            if kind == "discount" and not (abs(n1.value) < 10 or (
                    n1.value == int(n1.value) and n1.place == 1 and num.isdigit() and 10 < n1.value < 100)):
                return None
            scale = Decimal(10) if kind == "tenths" or abs(n1.value) < 10 else ONE
            vlh = tuple(x * scale if x is not None else None for x in vlh)
            kind = "percent"
        if unit_w == "‰" and unit == "percent":
            vlh = tuple(x / 10 if x is not None else None for x in vlh)
        if rate:
            unit = f"{unit or '1'}/{TIME_UNITS[rate[1:]]}"
            kind = "rate"
        return kind, unit, vlh

    def _with_subunits(self, text: str, end: int, unit: str | None, value, low, high):
        """(value, low, high, end) of an amount with its currency's subunits after it (3元5角)."""
        sub = self.gr.subunits.get(unit or "")
        sm = sub.match(text, end) if sub is not None else None
        if sm is not None and sm.end() > end:
            extra, last = self._subunits(sm.group(), unit)
            if extra is not None:
                value += extra
                low, high = interval(value, last)
                end = sm.end()
        return value, low, high, end

    def _subunits(self, s: str, code: str):
        """(added value, place of the last subunit) of '3角2分', or (None, None)."""
        cur = next(c for c in self.lx.currencies if c.code == code)
        total, last = ZERO, ONE
        for m in self.gr.subunit_item.finditer(s):
            d = m.group("d")
            digit = Decimal(d) if d.isdigit() else Decimal(self.lx.digits.get(d, -1))
            if digit < 0 or m.group("w") not in cur.subunits:
                return None, None
            factor = cur.subunits[m.group("w")]
            total += digit * factor
            last = factor
        return total, last

    def _unit(self, key, unit_w: str | None, cur_code: str | None):
        """(kind, unit, classifier, factor) for the unit word after a numeral, kept in ``units``."""
        got = self.units[key] = self._read_unit(unit_w, cur_code)
        return got

    def _read_unit(self, unit_w: str | None, cur_code: str | None):
        if unit_w is None:
            if cur_code:
                return "amount", cur_code, None, ONE
            return "number", None, None, ONE
        kind, unit, classifier = self.gr.units[unit_w]
        factor = ONE
        if kind == "amount":
            cur_code = unit
        if cur_code is not None and kind in ("amount", "number"):
            return "amount", cur_code, None, ONE
        if kind == "dozen":
            return "count", "item", classifier, Decimal(self.lx.dozen[unit_w])
        if kind == "score":
            return "score", "score", None, factor
        if unit_w == "美分":
            return "amount", "USD", None, Decimal("0.01")
        return kind, unit, classifier, factor


# ----------------------------------------------------------------------------------------------
# the sign


def _minus_at(text: str, i: int, lx: Lexicon, unit_chars: frozenset[str]) -> bool:
    """Whether the "-" at ``i`` is a minus sign: not after a Latin letter or a digit (GPT-4 and
    2023-3 are names and dates), nor after a figure, its unit included (三-五, 1000元-2000元,
    5%-10% are ranges)."""
    j = i - 1
    while j >= 0 and i - j <= 4 and text[j] in unit_chars:
        j -= 1  # back over the unit of a figure that may end here
    if j < 0:
        return True
    ch = text[j]
    return not ((ch.isascii() and ch.isalnum()) or ch in lx.digits or ch in lx.units or ch in lx.big_units)


# ----------------------------------------------------------------------------------------------
# the small forms read as figures


def rank(nt: NormText, m: re.Match, gr: Grammar, lx: Lexicon) -> Quantity | None:
    """第3, 第三十: a whole number, neither a placeholder (第几) nor open (第十多)."""
    n = parse_numeral(m.group("ranknum"))
    if n is not None and n.value == int(n.value) and n.placeholder is None and not n.over:
        return quantity(nt, m.start(), m.end(), "rank", n.value, n.value, n.value, None, "exact", False)
    return None


def half(nt: NormText, m: re.Match, gr: Grammar, lx: Lexicon) -> Quantity | None:
    """半 before a unit: 半年 is 0.5 years, 半成 5%, 半折 50%."""
    sm = gr.suffix.match(nt.text, m.end())
    unit_w = (sm.group("unit") or "").strip()
    if not unit_w:
        return None
    k, unit, classifier = gr.units[unit_w]
    v = HALF
    if k == "tenths":
        k, v = "percent", Decimal(5)
    elif k == "discount":
        k, v = "percent", Decimal(50)
    return quantity(nt, m.start(), sm.end(), k, v, v, v, unit, "exact", False, classifier)
