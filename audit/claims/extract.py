"""The driver: a document's mentions found once, then its sentences in order, each read figure
by figure with one call per resolver, then changes and relations attached."""
from __future__ import annotations

import bisect
import functools
import re
import sys
from typing import Iterator, NamedTuple

from ..analysis import Analyzed
from ..lexicon import lexicon
from ..model import Quantity
from ..segment import text_sentences
from . import (arithmetic, basis, changes_apart, counted, entity, metric, named_wholes, percent_meaning, period,
               period_lists, relations, segment, splits)
from .frame import CLAUSE_MARK, SENTENCE_STOP, Document, Reading, Sentence, Span, clause_start, mentions
from .lexicons import Lexicons, default_lexicons, fiscal_year_end
from .model import VALUE_KINDS, Change, Claim, change_metric
from .unlisted import PREFIX, refers

_START = re.Match.start  # mapped over a scan's matches: no Python frame per match
SMALL = 1000  # a bare exact number below this with no metric in its clause is not a claim
_BRIDGE = 24  # characters between two sentences with figures read through rather than skipped
NO_CONTEXT = ("", "")  # Claim.context of a run whose report quotes no text


def extract_claims(a: Analyzed, lex: Lexicons | None = None, context: bool = True) -> list[Claim]:
    """The claims of one analyzed document, in text order (without corpus-level inference);
    without the raw line around each (``Claim.context``) unless ``context``: only the rich and
    HTML reports quote it, and the others' runs would build it for every claim to drop it."""
    claims: list[Claim] = []
    apart: list[changes_apart.Apart] = []
    for s in frames(document(a, lex or default_lexicons(), context), claims):
        claims.extend(arithmetic.extend(a, sentence_claims(s, apart), valued(s), s.start, s.doc.marks,
                                        s.doc.stops, s.first))  # a sentence's own arithmetic, read from its words
    return splits.attach(a, named_wholes.tie(a.nt.text, a.quantities, changes_apart.attach(claims, apart)))


def frames(doc: Document, made: list | None = None) -> Iterator[Sentence]:
    """The frames of the sentences that hold figures, paragraph by paragraph, each with the
    subject and period carried into it; ``first`` is how many claims the driver has ``made``
    when the frame is taken (this is a generator: read as it is yielded), else 0."""
    text, qs, men = doc.text, list(doc.a.quantities), doc.men
    q_starts = [q.nstart for q in qs]
    paragraph, subject, sourced, in_force = -1, None, False, None
    for s_start, s_end, p_start in doc.sentences:
        if p_start != paragraph:
            paragraph, subject, sourced, in_force = p_start, None, False, None
        sent_qs = qs[bisect.bisect_left(q_starts, s_start):bisect.bisect_left(q_starts, s_end)]
        named = men.subjects.first_between(s_start, s_end)
        sent_subject = named[2] if named else subject
        # A sentence that cites an agency or names an organisation or a country is about a
        # market, not about the document's main company; the next ones of the paragraph too,
        # until a company is named.
        sourced = men.sources.any_between(s_start, s_end) or (sourced and not named)
        if subject and subject[0] == PREFIX and not refers(text, s_start, s_end):
            subject = None  # a name outside the lexicon is carried only by 该公司, 其...
        if sent_qs:
            yield Sentence(doc, s_start, s_end, sent_qs, subject, in_force, None if sourced else doc.main,
                           0 if made is None else len(made))
            for q in sent_qs:
                if q.kind in ("date", "period") and (found := period.period_of(q)):
                    in_force = found
        subject = sent_subject


def document(a: Analyzed, lex: Lexicons, context: bool = True) -> Document:
    """The document with each lexicon's mentions, found once, and its sentences (``context``:
    its claims carry the raw line around them)."""
    text = a.nt.text
    spans = _with_lines(text, text_sentences(text))
    named = entity.mentions(text, lex)
    within = _with_figures(spans, a.quantities) if lex.metrics_by_sentence else None
    men = mentions(named.entities, named.subjects, named.sources, metric.mentions(text, lex, within),
                   segment.mentions(text, lex), *basis.marks(text))
    return Document(a, lex, text, men, entity.main_subject(lex, text, named),
                    list(map(_START, SENTENCE_STOP.finditer(text))), list(map(_START, CLAUSE_MARK.finditer(text))),
                    spans, context)


def _with_lines(text: str, sentences: tuple[tuple[int, int], ...]) -> list[tuple[int, int, int]]:
    """Each sentence (start, end) with the start of its line, its paragraph (no scan goes back
    past the sentence before: a text of one long line costs no more than many short ones)."""
    out, line, prev = [], 0, 0
    for s, e in sentences:
        at = text.rfind("\n", prev, s)
        if at >= 0:
            line = at + 1
        out.append((s, e, line))
        prev = s
    return out


def _with_figures(spans: list[tuple[int, int, int]], qs: tuple[Quantity, ...]) -> list[tuple[int, int]]:
    """The runs of sentences (start, end) that hold the figures: the only ones whose metric words
    are read; a run goes on over a short sentence without one (reading it costs less than a stop)."""
    out: list[tuple[int, int]] = []
    j, n = 0, len(qs)
    for s, e, _ in spans:
        while j < n and qs[j].nstart < s:
            j += 1
        if j < n and qs[j].nstart < e:
            if out and s - out[-1][1] < _BRIDGE:
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
    return out


def sentence_claims(s: Sentence, apart: list | None = None) -> list[Claim]:
    """The claims of one sentence: each figure read by the resolvers, then changes attached to
    the values they are of, and moves and comparisons between its figures; a change of no value
    of the sentence goes to ``apart`` with its key (audit.claims.changes_apart)."""
    values: list[relations.Value] = []
    pending: list[relations.Pending] = []
    handed = period_lists.handed(s)
    figs: dict[int, Figure] = {}
    for q, state in figures(s, handed):
        _read(s, q, state, values, pending, q.nstart in handed, figs)
    attached = relations.attach(s.doc.text, values, pending, handed)
    if apart is not None and len(attached) < len(figs):
        used = {id(c) for c in attached.values()}
        for q, c, _ in pending:
            if id(c) not in used and q.nstart in figs:
                r = _key(s, figs[q.nstart], values)
                apart.append((r, c, q.nstart, _lone(s, q, r, c)))
    return relations.comparisons(s.doc.text, [_claim(s, i, values, attached.get(i)) for i in range(len(values))])


def valued(s: Sentence) -> list[Quantity]:
    """The sentence's figures, a fraction stated as a change (下降约四分之一) read as the percentage
    it stands for (audit.claims.relations.fraction_change)."""
    text = s.doc.text
    return [(relations.fraction_change(text, s.start, q) or q) if q.kind == "ratio" else q for q in s.quantities]


def figures(s: Sentence, handed: dict[int, str] | None = None) -> Iterator[tuple[Quantity, period.State]]:
    """The sentence's values (not its dates), each with the periods named before it, or the one
    a list of periods hands it (``handed``: 2015年、2016年营收分别为…)."""
    state, handed = period.State(), handed or {}
    for q in valued(s):
        if q.kind in ("date", "period"):
            state = period.named(state, s.doc.text, q)
        elif q.kind in VALUE_KINDS:
            yield q, (state._replace(in_force=handed[q.nstart]) if q.nstart in handed else state)


def _read(s: Sentence, q: Quantity, state: period.State, values: list[relations.Value],
          pending: list[relations.Pending], handed: bool = False, figs: dict | None = None) -> None:
    """Read the figure ``q``: a value goes to ``values``, a change to ``pending`` (and what is
    read of it to ``figs``, by where it starts, when its metric is named); a figure that measures
    nothing named (上千名人士, 10倍价值) or restates another (约合) to neither. ``handed``: a list
    of periods hands ``q`` its period."""
    text, clause = s.doc.text, clause_start(s.doc.marks, s.start, q.nstart)
    found = metric.read(s, q, clause)
    found = (counted.read(s, q, clause) or found) if found.id is None else found  # 65万部电梯: what it counts
    metric_id, metric_ev = found.id, found.evidence
    if metric_id is None and values and relations.compared(text[values[-1][0].nend:q.nstart]):
        metric_id, metric_ev = values[-1][1].metric, "compare"  # 2600亿,高于ChatGPT3的1750亿
    if q.kind == "number" and q.qualifier == "exact" and q.value is not None and abs(q.value) < SMALL \
            and metric_id is None:
        return  # a small bare number with no metric in its clause is not a claim
    if metric_id is None and metric.of_model(s, q):
        metric_id, metric_ev = "parameters", "model"  # 一个是70亿级: the size of a model
    at = bisect.bisect_left(s.quantities, q.nstart, key=lambda p: p.nstart)
    change = relations.change(text, s.start, q, s.quantities[at - 1] if at else None)
    if change is None and pending and (change := relations.listed_change(text, pending[-1], q)) is not None:
        metric_id = metric_id or pending[-1][2]  # 同比分别增长60.5%和38.8%: the list's metric
    if change is not None:
        pending.append((q, change, metric_id))
        if figs is not None and metric_id is not None:
            figs[q.nstart] = Figure(q, clause, state, found.span, metric_id, metric_ev, *period.stated(s, state),
                                    True, None, None)
        return
    named_metric = metric_id is not None  # the metric read from words, before a share is assumed
    whole = None
    if q.kind == "percent" and not metric.is_ratio(s.doc.lex, metric_id):
        pm = percent_meaning.meaning(text, clause, q.nstart, s.start, handed)
        if pm is not None and pm.kind == "unknown":
            return  # a share of a whole not named (占比30%): never summed or compared
        if pm is not None:  # 占股40%: a holding, summed only with stakes; 占全球市场的23%: a share
            metric_id, metric_ev, whole = ("stake" if pm.kind == "stake" else "market_share"), "clause", pm.whole
    enum = _enumeration(s, q)
    if (metric_id is None and enum is None) or relations.is_conversion(text, s.start, q):
        return  # not a checkable claim, or 851.48亿元(约合123.98亿美元): the figure before, restated
    per, period_ev = period.stated(s, state)
    difference = relations.is_difference(text, s.start, q)
    relation = f"enumeration:{enum}" if enum is not None else ("difference" if difference else None)
    fig = Figure(q, clause, state, found.span, metric_id, metric_ev, None if difference else per, period_ev,
                 named_metric, whole, relation)
    values.append((q, _key(s, fig, values)))


def _enumeration(s: Sentence, q: Quantity) -> int | None:
    """How many items the list after a count of items names, if it is one."""
    if q.kind == "count" and q.unit == "item" and q.classifier not in lexicon().not_itemized:
        return relations.enumeration(s.doc.text, q, s.end)
    return None


class Figure(NamedTuple):
    """What is read of a value before its key: its metric, its period as stated, a relation."""
    q: Quantity
    clause: int  # where its clause starts
    state: period.State
    metric_span: Span | None
    metric: str | None
    metric_ev: str
    period: str | None
    period_ev: str
    named_metric: bool  # the metric was read from words, not assumed for a share
    whole: str | None  # the whole of a share
    relation: str | None


def _key(s: Sentence, f: Figure, values: list[relations.Value]) -> Reading:
    """The key of a value (entity, segment, period, basis with its metric) and how each was found."""
    q = f.q
    entity_id, entity_ev, inferred = entity.read(s, q, f.named_metric, f.metric)
    segment_id = segment.read(s, q, f.clause, f.metric_span)
    if f.whole is not None:
        segment_id = segment.of_share(segment_id, f.whole)
    fye = fiscal_year_end(s.doc.lex, entity_id)
    stock = getattr(s.doc.lex.metrics.get(f.metric or ""), "stock", False)
    per, months, relative, period_ev = period.resolve(s, f.state, q, f.clause, f.period, fye, stock, f.period_ev)
    if relative and values and f.metric == values[-1][1].metric:
        segment_id = values[-1][1].segment  # 上年同期为395.57亿元: the value of the part just named
    evidence = _evidence(entity_ev, f.metric_ev, period_ev) + (("period:relative",) if relative else ())
    return Reading(entity_id, f.metric, segment_id, per, evidence, f.relation, inferred,
                   basis.read(s, q, f.clause, f.metric), months)


@functools.cache
def _evidence(entity_ev: str, metric_ev: str, period_ev: str) -> tuple[str, str, str]:
    """One shared tuple per combination of how the key was found (there are a few dozen)."""
    return tuple(map(sys.intern, (f"entity:{entity_ev}", f"metric:{metric_ev}", f"period:{period_ev}")))


def _lone(s: Sentence, q: Quantity, r: Reading, change: Change) -> Claim:
    """The claim of a change of no value of its sentence (净利润同比下降12.5%): its figure is the
    rate, its metric the change of the metric it is of (audit.claims.changes_apart); its id is
    given when it is kept."""
    a = s.doc.a
    line, col = a.where(q.start)
    return Claim("", a.doc.path, r.entity, change_metric(r.metric), r.segment, r.period, q, change, q.text, line, col,
                 r.inferred, (), r.evidence, bisect.bisect_right(s.doc.stops, q.nstart),
                 a.context(q.start, q.end) if s.doc.context else NO_CONTEXT, r.basis, r.months)


def _claim(s: Sentence, i: int, values: list[relations.Value], change: Change | None) -> Claim:
    """The claim of the ``i``-th value of the sentence, with the change attached to it."""
    a, (q, r) = s.doc.a, values[i]
    line, col = a.where(q.start)
    rels = ((r.relation, ""),) if r.relation else ()
    move = relations.moves_from(s.doc.text, s.start, values[i - 1][0], q) if i > 0 else None
    if move is not None:  # 从1.9亿降至1.51亿: from the value before, down
        rels += (("from", f"{a.doc.path}#{s.first + i}"),) + ((f"move:{move}", f"{a.doc.path}#{s.first + i}"),) * bool(move)
    return Claim(f"{a.doc.path}#{s.first + i + 1}", a.doc.path, r.entity, r.metric, r.segment, r.period, q, change,
                 q.text, line, col, r.inferred, rels, r.evidence, bisect.bisect_right(s.doc.stops, q.nstart),
                 a.context(q.start, q.end) if s.doc.context else NO_CONTEXT, r.basis, r.months)
