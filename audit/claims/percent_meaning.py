"""What a percentage is, read from the words before it (issue 22): a share of a named whole
(占总营收的30%), a stake (持股25%), or unknown (占比30%, the whole unnamed) unless it is a part
of the whole just stated (其中,三元电池占比56.96%).

Checks sum and compare shares only of one named whole: a share is a claim of metric
`market_share` whose segment names its part and its whole (`advertising@总营收`, `@全球智能手机
市场`), so shares of different parts or wholes never meet under one key. A change (同比增长X%) and a ratio metric (毛利率) are read before this,
from their own words; the words here are in audit/data/percentages.yaml.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..lexicon import LexiconError, _load


class Meaning(NamedTuple):
    kind: str  # share | stake | unknown
    whole: str | None  # the whole's name, for a share


class _Table(NamedTuple):
    share: re.Pattern  # 占 <whole> 的 at the end of the text before the figure
    stake: re.Pattern
    unnamed: re.Pattern
    opener: re.Pattern


def _words(data: dict, key: str) -> list[str]:
    words = data.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise LexiconError(f"audit/data/percentages.yaml: `{key}` must be a list of words")
    return sorted(words, key=len, reverse=True)


def _alt(words: list[str]) -> str:
    return "|".join(map(re.escape, words))


@functools.cache
def _table() -> _Table:
    data = _load("percentages.yaml")
    n = data.get("whole_max")
    if not isinstance(n, int) or n < 1:
        raise LexiconError("audit/data/percentages.yaml: `whole_max` must be a positive integer")
    verbs, tails = _alt(_words(data, "share_verbs")), _alt(_words(data, "share_tails"))
    share = re.compile(rf"(?:{verbs})(?P<whole>[^,;:。!?，；：、]{{1,{n}}}?)(?:{tails})\s*(?:约|近|超过|超|达|为)?\s*$")
    stake = re.compile(rf"(?:{_alt(_words(data, 'stake_words'))})")
    unnamed = re.compile(rf"(?:{_alt(_words(data, 'unnamed'))})")
    opener = re.compile(rf"(?:{_alt(_words(data, 'part_openers'))})")
    return _Table(share, stake, unnamed, opener)


PART_OF_STATED = "其中"  # the whole of a share of the whole just stated


def meaning(text: str, clause: int, pos: int, sentence: int | None = None) -> Meaning | None:
    """The meaning of the percentage at ``pos`` from the clause before it (``clause`` is where
    the clause starts; ``sentence`` where its sentence starts, for a part opener), or None when
    nothing there says it is a share or a stake."""
    t = _table()
    before = text[clause:pos]
    if t.stake.search(before):
        return Meaning("stake", None)
    m = t.share.search(before)
    if m is not None:
        return Meaning("share", m.group("whole").strip())
    if t.unnamed.search(before):
        if sentence is not None and t.opener.search(text, sentence, pos):
            return Meaning("share", PART_OF_STATED)
        return Meaning("unknown", None)
    return None
