"""Find every figure, date and period in a text (DESIGN.md section 3): ``extract`` on normalized
text, ``parse_quantities`` on a string.

The reading, one module per part:

- :mod:`.grammar` — the scan grammar, built from the lexicons in ``audit/data``: where a figure,
  date or period may start, and which kind of candidate stands there; :mod:`.patterns` — what
  each kind of candidate looks like;
- :mod:`.figure` — one figure: numeral (read by :mod:`audit.numerals`), magnitude, unit,
  qualifier, sign, implied precision; :mod:`.refusals` — the rules that tell a figure from a
  name (Qwen-7B), a list marker or a word (四川);
- :mod:`.dates` — dates and calendar periods (2019年3月5日, 今年一季度, 次日);
- :mod:`.period_forms` — fiscal, cumulative, point and relative periods (2019财年第二季度, 1-9月,
  三季度末, 上年同期), read after the rest; :mod:`.periods` — the algebra of period strings;
- :mod:`.ratios` — 百分之, 分之, a/b, 折 and percent words;
- :mod:`.make` — a Quantity from a span, with its raw offsets.

This module is the loop that drives them: find the next candidate, read it with the reader of
its kind, go on past what was read. Rules that decide whether a numeral is a figure at all are
general and driven by data in ``audit/data``, never by a particular text.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from ..damage import find_damage, overlaps
from ..lexicon import Lexicon, lexicon
from ..model import Quantity
from ..normalize import NormText, normalize
from . import dates, figure, period_forms, ranges, ratios
from .grammar import Grammar, compiled
from .grammar import grammar as _grammar

__all__ = ["extract", "parse_quantities"]

# kind of candidate -> its reader, for the kinds that are neither a figure nor a date; URLs and
# clock times are read only so that their digits are no figure's.
_READ: dict[str, Callable[[NormText, re.Match, Grammar, Lexicon], Quantity | None]] = {
    **ratios.READ, "rank": figure.rank, "half": figure.half,
}


def extract(nt: NormText, published: dt.date | str | None = None, damage=None) -> list[Quantity]:
    """Every quantity in normalized text ``nt``, in text order.

    Figures that touch a damaged span (``damage``, from :func:`audit.damage.find_damage`; found
    here when not given) are dropped: a figure read through damage is worse than none."""
    if damage is None:
        damage = find_damage(nt)
    out = _extract(nt, published)
    out = period_forms.amend(nt, out, published)  # fiscal, cumulative, points, relative
    out = ranges.merge(nt, out)  # 45亿美元到53亿美元: one range
    if damage:
        out = [q for q in out if not overlaps(damage, q.nstart, q.nend)]
    return out


def parse_quantities(text: str, published: dt.date | str | None = None) -> list[dict]:
    """The quantities in ``text`` as JSON-ready dicts (DESIGN.md section 3), offsets into ``text``."""
    return [q.to_dict() for q in extract(normalize(text), published)]


def _extract(nt: NormText, published: dt.date | str | None = None, gr: Grammar | None = None) -> list[Quantity]:
    """The figures, dates and periods the grammar ``gr`` finds in ``nt``, in text order."""
    gr = gr or _grammar()
    text = nt.text
    search = gr.first.search
    c = search(text)
    if c is None:
        return []
    lx = lexicon()
    pub = dates.as_date(published)
    ctx: dates.Context | None = None  # made at the first date-like match: most lines have none
    read_figure = figure.figure().read
    date_kinds = dates.KINDS
    out: list[Quantity] = []
    at_char = gr.at_char
    while c is not None:  # the next candidate: past the last figure read, or the last failed start
        i = c.start()
        m = (at_char.get(text[i]) or compiled(gr.cjk_source)).match(text, i)
        if m is None:
            c = search(text, i + 1)
            continue
        pos = m.end()
        kind = m.lastgroup  # each alternative is one outer group, closed last
        q: Quantity | None
        if kind == "fig":
            q = read_figure(nt, m)
            if q is None:  # the next candidate may start in the words after the numeral
                num2 = m.group("num2")
                pos = m.end("num2") if num2 is not None else i + len(m.group("num"))
        elif kind in date_kinds:  # a date or a period: most candidates that are no figure
            if ctx is None:
                ctx = dates.Context(pub)
            q = dates.read(nt, m, kind, ctx, gr)
        else:
            reader = _READ.get(kind)
            q = None if reader is None else reader(nt, m, gr, lx)
        if q is not None:
            out.append(q)
            if q.nend > pos:
                pos = q.nend  # past the unit words of this figure (个百分点)
        c = search(text, pos)
    return out
