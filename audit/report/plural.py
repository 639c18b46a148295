"""Counts in English with the right number: ``1 error``, ``2 errors``, ``2 baseline entries``."""
from __future__ import annotations

# Last words whose plural is not the word with an s (info is uncountable: 2 info).
_IRREGULAR = {"entry": "entries", "info": "info", "match": "matches"}


def plural(n: int, noun: str) -> str:
    """``n`` and ``noun`` (a word or a phrase ending in its noun) in the singular when n is 1,
    else with its last word in the plural."""
    if n == 1:
        return f"{n} {noun}"
    head, _, last = noun.rpartition(" ")
    return f"{n} {head + ' ' if head else ''}{_IRREGULAR.get(last, last + 's')}"
