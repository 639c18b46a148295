"""The segment of a figure: a segment the lexicon names (segments.yaml) from a little before its
metric word up to the figure; else the noun phrase right before the metric word that narrows it
(其中核心电商收入724.75亿元: ``~核心电商``), so that a part is never taken for the whole; a share's
key names its part and its whole (``广告@总营收``).

The phrase is cut at word boundaries, never by a count of characters: it runs back from the
metric word to the nearest boundary — punctuation, an entity's name, a metric word, a basis or
GAAP word, a change verb, a period word, a verb, a function word or a pronoun (the words are in
``audit/data/segment_words.yaml`` and the files it names). A run longer than ``max_chars`` has no
boundary the resolver knows, and a company's name is no segment: when in doubt, no segment.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..lexicon import LexiconError, _load, _words, alternation
from ..model import Quantity
from ..subjects import _grammar as _org_grammar
from .frame import NAME, Mentions, Sentence, Span, find
from .lexicons import Lexicons, section, words

BEFORE_METRIC = 8  # characters before the metric word a segment word of the lexicon may start
REACH = 16  # characters before the metric word read for the phrase and its boundary
NOUN, NEUTRAL, BOUNDARY = "keep", "neutral", "boundary"
# Han characters with Latin letters (iPad产品线, B2C家电网购); a Latin word alone is a product's or a
# company's name as often as a segment (Twilio, PC): no segment
_PHRASE = re.compile(r"(?=.*[\u4e00-\u9fff])[\u4e00-\u9fffA-Za-z0-9]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9 ]*")
_CLOSING = frozenset("”」』\"'")  # a closing quotation mark right before the metric word
_OTHER = r"[^\u4e00-\u9fffA-Za-z0-9]+|[0-9]+(?![0-9A-Za-z])"  # punctuation, and digits but in 5G


class Words(NamedTuple):
    """The compiled word lists: one pattern of every word (longest first) and its kind."""
    rx: re.Pattern
    kind: dict[str, str]
    neutral: re.Pattern
    max_chars: int
    period_tail: re.Pattern  # a period word (and neutral words) right before the metric word
    sources: frozenset[str]  # 来自, 来自于: what follows is the part a figure comes from


@functools.cache
def _words_of() -> Words:
    data = _load("segment_words.yaml")
    n = data.get("max_chars")
    if not isinstance(n, int) or n < 2:
        raise LexiconError("audit/data/segment_words.yaml: max_chars: expected a whole number of at least 2")
    kind: dict[str, str] = {}
    for key in ("verbs", "function", "pronouns", "periods", "numbers"):
        kind.update(dict.fromkeys(_words("segment_words.yaml", key, data.get(key)), BOUNDARY))
    kind.update(dict.fromkeys(_other_boundaries(), BOUNDARY))
    kind.update(dict.fromkeys(_words("segment_words.yaml", "keep", data.get("keep")), NOUN))
    neutral = _words("segment_words.yaml", "neutral", data.get("neutral"))
    kind.update(dict.fromkeys(neutral, NEUTRAL))
    rx = re.compile("|".join(map(re.escape, sorted(kind, key=len, reverse=True))) + "|" + _OTHER)
    by_len = "|".join(map(re.escape, sorted(neutral, key=len, reverse=True)))
    # only words of two characters or more are stepped over: 日 of 次日 would leave 次 behind
    periods = alternation(w for w in (*_words("segment_words.yaml", "periods", data.get("periods")), *_period_words())
                          if len(w) > 1)
    return Words(rx, kind, re.compile(rf"^(?:{by_len})+|(?:{by_len})+$"), n,
                 re.compile(rf"(?:{periods})+(?:{by_len})*$"),
                 frozenset(_words("segment_words.yaml", "sources", data.get("sources"))))


def _other_boundaries() -> list[str]:
    """The boundary words of the other word files: change verbs and their bases (changes.yaml),
    the period words (periods.yaml, unlisted.yaml's periods)."""
    return [*words("changes.yaml", "up"), *words("changes.yaml", "down"), *section("changes.yaml", "basis"),
            *_period_words()]


def _period_words() -> list[str]:
    return [*section("periods.yaml", "relative"), *section("periods.yaml", "fiscal_quarters"),
            *words("periods.yaml", "year_to_date"), *words("unlisted.yaml", "periods")]


def mentions(text: str, lex: Lexicons) -> list[Span]:
    return find(lex.segment_re, lex.segment_of, text)


def read(s: Sentence, q: Quantity, clause: int, metric: Span | None) -> str | None:
    """The segment of the figure ``q`` (its metric word at ``metric``), or None."""
    men = s.doc.men
    seg = men.segments.last_before(metric[0] - BEFORE_METRIC if metric else clause, q.nstart)
    if seg is not None:
        return seg[2]
    if metric is not None and metric[0] < q.nstart:
        # 其中核心电商收入724.75亿元: a part the lexicon does not know is still a part; it gets a
        # segment of its own name, so that it is never taken for the whole.
        phrase = _phrase(s.doc.text, s.start, clause, metric[0], men)
        if phrase:
            return "~" + phrase
    return None


def of_share(segment: str | None, whole: str) -> str:
    """A share's key names its part and its whole: 广告@总营收."""
    return f"{segment or ''}@{whole}"


def _phrase(text: str, sentence: int, clause: int, hi: int, men: Mentions) -> str | None:
    """The noun phrase that ends at the metric word at ``hi`` (or at the 的 before it: 来自芯片业务的
    收入), from its nearest boundary, or None."""
    if hi - 1 > clause and text[hi - 1] == "的":
        hi -= 1
    if hi - 1 > clause and text[hi - 1] in _CLOSING:
        hi -= 1  # “百度核心”营收: the writer marks the phrase; its opening mark is a boundary
    # 核心业务第三季度总营收: the period word between the phrase and its metric word is stepped over
    tail = _words_of().period_tail.search(text, max(clause, hi - REACH), hi)
    if tail is not None and tail.start() > clause:
        hi = tail.start()
    lo = max(clause, hi - REACH)
    # A later clause's start is a boundary (其中,核心电商收入); a sentence's start is not, for the
    # words that open a sentence may be its subject (宝宝树知识付费收入), nor is a cut in the text.
    start = lo if lo == clause > sentence else -1
    named = -1  # where the last name before the phrase ends
    for _, end, kind in men.words.between(lo - REACH, hi):  # names, metric, basis and GAAP words
        if lo <= end <= hi:
            start = max(start, end)  # what follows a name, a metric, a basis or GAAP word
            named = max(named, end) if kind == NAME else named
    return _noun_phrase(text[lo:hi], start - lo if start >= 0 else -1, named == start >= 0)


@functools.lru_cache(maxsize=4096)
def _noun_phrase(before: str, start: int, after_name: bool = False) -> str | None:
    """The phrase at the end of ``before`` after its last boundary (at ``start`` or a word of the
    lists), trimmed of neutral words; None if it has no boundary, is too short or too long, or is
    a company's name — unless it follows the name of its company (高通CDMA技术集团: a division),
    ``after_name`` (cached: the characters before metric words repeat)."""
    w = _words_of()
    named_at, opener = start, None
    for m in w.rx.finditer(before):
        if m.end() > start and w.kind.get(m.group(), BOUNDARY) == BOUNDARY:
            if after_name and m.end() == len(before) and m.group() in _org_suffixes() and m.start() > named_at:
                break  # 高通CDMA技术集团: an organisation named right after its company is a division
            start, opener = m.end(), m.group()
    if start < 0:
        return None
    phrase = w.neutral.sub("", before[start:])
    if _ends_with_company(phrase) and not (after_name and start == named_at and phrase not in _org_suffixes()):
        return None
    if not 2 <= len(phrase) <= w.max_chars or phrase[0].isdigit():
        return None
    if not (_PHRASE.fullmatch(phrase) or (opener in w.sources and _LATIN.fullmatch(phrase))):
        return None  # a Latin name alone is a part only where 来自 says so (来自于iPhone的营收)
    return phrase


@functools.cache
def _org_suffixes() -> frozenset[str]:
    return frozenset(words("orgs.yaml", "suffixes"))


def _ends_with_company(phrase: str) -> bool:
    """Whether ``phrase`` ends with an organisation's name (润和科技: a stem and a suffix of
    orgs.yaml whose stem is not a common noun), or is a suffix alone (科技 of 润和科技, cut at 和):
    the subject, not a part of its business."""
    org_rx, generic = _org_grammar()
    if phrase in _org_suffixes():
        return True
    m = org_rx.search(phrase)
    while m is not None and m.end() != len(phrase):
        m = org_rx.search(phrase, m.start() + 1)
    return m is not None and m.group("stem") not in generic
