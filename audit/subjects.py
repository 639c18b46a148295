"""Name what a run could not resolve: the organisation-like name written before a figure that has
no known entity (``12 figures name 云帆科技, which the lexicon does not know``).

A name is a short run of Han characters ending in a word that ends organisations' names (科技,
集团, 有限公司: ``audit/data/orgs.yaml``), standing on its own (a break character or no Han
character before it). Only the text of a figure's line up to WINDOW characters before it is read,
and only for figures without an entity (a figure whose entity was read outside the lexicon, ``~云帆科技``,
names it as it is), so the cost is small and independent of the document's
size. It is a hint for the user; claims never take an entity from it.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable, Mapping

from .lexicon import LexiconError, _load, _words, alternation

UNLISTED = "~"  # the prefix of an entity read outside the lexicon (audit.claims.unlisted.PREFIX)
WINDOW = 120  # characters before a figure searched for the name


@functools.cache
def _grammar() -> tuple[re.Pattern, frozenset[str]]:
    data = _load("orgs.yaml")
    stem, breaks = data.get("stem"), data.get("breaks")
    if not (isinstance(stem, dict) and all(isinstance(stem.get(k), int) for k in ("min", "max"))
            and isinstance(breaks, str) and breaks):
        raise LexiconError("audit/data/orgs.yaml: expected stem: {min, max} and breaks: a string")
    inner = _han_except(frozenset(breaks))
    pattern = (rf"(?<!{inner})(?P<stem>{inner}{{{stem['min']},{stem['max']}}})"
               rf"(?P<suffix>{alternation(_words('orgs.yaml', 'suffixes', data.get('suffixes')))})")
    return re.compile(pattern), frozenset(_words("orgs.yaml", "generic", data.get("generic")))


def _han_except(breaks: frozenset[str]) -> str:
    """A character class of the CJK unified ideographs but ``breaks``, as ranges (``re`` has no
    set difference, and a class of ranges is matched in C)."""
    ranges, start = [], None
    for cp in range(0x4E00, 0xA000 + 1):
        inside = cp < 0xA000 and chr(cp) not in breaks
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            ranges.append(f"{chr(start)}-{chr(cp - 1)}" if cp - 1 > start else chr(start))
            start = None
    return f"[{''.join(ranges)}]"


def name_before(text: str, at: int) -> str | None:
    """The last organisation-like name on the line of ``text`` before offset ``at``, or None."""
    rx, generic = _grammar()
    lo = max(text.rfind("\n", 0, at) + 1, at - WINDOW)
    found = None
    for m in rx.finditer(text, lo, at):
        if m.group("stem") not in generic:
            found = m.group()
    return found


def unresolved(text: str, claims: Iterable, known: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """(claim id, name) for each claim of ``text`` without an entity that has a name before it
    which is not a name of the lexicon (``known``: name -> entity id), and for each claim whose
    entity is a name read outside the lexicon (``~云帆科技``: linked, but only by its spelling)."""
    out = []
    for c in claims:
        if c.entity is not None and c.entity.startswith(UNLISTED):
            out.append((c.id, c.entity[len(UNLISTED):]))
        elif c.entity is None and c.quantity is not None:
            name = name_before(text, c.quantity.nstart)
            if name is not None and name not in known:
                out.append((c.id, name))
    return tuple(out)
