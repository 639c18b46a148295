"""When a numeral is no figure: a name (Qwen-7B, GPT-4, 360GPT, iPhone 14, Python 3.8+), a list
marker (1、, 3)), the indefinite article (一个, 一种), a leading 几/数 with no magnitude after it, a
piece of a word that holds a numeral (一切, 四川, 十分 — ``excluded_words`` and
``standalone_neighbors`` in the lexicons), or a lone or leading-magnitude numeral (五, 百) that
neither stands alone nor carries a unit that measures it. The rules are general: they look at
the characters around the numeral and at the lexicons, never at a particular text.

:mod:`.figure` asks these once it has read the numeral and the words around it; the common
figure (a numeral with a unit, between non-ASCII characters) is decided without a search.
"""
from __future__ import annotations

from ..lexicon import Lexicon
from ..numerals import Numeral
from .grammar import Grammar, is_han

OPEN_QUOTES_CLOSE = "”」』》’\""


def is_figure(gr: Grammar, lx: Lexicon, text: str, s: int, e: int, start: int, end: int, num: str, n1: Numeral,
              n2: Numeral | None, bare: bool, unit_w: str | None, pre_q: str | None, cls: str | None) -> bool:
    """Whether the numeral at [s, e) (its figure at [start, end)) is a figure: not the
    indefinite article (一个), a placeholder without a magnitude (几), a list marker, a name, a
    piece of an excluded word, nor a lone or leading-unit numeral that has not earned its place."""
    spelled = not num[0].isdigit()  # opens with a Chinese numeral character
    lone = e - s == 1 and spelled  # one numeral character (五, 一, 百)
    if lone and text[s] == lx.article and unit_w in gr.plain_classifiers:
        return False  # 一个, 一种: the indefinite article
    if n1.placeholder == "lead" and n1.magnitudes == 0:
        return False
    if n2 is None:
        before = text[s - 1] if s > 0 else ""
        if bare and (s == 0 or before in " \t\n(") and _list_marker(text, s, e):
            return False
        # Between a non-ASCII character and anything but @, a figure with a unit cannot be
        # part of a name: the common case, decided without calling _is_name.
        if ((bare or s == 0 or before.isascii() or text.startswith("@", e))
                and _is_name(text, s, e, bare, gr)) or (
                bare and num in lx.numeric_names and e < len(text) and (is_han(text[e]) or text[e].isalpha())
                and not _prefixed_unit(lx, text, e)):
            return False
    elif _is_name(text, s, e, False, gr):
        return False  # Llama-2-13B
    if spelled and _excluded(gr, text, start, end):
        return False
    # lone and leading-unit numerals must earn their place
    if n2 is None and (n1.leading_unit or lone):
        return _admissible(gr, lx, text, s, e, n1, bare, unit_w, pre_q, cls)
    return True


def _admissible(gr: Grammar, lx: Lexicon, text: str, s: int, e: int, n: Numeral, bare: bool, unit_w: str | None,
                pre_q: str | None, cls: str | None) -> bool:
    """Whether a lone numeral character (五, 十) or one that opens with a magnitude (百三,
    千人) is a figure here: it must stand alone or carry what measures it."""
    first = text[s]
    if e - s == 1 and not first.isdigit() and (first in "十拾" or not n.leading_unit):
        # One character (五, 十, 拾, 陆): a figure when it stands alone or carries a unit.
        left = text[s - 1] if s > 0 else " "
        left_ok = not is_han(left) or left in lx.standalone_neighbors
        if unit_w and not bare and (left_ok or first not in lx.bank_digits):
            return True
        return neighbors_ok(text, s, e, lx.standalone_neighbors)
    if n.leading_unit and first not in "十拾":
        nxt = text[s + 1] if s + 1 < e else ""
        if nxt in lx.digits:
            return True  # 百三, 千三
        if n.magnitudes == 1:
            # 百/千/万 alone: a figure only with a unit that measures (百倍, 上千人, 万元)
            kind = gr.units.get(unit_w or "", ("", "", None))[0]
            return kind in ("amount", "multiple", "percent") or (unit_w in lx.counts.get("person", ()) and pre_q is not None)
        return bool(unit_w or cls or pre_q)
    return True


def neighbors_ok(text: str, s: int, e: int, neighbors: frozenset[str]) -> bool:
    left = text[s - 1] if s > 0 else " "
    right = text[e] if e < len(text) else " "
    return (not is_han(left) or left in neighbors) and (not is_han(right) or right in neighbors)


def _excluded(gr: Grammar, text: str, s: int, e: int) -> bool:
    """Is [s, e) inside one of the excluded words (十分, 四川)?"""
    if text[s:e] not in gr.excluded_parts:
        return False
    words = gr.excluded
    for length in gr.excluded_lengths:
        if length < e - s:
            continue
        for i in range(max(0, e - length), s + 1):
            if text[i:i + length] in words:
                return True
    return False


def _is_name(text: str, s: int, e: int, bare: bool, gr: Grammar) -> bool:
    """Is the numeral at [s, e) part of a name (Qwen-7B, GPT-4, 360GPT, iPhone 14, Python 3.8+)?"""
    before = text[s - 1] if s > 0 else "\n"
    after = text[e] if e < len(text) else "\n"
    if before.isascii() and before.isalpha():
        return True
    if before == "-" and s > 1 and text[s - 2].isascii() and text[s - 2].isalnum():
        return True
    if before in "._" and s > 1 and text[s - 2].isascii() and text[s - 2].isalnum():
        return True
    if after == "@" or before == "@":
        return True  # 123@example.com
    if bare:
        if after.isascii() and (after.isalpha() or after == "_"):
            return True
        if gr.product_line.search(text, max(0, s - 12), s):
            return True
        if before in OPEN_QUOTES_CLOSE:
            return True
        if before == " " and s > 1 and text[s - 2].isascii() and text[s - 2].isalnum():
            return True
        if after == "+":
            return True  # 3.8+ with no unit: a version (110+门 has a unit and is a figure)
    return False


def _list_marker(text: str, s: int, e: int) -> bool:
    after = text[e] if e < len(text) else "\n"
    lo = max(0, s - 16)  # a marker is at most a few spaces and a bracket into its line
    line_start = text.rfind("\n", lo, s) + 1
    if line_start == 0 and lo > 0:
        return False
    lead = text[line_start:s]
    if lead.strip() in ("", "(", "("):
        if after in "、)" or (after == "." and (e + 1 >= len(text) or not text[e + 1].isdigit())):
            return True
    return False


def _prefixed_unit(lx: Lexicon, text: str, at: int) -> bool:
    """Does a unit with an SI prefix start at ``at`` (360兆瓦: 360 megawatts, not the company 360)?"""
    return any(text.startswith(c + w, at) for c, words in lx.unit_prefixes.items() for w in words)
