"""A count restated by a demonstrative (for AU250, checks/count_mismatch.py): 共涉及9人…这9人中 /
四个重点方向…这4个方向上. ``这`` right before a count says it is a count already stated, so some
count of the same thing before it in the document has its value: of items, with the same
classifier and its noun right after it (方向); of people (or a bare number before a noun of
people: 3万工程师), within a short window (people are counted in many groups). A count with no
earlier count of its thing says nothing (its antecedent may be a list); one whose earlier counts
all differ is a warning: the earlier count may be of another group. Words in
audit/data/restated_counts.yaml.
"""
from __future__ import annotations

import functools
import re
from typing import Iterator, NamedTuple

from audit.lexicon import _int, _load, _words
from audit.model import Finding, Quantity

_FILE = "restated_counts.yaml"


class Words(NamedTuple):
    demonstrative: re.Pattern  # right before a count, at the end of the text before it
    noun: int
    reach: int
    people_window: int
    people: re.Pattern  # right after a bare number: a noun of people (工程师)


@functools.cache
def words() -> Words:
    data = _load(_FILE)
    dem = "|".join(map(re.escape, sorted(_words(_FILE, "demonstratives", data.get("demonstratives")), key=len, reverse=True)))
    reach = _int(_FILE, "reach", data.get("reach"))
    ends = "|".join(map(re.escape, _words(_FILE, "people_ends", data.get("people_ends"))))
    return Words(re.compile(rf"(?:{dem})\s*$"), _int(_FILE, "noun", data.get("noun")), reach,
                 _int(_FILE, "people_window", data.get("people_window")),
                 re.compile(rf"[^\W\d]{{0,{reach - 1}}}?(?:{ends})"))


def restated(a) -> Iterator[tuple[Quantity, Quantity]]:
    """(the anaphor, the nearest earlier count of its thing) for each count of document ``a``
    after a demonstrative whose value no earlier count of its thing has."""
    text, w = a.nt.text, words()
    anaphors = [q for q in a.quantities if q.kind == "count" and q.unit in ("item", "person") and q.value is not None
                and q.qualifier == "exact" and w.demonstrative.search(text, max(0, q.nstart - 3), q.nstart)]
    if not anaphors:
        return
    counts = [q for q in a.quantities if q.value is not None and (q.kind == "count" and q.unit in ("item", "person")
                                                                  or q.kind == "number" and w.people.match(text, q.nend))]
    for q in anaphors:
        before = [p for p in counts if p.nend <= q.nstart and _same_thing(text, w, p, q)]
        if before and all(p.value != q.value for p in before):
            yield q, before[-1]


def _same_thing(text: str, w: Words, p: Quantity, q: Quantity) -> bool:
    """Whether the earlier count ``p`` counts what the anaphor ``q`` counts."""
    if p.qualifier not in ("exact", "approx"):
        return False
    if q.unit == "person":  # a count of people, or a bare number before a noun of people (3万工程师)
        return (p.unit == "person" or p.kind == "number") and q.nstart - p.nend <= w.people_window
    if p.unit != q.unit:
        return False
    noun = text[q.nend:q.nend + w.noun]
    return p.classifier == q.classifier and len(noun) == w.noun and noun.isalpha() \
        and noun in text[p.nend:p.nend + w.reach + w.noun]


def findings(a, code: str, slug: str) -> Iterator[Finding]:
    """AU250's warnings on document ``a``: each anaphor with its nearest earlier count."""
    for q, p in restated(a):
        message = f"{q.text} restates a count stated before, but the count before it is {p.text}"
        yield Finding(code, slug, "warning", message, (a.location(q.start, q.end, q), a.location(p.start, p.end, p)),
                      (("restated", p.text),), (a.doc.ident, "restated"))
