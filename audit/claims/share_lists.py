"""A list of shares, each right after its part's name and a share word (issue 22, for AU230):
公建占70%、住宅占30% / 甲占比53.76%、乙占比38.95%、其他占比7.29%. Listed so, one after the other,
the parts share one whole (the sentence's subject): together at most all of it, and all of it
when the last part is the rest (其他). Read for :mod:`.arithmetic` like its other readers, so a
figure no metric word names becomes a claim: the last share carries ("partition-with", each
other), or ("rest-of", each other) after a word of the rest; AU230 checks both as a warning at
most (checks/part_whole.py), since the whole itself is not stated. A share whose words name its
whole (占总营收的30%) is not read here: AU230 sums those by the whole they name.

The words: share_words and share_links in audit/data/arithmetic.yaml (占比, 占; 为), separators,
list_rest and list_name_max in audit/data/wholes.yaml.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..lexicon import _int, _load, _words
from .arithmetic_words import Words
from .sentence import Link, _delta, _prior, _Sentence
from .splits import split_words

_FILE = "wholes.yaml"


class ListWords(NamedTuple):
    first: re.Pattern  # the end of the text before the first share: its part's name and share word
    next: re.Pattern  # all of the gap from one share to the next: a separator, a name, a share word
    rest: frozenset[str]  # a last part's name that makes it the rest of the whole: 其他


@functools.cache
def list_words() -> ListWords:
    wholes, arith = _load(_FILE), _load("arithmetic.yaml")

    def alt(data: dict, file: str, key: str) -> str:
        return "|".join(map(re.escape, sorted(_words(file, key, data.get(key)), key=len, reverse=True)))
    n = _int(_FILE, "list_name_max", wholes.get("list_name_max"))
    share = rf"(?:{alt(arith, 'arithmetic.yaml', 'share_words')})(?:{alt(arith, 'arithmetic.yaml', 'share_links')})?\s*"
    name = rf"(?P<name>[^\d、,，;；:：。!?()（）\s占的]{{1,{n}}}?)"
    return ListWords(re.compile(rf"{name}{share}$"),
                     re.compile(rf"\s*(?:{alt(wholes, _FILE, 'separators')})\s*{name}{share}"),
                     frozenset(_words(_FILE, "list_rest", wholes.get("list_rest"))))


def share_lists(s: _Sentence, w: Words) -> list[Link]:
    """Each run of two or more shares of the sentence, each after its own part's name and a share
    word, one list (separators only between them): the last carries its relation to the others."""
    lw, v = list_words(), s.values
    out: list[Link] = []
    k = 0
    while k < len(v):
        first = lw.first.search(s.before(k, 16)) if _plain(s, w, k) else None
        if first is None:
            k += 1
            continue
        names, end = [first.group("name")], k
        while end + 1 < len(v) and _plain(s, w, end + 1) and (m := lw.next.fullmatch(s.gap(end, end + 1))):
            names.append(m.group("name"))
            end += 1
        if end > k and _distinct(names):
            out += _link(s, lw, names, k, end)
        k = end + 1
    return out


def _link(s: _Sentence, lw: ListWords, names: list[str], k: int, end: int) -> list[Link]:
    """The list's relation: the rest of the whole when the last part is named so (unless a word
    of the rest stands right before it: audit.claims.wholes.rests reads that one), else a partition."""
    if names[-1] in lw.rest:
        if split_words().rest.search(s.text, max(s.start, s.values[end].nstart - 4), s.values[end].nstart):
            return []
        return [Link("rest", end, tuple(("rest-of", j) for j in range(k, end)))]
    return [Link("partition", end, tuple(("partition-with", j) for j in range(k, end)))]


def _distinct(names: list[str]) -> bool:
    """No part named twice: the first name may carry words before it (该地块公建), so a name that
    ends another is the same part."""
    return not any(a.endswith(b) for i, a in enumerate(names) for j, b in enumerate(names) if i != j)


def _plain(s: _Sentence, w: Words, i: int) -> bool:
    """Figure ``i`` is a percentage stated as it is: no change, difference or earlier value."""
    return s.values[i].kind == "percent" and not s.change(i) and not _delta(s, w, i) and not _prior(s, w, i)
