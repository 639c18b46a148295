"""News credits: the outlet named in 新浪科技讯 (a dateline's credit) or 据新浪科技报道 reports the
story; it is no subject of the figures after it. Without this, every figure of a wire story
credited to an outlet of the entity lexicon took the outlet as its entity (新浪 for a Twilio
earnings report). The words are in ``audit/data/credits.yaml``.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..lexicon import LexiconError, _load, _words, alternation
from .frame import Span


class _Grammar(NamedTuple):
    mark: re.Pattern  # right after the name: 科技讯 + a space or a colon
    before: re.Pattern  # 据… before the name
    after: re.Pattern  # …报道 after it


@functools.cache
def _grammar() -> _Grammar:
    data = _load("credits.yaml")
    channel, around = data.get("channel"), data.get("around")
    if not isinstance(channel, int) or channel < 0 or not isinstance(around, dict):
        raise LexiconError("audit/data/credits.yaml: expected channel: a whole number and around: {before, after}")
    mark = _words("credits.yaml", "mark", data.get("mark"))
    before = _words("credits.yaml", "around.before", around.get("before"))
    after = _words("credits.yaml", "around.after", around.get("after"))
    return _Grammar(re.compile(rf"[\u4e00-\u9fff]{{0,{channel}}}?(?:{alternation(mark)})(?:[ \t\u3000]|[:：])"),
                    re.compile(rf"(?:{alternation(before)})[^,，。;；!?！？\n]{{0,12}}$"),
                    re.compile(rf"[^,，。;；!?！？\n]{{0,8}}?(?:{alternation(after)})"))


def is_credit(text: str, m: Span) -> bool:
    """Is the name at ``m`` an outlet credited with the story (新浪科技讯 …, 据新浪科技报道)?"""
    g = _grammar()
    start, end, _ = m
    if g.mark.match(text, end):
        return True
    return g.before.search(text, max(0, start - 12), start) is not None and g.after.match(text, end) is not None
