"""Shares tied to their part and whole by name across sentences (issue 22): official statistics
state the parts in one paragraph and their shares in another, each naming its part by the same
noun phrase (委托贷款余额为9.67万亿元。…委托贷款余额占比7.6%), the whole named once (占同期社会融资
规模存量的66.7%) and carried to the shares of the list after it.

A figure introduced by a link word (为, 达) has a name: the words of its clause before that word;
a share of a named whole (audit.claims.percent_meaning) names its part by the words of its clause
before its verb (占, 占比). Names are compared whole, after dropping the dates in them and the
determiners before them (我国, 同期): never by a common suffix. A share whose part name is the name
of exactly one figure of its document, of the share's entity, carries ("share-named-part", that
figure); when its whole's name is the name of one figure too, ("share-named-of", it). AU230
(checks/_wholes.py) then checks part / whole against the share. The words are in
audit/data/wholes.yaml.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from ..lexicon import LexiconError, _load, _words
from ..model import Quantity
from .model import Claim

_FILE = "wholes.yaml"
_STOP = re.compile(r"[,;:，；：。!?！？\n]")
_LOOK = 48  # the farthest a name's clause reaches back from its figure
_NOT_PARTS = frozenset({"percent", "percentage_point"})


class NameWords(NamedTuple):
    """The words of audit/data/wholes.yaml that read names, compiled once."""
    link: re.Pattern  # the link word at the end of a figure's clause: 为
    mark: re.Pattern  # the first share mark in a share's clause: 占比, 占
    determiners: re.Pattern  # at the start of a name
    fillers: re.Pattern  # inside a name
    least: int


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@functools.cache
def name_words() -> NameWords:
    data = _load(_FILE)
    w = {k: _words(_FILE, k, data.get(k)) for k in ("name_links", "share_marks", "verbs", "determiners", "fillers")}
    least = data.get("name_least")
    if not isinstance(least, int) or isinstance(least, bool) or least < 2:
        raise LexiconError(f"audit/data/{_FILE}: name_least: expected an integer of at least 2")
    return NameWords(re.compile(rf"(?:{_alt(w['name_links'])})\s*$"), re.compile(_alt(w["share_marks"] + w["verbs"])),
                     re.compile(rf"^(?:\s*(?:{_alt(w['determiners'])}))+"), re.compile(_alt(w["fillers"])), least)


def tie(text: str, quantities: tuple[Quantity, ...], claims: list[Claim]) -> list[Claim]:
    """``claims`` of one document (normalized ``text``, its ``quantities``) with each share tied by
    name to its part and whole where the document names them once."""
    if not any(_share(c) for c in claims):
        return claims
    w = name_words()
    dates = [(q.nstart, q.nend) for q in quantities if q.kind in ("date", "period")]
    named: dict[tuple, list[Claim]] = {}
    for c in claims:
        if c.quantity is not None and c.quantity.kind not in _NOT_PARTS:
            clause = _clause(text, c.quantity.nstart)
            m = w.link.search(clause)
            name = _name(w, clause[:m.start()], c.quantity.nstart - len(clause), dates) if m else None
            if name:
                named.setdefault((c.entity, name), []).append(c)
    return [_tied(text, w, c, named, dates) if _share(c) else c for c in claims]


def _share(c: Claim) -> bool:
    """A share of a named whole not already tied to a part in its sentence."""
    return c.metric == "market_share" and "@" in (c.segment or "") and c.quantity is not None \
        and not any(r in ("share-part", "share-untied") for r, _ in c.relations)


def _tied(text: str, w: NameWords, c: Claim, named: dict[tuple, list[Claim]], dates: list[tuple[int, int]]) -> Claim:
    clause = _clause(text, c.quantity.nstart)
    m = w.mark.search(clause)
    if m is None:
        return c
    part = _one(named.get((c.entity, _name(w, clause[:m.start()], c.quantity.nstart - len(clause), dates))))
    if part is None or (part.period and c.period and part.period != c.period):
        return c
    rels = (("share-named-part", part.id),)
    whole = _one(named.get((c.entity, _name(w, c.segment.partition("@")[2], -1, []))))
    if whole is not None and whole.id != part.id and whole.quantity.unit == part.quantity.unit:
        rels += (("share-named-of", whole.id),)
    return c._replace(relations=c.relations + rels)


def _one(found: list[Claim] | None) -> Claim | None:
    """The figure a name names, when the document gives it one value (a restatement is the same)."""
    if not found:
        return None
    q = found[0].quantity
    return found[0] if all((f.quantity.low, f.quantity.high, f.quantity.unit) == (q.low, q.high, q.unit)
                           for f in found) else None


def _clause(text: str, at: int) -> str:
    """The text of the clause before position ``at``, at most _LOOK characters."""
    before = text[max(0, at - _LOOK):at]
    stops = list(_STOP.finditer(before))
    return before[stops[-1].end():] if stops else before


def _name(w: NameWords, words: str, start: int, dates: list[tuple[int, int]]) -> str | None:
    """``words`` (starting at ``start`` in the text, -1 when not from it) as a name: after the last
    date in them, without determiners before or fillers inside; None when too short to tie."""
    if start >= 0:
        k = bisect.bisect_left(dates, (start + len(words),))
        for s, e in reversed(dates[:k]):
            if s >= start:
                words = words[e - start:]
                break
    name = w.fillers.sub("", w.determiners.sub("", words.strip())).strip()
    return name if len(name) >= w.least and not any(ch.isdigit() for ch in name) else None
