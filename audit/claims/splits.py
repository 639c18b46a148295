"""A count split into its parts in the next sentence (issue 22): 查出7名学生涉贷。其中,两名学生是
线下实体店贷款,另5名学生既有线下借贷… The sentence of the parts opens with 其中 right after the
sentence whose last figure is the whole; its counts of the whole's unit and noun are its parts, the
last after a word of the rest (另, 其余), so together they are all of it: the whole carries
("split-of", each part), which AU230 checks as a sum (checks/part_whole.py). So do parts of the
whole's unit each right after a year, one for each year of a span the whole's sentence names
(拟于2016年至2018年开工的项目共127项。其中2016年62项,2017年33项,2018年32项): they are all of it. The tie is in the
words, so a figure no metric word names becomes a claim, as in :mod:`.arithmetic`. The words are
in audit/data/wholes.yaml.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from ..analysis import Analyzed
from ..lexicon import _int, _load, _words
from ..model import Quantity
from .frame import SENTENCE_STOP
from .model import Claim

_FILE = "wholes.yaml"
_STOP = "。!?！？\n"
_BARE = ("entity:none", "metric:none", "period:none", "relation:split")


class SplitWords(NamedTuple):
    opens: re.Pattern  # at the start of the sentence of the parts: 其中,
    rest: re.Pattern  # right before the last part: 另
    noun: int
    span: re.Pattern  # all of the text between the two years of a span: 至


@functools.cache
def split_words() -> SplitWords:
    data = _load(_FILE)
    w = {k: sorted(_words(_FILE, k, data.get(k)), key=len, reverse=True)
         for k in ("split_opens", "split_rest", "split_span")}
    return SplitWords(re.compile(rf"\s*(?:{'|'.join(map(re.escape, w['split_opens']))})[,，:：]?"),
                      re.compile(rf"(?:{'|'.join(map(re.escape, w['split_rest']))})\s*$"),
                      _int(_FILE, "split_noun", data.get("split_noun")),
                      re.compile(rf"\s*(?:{'|'.join(map(re.escape, w['split_span']))})\s*"))


def attach(a: Analyzed, claims: list[Claim]) -> list[Claim]:
    """``claims`` of the analyzed document ``a`` with each split count tied to its parts."""
    text, w = a.nt.text, split_words()
    counts = [q for q in a.quantities if q.kind == "count" and q.value is not None]
    found = [s for k, q in enumerate(counts) if w.rest.search(text, max(0, q.nstart - 4), q.nstart)
             and (s := _split(text, w, counts, k))]
    found += _by_year(a, w, counts)
    if not found:
        return claims
    out = list(claims)
    at = {}  # where each figure's first claim is in out
    for i, c in enumerate(out):
        if c.quantity is not None:
            at.setdefault(c.quantity.nstart, i)
    for whole, parts in found:
        members = [whole, *parts]
        entities = {out[at[q.nstart]].entity for q in members if q.nstart in at and out[at[q.nstart]].entity}
        if len(entities) > 1:
            continue  # claims of two subjects: not one count split
        for q in members:
            if q.nstart not in at:
                out.append(_bare(a, q, next(iter(entities), None), f"{a.doc.path}#{len(out) + 1}"))
                at[q.nstart] = len(out) - 1
        i = at[whole.nstart]
        out[i] = out[i]._replace(relations=out[i].relations + tuple(("split-of", out[at[p.nstart]].id) for p in parts))
    if len(out) == len(claims):
        return out
    return sorted(out, key=lambda c: -1 if c.quantity is None else c.quantity.nstart)  # made claims in text order


def _split(text: str, w: SplitWords, counts: list[Quantity], k: int) -> tuple[Quantity, list[Quantity]] | None:
    """The whole and the parts of the split whose last part is ``counts[k]``, or None."""
    last = counts[k]
    start = max(text.rfind(ch, 0, last.nstart) for ch in _STOP) + 1
    opens = w.opens.match(text, start)
    if opens is None or start < 2 or text[start - 1] == "\n":
        return None  # no 其中 opening the sentence, or the whole's sentence ends a paragraph
    prev = max(text.rfind(ch, 0, start - 1) for ch in _STOP) + 1
    first = bisect.bisect_left(counts, prev, key=lambda q: q.nstart)
    mid = bisect.bisect_left(counts, start, key=lambda q: q.nstart)
    if mid == first:
        return None
    whole, noun = counts[mid - 1], _noun(text, w, counts[mid - 1])
    parts = [q for q in counts[mid:k + 1] if q.unit == whole.unit and q.classifier == whole.classifier]
    if len(parts) < 2 or not noun or any(_noun(text, w, q) != noun for q in parts) or parts[-1] is not last:
        return None
    return whole, parts


def _by_year(a: Analyzed, w: SplitWords, counts: list[Quantity]) -> list[tuple[Quantity, list[Quantity]]]:
    """The splits whose parts each follow a year, one for each year of the span the whole's
    sentence names (2016年至2018年…共127项。其中2016年62项,2017年33项,2018年32项). Read only
    where a year stands right before a count."""
    text, qs = a.nt.text, a.quantities
    dated = {qs[i].nstart: qs[i - 1].period for i in range(1, len(qs))
             if qs[i].kind == "count" and qs[i - 1].kind == "period" and _year(qs[i - 1].period)
             and not text[qs[i - 1].nend:qs[i].nstart].strip()}
    if len(dated) < 2:
        return []
    out, seen = [], set()
    for k, q in enumerate(counts):
        if q.nstart not in dated or q.nstart in seen:
            continue
        found = _dated(a, w, counts, k, dated)
        if found is not None:
            out.append(found)
            seen.update(p.nstart for p in found[1])
    return out


def _dated(a: Analyzed, w: SplitWords, counts: list[Quantity], k: int, dated: dict[int, str | None]):
    """The whole and the dated parts of the split whose first part is ``counts[k]``, or None."""
    text = a.nt.text
    start = max(text.rfind(ch, 0, counts[k].nstart) for ch in _STOP) + 1
    if w.opens.match(text, start) is None or start < 2 or text[start - 1] == "\n":
        return None
    end = min((i for i in (text.find(ch, start) for ch in _STOP) if i >= 0), default=len(text))
    prev = max(text.rfind(ch, 0, start - 1) for ch in _STOP) + 1
    first = bisect.bisect_left(counts, prev, key=lambda q: q.nstart)
    mid = bisect.bisect_left(counts, start, key=lambda q: q.nstart)
    if mid == first or mid != k:
        return None
    whole = counts[mid - 1]
    parts = [q for q in counts[mid:bisect.bisect_left(counts, end, key=lambda q: q.nstart)]
             if q.unit == whole.unit and q.classifier == whole.classifier]
    years = [dated.get(q.nstart) for q in parts]
    if len(parts) < 2 or None in years or len(set(years)) != len(years):
        return None
    span = _span(a, w, prev, start)
    if span is None or sorted(map(int, years)) != list(range(span[0], span[1] + 1)):
        return None
    return whole, parts


def _span(a: Analyzed, w: SplitWords, start: int, end: int) -> tuple[int, int] | None:
    """The span of years (2016年至2018年) the sentence from ``start`` to ``end`` names, if one."""
    qs = a.quantities
    i = bisect.bisect_left(qs, start, key=lambda q: q.nstart)
    while i + 1 < len(qs) and qs[i + 1].nstart < end:
        p, q = qs[i], qs[i + 1]
        if p.kind == q.kind == "period" and _year(p.period) and _year(q.period) \
                and w.span.fullmatch(a.nt.text, p.nend, q.nstart) and int(p.period) < int(q.period):
            return int(p.period), int(q.period)
        i += 1
    return None


def _year(period: str | None) -> bool:
    return period is not None and len(period) == 4 and period.isdigit()


def _noun(text: str, w: SplitWords, q: Quantity) -> str:
    """The characters right after a count (学生 of 7名学生), none when a stop is among them."""
    after = text[q.nend:q.nend + w.noun]
    return "" if len(after) < w.noun or any(not ch.isalpha() for ch in after) else after


def _bare(a: Analyzed, q: Quantity, entity: str | None, cid: str) -> Claim:
    """A claim of a figure that measures nothing named: the split makes it one."""
    line, col = a.where(q.start)
    stop = len(SENTENCE_STOP.findall(a.nt.text, 0, q.nstart))
    return Claim(cid, a.doc.path, entity, None, None, None, q, None, q.text, line, col,
                 evidence=_BARE if entity is None else ("entity:relation",) + _BARE[1:], stop=stop,
                 context=a.context(q.start, q.end))
