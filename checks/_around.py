"""The words right around a figure (audit/data/figure_words.yaml), for the checks that find one
figure restated elsewhere in its document (AU130, AU140): the words before it, verbs and
qualifiers dropped, and the words after it. Two figures whose words share enough characters are
said of one thing."""
from __future__ import annotations

import functools
from typing import NamedTuple

from audit.lexicon import _int, _load, _words

_STOP = frozenset("，。；：！？、,.;:!?()（）“”\"'「」《》【】 \n\t%％-—～~/|") | frozenset("0123456789０１２３４５６７８９")


class _Words(NamedTuple):
    lead_chars: int
    tail_chars: int
    trailing: tuple[str, ...]  # longest first


@functools.cache
def _words_() -> _Words:
    f, d = "figure_words.yaml", _load("figure_words.yaml")
    return _Words(_int(f, "lead_chars", d.get("lead_chars")), _int(f, "tail_chars", d.get("tail_chars")),
                  tuple(sorted(_words(f, "trailing", d.get("trailing")), key=len, reverse=True)))


class Around(NamedTuple):
    lead: str  # the words of its clause right before it, verbs and qualifiers dropped
    tail: str  # the words right after it


def around(text: str, start: int, end: int) -> Around:
    """The words around the figure at [start, end) of the normalized ``text``."""
    w = _words_()
    j = start
    while j > 0 and start - j < w.lead_chars and text[j - 1] not in _STOP:
        j -= 1
    lead = text[j:start]
    while (cut := next((t for t in w.trailing if lead.endswith(t)), None)) is not None:
        lead = lead[:-len(cut)]
    k = end
    while k < len(text) and k - end < w.tail_chars and text[k] not in _STOP:
        k += 1
    return Around(lead, text[end + 1:k] if text[end:end + 1] == "的" else text[end:k])


def shared(a: Around, b: Around) -> int:
    """Characters their words share: the end of the words before, the start of the words after."""
    n = 0
    while n < min(len(a.lead), len(b.lead)) and a.lead[-1 - n] == b.lead[-1 - n]:
        n += 1
    m = 0
    while m < min(len(a.tail), len(b.tail)) and a.tail[m] == b.tail[m]:
        m += 1
    return n + m
