"""The period of a figure: the nearest date or period before it in its sentence, else the one in
force in the paragraph; a fiscal quarter without its year (第四财季) is dated by the sentence's
date or the publication date and the entity's fiscal calendar; 上年同期 shifts it; a stock is of
a date, a flow of a span. Unresolved relative dates leave it unknown — never guessed.
The algebra is audit/quantities/periods.py; the change verbs (较去年同期增长) are changes.yaml's.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..model import Quantity
from ..quantities import periods
from .frame import CLAUSE_MARK, Sentence
from .lexicons import change_verbs, either, section, words

PRIOR_BEFORE = 10  # characters before a figure read for a prior period word


class State(NamedTuple):
    """The periods named so far in a sentence."""
    in_force: str | None = None  # the last date or period
    rel: Quantity | None = None  # a relative period (上年同期) named since, not opening a change
    dated: str | None = None  # the last date: 截至9月30日的第四财季 ends by it


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
    """A word of the period before the one stated, right before a figure (上年同期为395.57亿元)."""
    return re.compile(rf"(?:{either(words('period_words.yaml', 'prior'))})的?\s*"
                      rf"(?:{either(words('period_words.yaml', 'prior_verbs'))})?\s*$")


def period_of(q: Quantity) -> str | None:
    """The period a date or period quantity names; ``FQ4`` for a fiscal quarter without its year
    (第四财季), resolved once the entity and its fiscal calendar are known. A fiscal year named in
    an earlier sentence is not carried to it: it is as often a prior year's (2017财年第四财季,
    净利润为….第四财季营收为… of the current year)."""
    if q.period or q.date:
        return q.period or q.date
    n = periods.fiscal_quarter(q.relative)
    return f"FQ{n}" if n else None


def named(state: State, text: str, q: Quantity) -> State:
    """The state after a date or period quantity of the sentence."""
    dated = q.date or state.dated
    if q.period is None and q.relative in periods.relatives():
        return State(state.in_force, None if _opens_change().match(text, q.nend) else q, dated)
    if period_of(q):
        return State(period_of(q), None, dated)
    return State(state.in_force, state.rel, dated)


def stated(s: Sentence, state: State) -> tuple[str | None, str]:
    """The period before resolution, and how it was found: sentence | paragraph | none."""
    if state.in_force:
        return state.in_force, "sentence"
    return s.period, ("paragraph" if s.period else "none")


def resolve(s: Sentence, state: State, q: Quantity, clause: int, per: str | None, fye: str | None,
            stock: bool) -> tuple[str | None, str | None, bool]:
    """The period of the figure ``q`` as keyed, its calendar months, and whether it is the period
    before the one stated (上年同期为…)."""
    text = s.doc.text
    if per and per.startswith("FQ"):
        per = (periods.fiscal_ending(int(per[2]), fye, state.dated) if state.dated
               else periods.latest_fiscal(int(per[2]), fye, s.doc.a.published))
    rel = state.rel
    prior = rel is not None and not CLAUSE_MARK.search(text, rel.nend + 1, q.nstart)
    relative = prior or _prior().search(text, max(clause, q.nstart - PRIOR_BEFORE), q.nstart) is not None
    if relative:
        per = periods.shift(per, rel.relative) if prior else periods.previous_year(per)
    per, months = periods.calendarize(per, fye)
    if stock:
        per = periods.as_point(per, fye)  # a balance is of a date: 三季度末 of 三季度
    else:
        per = periods.as_flow(per)  # a flow up to a year's end (截至去年底,产业规模…) is of the year
    return per, months, relative
