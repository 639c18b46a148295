"""Find every figure, date and period in a text (DESIGN.md section 3).

One compiled pattern finds candidate spans (dates, periods, 百分之 forms, fractions, ranks and
numeral runs); the numeral itself is read by :mod:`audit.numerals`; the words around it (currency
prefixes, units, 级, 多/余, 以上/左右, 约/超过/近) are read from the lexicons. Rules that decide
whether a numeral is a figure at all (names like ``Qwen-7B``, list markers, ``四川``) are general
and driven by data in ``audit/data``.
"""
from __future__ import annotations

import collections
import datetime as dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

import regex

from . import periods
from .damage import find_damage, overlaps
from .lexicon import Lexicon, alternation, lexicon
from .model import Quantity, new_quantity
from .normalize import NormText, normalize
from .numerals import ONE, ZERO, Numeral, parse_numeral

HAN_LO, HAN_HI = "\u3400", "\u9fff"
HALF = Decimal("0.5")
CONTEXT_YEAR_REACH = 80  # characters after an explicit year within which bare dates take its year
TIME_UNITS = {"年": "year", "月": "month", "周": "week", "天": "day", "日": "day", "小时": "hour",
              "分钟": "minute", "秒": "second"}
FRACTION_LEAD = 48  # characters before 分之 (三又四分之一); far more than any numeral needs
OPEN_QUOTES_CLOSE = "”」』》’\""


def _is_han(ch: str) -> bool:
    return HAN_LO <= ch <= HAN_HI


def _decimals() -> str:
    """What \\d matches, as a class body the engine tests by table lookup: the BMP's decimal
    digits written out, and everything past the BMP (where the rare decimal digits are too
    sparse for the table) as one range. In the scan that every character of a text goes
    through, the Unicode category test of \\d costs more than the rest of the class."""
    # The Han and Hangul blocks, the surrogates and the private use area hold no digit: skipped.
    bmp = "".join(map(chr, (*range(0x3400), *range(0xA000, 0xAC00), *range(0xF900, 0x10000))))
    return "".join(regex.escape(c) for c in re.findall(r"\d", bmp)) + "\U00010000-\U0010ffff"


def _cls(chars: Iterable[str]) -> str:
    return "".join(regex.escape(c) for c in sorted(set(chars)))


# Kinds of candidate whose parts (numerator, denominator, digits of a discount, year, month, day)
# are read by a second match, with the kind's own pattern: their groups would weigh on every
# match, and they are rare (a date's text is read once, then looked up).
PARTS_KINDS = ("pct", "frac", "arfrac", "zhe", "ydate", "mdate")
_INNER = re.compile(r"\(\?P<\w+>")
_RARE_SUFFIX = re.compile(r"\(\?P<(?:latin|over|cls|half|rate)>")


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
    sub_first: frozenset[str]
    plain_classifiers: frozenset[str]
    before_last: frozenset[str]  # the last characters of every word read before a numeral
    neg_change: regex.Pattern | None = None  # 负增长 (了) before a figure, up to where its qualifier starts
    neg_change_last: frozenset[str] = frozenset()  # the characters neg_change can end with


def _latin_guarded(words) -> str:
    """Words as a pattern where the Latin ones (Q1, H2) must not continue a Latin word."""
    latin = [w for w in words if w[0].isascii()]
    other = [w for w in words if not w[0].isascii()]
    parts = ([alternation(other)] if other else []) + ([rf"(?<![A-Za-z])(?:{alternation(latin)})"] if latin else [])
    return "(?:" + "|".join(parts) + ")"


@functools.cache
def _compiled(source: str) -> re.Pattern:
    return re.compile(source)


@functools.cache
def grammar() -> Grammar:
    return build_grammar()


def build_grammar(guarded: bool = True) -> Grammar:
    """The patterns of the parser. ``guarded=False`` leaves out the lookahead guards and the
    dispatch by first character, which only make it faster: a property test holds the two to the
    same results."""
    lx = lexicon()
    cn_digit = _cls(lx.digits)
    cn_all = _cls(list(lx.digits) + list(lx.units) + list(lx.big_units) + list(lx.approx_digits)
                  + [w for w in lx.infix_over if len(w) == 1 and not w.isascii()])
    cn_firm = _cls(list(lx.digits) + list(lx.units) + list(lx.big_units))
    ar = r"(?:(?:\d{1,3}+(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|(?<![\d.])\.\d+)(?:[eE][+-]?\d+(?![A-Za-z])|\^[+-]*\d+)?"
    pt = regex.escape(lx.decimal_point)
    cn_mag = _cls(list(lx.units) + list(lx.big_units) + [w for w in lx.infix_over if len(w) == 1 and not w.isascii()])
    # 几/数 start a numeral only before a unit (几十, 数亿); alone they are words (几个, 数据).
    # Atomic: a numeral run never gives characters back, so a failed alternative (分之 after a
    # long digit run) costs linear time instead of trying every split of the run.
    numrun = (
        rf"(?>(?:{ar}|[{cn_firm}]|[{_cls(lx.approx_digits)}](?= *[{cn_mag}]))"
        rf"(?:[{cn_all}]|(?<![\d.,]){ar}| +[{cn_mag}]|(?<=[{cn_all}{pt}]) +(?:[{cn_all}]|{ar})| *{pt}(?= *[{cn_digit}]))*)"
    )
    units = lx.unit_table()
    latin = alternation(lx.latin_magnitudes)
    over1 = alternation([w for w in lx.infix_over])
    rate_units = "|".join(regex.escape(w) for w in ("年", "月", "周", "天", "日", "小时", "分钟", "秒"))
    # The words after a numeral, every part optional: read in the same match as a figure's
    # numeral (one call instead of two), and alone after the other kinds that take them.
    cjk_units = [w for w in units if not w[-1].isascii()]
    # 四成五, 七成五: a digit after a tenths word is the next digit (hundredths), unless a numeral
    # or a unit follows it (三成五年 is not 35%).
    after_tenth = _cls(set(lx.digits) | set(lx.units) | set(lx.big_units) | {w[0] for w in cjk_units})
    tenth_digit = (rf"(?:{'|'.join(f'(?<={regex.escape(w)})' for w in lx.tenths)})"
                   rf"[{_cls(d for d, v in lx.digits.items() if v > 0)}](?![{after_tenth}])")
    suffix_src = (
        rf"(?P<latin>(?=[ {_cls(w[0] for w in lx.latin_magnitudes)}]) ?(?:{latin})(?![A-Za-z]))?"
        rf"(?P<over>{over1})?"
        rf"(?P<cls>{alternation(lx.class_words)})?"
        # The engine tries a trie's first characters one by one: the test of a class first
        # lets a figure without a CJK unit word (5%, 5，) skip them all at once.
        rf"(?P<unit> *(?:(?=[{_cls(w[0] for w in cjk_units)}]){alternation(cjk_units)}"
        rf"|(?:{alternation(w for w in units if w[-1].isascii())})(?![A-Za-z])))?"
        rf"(?P<half>{regex.escape(lx.half)}|{tenth_digit})?"
        rf"(?P<rate>/(?:{rate_units}))?"
    )
    month = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?"
    day = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
    quarters = alternation(lx.quarters)
    halves = alternation(lx.halves)
    whole = alternation(lx.whole_year)
    rel = alternation(lx.relative_years)
    sameday = alternation(list(lx.same_day) + list(lx.next_day))
    year = r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})(?P<yw>财年|年度|年)"
    starters = (list(lx.fixed_percent) + list(lx.same_day) + list(lx.next_day) + list(lx.relative_years)
                + list(lx.quarters) + list(lx.halves))
    # Where a figure, date or period may start: a digit or numeral character, or one of the
    # words that open a relative date (今年, 上半年, 当天): whole words, so that common characters
    # such as 上 or 同 do not stop the scan.
    numeral_first = set(lx.digits) | set(lx.units) | set(lx.big_units) | set(lx.approx_digits)
    first = rf"[\d.{_cls(numeral_first)}第]|{alternation(starters)}|{regex.escape(lx.half)}|https?://|www\."
    # The stdlib engine with a first-character guard scans several times faster than a bare
    # alternation; every pattern here is linear (no nested quantifiers over the same text).
    # Guards: a lookahead that every match of an alternative satisfies, checked in one pass so
    # that the common candidate (a plain figure) skips the date and fraction forms at once
    # instead of failing each of them character by character.
    run_chars_set = (set(lx.digits) | set(lx.units) | set(lx.big_units) | set(lx.approx_digits)
                     | {w for w in lx.infix_over if len(w) == 1} | {lx.decimal_point} | set(".,eE+-^ 又"))
    run_chars = _cls(run_chars_set)
    # Bounded, so that a long run of digits is not rescanned from every candidate in it: the
    # part of a fraction before 分之 is read when it is at most FRACTION_LEAD characters.
    year_digit = r"\d" + _cls("〇零一二三四五六七八九")
    small = r"\d" + _cls("一二三四五六七八九十")
    guard = {
        "frac": rf"(?=[\d{run_chars}]{{0,{FRACTION_LEAD}}}+分)", "ydate": rf"(?=[{year_digit}]{{4}}[财年])",
        "mdate": rf"(?=[{small}]{{1,2}}月)", "ddate": rf"(?=[{small}]{{1,3}}[日号])", "arfrac": r"(?=[\d ]{1,8}/)",
        "dates": r"(?=\d{1,4}[-/.:年月日号财])",
    } if guarded else collections.defaultdict(str)
    alts = {
        "url": r"(?:https?://|www\.)[^\s\u3000-\u303f\uff01-\uff5e\u4e00-\u9fff]+",
        "iso": r"(?<![\d.])\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?![\d.])(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?",
        "isom": r"(?<![\d.])\d{4}-\d{1,2}(?![\d.\-])",
        "clock": r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])",
        "ydate": rf"{guard['ydate']}(?<![\d.]){year}(?:(?P<mo>{month})(?P<d>{day})?|(?P<yq>{quarters})|(?P<yh>{halves})|(?:{whole}))?",
        "rdate": rf"(?P<rw>{rel})(?:(?P<rmo>{month})(?P<rd>{day})?|(?P<rq>{quarters})|(?P<rh>{halves})|(?:底|初|年底|年初|全年))?",
        "mdate": rf"{guard['mdate']}(?<![\d.个]){month}(?P<md>{day})?",
        "ddate": rf"{guard['ddate']}(?<![\d.月]){day}(?![元本均报])",
        "sameday": sameday,
        "q": _latin_guarded(lx.quarters),
        "h": _latin_guarded(lx.halves),
        "pct": rf"(?P<pctden>[百佰千仟万亿]{{1,4}}) *分 *之 *(?P<pctneg>负)?(?P<pctnum>{numrun})",
        "frac": rf"{guard['frac']}(?:(?P<fwhole>{numrun}) *又 *)?(?P<fden>{numrun}) *分 *之 *(?P<fneg>负)?(?P<fnum>{numrun})",
        "arfrac": guard["arfrac"] + r"(?<![\d/.])(?:(?P<afw>\d{1,3}) )?(?P<afn>\d{1,4})/(?P<afd>\d{1,4})(?![\d/.])",
        "rank": rf"第 *(?P<ranknum>{numrun})",
        "zhe": rf"(?P<zd1>[一二三四五六七八九]|\d) *(?P<zd2>[一二三四五六七八九]|\d) *(?:{alternation(lx.discount)})",
        "fixpct": rf"(?<={regex.escape(lx.fixed_percent_after)})(?:{alternation(lx.fixed_percent)})",
        "half": rf"{regex.escape(lx.half)}(?=个?(?:年|月|小时|钟头|天|成|折|百))",
        # The words after the numeral are matched with it, in one call; only the unit is kept
        # as a group (groups cost every match), and the rare others are read again alone.
        "fig": rf"(?P<num>{numrun})(?: *(?:-|~|～|到|至|—|–) *(?P<num2>{numrun}))?{_RARE_SUFFIX.sub('(?:', suffix_src)}",
    }
    # One pattern per kind of first character, each an ordered alternation of the alternatives
    # that can start there: fewer branches are tried at each candidate position.
    order = list(alts)

    def group(names) -> str:
        # The rare kinds are written without their inner groups: every group makes each match
        # object bigger (past 24 it is no longer a small allocation), and theirs are read by a
        # second match with the kind's own pattern (Grammar.parts) only when one is found.
        return "|".join(f"(?P<{k}>{_INNER.sub('(?:', alts[k]) if k in PARTS_KINDS else alts[k]})"
                        for k in order if k in names)

    def pattern(names) -> re.Pattern:
        return re.compile(group(names))

    # At a digit the date forms all need a short digit run and a date mark: one guard skips them.
    dates = ["iso", "isom", "clock", "ydate", "mdate", "ddate"]
    # The fraction, a/b and discount forms all need a run of numeral characters and spaces that
    # ends at 分, / or a discount word: one guard skips all three for the common plain figure.
    ends = {"分", "/"} | {w[0] for w in lx.discount}
    assert " " in run_chars_set and not ends & run_chars_set, "a run must stop at the mark that ends it"
    rare = group(["frac", "arfrac", "zhe"])
    if guarded:
        rare = rf"(?=[\d{run_chars}]{{0,{FRACTION_LEAD}}}+[{_cls(ends)}])(?:{rare})"
    at_digit = re.compile(rf"{guard['dates']}(?:{group(dates)})|{rare}|{group(['fig'])}")
    cjk = ["ydate", "rdate", "mdate", "ddate", "sameday", "q", "h", "pct", "frac", "rank", "zhe", "fixpct", "half",
           "fig"]
    # At any other character, only the alternatives that can start with it (a superset of the
    # characters each one's pattern can begin with), in the same order.
    can_start = {
        "ydate": set("〇零一二三四五六七八九"), "rdate": {w[0] for w in lx.relative_years},
        "mdate": set("一二三四五六七八九十"), "ddate": set("一二三四五六七八九十"),
        "sameday": {w[0] for w in [*lx.same_day, *lx.next_day]}, "q": {w[0] for w in lx.quarters},
        "h": {w[0] for w in lx.halves}, "pct": set("百佰千仟万亿"), "frac": numeral_first, "rank": {"第"},
        "zhe": set("一二三四五六七八九"), "fixpct": {w[0] for w in lx.fixed_percent}, "half": {lx.half},
        "fig": numeral_first,
    }
    def names_at(ch: str) -> frozenset[str]:
        return frozenset(k for k in cjk if ch in can_start[k])

    # Numeral characters share one pattern (what any of them can start): each big pattern costs
    # milliseconds to compile, and what the others add fails at once at the guards.
    numeral_names = frozenset().union(*(names_at(ch) for ch in numeral_first))
    compiled: dict[frozenset, re.Pattern] = {}
    if guarded:
        # A numeral character alone between Han characters, the one after it read by no
        # pattern (一切, 统一), is a figure only beside a standalone neighbour (see
        # _Figure.read): the pattern refuses it at once, before any alternative is tried.
        source = group(numeral_names)
        han, nb = f"{HAN_LO}-{HAN_HI}", _cls(lx.standalone_neighbors)
        spelled = _cls(ch for ch in numeral_first if not ch.isdigit())
        other = f"(?![{_cls(c for c in set(source) if _is_han(c))}])[{han}]"  # a Han character no pattern here reads
        lone = rf"(?!(?:(?<![{nb}])(?<=[{han}])[{spelled}]|[{spelled}](?![{nb}])(?=[{han}])){other})"
        compiled[numeral_names] = re.compile(f"{lone}(?:{source})")
    at_char = {}
    for ch in set().union(*can_start.values()) if guarded else ():
        names = numeral_names if ch in numeral_first else names_at(ch)
        at_char[ch] = compiled.get(names) or compiled.setdefault(names, pattern(names))
    # Digits and the Latin starters take their own patterns, in either build: one lookup decides.
    # What no other character starts (every one, unguarded; digits other than 0-9, guarded) is
    # tried against all the rest, compiled on first need: the guarded build rarely needs it, and
    # it is the largest pattern to compile.
    latin_pattern = pattern({"url", "q", "h"})
    at_char.update(dict.fromkeys("0123456789.", at_digit), **dict.fromkeys("hwQH", latin_pattern))
    if guarded:
        # The same candidates, written to open with one character class: the engine then scans
        # for that class in C instead of trying every alternative at every character. Each
        # alternative becomes its first character (consumed) and a check of the rest; 几/数
        # start a numeral only before a unit (see numrun): alone they are words (几个, 数据).
        starts_with: dict[str, list[str]] = {}
        for w in starters:
            starts_with.setdefault(w[0], []).append(w[1:])
        checks = [rf"(?<=[\d.{cn_firm}第])", rf"(?<=[{_cls(lx.approx_digits)}])(?= *[{cn_mag}])",
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
            checks.append(f"(?=[{_cls(seconds)}])(?:{'|'.join(word_checks)})")
        one = _cls(numeral_first | set(starts_with) | {"第", ".", lx.half, "h", "w"})
        # Past the BMP the class takes every character; the checks after it refuse any that is
        # not a digit (a lookbehind at \d), as before.
        first = rf"[{_decimals()}{one}](?:{'|'.join(checks)})"
    first_re = re.compile(first)
    suffix = re.compile(suffix_src)
    pre_q = {w: q for q, ws in lx.before.items() for w in ws}
    post_q = {w: q for q, ws in lx.after.items() for w in ws}
    pre = re.compile(rf"(?:{alternation(pre_q)}) *$")
    post = re.compile(rf" *(?:{alternation(post_q)})")
    currency_prefix = {w: c.code for c in lx.currencies for w in c.prefixes}
    currency_pre = re.compile(rf"(?:{alternation(currency_prefix)}) *$")
    product_line = re.compile(rf"(?:{alternation(lx.product_lines)}) ?$")
    score_before = re.compile(rf"(?:{alternation(lx.score_before)}) *$")
    excluded = frozenset(lx.excluded_words)
    one_digit = rf"(?:\d|[{cn_digit}])"
    subunits = {
        c.code: re.compile(rf"(?:又|零)?(?: *{one_digit} *(?:{alternation(c.subunits)}))+")
        for c in lx.currencies if c.subunits
    }
    all_sub = alternation({w for c in lx.currencies for w in c.subunits})
    subunit_item = re.compile(rf"(?P<d>\d|[{cn_digit}]) *(?P<w>{all_sub})")
    parts = {k: re.compile(alts[k]) for k in PARTS_KINDS}
    return Grammar(first_re, group(set(cjk)), at_char, parts, suffix, post, pre, currency_pre, product_line, score_before, excluded,
                   tuple(sorted({len(w) for w in lx.excluded_words})),
                   frozenset(w[i:j] for w in lx.excluded_words for i in range(len(w)) for j in range(i + 1, len(w) + 1)),
                   units, pre_q, post_q, currency_prefix,
                   subunits, subunit_item,
                   frozenset(w[-1] for w in lx.negative),
                   frozenset(w[-1] for w in currency_prefix) | {" "},
                   frozenset(w[-1] for w in pre_q) | {" "},
                   frozenset(w[0] for w in post_q) | {" "},
                   frozenset(w[-1] for w in lx.score_before) | {" "},
                   frozenset("0123456789又零 ") | frozenset(lx.digits),
                   frozenset(w for w, (k, u, c) in units.items()
                             if k == "count" and u in ("item", "person", "device") and w not in lx.article_exceptions),
                   frozenset(w[-1] for w in (*lx.negative, *currency_prefix, *pre_q, *lx.score_before,
                                             *lx.negative_change)) | {" ", "-", "了"},
                   neg_change=re.compile(rf"(?:{alternation(lx.negative_change)})了? *$") if lx.negative_change else None,
                   neg_change_last=frozenset(w[-1] for w in lx.negative_change) | {"了", " "} if lx.negative_change
                   else frozenset())


# ----------------------------------------------------------------------------------------------
# dates and periods


def _cn_small(s: str) -> int | None:
    """Month/day numbers: Arabic, or Chinese up to 三十一."""
    if s.isdigit():
        return int(s)
    n = parse_numeral(s)
    return int(n.value) if n is not None and n.value == int(n.value) else None


def _cn_year(s: str) -> int:
    if s.isdigit():
        return int(s)
    digits = lexicon().digits
    return int("".join(str(digits[c]) for c in s))


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _valid_year(y: int) -> bool:
    return 1900 <= y <= 2100


class _Ctx:
    """State carried along one text: the publication date and the last date seen (for 次日)."""

    __slots__ = ("published", "last_date", "last_year", "last_year_at", "pos")

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        self.last_date: dt.date | None = None
        self.last_year: int | None = None  # the year named last, and where: a bare 一季度 or
        self.last_year_at = -(10**9)        # 11月24日 close after "2020年11月" belongs to 2020
        self.pos = 0

    def context_year(self) -> int | None:
        if self.last_year is not None and self.pos - self.last_year_at <= CONTEXT_YEAR_REACH:
            return self.last_year
        return self.published.year if self.published else None


def _month(mo: str | None) -> int | None:
    if mo is None:
        return None
    v = _cn_small(mo.rstrip("份").rstrip("月"))
    return v if v is not None and 1 <= v <= 12 else None


def _day(d: str | None) -> int | None:
    if d is None:
        return None
    v = _cn_small(d[:-1])
    return v if v is not None and 1 <= v <= 31 else None


def _mk(kind: str, ctx: _Ctx, *, date: str | None = None, period: str | None = None,
        relative: str | None = None) -> tuple:
    if date is not None:
        try:
            ctx.last_date = dt.date.fromisoformat(date)
        except ValueError:
            pass
    return (kind, date, period, relative)


def _ymd_period(y: int, mo: int | None, d: int | None, q: str | None, h: str | None, ctx: _Ctx):
    lx = lexicon()
    if mo is not None and d is not None:
        date = _date(y, mo, d)
        return None if date is None else _mk("date", ctx, date=date)
    if mo is not None:
        return _mk("period", ctx, period=f"{y}-{mo:02d}")
    if q is not None:
        return _mk("period", ctx, period=f"{y}-Q{lx.quarters[q]}")
    if h is not None:
        return _mk("period", ctx, period=f"{y}-{lx.halves[h]}")
    return _mk("period", ctx, period=str(y))


_YDATES: dict[str, tuple] = {}


def _ydate(g) -> tuple:
    """(year, (kind, date, period, relative) or None, date set as the last one) of a match of
    "ydate"; (None, None, None) when the year is out of range."""
    y = _cn_year(g("y"))
    if not _valid_year(y):
        return None, None, None
    mo, d = _month(g("mo")), _day(g("d"))
    if g("mo") is not None and mo is None:
        return y, None, None
    probe = _Ctx(None)
    return y, _ymd_period(y, mo, d, g("yq"), g("yh"), probe), probe.last_date


def _date_match(m: re.Match, ctx: _Ctx, kind: str, gr: Grammar):
    """(kind, date, period, relative) for a date-like match, or None when it is not one."""
    if kind == "ydate":
        # Read from the matched text alone, so each distinct one is read once: (year, result,
        # the date it sets as the last one, or None).
        hit = _YDATES.get(m.group())
        if hit is None:
            hit = _ydate(gr.parts[kind].match(m.string, m.start()).group)
            if len(_YDATES) >= 65536:
                _YDATES.clear()
            _YDATES[m.group()] = hit
        y, result, last = hit
        if y is None:
            return None
        ctx.last_year, ctx.last_year_at = y, m.end()
        if last is not None:
            ctx.last_date = last
        return result
    g = m.group
    lx = lexicon()
    if kind == "iso":
        from dateutil import parser as du

        try:
            d = du.parse(g("iso"), yearfirst=True, dayfirst=False)
        except (ValueError, OverflowError):
            return None
        return _mk("date", ctx, date=d.date().isoformat())
    if kind == "isom":
        y, mo = (int(x) for x in g("isom").split("-"))
        return _mk("period", ctx, period=f"{y}-{mo:02d}") if _valid_year(y) and 1 <= mo <= 12 else None
    if kind == "rdate":
        off = lx.relative_years[g("rw")]
        mo, d = _month(g("rmo")), _day(g("rd"))
        rel = g("rdate")
        if ctx.published is None:
            ctx.last_date = None
            return _mk("date" if d else "period", ctx, relative=rel)
        y = ctx.published.year + off
        k = _ymd_period(y, mo, d, g("rq"), g("rh"), ctx)
        return None if k is None else (k[0], k[1], k[2], rel)
    if kind == "mdate":
        pm = gr.parts[kind].match(m.string, m.start())
        mo_txt, md = pm.group(0, "md")
        mo = _month(mo_txt[: len(mo_txt) - len(md)] if md else mo_txt)
        d = _day(md)
        if mo is None or (md and d is None):
            return None
        year = ctx.context_year()
        if year is None:
            if d:
                ctx.last_date = None
            return _mk("date" if d else "period", ctx, relative=mo_txt)
        k = _ymd_period(year, mo, d, None, None, ctx)
        return None if k is None else (k[0], k[1], k[2], mo_txt)
    if kind == "ddate":
        d = _day(g("ddate"))
        if d is None:
            return None
        base = ctx.published
        if base is None:
            ctx.last_date = None
            return _mk("date", ctx, relative=g("ddate"))
        date = _date(base.year, base.month, d)
        return _mk("date", ctx, date=date, relative=g("ddate")) if date else None
    if kind == "sameday":
        w = g("sameday")
        if ctx.last_date is None:
            return ("date", None, None, w)
        day = ctx.last_date + dt.timedelta(days=1 if w in lx.next_day else 0)
        return _mk("date", ctx, date=day.isoformat(), relative=w)
    if kind in ("q", "h"):
        w = m.group()
        y = ctx.context_year()
        if y is None:
            return ("period", None, None, w)
        k = _ymd_period(y, None, None, w if kind == "q" else None, w if kind == "h" else None, ctx)
        return (k[0], k[1], k[2], w)
    return None


# ----------------------------------------------------------------------------------------------
# figures


def _neighbors_ok(text: str, s: int, e: int, neighbors: frozenset[str]) -> bool:
    left = text[s - 1] if s > 0 else " "
    right = text[e] if e < len(text) else " "
    return (not _is_han(left) or left in neighbors) and (not _is_han(right) or right in neighbors)


def _excluded(gr: Grammar, text: str, s: int, e: int) -> bool:
    """Is [s, e) inside one of the excluded words (十分, 四川)?"""
    if text[s:e] not in gr.excluded_parts:
        return False
    words = gr.excluded
    for length in gr.excluded_lengths:
        if length < e - s:
            continue
        for i in range(max(0, e - length), s + 1):
            if text[i:i + length] in words:
                return True
    return False


def _is_name(text: str, s: int, e: int, bare: bool, gr: Grammar) -> bool:
    """Is the numeral at [s, e) part of a name (Qwen-7B, GPT-4, 360GPT, iPhone 14, Python 3.8+)?"""
    before = text[s - 1] if s > 0 else "\n"
    after = text[e] if e < len(text) else "\n"
    if before.isascii() and before.isalpha():
        return True
    if before == "-" and s > 1 and text[s - 2].isascii() and text[s - 2].isalnum():
        return True
    if before in "._" and s > 1 and text[s - 2].isascii() and text[s - 2].isalnum():
        return True
    if after == "@" or before == "@":
        return True  # 123@example.com
    if bare:
        if after.isascii() and (after.isalpha() or after == "_"):
            return True
        if gr.product_line.search(text, max(0, s - 12), s):
            return True
        if before in OPEN_QUOTES_CLOSE:
            return True
        if before == " " and s > 1 and text[s - 2].isascii() and text[s - 2].isalnum():
            return True
        if after == "+":
            return True  # 3.8+ with no unit: a version (110+门 has a unit and is a figure)
    return False


def _list_marker(text: str, s: int, e: int) -> bool:
    after = text[e] if e < len(text) else "\n"
    lo = max(0, s - 16)  # a marker is at most a few spaces and a bracket into its line
    line_start = text.rfind("\n", lo, s) + 1
    if line_start == 0 and lo > 0:
        return False
    lead = text[line_start:s]
    if lead.strip() in ("", "(", "("):
        if after in "、)" or (after == "." and (e + 1 >= len(text) or not text[e + 1].isdigit())):
            return True
    return False


def _minus_at(text: str, i: int, lx: Lexicon, unit_chars: frozenset[str]) -> bool:
    """Whether the "-" at ``i`` is a minus sign: not after a Latin letter or a digit (GPT-4 and
    2023-3 are names and dates), nor after a figure, its unit included (三-五, 1000元-2000元,
    5%-10% are ranges)."""
    j = i - 1
    while j >= 0 and i - j <= 4 and text[j] in unit_chars:
        j -= 1  # back over the unit of a figure that may end here
    if j < 0:
        return True
    ch = text[j]
    return not ((ch.isascii() and ch.isalnum()) or ch in lx.digits or ch in lx.units or ch in lx.big_units)


def _interval(v: Decimal, place: Decimal) -> tuple[Decimal, Decimal]:
    half = place / 2
    return v - half, v + half


class _Figure:
    """Reads one numeral match and the words around it into a Quantity (or nothing)."""

    def __init__(self, gr: Grammar, lx: Lexicon) -> None:
        self.gr, self.lx = gr, lx
        self.units: dict = {}  # unit word, or (unit word, currency) after one -> what _unit made of them
        # the characters of a figure's unit, back over which a "-" may be a range (Latin letters
        # are left out: a dash after them is a name's, GPT-4)
        self.unit_chars = frozenset(ch for ch in "".join(gr.units) if not ch.isascii()) | {"%"}

    def read(self, nt: NormText, m: re.Match) -> Quantity | None:
        text = nt.text
        num, num2, unit_w = m.group("num", "num2", "unit")
        s, end = m.span()
        gr = self.gr
        n2 = None
        e = s + len(num) if num2 is None else m.end("num2")  # the numeral's end, before its words
        # The words after the numeral were matched with it; only the unit is a group, so the
        # rare others are read again when more than a unit follows.
        if end - e == (0 if unit_w is None else len(unit_w)):  # nothing, or a unit alone
            latin = over_w = cls = half_w = rate = None
        else:
            latin, over_w, cls, unit_w, half_w, rate = gr.suffix.match(text, e).groups()
        if unit_w is not None:
            unit_w = unit_w.strip()
        bare = not (latin or cls or unit_w or rate)
        lx = self.lx
        spelled = not num[0].isdigit()  # opens with a Chinese numeral character
        lone = e - s == 1 and spelled  # one numeral character (五, 一, 百)
        if lone and bare and not _neighbors_ok(text, s, e, lx.standalone_neighbors):
            return None  # a lone numeral character inside a word (一切, 四川)
        n1 = parse_numeral(num)
        if n1 is None:
            return None
        if num2 is not None:
            n2 = parse_numeral(num2)
            if n2 is None:
                return None
        if lone and text[s] == lx.article and unit_w in gr.plain_classifiers:
            return None  # 一个, 一种: the indefinite article
        if n1.placeholder == "lead" and n1.magnitudes == 0:
            return None
        # words before the numeral: none to read unless the character before may end one
        start = s
        negative = False
        cur_code = pre_q = None
        before = text[s - 1] if s > 0 else ""
        marked = before in gr.before_last
        if marked:
            if before == "-" and _minus_at(text, s - 1, lx, self.unit_chars):
                negative, start = True, s - 1
            elif before in gr.neg_last:
                for w in lx.negative:
                    if s - len(w) >= 0 and text.startswith(w, s - len(w)):
                        negative, start = True, s - len(w)
                        break
            cm = None
            if start > 0 and text[start - 1] in gr.cur_last:
                cm = gr.currency_pre.search(text, max(0, start - 8), start)
            if cm is not None:
                word = cm.group().rstrip()
                # A Latin prefix must not be the tail of a longer word (ABCUSD).
                prev = text[cm.start() - 1] if cm.start() > 0 else " "
                if not ((word[0].isascii() and word[0].isalpha() and prev.isascii() and prev.isalpha())
                        or prev.isdigit() or prev in lx.digits or prev in lx.big_units or prev in lx.units):
                    cur_code = gr.currency_prefix[word]
                    start = cm.start()
                    bare = False
            pm = None
            if start > 0 and text[start - 1] in gr.pre_last:
                pm = gr.pre.search(text, max(0, start - 6), start)
            if pm is not None:
                pre_q = gr.pre_q.get(pm.group().rstrip())
                pre_q = None if pre_q == "none" else pre_q
                if pm.group().rstrip() == "上" and not n1.leading_unit:
                    pre_q = None
            at = pm.start() if pm is not None else start
            if at > 0 and text[at - 1] in gr.neg_change_last and not negative:
                negative = gr.neg_change.search(text, max(0, at - 8), at) is not None
        if n2 is None:
            if bare and (s == 0 or before in " \t\n(") and _list_marker(text, s, e):
                return None
            # Between a non-ASCII character and anything but @, a figure with a unit cannot be
            # part of a name: the common case, decided without calling _is_name.
            if ((bare or s == 0 or before.isascii() or text.startswith("@", e))
                    and _is_name(text, s, e, bare, gr)) or (
                    bare and num in lx.numeric_names and e < len(text) and (_is_han(text[e]) or text[e].isalpha())):
                return None
        elif _is_name(text, s, e, False, gr):
            return None  # Llama-2-13B
        if spelled and _excluded(gr, text, start, end):
            return None
        # lone and leading-unit numerals must earn their place
        if n2 is None and (n1.leading_unit or lone) \
                and not self._admissible(text, s, e, n1, bare, unit_w, pre_q, cls):
            return None
        key = unit_w if cur_code is None else (unit_w, cur_code)
        kind, unit, classifier, factor = self.units.get(key) or self._unit(key, unit_w, cur_code)
        if latin:
            factor *= ONE.scaleb(lx.latin_magnitudes[latin.strip()])
        qualifier = "exact"
        over = n1.over or over_w is not None or (unit_w is not None and "多" in unit_w)
        post_q = None
        after = text[end] if end < len(text) else ""
        if after in gr.post_first:
            qm = gr.post.match(text, end)
            if qm is not None:
                post_q = gr.post_q.get(qm.group().strip())
        if factor is ONE and not half_w:
            value, low, high = n1.value, n1.low, n1.high
        elif half_w and half_w != lx.half:  # 四成五: the digit after 成 is one place further
            place = n1.place / 10
            value = (n1.value + lx.digits[half_w] * place) * factor
            low, high = _interval(value, place * factor)
        else:
            value = (n1.value + (HALF if half_w else ZERO)) * factor
            low, high = _interval(value, n1.place * factor)
        approximate = False
        if n2 is None and n1.placeholder is None and not (over or cls or pre_q or post_q):
            pass  # as stated: the common case
        elif n2 is not None:
            a = n1.value * (n2.tail if n1.tail == ONE and n2.tail > ONE else ONE) * factor
            b = n2.value * factor
            if not a < b:
                return None
            low, high, value = a, b, (a + b) / 2
            qualifier = "range"
        elif n1.placeholder == "lead":
            pp = n1.ph_place * factor
            low, high = 2 * pp, 9 * pp
            value = (low + high) / 2
            qualifier, approximate = "approx", True
        elif n1.placeholder == "trail":
            low, high = value, value + 10 * n1.ph_place * factor
            qualifier = "over"
        elif over or pre_q == "over" or post_q == "over":
            low, high, qualifier = value, None, "over"
        elif pre_q == "under" or post_q == "under":
            low, high, qualifier = None, value, "under"
        elif cls:
            qualifier, approximate = "class", True
        elif pre_q == "approx" or post_q == "approx":
            qualifier, approximate = "approx", True
        if negative:
            value, low, high = -value, (-high if high is not None else None), (-low if low is not None else None)
        if kind in _SCALED:
            if kind == "discount" and not (abs(n1.value) < 10 or (n1.value == int(n1.value) and n1.place == 1 and num.isdigit() and 10 < n1.value < 100)):
                return None
            scale = Decimal(10) if kind == "tenths" or abs(n1.value) < 10 else ONE
            value, low, high = (x * scale if x is not None else None for x in (value, low, high))
            kind = "percent"
        if unit_w == "‰" and unit == "percent":
            value, low, high = (x / 10 if x is not None else None for x in (value, low, high))
        if rate:
            unit = f"{unit or '1'}/{TIME_UNITS[rate[1:]]}"
            kind = "rate"
        if marked and kind == "number" and start > 0 and text[start - 1] in gr.score_last \
                and gr.score_before.search(text, max(0, start - 6), start):
            kind, unit = "score", "score"
        if after in gr.sub_first and kind == "amount" and n2 is None and qualifier == "exact":
            sub = gr.subunits.get(unit or "")
            sm2 = sub.match(text, end) if sub is not None else None
            if sm2 is not None and sm2.end() > end:
                extra, last = self._subunits(sm2.group(), unit)
                if extra is not None:
                    value += extra
                    low, high = _interval(value, last)
                    end = sm2.end()
        if nt.maps:
            raw_s, raw_e = nt.raw_span(start, end)
        else:
            raw_s, raw_e = start, end
        return new_quantity((nt.raw[raw_s:raw_e], raw_s, raw_e, kind, value, low, high, unit, qualifier,
                             approximate, start, end, classifier, None, None, None))

    def _subunits(self, s: str, code: str):
        """(added value, place of the last subunit) of '3角2分', or (None, None)."""
        cur = next(c for c in self.lx.currencies if c.code == code)
        total, last = ZERO, ONE
        for m in self.gr.subunit_item.finditer(s):
            d = m.group("d")
            digit = Decimal(d) if d.isdigit() else Decimal(self.lx.digits.get(d, -1))
            if digit < 0 or m.group("w") not in cur.subunits:
                return None, None
            factor = cur.subunits[m.group("w")]
            total += digit * factor
            last = factor
        return total, last

    def _admissible(self, text, s, e, n: Numeral, bare, unit_w, pre_q, cls) -> bool:
        lx = self.lx
        first = text[s]
        if e - s == 1 and not first.isdigit() and (first in "十拾" or not n.leading_unit):
            # One character (五, 十, 拾, 陆): a figure when it stands alone or carries a unit.
            left = text[s - 1] if s > 0 else " "
            left_ok = not _is_han(left) or left in lx.standalone_neighbors
            if unit_w and not bare and (left_ok or first not in lx.bank_digits):
                return True
            return _neighbors_ok(text, s, e, lx.standalone_neighbors)
        if n.leading_unit and first not in "十拾":
            nxt = text[s + 1] if s + 1 < e else ""
            if nxt in lx.digits:
                return True  # 百三, 千三
            if n.magnitudes == 1:
                # 百/千/万 alone: a figure only with a unit that measures (百倍, 上千人, 万元)
                kind = self.gr.units.get(unit_w or "", ("", "", None))[0]
                return kind in ("amount", "multiple", "percent") or (unit_w in lx.counts.get("person", ()) and pre_q is not None)
            return bool(unit_w or cls or pre_q)
        return True

    def _unit(self, key, unit_w: str | None, cur_code: str | None):
        """(kind, unit, classifier, factor) for the unit word after a numeral, kept in ``units``."""
        got = self.units[key] = self._read_unit(unit_w, cur_code)
        return got

    def _read_unit(self, unit_w: str | None, cur_code: str | None):
        if unit_w is None:
            if cur_code:
                return "amount", cur_code, None, ONE
            return "number", None, None, ONE
        kind, unit, classifier = self.gr.units[unit_w]
        factor = ONE
        if kind == "amount":
            cur_code = unit
        if cur_code is not None and kind in ("amount", "number"):
            return "amount", cur_code, None, ONE
        if kind == "dozen":
            return "count", "item", classifier, Decimal(self.lx.dozen[unit_w])
        if kind == "score":
            return "score", "score", None, factor
        if unit_w == "美分":
            return "amount", "USD", None, Decimal("0.01")
        return kind, unit, classifier, factor


@functools.cache
def _figure() -> _Figure:
    return _Figure(grammar(), lexicon())


def _ratio(nt: NormText, m: re.Match, lx: Lexicon, kind: str) -> Quantity | None:
    g = m.group
    if kind == "pct":
        n = parse_numeral(g("pctnum"))
        if n is None:
            return None
        d = parse_numeral(g("pctden"))
        if d is None or d.value == 0:
            return None
        den = d.value / 100
        v, place = n.value / den, n.place / den
        sm = grammar().suffix.match(nt.text, m.end())
        end = m.end()
        if sm.group("latin") and not sm.group("unit"):
            mult = ONE.scaleb(lx.latin_magnitudes[sm.group("latin").strip()])
            v, place, end = v * mult, place * mult, m.end() + len(sm.group("latin"))
        if g("pctneg"):
            v = -v
        low, high = _interval(v, place)
        return _q(nt, m.start(), end, "percent", v, low, high, "percent", "exact", False)
    if kind == "frac":
        den, num = parse_numeral(g("fden")), parse_numeral(g("fnum"))
        if den is None or num is None or den.value == 0:
            return None
        v = num.value / den.value
        if g("fneg"):
            v = -v
        if g("fwhole") is not None:
            w = parse_numeral(g("fwhole"))
            if w is None:
                return None
            v += w.value
        neg = nt.text[max(0, m.start() - 1):m.start()] == "负"
        s = m.start() - 1 if neg else m.start()
        if neg:
            v = -v  # 负3分之负157: the two signs cancel
        return _q(nt, s, m.end(), "ratio", v, v, v, None, "exact", False)
    if kind == "arfrac":
        n, d = Decimal(g("afn")), Decimal(g("afd"))
        if d == 0:
            return None
        v = n / d + (Decimal(g("afw")) if g("afw") else ZERO)
        s = m.start()
        if s > 0 and nt.text[s - 1] == "-" and (s < 2 or not nt.text[s - 2].isalnum()):
            s, v = s - 1, -v
        return _q(nt, s, m.end(), "ratio", v, v, v, None, "exact", False)
    return None


def _q(nt: NormText, s: int, e: int, kind: str, v, low, high, unit, qualifier, approximate,
       classifier=None, date=None, period=None, relative=None) -> Quantity:
    rs, re_ = nt.raw_span(s, e) if nt.maps else (s, e)
    return new_quantity((nt.raw[rs:re_], rs, re_, kind, v, low, high, unit, qualifier, approximate, s, e,
                         classifier, date, period, relative))


def _as_date(published) -> dt.date | None:
    if published is None or isinstance(published, dt.date):
        return published if not isinstance(published, dt.datetime) else published.date()
    from dateutil import parser as du

    return du.isoparse(str(published)).date()


def extract(nt: NormText, published: dt.date | str | None = None, damage=None) -> list[Quantity]:
    """Every quantity in normalized text ``nt``, in text order.

    Figures that touch a damaged span (``damage``, from :func:`audit.damage.find_damage`; found
    here when not given) are dropped: a figure read through damage is worse than none."""
    if damage is None:
        damage = find_damage(nt)
    out = _extract(nt, published)
    out = periods.amend(nt, out, published, _q, _as_date)  # fiscal, cumulative, points, relative
    if damage:
        out = [q for q in out if not overlaps(damage, q.nstart, q.nend)]
    return out


# Unit kinds read as a percent, scaled: 三成 (tenths), 八折 (a discount).
_SCALED = frozenset({"tenths", "discount"})

# The kinds of candidate that are neither a figure nor a date or period.
_OTHER_KINDS = frozenset({"clock", "url", "pct", "frac", "arfrac", "rank", "zhe", "fixpct", "half"})


def _extract(nt: NormText, published: dt.date | str | None = None, gr: Grammar | None = None) -> list[Quantity]:
    gr = gr or grammar()
    lx = lexicon()
    text = nt.text
    search = gr.first.search
    c = search(text)
    if c is None:
        return []
    pub = _as_date(published)
    ctx: _Ctx | None = None  # made at the first date-like match: most lines have none
    fig = _figure()
    out: list[Quantity] = []
    at_char = gr.at_char
    while c is not None:  # the next candidate: past the last figure read, or the last failed start
        i = c.start()
        m = (at_char.get(text[i]) or _compiled(gr.cjk_source)).match(text, i)
        if m is None:
            c = search(text, i + 1)
            continue
        pos = m.end()
        kind = m.lastgroup  # each alternative is one outer group, closed last
        q: Quantity | None
        if kind == "fig":
            q = fig.read(nt, m)
            if q is None:  # the next candidate may start in the words after the numeral
                num2 = m.group("num2")
                pos = m.end("num2") if num2 is not None else i + len(m.group("num"))
        elif kind not in _OTHER_KINDS:  # a date or a period: most candidates that are no figure
            if ctx is None:
                ctx = _Ctx(pub)
            ctx.pos = i
            d = _date_match(m, ctx, kind, gr)
            if d is None:
                # A year-like number that is not a year (3000年) is read as a figure.
                ym = gr.parts[kind].match(text, i) if kind == "ydate" else None
                if ym is not None and ym.group("y").isdigit() and not _valid_year(int(ym.group("y"))):
                    y = Decimal(ym.group("y"))
                    q = _q(nt, i, ym.start("yw") + 1, "duration", y, y - Decimal("0.5"), y + Decimal("0.5"), "year", "exact", False)
                else:
                    q = None
            else:
                k, date, period, relative = d
                q = _q(nt, i, pos, k, None, None, None, None, "exact", False, None, date, period, relative)
        elif kind in ("clock", "url"):
            q = None
        elif kind in ("pct", "frac", "arfrac"):
            q = _ratio(nt, gr.parts[kind].match(text, m.start()), lx, kind)
        elif kind == "rank":
            n = parse_numeral(m.group("ranknum"))
            q = None
            if n is not None and n.value == int(n.value) and n.placeholder is None and not n.over:
                q = _q(nt, m.start(), m.end(), "rank", n.value, n.value, n.value, None, "exact", False)
        elif kind == "zhe":
            zm = gr.parts[kind].match(text, m.start())
            d1, d2 = (str(lx.digits.get(c, c)) for c in (zm.group("zd1"), zm.group("zd2")))
            v = Decimal(d1 + d2)
            q = _q(nt, m.start(), m.end(), "percent", v, v - Decimal("0.5"), v + Decimal("0.5"), "percent", "exact", False)
        elif kind == "fixpct":
            v = Decimal(lx.fixed_percent[m.group("fixpct")])
            q = _q(nt, m.start(), m.end(), "percent", v, v, v, "percent", "exact", False)
        elif kind == "half":
            sm = gr.suffix.match(text, m.end())
            unit_w = (sm.group("unit") or "").strip()
            if not unit_w:
                q = None
            else:
                k, unit, classifier = gr.units[unit_w]
                v = Decimal("0.5")
                if k == "tenths":
                    k, v = "percent", Decimal(5)
                elif k == "discount":
                    k, v = "percent", Decimal(50)
                q = _q(nt, m.start(), sm.end(), k, v, v, v, unit, "exact", False, classifier)
        if q is not None:
            out.append(q)
            if q.nend > pos:
                pos = q.nend  # past the unit words of this figure (个百分点)
        c = search(text, pos)
    return out


def parse_quantities(text: str, published: dt.date | str | None = None) -> list[dict]:
    """The quantities in ``text`` as JSON-ready dicts (DESIGN.md section 3), offsets into ``text``."""
    return [q.to_dict() for q in extract(normalize(text), published)]
