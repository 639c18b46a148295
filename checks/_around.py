"""The words right around a figure (audit/data/figure_words.yaml), for the checks that find one
figure restated elsewhere in its document (AU130, AU140): the words before it, verbs and
qualifiers dropped, and the words after it. Two figures whose words share enough characters are
said of one thing. Also what both checks ask of the figures themselves: their written digits, and
whether one may restate the other's value."""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from audit.lexicon import _int, _load, _words, alternation
from audit.model import Quantity

_DIGIT = re.compile(r"[0-9０-９]")
_UNITLESS = frozenset({"amount", "count"})  # a bare number (305亿, 2000W) restates these by value
_STOP = frozenset("，。；：！？、,.;:!?()（）“”\"'「」《》【】 \n\t%％-—～~/|") | frozenset("0123456789０１２３４５６７８９")


class _Words(NamedTuple):
    lead_chars: int
    lead: re.Pattern  # the words of a clause right before a figure (searched in a short window)
    tail: re.Pattern  # the words right after it
    trailing: re.Pattern  # one verb or qualifier at the end of the words before a figure


@functools.cache
def _words_() -> _Words:
    f, d = "figure_words.yaml", _load("figure_words.yaml")
    lead, tail = _int(f, "lead_chars", d.get("lead_chars")), _int(f, "tail_chars", d.get("tail_chars"))
    stop = "".join(re.escape(c) for c in sorted(_STOP))
    return _Words(lead, re.compile(rf"[^{stop}]{{0,{lead}}}$"), re.compile(rf"的([^{stop}]{{0,{tail - 1}}})|([^{stop}]{{0,{tail}}})"),
                  re.compile(rf"(?:{alternation(_words(f, 'trailing', d.get('trailing')))})$"))


class Around(NamedTuple):
    lead: str  # the words of its clause right before it, verbs and qualifiers dropped
    tail: str  # the words right after it


def around(text: str, start: int, end: int) -> Around:
    """The words around the figure at [start, end) of the normalized ``text``."""
    w = _words_()
    lead = w.lead.search(text, max(0, start - w.lead_chars), start).group()
    while (cut := w.trailing.search(lead)) is not None and cut.start() < len(lead):
        lead = lead[:cut.start()]
    m = w.tail.match(text, end)
    return Around(lead, m.group(1) if m.group(1) is not None else m.group(2))


def shared(a: Around, b: Around) -> int:
    """Characters their words share: the end of the words before, the start of the words after."""
    n = 0
    while n < min(len(a.lead), len(b.lead)) and a.lead[-1 - n] == b.lead[-1 - n]:
        n += 1
    m = 0
    while m < min(len(a.tail), len(b.tail)) and a.tail[m] == b.tail[m]:
        m += 1
    return n + m


def written_digits(q: Quantity) -> str:
    """The Arabic digits a figure is written with (24.5亿 -> 245; 两次 -> "")."""
    return "".join(_DIGIT.findall(q.text))


def restates(a: Quantity, b: Quantity) -> bool:
    """May ``a`` restate ``b``'s value: one kind and unit, or ``a`` a bare number (305亿) and ``b``
    an amount or a count (305.04亿元)."""
    return (a.kind, a.unit) == (b.kind, b.unit) or (a.kind == "number" and b.kind in _UNITLESS)
