"""What each kind of candidate looks like: the pattern source of a numeral, of the words after it,
of the dates and periods the grammar reads and of the rarer forms (百分之, 分之, a/b, 折, 第N),
written from the lexicons in ``audit/data``; and the character classes they are made of.

:mod:`.grammar` puts these together into the patterns the scan runs; :mod:`.figure`,
:mod:`.dates` and :mod:`.ratios` read what they match. Every pattern here is linear (no nested
quantifiers over the same text), and the lookahead guards (``guards``) only make the scan
faster: ``alternatives(..., guarded=False)`` leaves them out.
"""
from __future__ import annotations

import re
from typing import Iterable

import regex

from ..lexicon import Lexicon, alternation
# The time units of a rate (5万元/年): the word after the slash, and the unit it is read as.
TIME_UNITS = {"年": "year", "月": "month", "周": "week", "天": "day", "日": "day", "小时": "hour",
              "分钟": "minute", "秒": "second"}
FRACTION_LEAD = 48  # characters before 分之 (三又四分之一); far more than any numeral needs
_ARABIC = (r"(?:(?:\d{1,3}+(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|(?<![\d.])\.\d+)"
           r"(?:[eE][+-]?\d+(?![A-Za-z])|\^[+-]*\d+)?")
YEAR_DIGITS = "〇零一二三四五六七八九"

# The groups of the words after a numeral that the scan's match leaves out (read again when present).
_RARE_SUFFIX = re.compile(r"\(\?P<(?:latin|over|cls|half|rate)>")


def char_class(chars: Iterable[str]) -> str:
    return "".join(regex.escape(c) for c in sorted(set(chars)))


def numeral_chars(lx: Lexicon) -> set[str]:
    """The characters a numeral can open with (几/数 only before a unit: see _numrun)."""
    return set(lx.digits) | set(lx.units) | set(lx.big_units) | set(lx.approx_digits)


def firm_class(lx: Lexicon) -> str:
    """The numeral characters that are a numeral wherever they stand."""
    return char_class(list(lx.digits) + list(lx.units) + list(lx.big_units))


def magnitude_class(lx: Lexicon) -> str:
    return char_class(list(lx.units) + list(lx.big_units) + [w for w in lx.infix_over if len(w) == 1 and not w.isascii()])


def starter_words(lx: Lexicon) -> list[str]:
    """The words that open a date, a period or a fixed percent (今年, 上半年, 当天, 过半)."""
    return (list(lx.fixed_percent) + list(lx.same_day) + list(lx.next_day) + list(lx.relative_years)
            + list(lx.quarters) + list(lx.halves))


def _latin_guarded(words) -> str:
    """Words as a pattern where the Latin ones (Q1, H2) must not continue a Latin word."""
    latin = [w for w in words if w[0].isascii()]
    other = [w for w in words if not w[0].isascii()]
    parts = ([alternation(other)] if other else []) + ([rf"(?<![A-Za-z])(?:{alternation(latin)})"] if latin else [])
    return "(?:" + "|".join(parts) + ")"


# ----------------------------------------------------------------------------------------------
# the alternatives: a numeral and the words after it, dates, periods and the rarer forms


def _numrun(lx: Lexicon) -> str:
    """A numeral: Arabic and Chinese digits, magnitudes and spaces between them. 几/数 start a
    numeral only before a unit (几十, 数亿); alone they are words (几个, 数据). Atomic: a numeral
    run never gives characters back, so a failed alternative (分之 after a long digit run) costs
    linear time instead of trying every split of the run."""
    cn_all = char_class(list(lx.digits) + list(lx.units) + list(lx.big_units) + list(lx.approx_digits)
                  + [w for w in lx.infix_over if len(w) == 1 and not w.isascii()])
    ar, pt, cn_mag, no = _ARABIC, regex.escape(lx.decimal_point), magnitude_class(lx), _not_a_prefix(lx)
    return (
        rf"(?>(?:{ar}|[{firm_class(lx)}]|[{char_class(lx.approx_digits)}](?= *[{cn_mag}]))"
        rf"(?:{no}[{cn_all}]|(?<![\d.,]){ar}| +{no}[{cn_mag}]|(?<=[{cn_all}{pt}]) +(?:{no}[{cn_all}]|{ar})"
        rf"| *{pt}(?= *[{char_class(lx.digits)}]))*)"
    )


def _not_a_prefix(lx: Lexicon) -> str:
    """Not a big unit that starts a unit word: 兆 of 兆瓦 is mega (100兆瓦 is 100 megawatts, not
    100 x 10^12 of 瓦). Opens with the big unit itself, so it fails at once at any other character."""
    words = [rf"{regex.escape(c)} *(?:{alternation(ws)})" for c, ws in lx.unit_prefixes.items()]
    return f"(?!{'|'.join(words)})" if words else ""


def _latin_magnitude(lx: Lexicon) -> str:
    """A Latin magnitude after a numeral (40k, 6.4B); one of ``latin_only_before`` only right before
    its words (2000W像素 is 2000万 pixels; 65W快充 is watts)."""
    free = [w for w in lx.latin_magnitudes if w not in lx.latin_only_before]
    tied = [rf"{regex.escape(w)}(?= *(?:{alternation(ws)}))" for w, ws in lx.latin_only_before.items()]
    return f"(?:(?:{alternation(free)})(?![A-Za-z]){''.join('|' + t for t in tied)})"


def suffix_source(lx: Lexicon, units: dict) -> str:
    """The words after a numeral, every part optional: read in the same match as a figure's
    numeral (one call instead of two), and alone after the other kinds that take them."""
    cjk_units = [w for w in units if not w[-1].isascii()]
    # 四成五, 七成五: a digit after a tenths word is the next digit (hundredths), unless a numeral
    # or a unit follows it (三成五年 is not 35%).
    after_tenth = char_class(set(lx.digits) | set(lx.units) | set(lx.big_units) | {w[0] for w in cjk_units})
    tenth_digit = (rf"(?:{'|'.join(f'(?<={regex.escape(w)})' for w in lx.tenths)})"
                   rf"[{char_class(d for d, v in lx.digits.items() if v > 0)}](?![{after_tenth}])")
    return (
        rf"(?P<latin>(?=[ {char_class(w[0] for w in lx.latin_magnitudes)}]) ?{_latin_magnitude(lx)})?"
        rf"(?P<over>{alternation(list(lx.infix_over))})?"
        rf"(?P<cls>{alternation(lx.class_words)})?"
        # The engine tries a trie's first characters one by one: the test of a class first
        # lets a figure without a CJK unit word (5%, 5，) skip them all at once.
        rf"(?P<unit> *(?:(?=[{char_class(w[0] for w in cjk_units)}]){alternation(cjk_units)}"
        rf"|(?:{alternation(w for w in units if w[-1].isascii())})(?![A-Za-z])))?"
        rf"(?P<half>{regex.escape(lx.half)}|{tenth_digit})?"
        rf"(?P<rate>/(?:{'|'.join(regex.escape(w) for w in TIME_UNITS)}))?"
    )


def guards(lx: Lexicon) -> dict[str, str]:
    """A lookahead per alternative that every match of it satisfies, checked in one pass, so
    that the common candidate (a plain figure) skips the date and fraction forms at once instead
    of failing each of them character by character. Bounded, so that a long run of digits is not
    rescanned from every candidate in it: the part of a fraction before 分之 is read when it is
    at most FRACTION_LEAD characters."""
    small = r"\d" + char_class("一二三四五六七八九十")
    return {
        "frac": rf"(?=[\d{char_class(lead_chars(lx))}]{{0,{FRACTION_LEAD}}}+分)",
        "ydate": rf"(?=[\d{char_class(YEAR_DIGITS)}]{{4}}[财年])",
        "mdate": rf"(?=[{small}]{{1,2}}月)", "ddate": rf"(?=[{small}]{{1,3}}[日号])", "arfrac": r"(?=[\d ]{1,8}/)",
        "dates": r"(?=\d{1,4}[-/.:年月日号财])",
    }


def lead_chars(lx: Lexicon) -> set[str]:
    """Every character of a numeral run and of the spaces and marks inside a fraction's lead."""
    return (numeral_chars(lx) | {w for w in lx.infix_over if len(w) == 1} | {lx.decimal_point}
            | set(".,eE+-^ 又"))


def alternatives(lx: Lexicon, suffix_src: str, guarded: bool) -> dict[str, str]:
    """Each kind of candidate as a pattern, in the order they are tried at one position."""
    numrun = _numrun(lx)
    month = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?"
    day = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
    quarters, halves = alternation(lx.quarters), alternation(lx.halves)
    year = rf"(?P<y>\d{{4}}|[{YEAR_DIGITS}]{{4}})(?P<yw>财年|年度|年)"
    guard = guards(lx) if guarded else dict.fromkeys(("frac", "ydate", "mdate", "ddate", "arfrac"), "")
    return {
        "url": r"(?:https?://|www\.)[^\s\u3000-\u303f\uff01-\uff5e\u4e00-\u9fff]+",
        "iso": r"(?<![\d.])\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?![\d.])(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?",
        "isom": r"(?<![\d.])\d{4}-\d{1,2}(?![\d.\-])",
        "clock": r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])",
        "ydate": rf"{guard['ydate']}(?<![\d.]){year}(?:(?P<mo>{month})(?P<d>{day})?|(?P<yq>{quarters})"
                 rf"|(?P<yh>{halves})|(?:{alternation(lx.whole_year)}))?",
        "rdate": rf"(?P<rw>{alternation(lx.relative_years)})(?:(?P<rmo>{month})(?P<rd>{day})?|(?P<rq>{quarters})"
                 rf"|(?P<rh>{halves})|(?:底|初|年底|年初|全年))?",
        "mdate": rf"{guard['mdate']}(?<![\d.个]){month}(?P<md>{day})?",
        "ddate": rf"{guard['ddate']}(?<![\d.月]){day}(?![元本均报])",
        "sameday": alternation(list(lx.same_day) + list(lx.next_day)),
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
