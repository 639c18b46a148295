"""The period of a figure: the nearest date or period before it in its sentence, else the one in
force in the paragraph; a fiscal quarter without its year (第四财季) is dated by the sentence's
date or the publication date and the entity's fiscal calendar; a day after 截至 and before
的这一季度/的三个月 ends that span, which is then the period (截至9月29日的这一季度: the third
quarter); 上年同期 shifts it; a stock is of a date, a flow of a span, and a stock stated as the
level a change reached (增加至) in a sentence without a date is of the document's instant;
当日/次日 of an undated article are the day of the date the paragraph named. Unresolved relative
dates leave it unknown — never guessed.
The algebra is audit/quantities/periods.py; the change verbs (较去年同期增长) are changes.yaml's.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import NamedTuple

from ..lexicon import LexiconError, lexicon
from ..model import Quantity
from ..quantities import parse_quantities, periods
from .frame import CLAUSE_MARK, Sentence
from .lexicons import change_verbs, either, section, words

PRIOR_BEFORE = 10  # characters before a figure read for a prior period word


class State(NamedTuple):
    """The periods named so far in a sentence."""
    in_force: str | None = None  # the last date or period
    rel: Quantity | None = None  # a relative period (上年同期) named since, not opening a change
    dated: str | None = None  # the last date: 截至9月30日的第四财季 ends by it
    day: str | None = None  # 当日, 次日 of a date before the sentence, which the parser left unread


@functools.cache
def _opens_change() -> re.Pattern:
    """A relative period word that opens a change (较去年同期增长), not the period of a figure."""
    opening = section("changes.yaml", "opening")
    up, down = change_verbs()
    return re.compile(rf"(?:的)?(?:{either(words('changes.yaml', 'compare', opening))})?"
                      rf"(?:{either(words('changes.yaml', 'adverbs', opening))})?"
                      rf"(?:{up}|{down}|{either(words('changes.yaml', 'level', opening))})")


@functools.cache
def _prior() -> re.Pattern:
    """A word of the period before the one stated, right before a figure (上年同期为395.57亿元);
    not after a year that names the period itself (2017年同期为…)."""
    return re.compile(rf"(?<![0-9]年)(?:{either(words('period_words.yaml', 'prior'))})的?\s*"
                      rf"(?:{either(words('period_words.yaml', 'prior_verbs'))})?\s*$")


def period_of(q: Quantity) -> str | None:
    """The period a date or period quantity names; ``FQ4`` for a fiscal quarter without its year
    (第四财季), resolved once the entity and its fiscal calendar are known. A fiscal year named in
    an earlier sentence is not carried to it: it is as often a prior year's (2017财年第四财季,
    净利润为….第四财季营收为… of the current year)."""
    if q.period or q.date:
        return q.period or q.date
    n = periods.fiscal_quarter(q.relative)
    if n:
        return f"FQ{n}"
    # 第三季度 of an undated article: one quarter throughout the document (periods.YEARLESS)
    return yearless(q.relative) if q.relative else None


def named(state: State, text: str, q: Quantity) -> State:
    """The state after a date or period quantity of the sentence."""
    dated = q.date or state.dated
    if q.period is None and q.relative in periods.relatives():
        return State(state.in_force, None if _opens_change().match(text, q.nend) else q, dated)
    found = period_of(q)
    if found is None:
        day = q.relative if q.relative in _day_words() else state.day
        return State(state.in_force, state.rel, dated, day)
    if _same_period_of(text, q):  # 2017年同期: the period in force, in that year, for its clause
        return State(state.in_force, q, dated)
    return State(ending_span(text, q, found) or found, None, dated)


class _Ending(NamedTuple):
    before: re.Pattern  # a word before a day that makes it the end of what follows (截至)
    after: re.Pattern  # 的 and a span word after the day; its group names the span's months


@functools.cache
def _ending() -> _Ending:
    spans = section("period_words.yaml", "ending")
    bad = next((n for n in spans if not str(n).isdigit() or not 1 <= int(n) <= 12), None)
    if bad is not None:
        raise LexiconError(f"audit/data/period_words.yaml: ending: {bad}: expected a number of months, 1 to 12")
    alts = sorted(((w, int(n)) for n in spans for w in words("period_words.yaml", n, spans)),
                  key=lambda x: -len(x[0]))
    groups = "|".join(f"(?P<m{n}_{i}>{re.escape(w)})" for i, (w, n) in enumerate(alts))
    return _Ending(re.compile(rf"(?:{either(words('period_words.yaml', 'ending_before'))})\s*$"),
                   re.compile(rf"\s*的\s*(?:{groups})(?![末底初])"))


ENDING_BEFORE = 4  # characters before a day read for a word that makes it an end (截至)
LAST_WEEK = 7  # days: a day this close to a month's end ends that month, this close to its start the one before


def ending_span(text: str, q: Quantity, day: str | None) -> str | None:
    """The span of months that the day ``q`` (read as ``day``) ends, when the text says so
    (截至9月29日的这一季度: ``????-Q3``; 截至2018年9月30日的3个月: ``2018-Q3``), else None."""
    if not day or not _DAY.match(day):
        return None
    words_of = _ending()
    after = words_of.after.match(text, q.nend)
    if after is None or not words_of.before.search(text, max(0, q.nstart - ENDING_BEFORE), q.nstart):
        return None
    n = int(after.lastgroup[1:].split("_")[0])
    yearless = day.startswith(periods.YEARLESS)
    y, m, d = (int(x) for x in day.replace(periods.YEARLESS, periods.PROBES[0]).split("-"))
    if d <= LAST_WEEK:
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    elif d <= calendar.monthrange(y, m)[1] - LAST_WEEK:
        return None  # mid-month: a span of months does not end there
    k = y * 12 + m - 1 - (n - 1)
    first = (k // 12, k % 12 + 1)
    if yearless and first[0] != y:
        return None  # a yearless span cannot cross a year
    span = periods.canonical(first, (y, m))
    return span.replace(periods.PROBES[0], periods.YEARLESS) if yearless else span


@functools.cache
def _same_period_words() -> tuple[str, ...]:
    return words("period_words.yaml", "same_period")


def _same_period_of(text: str, q: Quantity) -> bool:
    """Is ``q`` a year followed by 同期 (2017年同期: the same period of that year)?"""
    return bool(q.period) and q.period.isdigit() and text.startswith(_same_period_words(), q.nend)


def stated(s: Sentence, state: State) -> tuple[str | None, str]:
    """The period before resolution, and how it was found: sentence | paragraph | none. A day
    word of the sentence (当日, 次日) names the day of the date the paragraph named (7月11日…。当日
    盘中…): the sentence states its period, as it does when the parser can date the word; after a
    period that is no day (10月中旬…。当日) the paragraph's period stands, as a note."""
    if state.in_force:
        return state.in_force, "sentence"
    day = day_of(s.period, state.day in lexicon().next_day) if state.day else None
    if day:
        return day, "sentence"
    return s.period, ("paragraph" if s.period else "none")


@functools.cache
def _day_words() -> frozenset[str]:
    return frozenset((*lexicon().same_day, *lexicon().next_day))


_DAY = re.compile(rf"^(?:[0-9]{{4}}|{re.escape(periods.YEARLESS)})-[0-9]{{2}}-[0-9]{{2}}$")


def day_of(period: str | None, next_day: bool) -> str | None:
    """The day a same-day word (当日) or a next-day word (次日) names after ``period``; None when
    ``period`` is no day, or the day after it is in a year a yearless date cannot name."""
    if not period or not _DAY.match(period):
        return None
    if not next_day:
        return period
    probe = periods.PROBES[0]
    day = (dt.date.fromisoformat(period.replace(periods.YEARLESS, probe)) + dt.timedelta(days=1)).isoformat()
    if periods.YEARLESS not in period:
        return day
    return day.replace(probe, periods.YEARLESS) if day.startswith(probe) else None  # 12月31日…次日


class Resolved(NamedTuple):
    """The period of a figure as keyed, its calendar months, whether it is the period before the
    one stated (上年同期为…), and how it was found (sentence | paragraph | document | none)."""
    period: str | None
    months: str | None
    relative: bool
    evidence: str


def resolve(s: Sentence, state: State, q: Quantity, clause: int, per: str | None, fye: str | None,
            stock: bool, evidence: str) -> Resolved:
    """The period of the figure ``q``, from the period ``per`` stated for it and found as
    ``evidence`` says (:func:`stated`); ``document`` when a headline's period takes its year
    from the body (:func:`in_document_year`)."""
    text = s.doc.text
    if stock and at_instant(s, q, clause):  # 注册资本增加至39.8亿元: the level a change reached
        return Resolved(periods.instant(s.doc.a.published), None, False, "sentence")
    if per and per.startswith("FQ"):
        per = (periods.fiscal_ending(int(per[2]), fye, state.dated) if periods.dated(state.dated)
               else periods.latest_fiscal(int(per[2]), fye, s.doc.a.published)
               or f"FY{periods.YEARLESS}-Q{per[2]}")
    dated = in_document_year(s.doc.a, per, q)
    if dated != per:  # the year is read from elsewhere in the document: listed, not accused
        per, evidence = dated, "document"
    rel = state.rel
    prior = rel is not None and not CLAUSE_MARK.search(text, rel.nend + 1, q.nstart)
    relative = prior or _prior().search(text, max(clause, q.nstart - PRIOR_BEFORE), q.nstart) is not None
    if prior and rel.period:  # 2017年同期…: the period in force in that year
        per = periods.in_year(per, rel.period) or rel.period
    elif relative:
        per = periods.shift(per, rel.relative) if prior else periods.previous_year(per)
    per, months = periods.calendarize(per, fye)
    if stock:
        per = periods.as_point(per, fye)  # a balance is of a date: 三季度末 of 三季度
    else:
        per = periods.as_flow(per)  # a flow up to a year's end (截至去年底,产业规模…) is of the year
    return Resolved(per, months, relative, "none" if per is None and evidence == "sentence" else evidence)


@functools.cache
def _to_level() -> re.Pattern:
    """A verb of the level a change reached (增加至), and at most one hedge, right before a figure."""
    return re.compile(rf"(?:{either(words('period_words.yaml', 'to_level'))})"
                      rf"(?:{either(words('changes.yaml', 'hedges'))})?\s*$")


TO_LEVEL_BEFORE = 8  # characters before a figure read for a verb of the level reached


def at_instant(s: Sentence, q: Quantity, clause: int) -> bool:
    """Is ``q`` a stock's level stated as a change's result (变更至39.9亿元) in a sentence that names
    no date or period? Two such statements in one document are of one instant (the document's),
    whatever period the paragraph carried."""
    if any(x.kind in ("date", "period") for x in s.quantities):
        return False
    return _to_level().search(s.doc.text, max(clause, q.nstart - TO_LEVEL_BEFORE), q.nstart) is not None


_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
_years_of: tuple[object, _Years] | None = None  # the last document's, with it


def in_document_year(a, per: str | None, q: Quantity) -> str | None:
    """A headline's yearless period (``????-Q3``: 第三季度 of an undated article; ``q`` in the first
    line of a text of several) in the year the body gives that same period (2018年第三季度), when
    that is one year and the latest year the document names: the headline sums up the report the
    body dates. A period named only in an earlier year (2016年2月 of a history) stays yearless; so
    does one in the body, for a year named in an earlier sentence is as often a prior year's
    (:func:`period_of`)."""
    if not per or periods.YEARLESS not in per:
        return per
    headline, latest, table = _document_years(a)
    if q.nstart >= headline:
        return per
    years = table.get(per)
    return per.replace(periods.YEARLESS, latest) if years and years == {latest} else per


class _Years(NamedTuple):
    headline: int  # where the headline ends (-1: a text of one line has none)
    latest: str  # the latest year the document names
    table: dict[str, frozenset[str]]  # yearless form -> the years the document names it in


def _document_years(a) -> _Years:
    """The end of the headline, the latest year the document names, and each yearless form with
    the years the document names it in (2018-Q3: ``????-Q3`` in 2018), from its dates and periods;
    kept for the last document read (the driver reads a document's sentences in a row, so each
    document is scanned once)."""
    global _years_of
    if _years_of is not None and _years_of[0] is a:
        return _years_of[1]
    table: dict[str, set[str]] = {}
    latest = ""
    for q in a.quantities:
        if q.kind in ("date", "period") and (p := q.period or q.date):
            ys = set(_YEAR.findall(p))
            latest = max(latest, *ys) if ys else latest
            if len(ys) == 1:
                y = ys.pop()
                table.setdefault(p.replace(y, periods.YEARLESS), set()).add(y)
    found = _Years(a.nt.text.find("\n"), latest, {k: frozenset(v) for k, v in table.items()})
    _years_of = (a, found)
    return found


@functools.cache
def yearless(word: str) -> str | None:
    """The yearless period a word names (``????-Q3``: :data:`audit.quantities.periods.YEARLESS`),
    or None when it names none, names a year other than the text's own (去年), or depends on the
    publication date beyond its year (今年以来, 本季度, 14日): the word is read as if published in
    each of two years, and kept only when both readings name the same months of the year."""
    if word in periods.data()["year_to_date"] or word in periods.data()["relative"]:
        return None
    found = []
    for year, month in zip(periods.PROBES, ("03", "10")):
        qs = parse_quantities(word, published=f"{year}-{month}-15")
        if len(qs) != 1 or qs[0]["end"] - qs[0]["start"] != len(word):
            return None
        p = qs[0].get("period") or qs[0].get("date") or ""
        if p.replace(year, "") == p or any(str(y) in p for y in (int(year) - 1, int(year) + 1)):
            return None
        found.append(p.replace(year, periods.YEARLESS))
    return found[0] if found[0] == found[1] else None
