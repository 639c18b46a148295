"""Normalize text for reading figures, keeping a map back to the raw text.

Steps: markup removal (tags, entities, Markdown marks), NFKC (full-width digits and signs), OpenCC
t2s (traditional -> simplified), and removal of pinyin annotations written after a character (``聯(lián)`` -> ``联``). Every output character knows the
raw span it came from, so a figure found in normalized text is reported at its raw line and column
with its raw snippet. Each step has a fast path that leaves the map as the identity.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import regex

from .markup import strip_markup
from .offsets import Edits, apply

# Pinyin: an optional initial, a final, tone marks on the vowels or a tone digit.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PLAIN = "aeiouüv"
_SYLLABLE = regex.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|üan|ai|ei|ao|ou|an|en|in|un|ün|vn|"
    r"ia|ie|iu|ua|uo|ui|üe|ue|ve|er|a|o|e|i|u|ü|v|ng|n|m)[1-5]?"
)
# Found with the stdlib engine (it scans for the "(" quickly); the character before is checked
# with the regex module, which knows \p{Han}.
_ANNOTATION = re.compile(r"\((?P<py>[a-z" + _TONED + r"ü]{1,7}[1-5]?)\)")
_ANNOTATED = regex.compile(r"[\p{Han}A-Za-z]")

# The full-width comma is kept through NFKC under a private-use stand-in (see _nfkc).
_COMMA_MARK = "\U0010fffd"
_WIDE = re.compile("[\uff01-\uff0b\uff0d-\uff5e\u3000\u00a0\u2002-\u200a]")
_WIDE_DIGITS = frozenset("０１２３４５６７８９")
_WIDE_GROUP = re.compile("(?<=[０-９])，(?=[０-９])")
# What NFKC may change: everything from U+00A0 but the Han blocks (no character there has a
# compatibility or canonical mapping) and the full-width comma, which is kept.
_MAY_CHANGE = re.compile("[\u00a0-\u33ff\u4dc0-\u4dff\ua000-\uff0b\uff0d-\U0002ffff]")


@functools.cache
def _nfkc_char(ch: str) -> str | None:
    """The NFKC form of one character when NFKC changes it, else None. The full-width comma is
    kept (see _nfkc), and so are surrogates and what lies outside U+00A0..U+2FFFF."""
    cp = ord(ch)
    if cp < 0xA0 or cp >= 0x30000 or 0xD800 <= cp < 0xE000 or cp == 0xFF0C:
        return None
    form = unicodedata.normalize("NFKC", ch)
    return None if form == ch else form


def _widen(text: str, wide: set[str]) -> str:
    """``text`` with its full-width forms and odd spaces ``wide`` replaced (each one once, in C)."""
    for ch in wide:
        text = text.replace(ch, _nfkc_char(ch))
    return text


@dataclass(frozen=True)
class NormText:
    """Normalized text plus the maps of the steps that made it, to find the raw span
    [start, end) of any normalized span."""

    raw: str
    text: str
    maps: tuple[Edits, ...] = ()  # raw -> ... -> text, one per step that changed lengths

    def _start(self, p: int) -> int:
        for m in reversed(self.maps):
            p = m.start(p)
        return p

    def _end(self, p: int) -> int:
        """Raw end (exclusive) of normalized character ``p``."""
        maps = self.maps
        e = maps[-1].end(p)
        for m in reversed(maps[:-1]):
            e = m.end(e - 1)
        return e

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) of the normalized span [start, end)."""
        if not self.maps:
            return start, end
        n = len(self.text)
        if n == 0:
            return 0, 0
        if end <= start:
            s = self._start(start) if start < n else len(self.raw)
            return s, s
        return self._start(start), self._end(min(end, n) - 1)

    def norm_offset(self, raw_index: int) -> int:
        """The normalized offset of the first character at or after raw offset ``raw_index``."""
        for m in self.maps:
            raw_index = m.inverse(raw_index)
        return raw_index

    def raw_offset(self, index: int) -> int:
        if not self.maps:
            return index
        return self._start(index) if index < len(self.text) else len(self.raw)


def _nfkc(text: str) -> tuple[str, tuple[Edits, ...]]:
    """NFKC of ``text`` (the full-width comma kept) and the maps of its two passes: each
    character's own form, then composition across characters (e + ◌́ -> é)."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text, ()
    wide = set(_WIDE.findall(text))
    if "，" in text and not wide.isdisjoint(_WIDE_DIGITS):
        # The full-width comma separates clauses (20，300美元 is two figures); it is a thousands
        # separator only between full-width digits (４，５６５).
        text = _WIDE_GROUP.sub(",", text)
    # Common case first: full-width ASCII forms and odd spaces map one to one (a regex pass is
    # several times faster than NFKC on long paragraphs); the comma is kept.
    fast = _widen(text, wide)
    if unicodedata.is_normalized("NFKC", fast.replace("，", "")):
        return fast, ()
    # Something else changes: character by character, the one-to-one forms replaced (each
    # distinct one once, in C; the wide forms already are) and the others as edits of the map.
    # Only the characters NFKC may change are looked up: Han characters and ASCII never change.
    longer = []
    forms = {}
    for ch in set(_MAY_CHANGE.findall(fast)):
        form = forms[ch] = _nfkc_char(ch)
        if form is None:
            continue
        if len(form) == 1:
            fast = fast.replace(ch, form)
        else:
            longer.append(ch)
    if longer:
        where = re.compile("|".join(map(re.escape, longer)))
        forms_text, edits = apply(fast, ((m.start(), m.end(), forms[m.group()]) for m in where.finditer(fast)))
    else:
        forms_text, edits = fast, None
    # Normalizing text gives what normalizing its characters' forms together gives: when those
    # forms are normalized as they stand, they are the text's NFKC.
    if unicodedata.is_normalized("NFKC", forms_text.replace("，", _COMMA_MARK)):
        return forms_text, (edits,) if edits is not None else ()
    # Something composes or reorders across characters: a second pass with a map of its own,
    # never a shortcut on lengths (a composition and an expansion of equal sizes cancel out
    # in the length, not in the offsets).
    out, composed = _compose(forms_text)
    return out, tuple(m for m in (edits, composed) if m is not None)


def _compose(text: str) -> tuple[str, Edits | None]:
    """NFKC of ``text`` whose characters are each NFKC already: what remains is composition and
    reordering, which happen only inside a character and the joiners after it (combining marks,
    and the few starters that compose with the character before: Hangul vowels and finals, some
    Indic vowel signs). Text splits safely before any other character (UAX #15, 9.1), so each
    such run is normalized on its own and the map is exact to the run."""
    def form(run: str) -> str:
        return unicodedata.normalize("NFKC", run.replace("，", _COMMA_MARK)).replace(_COMMA_MARK, "，")

    present = _joiners().intersection(text)  # a class of the few present scans fast; one of all does not
    if not present:
        return text, None
    runs = []
    for m in re.finditer(f"[{''.join(sorted(map(re.escape, present)))}]+", text):
        s = max(0, m.start() - 1)  # the character the joiners follow (never a joiner: runs are maximal)
        run = text[s:m.end()]
        if (f := form(run)) != run:
            runs.append((s, m.end(), f))
    return apply(text, runs)


@functools.cache
def _joiners() -> frozenset[str]:
    """The characters that may join the one before (built once, when text first needs it: ~0.1 s)."""
    joiners = {chr(c) for c in range(0x1161, 0x1176)} | {chr(c) for c in range(0x11A8, 0x11C3)}  # Hangul V, T
    for cp in range(0x300, 0x30000):
        ch = chr(cp)
        if unicodedata.combining(ch):
            joiners.add(ch)
            continue
        d = unicodedata.decomposition(ch)
        if d and d[0] != "<" and len(parts := d.split()) == 2:
            joiners.add(chr(int(parts[1], 16)))  # the second of a canonical pair may compose
    return frozenset(joiners)


@functools.cache
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


@functools.cache
def _t2s_char_table() -> dict[int, str]:
    """Character-level t2s table, used when phrase conversion changes the length."""
    conv = _opencc()
    chars = [chr(c) for c in range(0x3400, 0xA000)]
    out = conv.convert("\n".join(chars)).split("\n")
    return {ord(c): o for c, o in zip(chars, out) if o != c and len(o) == 1}


@functools.cache
def _traditional() -> "re.Pattern[str]":
    """Any character that t2s changes on its own: text without one is left as it is."""
    return re.compile("[" + "".join(sorted(re.escape(chr(c)) for c in _t2s_char_table())) + "]")


def _t2s(text: str) -> tuple[str, Edits | None]:
    if text.isascii() or not _traditional().search(text):
        return text, None
    out = _opencc().convert(text)
    if len(out) == len(text):
        return out, None
    return text.translate(_t2s_char_table()), None


def _strip_pinyin(text: str) -> tuple[str, Edits | None]:
    if "(" not in text:
        return text, None
    matches = [m for m in _ANNOTATION.finditer(text)
               if m.start() > 0 and _ANNOTATED.match(text, m.start() - 1) and _is_pinyin(m.group("py"))]
    if not matches:
        return text, None
    toned = any(ch in _TONED for m in matches for ch in m.group("py")) or any(
        m.group("py")[-1].isdigit() for m in matches
    )
    keep: list[tuple[int, int]] = []
    for m in matches:
        py = m.group("py")
        has_tone = any(ch in _TONED for ch in py) or py[-1].isdigit()
        prev = text[m.start() - 1]
        # Tone-less syllables are taken only after a Han character in text that has toned ones.
        if has_tone or (toned and "\u3400" <= prev <= "\u9fff"):
            keep.append(m.span())
    if not keep:
        return text, None
    return apply(text, ((s, e, "") for s, e in keep))


@functools.lru_cache(maxsize=4096)  # the same few words recur in parentheses: (ai), (gdp), (lián)
def _is_pinyin(s: str) -> bool:
    plain = unicodedata.normalize("NFD", s)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).replace("ü", "v")
    return _SYLLABLE.fullmatch(plain) is not None or _SYLLABLE.fullmatch(s) is not None


def normalize(raw: str, markup: str = "text") -> NormText:
    """Normalize ``raw`` for reading figures; see the module docstring.

    ``markup`` is "text", "html" or "markdown" (see :mod:`audit.markup`)."""
    text, edits = strip_markup(raw, markup)
    maps = [edits] if edits is not None else []
    text, nfkc_maps = _nfkc(text)
    maps.extend(nfkc_maps)
    for step in (_t2s, _strip_pinyin):
        text, edits = step(text)
        if edits is not None:
            maps.append(edits)
    return NormText(raw, text, tuple(maps))


def normalize_text(raw: str) -> str:
    return normalize(raw).text
