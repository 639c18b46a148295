"""Read the companies a sentence names that the entity lexicon does not know.

A run of Han characters, Latin letters and digits (or two or three capitalised Latin words, spaces
kept: ``Leap Motion``) that opens a clause (right after punctuation, the full-width comma too, or at
a line's start) is a company's name when it stands before a period
and a metric word (``前程无忧第三季度营收``), before a verb a company is the subject of, perhaps
after an adverb or a time (``前程无忧公布``, ``…曾发布``, ``…周二发布``; not ``发布会``), or when it
ends in an organisation's suffix right before a metric word (``晋商消费金融总资产``) or in a list of
such names (``中邮消费金融、杭银消费金融``); a name a document defines (``(以下简称"乐融致新")``)
and a Latin name right after a word that says it is a company's (``云通讯公司Twilio发布``) are
names too. Its entity id is ``~`` + the name, so the same name links across documents, and once
read it is a mention wherever the document writes it (``乐视网的注册资本``: the company, not a
segment), and so is its short form, the name without its organisation's suffixes when three Han
characters or more are left (星河澜半导体公司…三季度星河澜产品营收). The reading is conservative, because a wrong entity makes false findings: no name in
the middle of a clause, no function or period character or adverb inside it, no common noun
(``audit/data/unlisted.yaml``, and the generic stems of ``audit/data/orgs.yaml``), no source's
name (研究院, 咨询公司Ovum), no name that holds a lexicon entity or a metric word.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from ..lexicon import LexiconError, _load, _words, alternation
from ..subjects import _grammar as _org_grammar

PREFIX = "~"
Span = tuple[int, int, str]


class Grammar(NamedTuple):
    """The compiled reading of ``unlisted.yaml``, with orgs.yaml's (name + suffix) pattern."""
    rx: re.Pattern  # a name before a verb, a period, or ending in an organisation's suffix
    at_start: re.Pattern  # the same, at the text's start
    latin: re.Pattern  # a Latin name after a word that says it is a company's (公司Twilio发布)
    alias: re.Pattern  # a name the document defines (以下简称"X")
    suffixes: tuple[str, ...]  # the organisation's suffixes, the longest first
    listed: tuple[str, ...]  # what follows a name with a suffix in a list of names (、)
    listed_stem: int  # the longest stem of such a name (orgs.yaml's stem max)
    not_names: frozenset[str]
    org_rx: re.Pattern
    not_inside: re.Pattern
    not_endings: tuple[str, ...]
    refer: re.Pattern
    ticker: re.Pattern  # a stock code in parentheses (what stands before it is read by _listed_name)
    ticker_cut: re.Pattern  # the function words the name of a listed company starts after (还有)
    ticker_owner: re.Pattern  # the words that say it is a company's, before at least two characters (母公司)
    name_max: int


def _string(data: dict, key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise LexiconError(f"audit/data/unlisted.yaml: {key}: expected a string")
    return value


def _list(data: dict, key: str) -> str:
    return alternation(_words("unlisted.yaml", key, data.get(key)))


@functools.cache
def _grammar() -> Grammar:
    data = _load("unlisted.yaml")
    size = data.get("name")
    if not (isinstance(size, dict) and all(isinstance(size.get(k), int) for k in ("min", "max"))):
        raise LexiconError("audit/data/unlisted.yaml: name: expected {min, max}")
    starts, refuse = _string(data, "starts"), _string(data, "refuse")
    suffixes = tuple(sorted(_words("unlisted.yaml", "suffixes", data.get("suffixes")), key=len, reverse=True))
    # A Latin name of two or three capitalised words (Leap Motion 宣布) keeps its spaces; a space may
    # stand between any name and its verb or period, as Chinese text spaces Latin words.
    words = rf"[A-Z][A-Za-z0-9]{{0,{size['max'] * 2}}}(?: [A-Z0-9][A-Za-z0-9]{{0,{size['max'] * 2}}}){{1,2}}"
    pattern = (rf"(?P<name>{words}(?![A-Za-z0-9])|[^{re.escape(refuse + starts)}\W_]{{{size['min']},{size['max']}}}?)"
               rf" ?{_tail(data, suffixes)}")
    # A Latin name also stands right after a word that says it is a company's (美国云通讯公司Twilio
    # 周三发布; not 咨询公司Ovum发布, a source); it opens with a capital.
    after = "|".join(f"(?<={re.escape(w)}.)" for w in _words("unlisted.yaml", "latin_after", data.get("latin_after")))
    sources = "".join(f"(?<!{re.escape(w)}.)" for w in _words("unlisted.yaml", "latin_not_after",
                                                              data.get("latin_not_after")))
    latin = rf"(?P<name>[A-Z](?:{after}){sources}[A-Za-z0-9]{{1,{size['max'] * 2}}})(?![A-Za-z0-9]){_tail(data, ())}"
    quote, unquote = _string(data, "quotes"), _string(data, "unquotes")
    alias = (rf"\((?:{_list(data, 'alias')})[:]?[{re.escape(quote)}]?"
             rf"(?P<name>[^{re.escape(unquote + starts)}\s]{{{size['min']},{size['max']}}}?)[{re.escape(unquote)}]?\)")
    org_rx, generic = _org_grammar()
    lead = "(?:^|(?<=[" + re.escape(starts) + "]))"
    refer = rf"{lead}(?:{_list(data, 'refer')})(?![{re.escape(_string(data, 'refer_not_before'))}])"
    not_names = frozenset(_words("unlisted.yaml", "not_names", data.get("not_names")))
    # The punctuation before a name is matched, not looked behind at: the engine then scans for it
    # in C (twice as fast); a name at the text's start is matched on its own.
    return Grammar(re.compile(rf"[{re.escape(starts)}\n]{pattern}"), re.compile(pattern), re.compile(latin),
                   re.compile(alias), suffixes, _words("unlisted.yaml", "listed", data.get("listed")), _stem_max(),
                   not_names | generic, org_rx, re.compile(_list(data, "not_inside")),
                   _words("unlisted.yaml", "not_endings", data.get("not_endings")), re.compile(refer, re.M),
                   *_ticker(data), size["max"])


def _ticker(data: dict) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A stock code in parentheses (万达电影(002739), 111集团(Nasdaq:YI)), and what the name before it
    starts after: a function word of ``ticker.cut`` or a latin_after word (母公司)."""
    t = data.get("ticker")
    if not isinstance(t, dict) or not isinstance(t.get("cut"), str) or not t["cut"]:
        raise LexiconError("audit/data/unlisted.yaml: ticker: expected {exchanges, markets, cut}")
    exchanges = alternation(_words("unlisted.yaml", "ticker.exchanges", t.get("exchanges")))
    market = rf"\.(?:{alternation(_words('unlisted.yaml', 'ticker.markets', t.get('markets')))})(?![A-Za-z])"
    code = (rf"(?:(?:{exchanges})\s*[:：]?\s*(?:[A-Z]{{1,5}}|\d{{4,6}})(?:{market})?"
            rf"|\d{{6}}(?:{market})?|\d{{4,5}}{market})")
    after = alternation(_words("unlisted.yaml", "latin_after", data.get("latin_after")))
    return (re.compile(rf"[(（]\s*{code}\s*[)）]"),
            re.compile(rf".*[{re.escape(t['cut'])}]", re.S), re.compile(rf".*(?:{after})(?=..)", re.S))


def _tail(data: dict, suffixes: tuple[str, ...]) -> str:
    """What ends a name: a verb (公布), a period (第三季度), an organisation's suffix (…消费金融, when
    ``suffixes``); the last two must be followed by a metric word, checked after. Each ending is
    guarded by a class of its first (for a suffix, last) characters, so a clause's start costs little."""
    tails = {k: _words("unlisted.yaml", k, data.get(k)) for k in ("adverbs", "verbs", "before_period", "periods")}
    first = "".join(sorted({w[0] for ws in tails.values() for w in ws} | set("0123456789")))
    org = ""
    if suffixes:
        last = "".join(sorted({x[-1] for x in suffixes}))
        org = rf"|(?<=[{re.escape(last)}])(?P<org>{'|'.join(f'(?<={re.escape(x)})' for x in suffixes)})"
    return (rf"(?:(?=[{re.escape(first)}])(?:(?:{alternation(tails['adverbs'])}){{0,2}}"
            rf"(?P<verb>{alternation(tails['verbs'])})(?![{re.escape(_string(data, 'verb_not_before'))}])"
            rf"|(?:{alternation(tails['before_period'])})?(?:\d{{4}}财?年度?)?(?:{alternation(tails['periods'])})){org})"
            rf"(?:{_list(data, 'bridges')})?")


def _stem_max() -> int:
    stem = _load("orgs.yaml").get("stem")
    if not isinstance(stem, dict) or not isinstance(stem.get("max"), int):
        raise LexiconError("audit/data/orgs.yaml: stem: expected {min, max}")
    return stem["max"]


def mentions(text: str, entity_re: re.Pattern, metric_re: re.Pattern,
             taken: list[Span] | None = None) -> list[Span]:
    """(start, end, ``~name``) for each place ``text`` writes a company's name that ``entity_re``
    (the lexicon's names, found at ``taken`` when given) does not know: every name read in one of
    the patterns above (a name before a period or a suffix only when a metric word matched by
    ``metric_re`` follows), and every other place the document writes it."""
    names = read_names(text, entity_re, metric_re)
    if not names:
        return []
    if taken is None:
        taken = [(m.start(), m.end(), "") for m in entity_re.finditer(text)]
    ends = [e for _, e, _ in taken]  # the lexicon's mentions do not overlap: ends sorted too
    ids = {n: PREFIX + _short(n, names) for n in names}
    for n in sorted(names, key=len):  # 星河澜半导体公司…三季度星河澜产品营收: the name without its suffix
        stem = short_name(n, entity_re, metric_re)
        if stem is not None and stem not in ids:
            ids[stem] = ids[n]
    out = []
    for m in _occurrences(tuple(sorted(ids))).finditer(text):
        j = bisect.bisect_right(ends, m.start())  # the first mention ending after this start
        if j == len(taken) or taken[j][0] >= m.end():
            out.append((m.start(), m.end(), ids[m.group()]))
    return out


SHORT_MIN = 3  # characters of a name's short form: two (平安, 华润) are as often common words


def short_name(name: str, entity_re: re.Pattern, metric_re: re.Pattern) -> str | None:
    """The name a document writes for short once it has written ``name`` in full: ``name`` without
    its organisation's suffixes (orgs.yaml's and this file's: 星河澜半导体公司 -> 星河澜), when
    what is left is a name of Han characters, at least SHORT_MIN long, and no common noun."""
    g, stem = _grammar(), name
    while (cut := next((x for x in _all_suffixes() if stem.endswith(x) and len(stem) > len(x)), None)) is not None:
        stem = stem[:-len(cut)]
    if stem == name or len(stem) < SHORT_MIN or not _HAN.fullmatch(stem) or g.org_rx.search(stem):
        return None
    return stem if _is_name(stem, g, entity_re, metric_re) else None


_HAN = re.compile(r"[\u4e00-\u9fff]+")


@functools.cache
def _all_suffixes() -> tuple[str, ...]:
    """The endings of an organisation's name, this file's and orgs.yaml's, the longest first."""
    return tuple(sorted(set(_grammar().suffixes) | set(_words("orgs.yaml", "suffixes", _load("orgs.yaml").get("suffixes"))),
                        key=len, reverse=True))


def _short(name: str, names: set[str]) -> str:
    """The shortest of ``names`` that ``name`` is with an organisation's suffix (美图公司: 美图),
    so that one company has one id in a document."""
    suffixes = _grammar().suffixes
    return min((n for n in names if name.startswith(n) and name[len(n):] in suffixes), key=len, default=name)


def read_names(text: str, entity_re: re.Pattern, metric_re: re.Pattern) -> set[str]:
    """The names ``text`` writes in one of the patterns of a company's name."""
    g = _grammar()
    found = {m.group("name") for m in g.alias.finditer(text)}
    first = g.at_start.match(text)
    for m in ([first] if first else []) + list(g.rx.finditer(text)) + list(g.latin.finditer(text)):
        name = m.group("name")
        if m.groupdict().get("org") is not None:  # 晋商消费金融总资产, not 商业银行总资产
            suffix = next(x for x in g.suffixes if name.endswith(x))
            if len(name) == len(suffix) or name[:-len(suffix)] in g.not_names:
                continue
            if text.startswith(g.listed, m.end()) and len(name) - len(suffix) <= g.listed_stem:
                found.add(name)  # 中邮消费金融、杭银消费金融总资产分别为…: a list of companies
        if m.group("verb") is not None or metric_re.match(text, m.end()) is not None:
            found.add(name)  # 前程无忧第三季度 must be followed by what it measures (营收)
    listed = {n for m in g.ticker.finditer(text) if (n := _listed_name(text, m.start())) is not None}
    return {n for n in found if _is_name(n, g, entity_re, metric_re)} | {
        n for n in listed if _is_name(n, g, entity_re, metric_re, digits=True)}


_RUN = re.compile(r"[^\W_]{2,24}$")  # the run of a name's characters before a stock code


def _listed_name(text: str, at: int) -> str | None:
    """The name of a listed company before its stock code at ``at``: the run of characters before
    it, from after its last function word or word that says it is a company's (还有猛狮科技,
    母公司111集团); none if it is too long."""
    run = _RUN.search(text, max(0, at - 24), at)
    if run is None:
        return None
    g, name = _grammar(), run.group()
    for rx in (g.ticker_cut, g.ticker_owner):
        cut = rx.match(name)
        name = name[cut.end():] if cut else name
    return name if 2 <= len(name) <= g.name_max and not name.isdigit() else None


@functools.lru_cache(maxsize=256)
def _occurrences(names: tuple[str, ...]) -> re.Pattern:
    """Any of ``names``, the longest first; a Latin name only as a whole word."""
    edge = r"(?<![A-Za-z0-9])(?:{})(?![A-Za-z0-9])"
    return re.compile("|".join(edge.format(re.escape(n)) if n.isascii() else re.escape(n)
                               for n in sorted(names, key=len, reverse=True)))


def _is_name(name: str, g: Grammar, entity_re: re.Pattern, metric_re: re.Pattern, digits: bool = False) -> bool:
    """Whether ``name`` may be a company's name: not a common noun, not opening with a digit (but
    a listed company's, ``digits``: 111集团), and holding neither a name the lexicon knows nor a
    metric word (those are read by the lexicon), nor a common noun with an organisation's suffix
    (上市公司, 科技公司)."""
    org = g.org_rx.fullmatch(name)
    return (name not in g.not_names and (digits or not name[0].isdigit())
            and (org is None or org.group("stem") not in g.not_names)
            and g.not_inside.search(name) is None and not name.endswith(g.not_endings)
            and entity_re.search(name) is None and metric_re.search(name) is None)


def refers(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` refers back to the paragraph's subject (该公司, 其 opening a
    clause): only then does a sentence take a name read here from an earlier sentence."""
    return _grammar().refer.search(text, start, end) is not None
