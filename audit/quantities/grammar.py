"""The scan grammar: the patterns that find where a figure, date or period may stand, built from
the lexicons in ``audit/data`` (DESIGN.md section 3).

A text is read by one search for the next candidate start (``Grammar.first``) and one match there
(``Grammar.at_char``), whose outer group, closed last, names the kind of candidate: ``fig`` (a
numeral with the words after it), the date and period kinds, and the rarer forms (百分之, 分之,
a/b, 折, ranks). What each kind looks like is written in :mod:`.patterns`; this module puts them
together and decides which are tried where. What a match means is read elsewhere:
:mod:`.figure`, :mod:`.dates`, :mod:`.ratios`. The words read before a numeral (currency
prefixes, qualifiers) are patterns here too, with the sets of characters that let the reader skip
them without a search.

This is where the parser's speed is won: the scan that every character of a text goes through.
Each trick is written down where it is; none changes a reading — ``build_grammar(guarded=False)``
leaves them out, and a property test holds the two builds to the same readings.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable

import regex

from ..lexicon import Lexicon, alternation, lexicon
from .patterns import (FRACTION_LEAD, YEAR_DIGITS, alternatives, char_class, firm_class, guards, lead_chars,
                       magnitude_class, numeral_chars, starter_words, suffix_source)

HAN_LO, HAN_HI = "\u3400", "\u9fff"
# Kinds of candidate whose parts (numerator, denominator, digits of a discount, year, month, day)
# are read by a second match, with the kind's own pattern: their groups would weigh on every
# match, and they are rare (a date's text is read once, then looked up).
PARTS_KINDS = ("pct", "frac", "arfrac", "zhe", "ydate", "mdate")
_INNER = re.compile(r"\(\?P<\w+>")


def is_han(ch: str) -> bool:
    return HAN_LO <= ch <= HAN_HI


@dataclass(frozen=True)
class Grammar:
    first: re.Pattern  # a character where some figure, date or period may start
    cjk_source: str  # every alternative but the Latin ones: for a character not in at_char
    at_char: dict[str, re.Pattern]  # the alternatives that can start at this character
    parts: dict[str, re.Pattern]  # a kind of PARTS_KINDS alone, with its groups
    suffix: regex.Pattern
    post: regex.Pattern
    pre: regex.Pattern
    currency_pre: regex.Pattern
    product_line: regex.Pattern
    score_before: regex.Pattern
    excluded: frozenset[str]
    excluded_lengths: tuple[int, ...]
    excluded_parts: frozenset[str]  # every piece of an excluded word: a span that is none is in none
    units: dict[str, tuple[str, str, str | None]]
    pre_q: dict[str, str]
    post_q: dict[str, str]
    currency_prefix: dict[str, str]
    subunits: dict[str, re.Pattern]
    subunit_item: re.Pattern
    neg_last: frozenset[str]
    cur_last: frozenset[str]
    pre_last: frozenset[str]
    post_first: frozenset[str]
    score_last: frozenset[str]
    minutes_after: re.Pattern  # an hour figure ending right before 分: 5小时59分 is minutes, not a score
    hour_last: frozenset[str]
    sub_first: frozenset[str]
    plain_classifiers: frozenset[str]
    before_last: frozenset[str]  # the last characters of every word read before a numeral
    neg_change: regex.Pattern | None = None  # 负增长 (了) before a figure, up to where its qualifier starts
    neg_change_last: frozenset[str] = frozenset()  # the characters neg_change can end with


@functools.cache
def grammar() -> Grammar:
    return build_grammar()


@functools.cache
def compiled(source: str) -> re.Pattern:
    return re.compile(source)


def build_grammar(guarded: bool = True) -> Grammar:
    """The patterns of the parser. ``guarded=False`` leaves out the lookahead guards and the
    dispatch by first character, which only make it faster: a property test holds the two to the
    same results."""
    lx = lexicon()
    units = lx.unit_table()
    suffix_src = suffix_source(lx, units)
    alts = alternatives(lx, suffix_src, guarded)
    at_char = _dispatch(lx, alts, guarded)
    first = _first_guarded(lx) if guarded else _first_plain(lx)
    return Grammar(first=re.compile(first), cjk_source=_group(alts, _CJK), at_char=at_char,
                   parts={k: re.compile(alts[k]) for k in PARTS_KINDS}, suffix=re.compile(suffix_src),
                   **_words_around(lx, units))


# ----------------------------------------------------------------------------------------------
# character classes


def _decimals() -> str:
    """What \\d matches, as a class body the engine tests by table lookup: the BMP's decimal
    digits written out, and everything past the BMP (where the rare decimal digits are too
    sparse for the table) as one range. In the scan that every character of a text goes
    through, the Unicode category test of \\d costs more than the rest of the class."""
    # The Han and Hangul blocks, the surrogates and the private use area hold no digit: skipped.
    bmp = "".join(map(chr, (*range(0x3400), *range(0xA000, 0xAC00), *range(0xF900, 0x10000))))
    return "".join(regex.escape(c) for c in re.findall(r"\d", bmp)) + "\U00010000-\U0010ffff"


# ----------------------------------------------------------------------------------------------
# the dispatch: which alternatives are tried at which first character


# The alternatives tried at a character other than a digit or a Latin starter, in this order.
_CJK = ("ydate", "rdate", "mdate", "ddate", "sameday", "q", "h", "pct", "frac", "rank", "zhe", "fixpct", "half", "fig")
# At a digit the date forms all need a short digit run and a date mark: one guard skips them.
_DATES = ("iso", "isom", "clock", "ydate", "mdate", "ddate")


def _group(alts: dict[str, str], names: Iterable[str]) -> str:
    """The named alternatives as one ordered alternation, each an outer group. The rare kinds are
    written without their inner groups: every group makes each match object bigger (past 24 it
    is no longer a small allocation), and theirs are read by a second match with the kind's own
    pattern (Grammar.parts) only when one is found."""
    names = set(names)
    return "|".join(f"(?P<{k}>{_INNER.sub('(?:', src) if k in PARTS_KINDS else src})"
                    for k, src in alts.items() if k in names)


def _can_start(lx: Lexicon) -> dict[str, set[str]]:
    """The characters each alternative of _CJK can begin with (a superset)."""
    numeral_first = numeral_chars(lx)
    return {
        "ydate": set(YEAR_DIGITS), "rdate": {w[0] for w in lx.relative_years},
        "mdate": set("一二三四五六七八九十"), "ddate": set("一二三四五六七八九十"),
        "sameday": {w[0] for w in [*lx.same_day, *lx.next_day]}, "q": {w[0] for w in lx.quarters},
        "h": {w[0] for w in lx.halves}, "pct": set("百佰千仟万亿"), "frac": numeral_first, "rank": {"第"},
        "zhe": set("一二三四五六七八九"), "fixpct": {w[0] for w in lx.fixed_percent}, "half": {lx.half},
        "fig": numeral_first,
    }


def _at_digit(lx: Lexicon, alts: dict[str, str], guarded: bool) -> re.Pattern:
    """The pattern tried at an ASCII digit or a point. The fraction, a/b and discount forms all
    need a run of numeral characters and spaces that ends at 分, / or a discount word: one guard
    skips all three for the common plain figure."""
    ends = {"分", "/"} | {w[0] for w in lx.discount}
    run_chars = lead_chars(lx)
    assert " " in run_chars and not ends & run_chars, "a run must stop at the mark that ends it"
    rare = _group(alts, ["frac", "arfrac", "zhe"])
    if guarded:
        rare = rf"(?=[\d{char_class(run_chars)}]{{0,{FRACTION_LEAD}}}+[{char_class(ends)}])(?:{rare})"
    dates_guard = guards(lx)["dates"] if guarded else ""
    return re.compile(rf"{dates_guard}(?:{_group(alts, _DATES)})|{rare}|{_group(alts, ['fig'])}")


def _lone_guard(lx: Lexicon, source: str) -> str:
    """A numeral character alone between Han characters, the one after it read by no pattern
    (一切, 统一), is a figure only beside a standalone neighbour (see figure.read): this
    lookahead refuses it at once, before any alternative is tried."""
    han, nb = f"{HAN_LO}-{HAN_HI}", char_class(lx.standalone_neighbors)
    spelled = char_class(ch for ch in numeral_chars(lx) if not ch.isdigit())
    other = f"(?![{char_class(c for c in set(source) if is_han(c))}])[{han}]"  # a Han character no pattern here reads
    return rf"(?!(?:(?<![{nb}])(?<=[{han}])[{spelled}]|[{spelled}](?![{nb}])(?=[{han}])){other})"


def _dispatch(lx: Lexicon, alts: dict[str, str], guarded: bool) -> dict[str, re.Pattern]:
    """First character -> the pattern of the alternatives that can start there, in their order:
    fewer branches are tried at each candidate position. Digits and the Latin starters take
    their own patterns, in either build: one lookup decides. What no other character starts
    (every one, unguarded; digits other than 0-9, guarded) is tried against all the rest
    (Grammar.cjk_source), compiled on first need: the guarded build rarely needs it, and it is
    the largest pattern to compile."""
    can_start = _can_start(lx)
    numeral_first = numeral_chars(lx)

    def names_at(ch: str) -> frozenset[str]:
        return frozenset(k for k in _CJK if ch in can_start[k])

    # Numeral characters share one pattern (what any of them can start): each big pattern costs
    # milliseconds to compile, and what the others add fails at once at the guards.
    numeral_names = frozenset().union(*(names_at(ch) for ch in numeral_first))
    patterns: dict[frozenset, re.Pattern] = {}
    at_char: dict[str, re.Pattern] = {}
    if guarded:
        source = _group(alts, numeral_names)
        patterns[numeral_names] = re.compile(f"{_lone_guard(lx, source)}(?:{source})")
        for ch in set().union(*can_start.values()):
            names = numeral_names if ch in numeral_first else names_at(ch)
            at_char[ch] = patterns.get(names) or patterns.setdefault(names, re.compile(_group(alts, names)))
    latin_pattern = re.compile(_group(alts, {"url", "q", "h"}))
    at_char.update(dict.fromkeys("0123456789.", _at_digit(lx, alts, guarded)), **dict.fromkeys("hwQH", latin_pattern))
    return at_char


# ----------------------------------------------------------------------------------------------
# where a candidate may start


def _first_plain(lx: Lexicon) -> str:
    """A digit or numeral character, or one of the words that open a relative date (今年, 上半年,
    当天): whole words, so that common characters such as 上 or 同 do not stop the scan."""
    first = char_class(numeral_chars(lx))
    return rf"[\d.{first}第]|{alternation(starter_words(lx))}|{regex.escape(lx.half)}|https?://|www\."


def _first_guarded(lx: Lexicon) -> str:
    """The same candidates as _first_plain, written to open with one character class: the engine
    then scans for that class in C instead of trying every alternative at every character. Each
    alternative becomes its first character (consumed) and a check of the rest; 几/数 start a
    numeral only before a unit (see _numrun): alone they are words (几个, 数据)."""
    starts_with: dict[str, list[str]] = {}
    for w in starter_words(lx):
        starts_with.setdefault(w[0], []).append(w[1:])
    checks = [rf"(?<=[\d.{firm_class(lx)}第])", rf"(?<=[{char_class(lx.approx_digits)}])(?= *[{magnitude_class(lx)}])",
              f"(?<={regex.escape(lx.half)})", r"(?<=h)(?=ttps?://)", r"(?<=w)(?=ww\.)"]
    # Words that open with a common character (上, 同, 本) are told by the character after it
    # first: one test for all of them, instead of a lookbehind for each at every 上.
    word_checks, seconds = [], set()
    for ch, rests in starts_with.items():
        if "" in rests:
            checks.append(f"(?<={regex.escape(ch)})")
        else:
            word_checks.append(f"(?<={regex.escape(ch)})(?={alternation(rests)})")
            seconds |= {r[0] for r in rests}
    if word_checks:
        checks.append(f"(?=[{char_class(seconds)}])(?:{'|'.join(word_checks)})")
    one = char_class(numeral_chars(lx) | set(starts_with) | {"第", ".", lx.half, "h", "w"})
    # Past the BMP the class takes every character; the checks after it refuse any that is not a
    # digit (a lookbehind at \d), as the plain pattern does.
    return rf"[{_decimals()}{one}](?:{'|'.join(checks)})"


# ----------------------------------------------------------------------------------------------
# the words read around a numeral, and the characters that let the reader skip them


def _words_around(lx: Lexicon, units: dict) -> dict:
    """The Grammar fields of the words before and after a numeral. Each ``*_last`` / ``*_first``
    set holds the characters such a word can end (begin) with: the reader searches for one only
    when the character beside the numeral is in it, which most are not."""
    pre_q = {w: q for q, ws in lx.before.items() for w in ws}
    post_q = {w: q for q, ws in lx.after.items() for w in ws}
    currency_prefix = {w: c.code for c in lx.currencies for w in c.prefixes}
    one_digit = rf"(?:\d|[{char_class(lx.digits)}])"
    all_sub = alternation({w for c in lx.currencies for w in c.subunits})
    neg_change = lx.negative_change
    return dict(
        post=re.compile(rf" *(?:{alternation(post_q)})"), pre=re.compile(rf"(?:{alternation(pre_q)}) *$"),
        currency_pre=re.compile(rf"(?:{alternation(currency_prefix)}) *$"),
        product_line=re.compile(rf"(?:{alternation(lx.product_lines)}) ?$"),
        score_before=re.compile(rf"(?:{alternation(lx.score_before)}) *$"),
        excluded=frozenset(lx.excluded_words), excluded_lengths=tuple(sorted({len(w) for w in lx.excluded_words})),
        excluded_parts=frozenset(w[i:j] for w in lx.excluded_words
                                 for i in range(len(w)) for j in range(i + 1, len(w) + 1)),
        units=units, pre_q=pre_q, post_q=post_q, currency_prefix=currency_prefix,
        subunits={c.code: re.compile(rf"(?:又|零)?(?: *{one_digit} *(?:{alternation(c.subunits)}))+")
                  for c in lx.currencies if c.subunits},
        subunit_item=re.compile(rf"(?P<d>\d|[{char_class(lx.digits)}]) *(?P<w>{all_sub})"),
        neg_last=frozenset(w[-1] for w in lx.negative),
        cur_last=frozenset(w[-1] for w in currency_prefix) | {" "},
        pre_last=frozenset(w[-1] for w in pre_q) | {" "},
        post_first=frozenset(w[0] for w in post_q) | {" "},
        score_last=frozenset(w[-1] for w in lx.score_before) | {" "},
        minutes_after=re.compile(rf"{one_digit} *(?:{alternation(lx.time['hour'])}) *$"),
        hour_last=frozenset(w[-1] for w in lx.time["hour"]) | {" "},
        sub_first=frozenset("0123456789又零 ") | frozenset(lx.digits),
        plain_classifiers=frozenset(w for w, (k, u, c) in units.items()
                                    if k == "count" and u in ("item", "person", "device") and w not in lx.article_exceptions),
        before_last=frozenset(w[-1] for w in (*lx.negative, *currency_prefix, *pre_q, *lx.score_before,
                                              *neg_change)) | {" ", "-", "了"},
        neg_change=re.compile(rf"(?:{alternation(neg_change)})了? *$") if neg_change else None,
        neg_change_last=frozenset(w[-1] for w in neg_change) | {"了", " "} if neg_change else frozenset(),
    )
