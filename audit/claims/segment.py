"""The segment of a figure: a segment the lexicon names (segments.yaml) from a little before its
metric word up to the figure; else the words right before the metric word that narrow it (其中
核心电商收入724.75亿元: ``~核心电商``), so that a part is never taken for the whole; a share's key
names its part and its whole (``广告@总营收``).
"""
from __future__ import annotations

import functools
import re

from ..model import Quantity
from .frame import Sentence, Span, find
from .lexicons import Lexicons

BEFORE_METRIC = 8  # characters before the metric word a segment word may start
ENTITY_BEFORE = 20  # characters before the clause an entity's name may start and end within it
MODIFIER = 7  # characters of the longest modifier read
_NEUTRAL = re.compile(r"^(?:[的其中总全年度季度同期当期整体公司集团财报实现营业期内去今本上下半该此第首一二三四]|共计|合计)+$")


_HAN_TAIL = re.compile(r"[\u4e00-\u9fff]{2,7}$")
_LEADING_PARTICLES = re.compile(r"^(?:其中|其|而|但|及|和|与|在|为)+")


def mentions(text: str, lex: Lexicons) -> list[Span]:
    return find(lex.segment_re, lex.segment_of, text)


def read(s: Sentence, q: Quantity, clause: int, metric: Span | None) -> str | None:
    """The segment of the figure ``q`` (its metric word at ``metric``), or None."""
    men = s.doc.men
    seg = men.segments.last_before(metric[0] - BEFORE_METRIC if metric else clause, q.nstart)
    if seg is not None:
        return seg[2]
    if metric is not None and metric[0] < q.nstart:
        # 其中核心电商收入724.75亿元: a part the lexicon does not know is still a part; it gets a
        # segment of its own name, so that it is never taken for the whole.
        modifier = _modifier(s.doc.text, max(clause, metric[0] - BEFORE_METRIC), metric[0],
                             men.entities.between(clause - ENTITY_BEFORE, metric[0]))
        if modifier:
            return "~" + modifier
    return None


def of_share(segment: str | None, whole: str) -> str:
    """A share's key names its part and its whole: 广告@总营收."""
    return f"{segment or ''}@{whole}"


def _modifier(text: str, lo: int, hi: int, entities: list[Span]) -> str | None:
    """The words right before a metric word that narrow it (核心电商 in 核心电商收入), or None."""
    for s, e, _ in entities:
        if lo < e <= hi:
            lo = e  # what follows an entity's name
    return _modifier_word(text[max(lo, hi - MODIFIER):hi])  # at most the last seven characters

@functools.lru_cache(maxsize=4096)
def _modifier_word(tail: str) -> str | None:
    """The modifier read from the characters before a metric word (cached: they repeat)."""
    m = _HAN_TAIL.search(tail)
    if m is None:
        return None
    word = m.group().rstrip("的").rsplit("的", 1)[-1]  # 已连接的设备数: what stands after 的
    word = _LEADING_PARTICLES.sub("", word)
    if len(word) < 2 or _NEUTRAL.match(word):
        return None
    return word

