"""Dated events read from one document (issue 22): (entity, event, object, date).

A sentence with one resolved date and an event word of ``audit/data/events.yaml`` dates an event:
its object is the thing launched, founded or listed (a product or model the lexicon knows, with
the version written after its name: 文心一言3.5 is not 文心一言; else a name with a model number
after the word: 发布了X200), its entity the company named before the word. Dates are resolved
against the document's publication date when the text leaves the year out (6月8日), and marked
explicit when the text writes the year. What a check makes of them is AU400's (checks/date_mismatch).
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from .analysis import Analyzed
from .claims import Lexicons
from .lexicon import LexiconError, _load, alternation
from .model import Location
from .claims.frame import matches
from .segment import text_sentences

NEAR = 8  # characters between an event word and the name it is about
_VERSION = re.compile(r"[ -]?(?:[A-Za-z0-9][A-Za-z0-9.+]*(?: (?:Pro|Max|Ultra|Plus|mini|Turbo))?)")
_MODEL_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z]{0,6}?[“\"「]?[A-Za-z0-9][A-Za-z0-9.+\-]*(?: [A-Za-z0-9][A-Za-z0-9.+\-]*)*[”\"」]?")
_QUOTES = str.maketrans("", "", "“”\"「」")  # 管家机器人“UNIBOT” names what 管家机器人UNIBOT does


class DatedEvent(NamedTuple):
    entity: str | None  # who did it: a company named before the event word (None: not named)
    event: str  # the event's id in events.yaml
    object: str  # what it is about: an entity id (with its version), or a name read from the text
    date: str  # YYYY-MM-DD, or YYYY-MM or YYYY when the text names a month or a year
    explicit: bool  # the text writes the full date, year included
    location: Location


class _Table(NamedTuple):
    words: re.Pattern
    of: dict[str, tuple[str, tuple[str, ...]]]  # word -> (event id, kinds of its object)
    fillers: re.Pattern


@functools.cache
def _table() -> _Table:
    data = _load("events.yaml")
    try:
        of = {w: (str(e["id"]), tuple(e.get("of", ()))) for e in data["events"] for w in e["words"]}
        fillers = [str(w) for w in data["fillers"]]
    except (TypeError, KeyError) as e:
        raise LexiconError(f"audit/data/events.yaml: expected `events` (a list of id, words, of) and "
                           f"`fillers` (a list of words): {e}") from None
    return _Table(re.compile(alternation(of)), of, re.compile(f"(?:{alternation(fillers)})*"))


def dated_events(a: Analyzed, lex: Lexicons):
    """The dated events of one document, in order."""
    t = _table()
    text = a.nt.text
    dates = [q for q in a.quantities if (q.kind == "date" and q.date) or _month_or_year(q)]
    if not dates:
        return
    date_starts = [q.nstart for q in dates]
    names = [(s, e, lex.entity_of[word]) for s, e, word in matches(lex.entity_re, text)]
    name_starts = [n[0] for n in names]
    for s, e in text_sentences(text):
        in_sentence = names[bisect.bisect_left(name_starts, s):bisect.bisect_left(name_starts, e)]
        for cs, ce in _dated_parts(text, s, e, date_starts):
            q = dates[bisect.bisect_left(date_starts, cs)]
            yield from _first_event(a, lex, t, q, cs, ce, in_sentence)


def _dated_parts(text: str, s: int, e: int, date_starts: list[int]) -> list[tuple[int, int]]:
    """The parts of a sentence that one date dates: the sentence with one date, else each of its
    clauses between semicolons with one (2015年10月,推出X;2016年发布Y)."""
    count = bisect.bisect_left(date_starts, e) - bisect.bisect_left(date_starts, s)
    if count <= 1:
        return [(s, e)] if count == 1 else []
    cuts = [s, *(m.end() for m in _SEMICOLON.finditer(text, s, e)), e]
    return [(cs, ce) for cs, ce in zip(cuts, cuts[1:])
            if bisect.bisect_left(date_starts, ce) - bisect.bisect_left(date_starts, cs) == 1]


_SEMICOLON = re.compile(r"[;；]")


def _first_event(a: Analyzed, lex: Lexicons, t: _Table, q, s: int, e: int, in_sentence):
    """The first event word of ``s``..``e`` with an object (not 发布会), dated by ``q``."""
    text = a.nt.text
    for ev in t.words.finditer(text, s, e):
        if _attributive(text, ev, q):
            continue  # 2014年9月19日,马云创办的阿里巴巴在纽约上市: the date is of 上市
        event, kinds = t.of[ev.group()]
        if not q.date and "company" in kinds:
            continue  # a company founded or listed "in 2014" may be another listing or a unit of it
        obj = _object(text, ev, e, in_sentence, kinds, lex, t, q)
        if obj is not None:
            entity = obj[1] if "company" in kinds else _actor(in_sentence, ev.start(), obj[1], lex)
            yield DatedEvent(entity, event, obj[0], q.date or q.period, bool(q.date) and q.relative is None,
                             a.location(q.start, q.end, q))
            return


_MONTH_OR_YEAR = re.compile(r"\d{4}(?:-\d{2})?")


def _month_or_year(q) -> bool:
    """A month or a year the text names with its year (2016年, 2017年5月): a release's date too,
    as wide as it is (not a company's founding or listing: a subsidiary's, a second listing's);
    quarters and spans date no event."""
    return q.kind == "period" and not q.relative and bool(_MONTH_OR_YEAR.fullmatch(q.period or ""))


ATTRIBUTIVE_GAP = 4  # characters between a date and an event word said of a name (于2023年3月16日发布的)


def _attributive(text: str, ev: re.Match, date) -> bool:
    """Is the event word said of a name after it (马云创办的阿里巴巴) with the sentence's date not
    right before it? Then it is no event of that date; 3月16日发布的文心一言 is."""
    if not text.startswith("的", ev.end()):
        return False
    between = text[date.nend:ev.start()] if date.nend <= ev.start() else "，"
    return len(between) > ATTRIBUTIVE_GAP or any(c in between for c in "，,；;：:")


def _gap(ns: int, ne: int, ev: re.Match, date) -> int:
    """Characters between a name at ``ns``..``ne`` and the event word, the date's not counted
    (百度于2023年3月28日发布)."""
    start, end = (ne, ev.start()) if ne <= ev.start() else (ev.end(), ns)
    return abs(end - start) - (date.nend - date.nstart if start <= date.nstart and date.nend <= end else 0)


def _object(text: str, ev: re.Match, end: int, names, kinds, lex: Lexicons, t: _Table, date):
    """(object, entity id or None) of the event word ``ev``: the nearest name of a kind in
    ``kinds`` beside it (``date`` not counted), with its version; else, for a product or model, a
    name with a model number written after the word."""
    near = [(_gap(ns, ne, ev, date), ns, ne, ent) for ns, ne, ent in names if lex.entities[ent].kind in kinds]
    near = [n for n in near if n[0] <= NEAR]
    if near:
        _, _, ne, ent = min(near)
        version = _VERSION.match(text, ne, end)
        return (f"{ent} {version.group().strip(' -')}" if version else ent), ent
    if "product" not in kinds and "model" not in kinds:
        return None
    at = t.fillers.match(text, ev.end(), end).end()
    m = _MODEL_NAME.match(text, at, end)
    name = m.group().translate(_QUOTES) if m is not None else ""
    return (name, None) if m is not None and _model_like(name, text[m.end():m.end() + 1]) else None


_COUNTED = frozenset("年月日号季亿万千百元%个家款位项名台辆次倍")


def _model_like(name: str, after: str) -> bool:
    """A product's or model's name (X200, GPT-4), not a figure with its unit (2023年, 第3季度)."""
    if len(name) < 2 or name[0].isdigit():
        return False
    return re.search("[A-Za-z]", name) is not None or (after not in _COUNTED if after else True)


def _actor(names, at: int, obj: str | None, lex: Lexicons) -> str | None:
    """The company named last before position ``at`` (the event word), not the object itself."""
    before = [ent for ns, _, ent in names if ns < at and ent != obj and lex.entities[ent].kind == "company"]
    return before[-1] if before else None
