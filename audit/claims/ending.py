"""A search for a pattern anchored at the end (``…$``) that first looks at the last character.

The resolvers read the few characters before each figure with patterns such as ``(?:增长|下降)
了?\\s*$`` (a change verb right before it). Python's engine tries such a pattern at every
position of the window, though a match can only end in one of a few characters: the last
characters its words can end with. :func:`ending` works out that set from the pattern itself, so
that a window whose last character is none of them is refused at once, and the pattern runs only
where it might match. The answer is the engine's own, match for match: the set is a necessary
condition, and a pattern whose last character cannot be bounded (``[^,]{0,12}$``) always runs.
"""
from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
_ZERO_WIDTH = {C.ASSERT, C.ASSERT_NOT, C.AT}
_ENDS = {C.AT_END, C.AT_END_STRING}
_WIDEST_RANGE = 512  # a class range wider than this is not spelled out: the pattern always runs

# The classes a last character may be of besides the characters listed (their names stand in
# the set of characters: no character is two long), each with the test of a character.
_SPACE, _DIGIT = "\\s", "\\d"
_CATEGORIES = {C.CATEGORY_SPACE: _SPACE, C.CATEGORY_DIGIT: _DIGIT}


class Ending:
    """A compiled pattern and the characters a match of it can end with (``last``; None: any),
    besides white space (``space``) or decimal digits (``digit``) when a class at its end holds
    them. ``search`` is ``rx.search`` with that test first (a plain function, no bound method:
    it runs per figure, and the test must cost less than the search it spares)."""

    __slots__ = ("rx", "last", "space", "digit", "search")

    def __init__(self, rx: re.Pattern, last: frozenset | None = None, space: bool = False,
                 digit: bool = False) -> None:
        self.rx, self.last, self.space, self.digit = rx, last, space, digit
        self.search = rx.search if last is None else _guarded(rx.search, last | {"\n"}, space, digit)


def _guarded(search, last: frozenset, space: bool, digit: bool):
    """``search(text, pos, endpos)``, refused at once when the character before ``endpos`` can
    end no match (a final newline is in ``last``: ``$`` matches before it). The pattern matches
    no empty text, so a refused character outside the window refuses nothing a search finds."""

    def guarded(text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        if endpos is None:
            c = text[-1:]
        elif 0 < endpos <= len(text):
            c = text[endpos - 1]
        else:
            return search(text, pos, endpos)
        if c not in last and not (space and c.isspace() or digit and c.isdecimal()):
            return None
        return search(text, pos) if endpos is None else search(text, pos, endpos)

    return guarded


def ending(pattern: str | re.Pattern) -> Ending:
    """``pattern`` (compiled if given as text) with the set of characters its matches end with,
    when it ends in ``$`` or ``\\Z`` and that set can be spelled out; else with None."""
    rx = re.compile(pattern) if isinstance(pattern, str) else pattern
    if rx.flags & (re.MULTILINE | re.IGNORECASE):
        return Ending(rx, None)  # $ before every newline; letters of either case: not worked out
    items = list(_parser.parse(rx.pattern, rx.flags).data)
    if not items or items[-1][0] is not C.AT or items[-1][1] not in _ENDS:
        return Ending(rx, None)
    last, nullable = _last_of(items[:-1])
    if last is None or nullable:
        return Ending(rx, None)
    return Ending(rx, frozenset(c for c in last if len(c) == 1), _SPACE in last, _DIGIT in last)


def _last_of(items: list) -> tuple[set | None, bool]:
    """The characters the sequence ``items`` can end with (None: any) and whether it can match
    nothing at all, read from its end back to the first item that must consume a character."""
    out: set = set()
    for op, av in reversed(items):
        last, nullable = _last_of_item(op, av)
        if last is None:
            return None, False
        out |= last
        if not nullable:
            return out, False
    return out, True


def _last_of_item(op, av) -> tuple[set | None, bool]:
    """As :func:`_last_of`, for one item of a parsed pattern."""
    if op is C.LITERAL:
        return {chr(av)}, False
    if op is C.IN:
        return _class(av), False
    if op in _ZERO_WIDTH:
        return set(), True  # consumes nothing: the character before it ends the match
    if op is C.BRANCH:
        out: set = set()
        nullable = False
        for alt in av[1]:
            last, empty = _last_of(list(alt.data))
            if last is None:
                return None, False
            out |= last
            nullable = nullable or empty
        return out, nullable
    if op is C.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            return None, False  # (?i:…): either case of each letter, not listed
        return _last_of(list(av[-1].data))
    if op in _REPEATS:
        low, _high, body = av
        last, empty = _last_of(list(body.data))
        return last, empty or low == 0
    return None, False  # any character, a back reference, …: not bounded


def _class(items) -> set | None:
    """The characters of a character class ``[…]``, or None when it cannot be listed."""
    out: set = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] <= _WIDEST_RANGE:
            out.update(map(chr, range(av[0], av[1] + 1)))
        elif op is C.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:
            return None  # a negated class, another category (\w, \S), a wide range
    return out
