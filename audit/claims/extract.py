"""The driver: a document's mentions found once, then its sentences in order, each read figure
by figure with one call per resolver, then changes and relations attached."""
from __future__ import annotations

import bisect
import functools
import sys
from typing import Iterator, NamedTuple

from ..analysis import Analyzed
from ..lexicon import lexicon
from ..model import Quantity
from ..segment import paragraphs, sentences
from . import arithmetic, basis, counted, entity, metric, percent_meaning, period, relations, segment
from .frame import CLAUSE_MARK, SENTENCE_STOP, Document, Mentions, Reading, Sentence, Span, Spans
from .lexicons import Lexicons, default_lexicons, fiscal_year_end
from .model import VALUE_KINDS, Change, Claim
from .unlisted import PREFIX, refers

SMALL = 1000  # a bare exact number below this with no metric in its clause is not a claim


def extract_claims(a: Analyzed, lex: Lexicons | None = None) -> list[Claim]:
    """The claims of one analyzed document, in text order (without corpus-level inference)."""
    claims: list[Claim] = []
    for s in frames(document(a, lex or default_lexicons())):
        s = s._replace(first=len(claims))
        claims.extend(arithmetic.extend(a, sentence_claims(s), s.quantities, s.start, s.doc.marks, s.doc.stops,
                                        s.first))  # a sentence's own arithmetic, read from its words
    return claims


def frames(doc: Document) -> Iterator[Sentence]:
    """The frames of the sentences that hold figures, paragraph by paragraph, each with the
    subject and period carried into it (``first`` is left 0 for the driver to set)."""
    text, qs = doc.text, list(doc.a.quantities)
    q_starts = [q.nstart for q in qs]
    for p_start, p_end in paragraphs(text):
        subject: str | None = None
        sourced = False
        in_force: str | None = None
        for s_start, s_end in sentences(text[p_start:p_end]):
            s_start, s_end = s_start + p_start, s_end + p_start
            sent_qs = qs[bisect.bisect_left(q_starts, s_start):bisect.bisect_left(q_starts, s_end)]
            named = doc.men.subjects.between(s_start, s_end)
            sent_subject = named[0][2] if named else subject
            # A sentence that cites an agency or names an organisation or a country is about a
            # market, not about the document's main company; the next ones of the paragraph too,
            # until a company is named.
            sourced = doc.men.sources.any_between(s_start, s_end) or (sourced and not named)
            if subject and subject[0] == PREFIX and not refers(text, s_start, s_end):
                subject = None  # a name outside the lexicon is carried only by 该公司, 其...
            if sent_qs:
                yield Sentence(doc, s_start, s_end, sent_qs, subject, in_force, None if sourced else doc.main, 0)
            for q in sent_qs:
                if q.kind in ("date", "period") and (found := period.period_of(q)):
                    in_force = found
            subject = sent_subject


def document(a: Analyzed, lex: Lexicons) -> Document:
    """The document with each lexicon's mentions, found once."""
    text = a.nt.text
    named = entity.mentions(text, lex)
    men = Mentions(Spans(named.entities), Spans(named.subjects), Spans(named.sources),
                   Spans(metric.mentions(text, lex)), Spans(segment.mentions(text, lex)),
                   *map(Spans, basis.marks(text)))
    return Document(a, lex, text, men, entity.main_subject(lex, text, named),
                    [m.start() for m in SENTENCE_STOP.finditer(text)],
                    [m.start() for m in CLAUSE_MARK.finditer(text)])


def sentence_claims(s: Sentence) -> list[Claim]:
    """The claims of one sentence: each figure read by the resolvers, then changes attached to
    the values they are of, and moves and comparisons between its figures."""
    values: list[relations.Value] = []
    pending: list[relations.Pending] = []
    for q, state in figures(s):
        _read(s, q, state, values, pending)
    attached = relations.attach(s.doc.text, values, pending)
    return relations.comparisons(s.doc.text, [_claim(s, i, values, attached.get(i)) for i in range(len(values))])


def figures(s: Sentence) -> Iterator[tuple[Quantity, period.State]]:
    """The sentence's values (not its dates), each with the periods named before it."""
    state = period.State()
    for q in s.quantities:
        if q.kind in ("date", "period"):
            state = period.named(state, s.doc.text, q)
        elif q.kind in VALUE_KINDS:
            yield q, state


def _read(s: Sentence, q: Quantity, state: period.State, values: list[relations.Value],
          pending: list[relations.Pending]) -> None:
    """Read the figure ``q``: a value goes to ``values``, a change to ``pending``; a figure that
    measures nothing named (上千名人士, 10倍价值) or restates another (约合) to neither."""
    text, clause = s.doc.text, s.clause_start(q.nstart)
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
    change = relations.change(text, s.start, q)
    if change is not None:
        pending.append((q, change, metric_id))
        return
    per, period_ev = period.stated(s, state)
    difference = relations.is_difference(text, s.start, q)
    named_metric = metric_id is not None  # the metric read from words, before a share is assumed
    whole = None
    if q.kind == "percent" and not metric.is_ratio(s.doc.lex, metric_id):
        pm = percent_meaning.meaning(text, clause, q.nstart, s.start)
        if pm is not None and pm.kind == "unknown":
            return  # a share of a whole not named (占比30%): never summed or compared
        if pm is not None:  # 占股40%: a holding, summed only with stakes; 占全球市场的23%: a share
            metric_id, metric_ev, whole = ("stake" if pm.kind == "stake" else "market_share"), "clause", pm.whole
    enum = _enumeration(s, q)
    if (metric_id is None and enum is None) or relations.is_conversion(text, s.start, q):
        return  # not a checkable claim, or 851.48亿元(约合123.98亿美元): the figure before, restated
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
    entity_id, entity_ev, inferred = entity.read(s, q, f.named_metric)
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


def _claim(s: Sentence, i: int, values: list[relations.Value], change: Change | None) -> Claim:
    """The claim of the ``i``-th value of the sentence, with the change attached to it."""
    a, (q, r) = s.doc.a, values[i]
    line, col = a.where(q.start)
    rels = ((r.relation, ""),) if r.relation else ()
    if i > 0 and relations.moves_from(s.doc.text, s.start, values[i - 1][0], q):
        rels += (("from", f"{a.doc.path}#{s.first + i}"),)  # 从1.9亿降至1.51亿
    return Claim(f"{a.doc.path}#{s.first + i + 1}", a.doc.path, r.entity, r.metric, r.segment, r.period, q, change,
                 q.text, line, col, entity_inferred=r.inferred, relations=rels, evidence=r.evidence,
                 stop=bisect.bisect_right(s.doc.stops, q.nstart), context=a.context(q.start, q.end),
                 basis=r.basis, months=r.months)
