"""Figures as written (DESIGN.md section 4): a value shown to people in the writer's own scale
and unit — ``312.56亿元``, ``42.37億元``, ``2万元/月``, ``12.5%``, ``3个百分点`` — never as a float
or in scientific notation.

The scale, unit and prefix come from the figure's own text (``Quantity.text``), so a traditional
``億`` stays ``億``: the writer's script is kept in every figure, interval and amount written in the
scale of a figure (only amounts with no figure to follow are written in simplified scales). The
digits come from the exact value (Decimal), with as many places as the figure's precision, so that
reading the result again (``audit.quantities``) gives back the same value and interval. A figure
written in Chinese numerals (一千二百万, 三分之一, 数亿) is shown as written: its text is the figure.

Pure functions, no rich: every report (console, HTML, GitHub, tables) and every check's message
calls them. The words (scales, units) are data: ``audit/data/written.yaml``.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import Any, NamedTuple

from audit.model import Quantity

_ONE = Decimal(1)
_NUMERAL_CHARS = "零〇一二两兩三四五六七八九十百千几数"


class Form(NamedTuple):
    """How a figure is written around its digits: ``人民币`` | 85 | ``億`` | ``元`` | ``级``."""

    prefix: str  # before the digits: 人民币, US$, 第
    mid: str  # between the digits and the scale: 多, 余 (100多万人)
    space: str  # between the digits and a Latin scale (10 billion)
    scale_word: str  # 亿, 億, 万亿, 百亿亿, billion; '' for none
    scale: Decimal
    unit: str  # 元, 元/月, %, 个百分点; '' when the writer wrote none
    tail: str  # a qualifying word after the unit: 级, 以上, 左右
    written: Decimal  # the digits as written (of the upper end of a range), sign left out


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    from audit.lexicon import LexiconError, _load

    data = _load("written.yaml")
    for key in ("scale_chars", "latin_scales", "units", "per"):
        if not isinstance(data.get(key), dict):
            raise LexiconError(f"audit/data/written.yaml: {key}: expected a mapping")
    for key in ("big_chars", "scales", "qualifier_tails"):
        if not isinstance(data.get(key), list):
            raise LexiconError(f"audit/data/written.yaml: {key}: expected a list")
    latin = "|".join(sorted(map(re.escape, data["latin_scales"]), key=len, reverse=True))
    chars = "".join(data["scale_chars"])
    data["arabic"] = re.compile(
        rf"^(?P<pre>[^0-9]*?)[+\-−]?(?P<num>[0-9][0-9,.]*)(?P<mid>[多余餘]?)(?P<sp>\s*)(?:(?P<cn>[{chars}]+)|"
        rf"(?P<latin>(?:{latin})(?![A-Za-z])))?(?P<rest>.*)$", re.S)
    big = "".join(data["big_chars"])
    data["chinese"] = re.compile(rf"(?P<cn>[{big}]+)(?P<rest>[^{_NUMERAL_CHARS}{big}0-9]*)$")
    data["tails"] = tuple(sorted(data["qualifier_tails"], key=len, reverse=True))
    return data


def _product(word: str) -> Decimal:
    chars = _data()["scale_chars"]
    out = _ONE
    for ch in word:
        out *= chars[ch]
    return out


def _split_tail(rest: str) -> tuple[str, str]:
    rest = rest.strip()
    for t in _data()["tails"]:
        if rest.endswith(t):
            return rest[: -len(t)].strip(), t
    return rest, ""


@functools.lru_cache(maxsize=1 << 14)
def form_of(text: str) -> Form | None:
    """The form of a figure's text; None when its digits are not Arabic (一千二百万: shown as written)."""
    t = unicodedata.normalize("NFKC", text).strip()
    t = re.split(r"(?<=[^\s+\-−])\s*[-–~—至到]\s*(?=[0-9])", t)[-1]  # a range: the form of its upper end
    m = _data()["arabic"].match(t)
    if m is None:
        return None
    pre = m["pre"].rstrip("+-− ")
    unit, tail = _split_tail(m["rest"])
    try:
        written = Decimal(m["num"].replace(",", ""))
    except ArithmeticError:  # 1.2.3
        return None
    if m["cn"]:
        return Form(pre, m["mid"], "", m["cn"], _product(m["cn"]), unit, tail, written)
    if m["latin"]:
        scale = Decimal(_data()["latin_scales"][m["latin"]])
        return Form(pre, m["mid"], m["sp"], m["latin"], scale, unit, tail, written)
    return Form(pre, m["mid"], m["sp"], "", _ONE, unit, tail, written)


def _form(q: Quantity) -> Form | None:
    """The form of ``q``'s text when its digits and scale give its value (not for 3年半, 7美分)."""
    f = form_of(q.text) if q.value is not None else None
    if f is None:
        return None
    stated = q.high if q.qualifier == "range" and q.high is not None else q.value
    with localcontext() as c:
        c.prec = 80
        return f if f.written * f.scale == abs(stated) else None


def _chinese_form(q: Quantity) -> Form:
    """The scale a figure in Chinese numerals ends with (一千二百[万]人), for its interval."""
    t = unicodedata.normalize("NFKC", q.text).strip()
    m = _data()["chinese"].search(t)
    if m is None:
        return Form("", "", "", "", _ONE, unit_word(q.unit), "", _ONE)
    unit, _ = _split_tail(m["rest"])
    return Form("", "", "", m["cn"], _product(m["cn"]), unit or unit_word(q.unit), "", _ONE)


def unit_word(unit: str | None) -> str:
    """The word for a unit code of the parser: CNY -> 元, CNY/month -> 元/月, percent -> %."""
    if not unit:
        return ""
    d = _data()
    head, _, per = unit.partition("/")
    word = d["units"].get(head, "" if head == "1" else head)
    return f"{word}/{per_word(per)}" if per else word


def per_word(code: str) -> str:
    """The word for a time unit after "/": month -> 月."""
    return _data()["per"].get(code, code)


def significant(x: Decimal, digits: int = 4) -> str:
    """``x`` to ``digits`` significant digits, positional (a rate, a factor: 6.868, 0.01389, 12)."""
    if not x:
        return "0"
    with localcontext() as c:
        c.prec = 80
        r = x.quantize(_ONE.scaleb(min(x.adjusted() - digits + 1, 0)), ROUND_HALF_EVEN)
        return plain(r.normalize() if r == r.to_integral_value() else r)


def plain(x: Decimal, place: Decimal | None = None) -> str:
    """``x`` in positional notation, never with an exponent; with at least the decimals of
    ``place`` (a power of ten: the figure's precision), so that 1.50 keeps its zero; an open
    end (infinite) is ∞."""
    if not x.is_finite():
        return "∞" if x > 0 else "-∞"
    with localcontext() as c:
        c.prec = 80
        exp = min(x.normalize().as_tuple().exponent, 0) if x else 0
        if place is not None and place > 0:
            p = place.normalize().as_tuple()
            if p.digits == (1,):
                exp = min(exp, p.exponent)
        return format(x.quantize(_ONE.scaleb(exp)), "f")


def _step(q: Quantity, scale: Decimal) -> Decimal | None:
    """The precision of an exact figure in its scale (42.37亿: 0.01), None when not stated."""
    if q.low is None or q.high is None or q.qualifier not in ("exact", "approx", "class"):
        return None
    with localcontext() as c:
        c.prec = 80
        return (q.high - q.low) / scale


def _scaled(x: Decimal, f: Form, place: Decimal | None = None) -> str:
    with localcontext() as c:
        c.prec = 80
        return plain(x / f.scale, place) + f.space + f.scale_word


def figure(q: Quantity) -> str:
    """The value as the writer wrote it, in their scale and unit: 312.56亿元, 42.37億元, 2万元/月."""
    f = _form(q)
    if f is None:
        return q.text.strip()
    if q.qualifier == "range" and q.low is not None and q.high is not None:
        return f"{f.prefix}{_range(q.low, q.high, f)}{f.unit}{f.tail}"
    with localcontext() as c:
        c.prec = 80
        digits = plain(q.value / f.scale, _step(q, f.scale))
    return f"{f.prefix}{digits}{f.mid}{f.space}{f.scale_word}{f.unit}{f.tail}"


def _range(low: Decimal, high: Decimal, f: Form) -> str:
    """``low–high`` in the scale of ``f``; ``至`` between them when a minus sign would meet the dash."""
    return f"{_scaled(low, f)}{'至' if high < 0 else '–'}{_scaled(high, f)}"


def interval(q: Quantity) -> str:
    """The values the figure stands for, as written: ``312.555亿–312.565亿元``, ``> 2万元``,
    ``< 500人``; '' when the figure is exact and point-like (第10, 三分之一) or states no bound."""
    if q.value is None:
        return ""
    f = _form(q) or _chinese_form(q)
    lo, hi = q.low, q.high
    if lo is not None and hi is not None:
        return "" if lo == hi else f"{f.prefix}{_range(lo, hi, f)}{f.unit}"
    if lo is not None:
        return f"> {f.prefix}{_scaled(lo, f)}{f.unit}"
    if hi is not None:
        return f"< {f.prefix}{_scaled(hi, f)}{f.unit}"
    return ""


def amount(x: Decimal | None, unit: str | None, like: Quantity | None = None) -> str:
    """A computed amount (a difference, a sum, a product) in the scale and unit words of the
    figure ``like`` when it has the same unit (相差16.1亿美元), else in 万亿/亿/万 and the unit's
    word; rounded to the figure's decimals or two, whichever is more, never to nothing."""
    if x is None:
        return "?"
    if not x.is_finite():
        return plain(x) + unit_word(unit)
    f, places = _amount_form(x, unit, like)
    digits = _rounded(x / f.scale, places)
    return f"{'' if digits.startswith('-') else f.prefix}{digits}{f.space}{f.scale_word}{f.unit or unit_word(unit)}"


def span(low: Decimal, high: Decimal, unit: str | None, like: Quantity | None = None) -> str:
    """Computed bounds as one interval in the scale of ``like``, the unit once: 16.09亿–16.11亿美元."""
    finite = [abs(x) for x in (low, high) if x.is_finite()]
    f, places = _amount_form(max(finite, default=Decimal(0)), unit, like)
    ends = [f"{_rounded(x / f.scale, places)}{f.space}{f.scale_word}" if x.is_finite() else plain(x)
            for x in (low, high)]
    return f"{ends[0]}{'至' if high < 0 else '–'}{ends[1]}{f.unit or unit_word(unit)}"


def _amount_form(x: Decimal, unit: str | None, like: Quantity | None) -> tuple[Form, int]:
    """The form an amount is written in, and its decimals (the figure's, at least two)."""
    f = _form(like) if like is not None and like.unit == unit else None
    if f is None:
        return _canonical(x, unit), 2
    step = _step(like, f.scale)
    return f, max(2, -min(step.normalize().as_tuple().exponent, 0)) if step else 2


def _rounded(y: Decimal, places: int) -> str:
    if not y.is_finite():
        return plain(y)
    with localcontext() as c:
        c.prec = 80
        r = y.quantize(_ONE.scaleb(-places), ROUND_HALF_EVEN)
        if not r and y:
            r = y.quantize(_ONE.scaleb(y.adjusted() - 2), ROUND_HALF_EVEN)  # 3 significant digits
        return plain(r)


def _canonical(x: Decimal, unit: str | None) -> Form:
    """万亿, 亿 or 万 for an amount no figure lends a scale to; none for %, 倍 and time."""
    word = unit_word(unit)
    if unit is None or (unit.partition("/")[0] in ("CNY", "USD", "HKD", "EUR", "JPY", "GBP", "person", "device",
                                                    "parameter", "token", "item", "FLOPS")):
        for name, size in _data()["scales"]:
            if abs(x) >= size:
                return Form("", "", "", name, Decimal(size), word, "", _ONE)
    return Form("", "", "", "", _ONE, word, "", _ONE)


def percent(x: Decimal) -> str:
    """A fraction as a percentage for people: 0.147 -> 14.7%, 0.005 -> 0.5%, 0.00012 -> 0.012%."""
    with localcontext() as c:
        c.prec = 80
        y = x * 100
        r = y.quantize(Decimal("0.1"), ROUND_HALF_EVEN)
        if not r and y:
            r = y.quantize(_ONE.scaleb(y.adjusted() - 1), ROUND_HALF_EVEN)  # 2 significant digits
    return f"{plain(r)}%"
