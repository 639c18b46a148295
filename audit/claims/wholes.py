"""Wholes one sentence states with their parts, read without a metric word (issue 22), for
:mod:`.arithmetic`: a total after its parts and a share of a count stated as the whole. Both hold
whatever the figures measure, so AU230 checks them in their sentence:

- sum: a total after its parts (A…,B…,合计C) carries ("sum-of", each part);
- share: a share of a count stated as the whole (40起案例中,…有9人,占比22.5%) carries
  ("share-part", the count right before it) and ("share-of", the whole).

The words (totals, count_whole, not_count_whole, share_words, share_links) are in
audit/data/arithmetic.yaml.
"""
from __future__ import annotations

from .arithmetic_words import Words
from .sentence import _SEMICOLON, Link, _delta, _prior, _Sentence


def totals(s: _Sentence, w: Words) -> list[Link]:
    """A…,B…,合计C: C, after a total word in its clause, is the sum of the values of its unit
    stated before it in the sentence since its last semicolon, 其中 or total; none is read when
    one of them is an earlier value or a change (去年同期为…, 增加…), which no sum takes."""
    v = s.values
    out = []
    first = 0
    for k in range(1, len(v)):
        gap = s.gap(k - 1, k)
        if _SEMICOLON.search(gap) or w.parts.search(gap):
            first = k
        if not w.totals.search(s.before(k, 10)) or _prior(s, w, k) or s.change(k):
            continue
        parts = [j for j in range(first, k) if s.same(j, k)]
        if len(parts) >= 2 and not any(_prior(s, w, j) or _delta(s, w, j) or w.to.search(s.before(j, 4))
                                       for j in parts):
            out.append(Link("sum", k, tuple(("sum-of", j) for j in parts)))
        first = k + 1
    return out


def count_shares(s: _Sentence, w: Words) -> list[Link]:
    """N…中,…M,占比P%: P, a share whose words name no whole, is M of the count N its sentence
    states as a whole before it (40起案例中); M is the count right before P, no change."""
    v = s.values
    out = []
    whole = None
    for k in range(1, len(v)):
        if v[k - 1].kind == "count" and w.count_whole.match(s.gap(k - 1, k)) and not _prior(s, w, k - 1):
            whole = k - 1
        if whole is None or v[k].kind != "percent" or k - 1 == whole or v[k - 1].kind != "count" \
                or not w.share.search(s.before(k, 8)) or len(s.gap(k - 1, k)) > 12:
            continue
        if not (s.change(k - 1) or _delta(s, w, k - 1) or _prior(s, w, k - 1) or s.change(k)):
            out.append(Link("share", k, (("share-part", k - 1), ("share-of", whole))))
    return out
