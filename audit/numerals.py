"""Read a numeral written in Chinese, Arabic digits or a mix of both, with its precision.

A numeral run such as ``一千二百``, ``1.15亿``, ``5万4千6百``, ``180 百亿亿``, ``二十几万`` or
``500余万`` becomes a :class:`Numeral`: the exact value (Decimal), the *place* of its last stated
digit (``7042亿`` -> 1亿, ``一万三`` -> 1000, ``12.65亿`` -> 0.01亿) from which the rounding interval
follows, and the markers that widen it (多/余 -> open above, 几/数 -> a digit left unknown).
Magnitude sections are split at the largest (stacked) big unit, so ``四万万``, ``一万五千亿`` and
``五兆六十二亿`` all read right without special cases.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from typing import NamedTuple

import regex

from .lexicon import lexicon

ONE = Decimal(1)
ZERO = Decimal(0)
MAX_NUMERAL = 80


class Numeral(NamedTuple):
    """An immutable NamedTuple rather than a frozen dataclass: one is made per distinct figure
    read, and building a frozen dataclass costs several times more."""

    value: Decimal
    place: Decimal  # unit of the last stated digit: half of it either side is rounding
    over: bool = False  # 多/余: the figure is a lower bound
    tail: Decimal = ONE  # the top-level big-unit multiplier (亿 in 4亿), shared by a range's first end
    placeholder: str | None = None  # "lead" (几十, 数亿) or "trail" (二十几): one digit left unknown
    ph_place: Decimal = ONE  # the place the unknown digit stands in
    leading_unit: bool = False  # starts with a unit or big unit (百万, 万亿, 千三) rather than a digit
    magnitudes: int = 0  # how many unit characters the run holds
    low: Decimal = ZERO  # value -/+ half the place: the rounding interval, made once per numeral
    high: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # n digit/number, z zero, u unit, b big unit (power), a unknown digit, o over, p point
    value: Decimal = ZERO
    place: Decimal = ONE
    cn: bool = False


@functools.cache
def _token_re() -> regex.Pattern:
    return regex.compile(
        r"(?P<ar>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?P<exp>[eE][+-]?\d+|\^[+-]*\d+)?|(?P<sp> +)|(?P<ch>.)",
        regex.S,
    )


@functools.cache
def _char_tokens() -> dict[str, _Tok]:
    lx = lexicon()
    table: dict[str, _Tok] = {}
    for ch, d in lx.digits.items():
        table[ch] = _Tok("z") if d == 0 else _Tok("n", Decimal(d), ONE, True)
    for ch, u in lx.units.items():
        table[ch] = _Tok("u", Decimal(u))
    for ch, p in lx.big_units.items():
        table[ch] = _Tok("b", Decimal(p))
    for ch in lx.approx_digits:
        table[ch] = _Tok("a")
    for w in lx.infix_over:
        if len(w) == 1:
            table[w] = _Tok("o")
    table[lx.decimal_point] = _Tok("p")
    return table


def _tokenize(s: str) -> list[_Tok] | None:
    chars = _char_tokens()
    out: list[_Tok] = []
    for m in _token_re().finditer(s):
        ar = m.group("ar")
        if ar is not None:
            digits = ar.replace(",", "")
            try:
                v = Decimal(digits)
            except InvalidOperation:
                return None
            frac = len(digits) - digits.index(".") - 1 if "." in digits else 0
            place = ONE.scaleb(-frac)
            exp = m.group("exp")
            if exp:
                if exp[0] == "^":
                    sign = -1 if exp.count("-") % 2 else 1
                    e = int(exp.lstrip("^+-")) * sign
                    if abs(e) > 64 or abs(v) > 10**6:
                        return None
                    with localcontext() as ctx:
                        ctx.prec = 40
                        v = v**e
                    place = ZERO
                else:
                    e = int(exp[1:])
                    if abs(e) > 64:
                        return None
                    v, place = v.scaleb(e), place.scaleb(e)
            out.append(_Tok("n", v, place, False))
        elif m.group("sp") is None:
            t = chars.get(m.group("ch"))
            if t is None:
                return None
            out.append(t)
    return out


@functools.lru_cache(maxsize=8192)
def parse_numeral(s: str) -> Numeral | None:
    """The numeral that ``s`` spells, or None when it is not one well-formed numeral."""
    if len(s) > MAX_NUMERAL:
        return None  # no figure is written with that many characters: digits run together
    m = _plain_re().fullmatch(s)
    if m is not None:
        return _plain(m)
    return _general(s)


@functools.cache
def _plain_re() -> re.Pattern:
    """Arabic digits, perhaps a fraction, perhaps big units after them (2800, 14.7, 1.5万亿)."""
    return re.compile(rf"([0-9]+(?:\.[0-9]+)?)([{''.join(map(re.escape, lexicon().big_units))}]*)")


def _plain(m: re.Match) -> Numeral:
    """What :func:`_general` reads from a plain numeral, the same operations on the same values
    without the tokens (most figures are written so; a property test holds the two to the same
    results)."""
    digits, units = m.groups()
    frac = len(digits) - digits.index(".") - 1 if "." in digits else 0
    value, place, tail = ZERO + Decimal(digits), ONE.scaleb(-frac), ONE
    if units:
        big = lexicon().big_units
        tail = ONE.scaleb(sum(big[u] for u in units))
        value, place = value * tail, place * tail
    half = place / 2
    return Numeral(value=value, place=place, low=value - half, high=value + half, tail=tail,
                   magnitudes=len(units))


def _general(s: str) -> Numeral | None:
    toks = _tokenize(s)
    if not toks:
        return None
    over = any(t.kind == "o" for t in toks)
    if over:
        if toks[0].kind == "o":
            return None
        toks = [t for t in toks if t.kind != "o"]
    frac_digits = ""
    if any(t.kind == "p" for t in toks):
        i = next(i for i, t in enumerate(toks) if t.kind == "p")
        int_toks, frac = toks[:i], toks[i + 1 :]
        if not frac or not int_toks:
            return None
        for t in frac:
            if t.kind == "z":
                frac_digits += "0"
            elif t.kind == "n" and t.cn:
                frac_digits += str(int(t.value))
            else:
                return None
        toks = int_toks
    r = _int(toks)
    if r is None:
        return None
    value, place, tail, ph = r
    if frac_digits:
        value += Decimal("0." + frac_digits)
        place = ONE.scaleb(-len(frac_digits))
    placeholder, ph_place = (ph if ph else (None, ONE))
    first = toks[0]
    half = place / 2
    return Numeral(
        value=value,
        place=place,
        low=value - half,
        high=value + half,
        over=over,
        tail=tail,
        placeholder=placeholder,
        ph_place=ph_place,
        leading_unit=first.kind in ("u", "b"),
        magnitudes=sum(1 for t in toks if t.kind in ("u", "b")),
    )


def _int(toks: list[_Tok]):
    """(value, place, tail multiplier, placeholder) of an integer numeral, or None."""
    # Stacked big units multiply: 万亿 = 10^12, 百亿亿 keeps 百 as a small unit before 亿亿.
    groups: list[tuple[int, int, int]] = []  # (start, end, power)
    i = 0
    while i < len(toks):
        if toks[i].kind == "b":
            j, p = i, 0
            while j < len(toks) and toks[j].kind == "b":
                p += int(toks[j].value)
                j += 1
            groups.append((i, j, p))
            i = j
        else:
            i += 1
    if not groups:
        r = _section(toks)
        if r is None:
            return None
        v, place, ph = r
        return v, place, ONE, ph
    start, end, power = max(groups, key=lambda g: (g[2], g[0]))
    mult = ONE.scaleb(power)
    left, right = toks[:start], toks[end:]
    if left:
        lr = _int(left)
        if lr is None:
            return None
        lv, lplace, _lt, lph = lr
    else:
        lv, lplace, lph = ONE, ONE, None
    value, place = lv * mult, lplace * mult
    ph = (lph[0], lph[1] * mult) if lph else None
    if right:
        if len(right) == 1 and right[0].kind == "n" and right[0].cn:
            # 一万三 = 13000: a lone digit after a big unit fills the next place down.
            value += right[0].value * mult / 10
            place = mult / 10
        else:
            rr = _int(right)
            if rr is None:
                return None
            rv, rplace, _rt, rph = rr
            if rv >= mult:
                return None
            value += rv
            place = rplace
            ph = rph or ph
    return value, place, mult, ph


def _section(toks: list[_Tok]):
    """(value, place, placeholder) of a numeral below the first big unit (digits, 十百千, 零)."""
    total = ZERO
    num: Decimal | None = None
    num_place = ONE
    num_cn = False
    last_unit: Decimal | None = None
    zero = False
    place = ONE
    pending_ph = False
    ph: tuple[str, Decimal] | None = None
    for t in toks:
        k = t.kind
        if k == "n":
            if num is not None:
                return None
            num, num_place, num_cn = t.value, t.place, t.cn
        elif k == "a":
            if num is not None or ph is not None:
                return None
            num, num_place, num_cn = ZERO, ONE, True
            pending_ph = True
        elif k == "z":
            if num is not None:
                return None
            zero = True
        elif k == "u":
            u = t.value
            if last_unit is not None and u >= last_unit:
                return None
            if num is None:
                if not (last_unit is None or zero):
                    return None
                n = ONE
            else:
                n = num
            if pending_ph:
                ph = ("lead" if total == 0 else "trail", u)
                pending_ph = False
            total += n * u
            place = num_place * u if num is not None else u
            last_unit, num, zero = u, None, False
        else:
            return None
    if num is not None:
        if last_unit is not None and not zero and num_cn and num < 10:
            total += num * last_unit / 10
            place = last_unit / 10
        else:
            if last_unit is not None and num >= last_unit:
                return None
            total += num
            place = num_place
        if pending_ph:
            ph = ("lead" if total == num and last_unit is None else "trail", place)
    elif zero and last_unit is None:
        place = ONE  # 零 alone
    return total, place, ph
