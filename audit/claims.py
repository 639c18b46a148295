"""Link each figure to (entity, metric, segment, period) and to the change stated with it.

The reading is local and explainable, in the way news sentences are built:

- the **metric** is the nearest metric word before the figure in its sentence (营收…7042亿元), or
  right after it (拿到5000万美元启动资金);
- the **entity** is the nearest entity named before the figure in its sentence; a sentence that
  names none inherits the subject (first company, product or model named) of the previous
  sentence of the paragraph (以OpenAI为例…。…2022年其净亏损5.45亿美元);
- the **period** is the nearest date or period before the figure in its sentence, else the one in
  force in the paragraph; unresolved relative dates leave it unknown — never guessed;
- a percentage after a direction word (同比下滑14.7%) is a **change**; it belongs to the value of
  the same metric in the sentence (…至7042亿元, or the value stated before it);
- 少了/减少了/多了 N is a stated **difference**, 高于/低于/超过 a **comparison** with the next figure;
- figures that measure nothing named are not claims (上千名人士, 第二, bare numbers), except a
  count followed by the list it counts (三个大模型…包括A、B、C).

Unnamed members: a size-class figure (70亿级) of a company's models is linked, as *inferred*,
to a model of that company named elsewhere in the corpus whose name implies that size (Qwen-7B).
"""
from __future__ import annotations

import bisect
import functools
import re
import sys
from dataclasses import dataclass, field, replace
from decimal import Decimal
from importlib import resources
from itertools import compress, repeat
from operator import attrgetter, eq
from typing import Any, Iterable, Iterator, NamedTuple

from . import local_relations
from .analysis import Analyzed
from .basis import ADJUSTED_WINDOW, WINDOW, adjusted_from, basis_from, combine
from .basis import marks as basis_marks
from .lexicon import LexiconError, alternation, lexicon, load_yaml, trie_branches
from .model import Location, Quantity
from .names import implied_size
from .percent_meaning import meaning as percent_meaning
from .unlisted import mentions as unlisted_mentions
from .unlisted import refers
from .quantities import periods
from .segment import paragraphs, sentences

VALUE_KINDS = ("amount", "count", "number", "rate", "score", "multiple", "percent", "percentage_point")


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    kind: str
    names: tuple[str, ...]
    parent: str | None = None
    fiscal_year_end: str | None = None  # MM-DD, when the fiscal year is not the calendar year


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    words: tuple[str, ...]
    dimension: str
    confusable_with: tuple[str, ...] = ()
    per: str | None = None
    measure: str | None = None  # what a per-period metric is a rate of (月收入, 年化收入: income)
    timeless: bool = False  # true of a thing, not of a period (a model's parameter count)
    adjusted_words: tuple[str, ...] = ()  # 非美国通用会计准则 before 净利润 ...
    adjusted_to: str | None = None  # ... makes it this metric instead
    stock: bool = False  # a balance at a date (cash, headcount), not a flow over a period


class Change(NamedTuple):
    basis: str | None  # yoy | qoq | mom | None
    direction: str  # up | down
    quantity: Quantity

    def to_dict(self) -> dict[str, Any]:
        return {"basis": self.basis, "direction": self.direction, "quantity": self.quantity.to_dict()}


_STRONG_METRIC = frozenset({"metric:clause", "metric:after", "metric:unit", "metric:model", "metric:compare",
                            "metric:linked"})


class Claim(NamedTuple):
    """One figure linked to its entity, metric, segment and period. An immutable NamedTuple, like
    :class:`audit.model.Quantity`: one is built per figure, and claims cross from worker processes
    by pickle, which rebuilds a tuple in C but a frozen dataclass field by field in Python."""

    id: str
    doc: str
    entity: str | None
    metric: str | None
    segment: str | None
    period: str | None
    quantity: Quantity | None
    change: Change | None
    quote: str
    line: int
    col: int
    entity_inferred: bool = False
    relations: tuple[tuple[str, str], ...] = ()  # (relation, other claim id)
    evidence: tuple[str, ...] = ()  # how entity, metric and period were found: entity:named, ...
    stop: int = 0  # sentence stops (。!?, line ends) before it in its document: same value, same sentence
    context: tuple[str, str] = ("", "")  # the raw line around the quote, for reports
    basis: str = "actual"  # actual | guidance | consensus | estimate | adjusted (audit.basis)
    months: str | None = None  # the calendar months of a fiscal period (2018-07..2018-09)

    def location(self) -> Location:
        q = self.quantity
        if q is None:
            return Location(self.doc, self.line, self.col, self.quote)
        return Location(self.doc, self.line, self.col, self.quote, q.start, q.end, *self.context, q)

    def strong(self, timeless: bool = False) -> bool:
        """Is the key read from the claim's own sentence (entity named or linked by size class,
        metric in its clause or unit, period stated in the sentence unless the metric is timeless)?
        Checks that compare values demand it: carried context is good enough to list a claim,
        not to accuse it."""
        ev = self.evidence
        return (("entity:named" in ev or "entity:size-class" in ev)
                and not _STRONG_METRIC.isdisjoint(ev)
                and (timeless or "period:sentence" in ev))

    @property
    def key(self) -> tuple[str | None, str | None, str | None, str | None, str]:
        return (self.entity, self.metric, self.segment, self.period, self.basis)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "doc": self.doc, "entity": self.entity, "entity_inferred": self.entity_inferred,
            "metric": self.metric, "segment": self.segment, "period": self.period, "basis": self.basis,
            **({"months": self.months} if self.months else {}),
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "change": self.change.to_dict() if self.change else None,
            "relations": [{"relation": r, "claim": c} for r, c in self.relations],
            "evidence": list(self.evidence),
            "quote": self.quote, "line": self.line, "col": self.col,
        }


# ------------------------------------------------------------------------------------------------
# lexicons


def _load_list(name: str) -> list[dict[str, Any]]:
    data = load_yaml(resources.files("audit.data").joinpath(name).read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(d, dict) and "id" in d for d in data):
        raise LexiconError(f"audit/data/{name}: expected a list of mappings with an id")
    return data


@dataclass(frozen=True)
class Lexicons:
    entities: dict[str, Entity]
    metrics: dict[str, Metric]
    segments: dict[str, tuple[str, ...]]
    entity_re: re.Pattern
    metric_re: re.Pattern
    segment_re: re.Pattern
    entity_of: dict[str, str]
    metric_of: dict[str, str]
    segment_of: dict[str, str]
    extra: tuple = field(default=())


def _mention_re(words: Iterable[str]) -> re.Pattern:
    """Any of ``words``; a Latin word only as a whole word (not the tail or head of a longer one).
    Every alternative opens with its literal first character (the Latin words check the
    character before them after it), so that the engine scans for first characters in C."""
    words = set(words)
    parts = trie_branches(w for w in words if not w.isascii())
    latin: dict[str, list[str]] = {}
    for w in words:
        if w.isascii():
            latin.setdefault(w[0], []).append(w[1:])
    for ch, rests in sorted(latin.items()):
        rest = alternation(r for r in rests if r) if any(rests) else ""
        if rest and "" in rests:
            rest = f"(?:{rest})?"
        parts.append(f"{re.escape(ch)}(?<![A-Za-z0-9].){rest}(?![A-Za-z0-9])")
    return re.compile("|".join(parts) if parts else "(?!)")


def build_lexicons(extra_entities: Iterable[dict] = (), extra_metrics: Iterable[dict] = ()) -> Lexicons:
    from .normalize import normalize_text

    entities: dict[str, Entity] = {}
    for d in list(_load_list("entities.yaml")) + list(extra_entities):
        names = tuple(normalize_text(str(n)) for n in d.get("names", []))
        old = entities.get(str(d["id"]))
        if old is not None:  # a configuration's entry for a built-in id extends it, as metrics: do
            names = old.names + tuple(n for n in names if n not in old.names)
        entities[str(d["id"])] = Entity(str(d["id"]), str(d.get("kind", old.kind if old else "company")), names,
                                        d.get("parent", old.parent if old else None),
                                        d.get("fiscal_year_end", old.fiscal_year_end if old else None))
    metrics: dict[str, Metric] = {}
    for d in _load_list("metrics.yaml"):
        metrics[d["id"]] = Metric(d["id"], tuple(normalize_text(w) for w in d["words"]), d.get("dimension", "any"),
                                  tuple(d.get("confusable_with", ())), d.get("per"), d.get("measure"),
                                  bool(d.get("timeless", False)),
                                  tuple(normalize_text(w) for w in (d.get("adjusted_by") or {}).get("words", ())),
                                  (d.get("adjusted_by") or {}).get("then"), bool(d.get("stock", False)))
    for d in extra_metrics:
        old = metrics.get(d["id"])
        words = tuple(normalize_text(w) for w in d.get("words", ()))
        metrics[d["id"]] = (replace(old, words=old.words + words) if old
                            else Metric(d["id"], words, d.get("dimension", "any"), tuple(d.get("confusable_with", ()))))
    segments = {d["id"]: tuple(d["words"]) for d in _load_list("segments.yaml")}
    entity_of = {n: e.id for e in entities.values() for n in e.names}
    metric_of = {w: m.id for m in metrics.values() for w in m.words}  # id "none": not a metric
    segment_of = {w: sid for sid, ws in segments.items() for w in ws}
    return Lexicons(entities, metrics, segments, _mention_re(entity_of), _mention_re(metric_of),
                    _mention_re(segment_of), entity_of, metric_of, segment_of)


@functools.cache
def default_lexicons() -> Lexicons:
    return build_lexicons()


@functools.lru_cache(maxsize=8)
def lexicons_for(entities_json: str = "", metrics_json: str = "") -> Lexicons:
    """The lexicons with a configuration's additions, given as JSON text so that the key is
    hashable (cached) and cheap to send to worker processes."""
    import json

    if not entities_json and not metrics_json:
        return default_lexicons()
    return build_lexicons(json.loads(entities_json or "[]"), json.loads(metrics_json or "[]"))


# ------------------------------------------------------------------------------------------------
# extraction

_UP = "增长|上升|提升|增加|上涨|提高|增至|涨|增"
_DOWN = "下滑|下降|下跌|减少|降低|回落|萎缩|缩减|减|跌|降"
_CHANGE = re.compile(rf"(?P<basis>同比|环比|较上年|较去年同期)?(?:大幅|小幅|略微|略|分别|强势|暴|一度)?"
                     rf"(?:(?P<up>{_UP})|(?P<down>{_DOWN}))了?(?:一度)?(?:超过|超|近|约|逾|达)? *$")
_DIFF = re.compile(r"(?:少了|减少了|多了|增加了|相差|差了|缩水了)$")
_COMPARE = re.compile(r"[,，]? *(?P<w>高于|低于|超过|超出|不及|少于|多于|大于|小于)[^,;。!?]{0,12}$")
_CLAUSE = re.compile(r"[,;:，；：]")
_MODEL_WORD = re.compile(r"模型")
UNIT_METRIC = {"parameter": "parameters", "token": "training_data"}
_FROM_BEFORE = re.compile(r"(?:从|由)\s*$")
_FROM_TO = re.compile(rf"\s*(?:{_UP}|{_DOWN}|提升|回升)?\s*(?:至|到)\s*")
# The list opens within the count's clause, or right after its comma (三个子类目,包括…), never
# after another subject (11条记录,处罚原因包括…); a colon before a quotation mark opens speech.
_ENUM_START = re.compile(r"[^。!?;,]{0,24}?(?:,(?:其中)?)?(?:包括|分别是|分别为|分别有|即|:)(?![\"“「『])")
_ENUM_SPLIT = re.compile(r"、|以及|和|及|与")
_ENUM_END = re.compile(r"[。!?;,]")
_PRIOR = re.compile(r"(?:上年|上一年|同期)的?\s*(?:为|是|的)?\s*$")
# A relative period word that opens a change (较去年同期增长), not the period of a figure.
_REL_CHANGE = re.compile(rf"(?:的)?(?:相比|相较)?(?:大幅|小幅)?(?:{_UP}|{_DOWN}|持平)")


def fiscal_year_end(lex: Lexicons, entity: str | None) -> str | None:
    """The fiscal year end (MM-DD) of ``entity``, or of the company it belongs to."""
    seen = 0
    while entity and seen < 8:
        e = lex.entities.get(entity)
        if e is None:
            return None
        if e.fiscal_year_end:
            return e.fiscal_year_end
        entity, seen = e.parent, seen + 1
    return None


_CONVERSION = re.compile(r"[((]\s*(?:约合|折合|合|约|相当于)\s*$")
_NEUTRAL = re.compile(r"^(?:[的其中总全年度季度同期当期整体公司集团财报实现营业期内去今本上下半该此第首一二三四]|共计|合计)+$")


_HAN_TAIL = re.compile(r"[\u4e00-\u9fff]{2,7}$")
_LEADING_PARTICLES = re.compile(r"^(?:其中|其|而|但|及|和|与|在|为)+")


def _modifier(text: str, lo: int, hi: int, entities) -> str | None:
    """The words right before a metric word that narrow it (核心电商 in 核心电商收入), or None."""
    for s, e, _ in entities:
        if lo < e <= hi:
            lo = e  # what follows an entity's name
    return _modifier_word(text[max(lo, hi - 7):hi])  # at most the last seven characters


@functools.lru_cache(maxsize=4096)
def _modifier_word(tail: str) -> str | None:
    """The modifier read from the characters before a metric word (cached: they repeat)."""
    m = _HAN_TAIL.search(tail)
    if m is None:
        return None
    word = m.group().rstrip("的").rsplit("的", 1)[-1]  # 已连接的设备数: what stands after 的
    word = _LEADING_PARTICLES.sub("", word)
    if len(word) < 2 or _NEUTRAL.match(word):
        return None
    return word


_LISTABLE = 30  # a count above this is illustrated by a list (24000个技能,包括A、B), never spelled out


def _enumeration(text: str, q: Quantity, s_end: int) -> int | None:
    """How many items a list after a count names (三个大模型...包括A、B、C), or None."""
    if q.value is None or q.value > _LISTABLE:
        return None
    m = _ENUM_START.match(text, q.nend)
    if m is None:
        return None
    end = _ENUM_END.search(text, m.end(), s_end)
    tail = text[m.end():end.start() if end else s_end]
    items = [t for t in _ENUM_SPLIT.split(tail) if t.strip()]
    if len(items) < 2 or any(len(t) > 20 for t in items):
        return None  # not a plain list: prose follows
    if "等" in items[-1]:
        return None  # 包括A、B、C等: the list is open
    return len(items)
_TO = re.compile(r" *(?:至|到|达到|达|为)? *")


def _clause_start(marks: list[int], lo: int, pos: int) -> int:
    """Start of the clause (after the last comma, semicolon or colon) that holds ``pos``, from
    the positions of the document's clause marks: no scan back through the sentence."""
    j = bisect.bisect_left(marks, pos) - 1
    return marks[j] + 1 if j >= 0 and marks[j] >= lo else lo
SUBJECT_KINDS = ("company", "product", "model")
NON_SUBJECT_KINDS = ("agency", "org", "region")


class _Spans:
    """Mentions sorted by start, with the starts kept apart for bisection: every lookup is
    logarithmic, so a document of one huge paragraph costs no more than many small ones."""

    __slots__ = ("items", "starts")

    def __init__(self, items: list[tuple[int, int, str]]) -> None:
        self.items = items
        self.starts = [s for s, _, _ in items]

    def between(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        return self.items[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def any_between(self, lo: int, hi: int) -> bool:
        j = bisect.bisect_left(self.starts, lo)
        return j < len(self.starts) and self.starts[j] < hi


@dataclass
class _Mentions:
    entities: _Spans
    subjects: _Spans  # the entity mentions that can be a sentence's subject
    sources: _Spans  # the mentions of agencies, organisations and regions
    metrics: _Spans
    segments: _Spans
    bases: _Spans  # basis words (预计, 分析师预期…): audit.basis.marks
    wording: _Spans  # adjusted (non-GAAP) or GAAP wording


_PERIOD_TAIL = "财今去明全本当上下同0123456789"


def _find(rx: re.Pattern, table: dict[str, str], text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in rx.finditer(text):
        word = m.group()
        if word[0] in "年月" and m.start() > 0 and text[m.start() - 1] in _PERIOD_TAIL:
            # 2024财年收入 is 收入 of a fiscal year, not 年收入: read on from the next character
            m = rx.match(text, m.start() + 1)
            if m is None:
                continue
            word = m.group()
        found = table[word]
        if found != "none":
            out.append((m.start(), m.end(), found))
    return out


def _last_before(spans: _Spans, lo: int, hi: int):
    """The last mention that starts at or after ``lo`` and ends by ``hi``."""
    j = bisect.bisect_left(spans.starts, hi) - 1
    while j >= 0 and spans.starts[j] >= lo:
        if spans.items[j][1] <= hi:
            return spans.items[j]
        j -= 1
    return None


_STOP = re.compile("[。!?\n]")


def extract_claims(a: Analyzed, lex: Lexicons | None = None) -> list[Claim]:
    """The claims of one analyzed document, in text order (without corpus-level inference)."""
    lex = lex or default_lexicons()
    text = a.nt.text
    ents = _find(lex.entity_re, lex.entity_of, text)
    unlisted = unlisted_mentions(text, lex.entity_re, lex.metric_re)  # 前程无忧第三季度营收: ~前程无忧
    subjects = sorted([m for m in ents if lex.entities[m[2]].kind in SUBJECT_KINDS] + unlisted)
    men = _Mentions(_Spans(ents), _Spans(subjects),
                    _Spans([m for m in ents if lex.entities[m[2]].kind in NON_SUBJECT_KINDS]),
                    _Spans(_find(lex.metric_re, lex.metric_of, text)), _Spans(_find(lex.segment_re, lex.segment_of, text)),
                    *map(_Spans, basis_marks(text)))
    qs = list(a.quantities)
    q_starts = [q.nstart for q in qs]
    claims: list[Claim] = []
    main = _main_subject(lex, men.entities.items) or _headline_subject(text, unlisted)
    stops = [m.start() for m in _STOP.finditer(text)]
    marks = [m.start() for m in _CLAUSE.finditer(text)]
    for p_start, p_end in paragraphs(text):
        subject: str | None = None
        sourced = False
        period: str | None = None
        for s_start, s_end in sentences(text[p_start:p_end]):
            s_start, s_end = s_start + p_start, s_end + p_start
            sent_qs = qs[bisect.bisect_left(q_starts, s_start):bisect.bisect_left(q_starts, s_end)]
            named = men.subjects.between(s_start, s_end)
            sent_subject = named[0][2] if named else subject
            # A sentence that cites an agency or names an organisation or a country is about a
            # market, not about the document's main company; the next ones of the paragraph too,
            # until a company is named.
            sourced = men.sources.any_between(s_start, s_end) or (sourced and not named)
            if subject and subject[0] == "~" and not refers(text, s_start, s_end):
                subject = None  # a name outside the lexicon is carried only by 该公司, 其...
            if sent_qs:
                got = _sentence_claims(a, lex, men, text, s_start, s_end, sent_qs, subject, period,
                                       len(claims), None if sourced else main, stops, marks)
                claims.extend(local_relations.extend(a, got, sent_qs, s_start, marks, stops, len(claims),
                                                     (Claim, Change)))
            for q in sent_qs:
                if q.kind in ("date", "period") and _period_of(q):
                    period = _period_of(q)
            subject = sent_subject
    return claims


_ADJUSTED: dict[int, frozenset] = {}


def _adjusted_metrics(lex: Lexicons) -> frozenset:
    """The metrics that are themselves adjusted (经调整净利润) or have an adjusted twin: their
    figures never take the basis ``adjusted`` (the metric says it)."""
    found = _ADJUSTED.get(id(lex.metrics))
    if found is None:
        found = frozenset(m for d in lex.metrics.values() if d.adjusted_to for m in (d.id, d.adjusted_to))
        _ADJUSTED[id(lex.metrics)] = found
    return found


def _period_of(q: Quantity) -> str | None:
    """The period a date or period quantity names; ``FQ4`` for a fiscal quarter without its year
    (第四财季), resolved once the entity and its fiscal calendar are known. A fiscal year named in
    an earlier sentence is not carried to it: it is as often a prior year's (2017财年第四财季,
    净利润为….第四财季营收为… of the current year)."""
    if q.period or q.date:
        return q.period or q.date
    n = periods.fiscal_quarter(q.relative)
    return f"FQ{n}" if n else None


def _main_subject(lex: Lexicons, mentions: list[tuple[int, int, str]]) -> str | None:
    """The company a document is mostly about: named at least three times and most often."""
    from collections import Counter

    counts = Counter(e for _, _, e in mentions if lex.entities[e].kind == "company")
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [(None, 0)]
    return top if n >= 3 and n > rest[0][1] else None


def _headline_subject(text: str, unlisted: list[tuple[int, int, str]]) -> str | None:
    """The company outside the lexicon that the headline (the first line) is about, if any."""
    end = text.find("\n")  # a text of one line has no headline
    return next((e for s, _, e in unlisted if s < end), None)


def _may_be_share(lex: Lexicons, metric_id: str | None) -> bool:
    """A percentage under no metric, market_share, or a metric of amounts or counts (广告收入占总营收
    的60%: no revenue figure) may be a share, a stake or of a whole not named; a ratio metric's
    (毛利率30%) is its value."""
    m = lex.metrics.get(metric_id or "")
    return m is None or metric_id == "market_share" or m.dimension != "percent"


@functools.cache
def _evidence(entity: str, metric: str, period: str) -> tuple[str, str, str]:
    """One shared tuple per combination of how the key was found (there are a few dozen)."""
    return tuple(map(sys.intern, (f"entity:{entity}", f"metric:{metric}", f"period:{period}")))


def _sentence_claims(a, lex, men, text, s_start, s_end, sent_qs, subject, period, n0, main, stops,
                     marks) -> list[Claim]:
    out: list[Claim] = []
    values: list[tuple[Quantity, dict]] = []
    pending_changes: list[tuple[Quantity, Change, str | None]] = []
    in_force = None  # the last date or period named so far in the sentence
    rel: Quantity | None = None  # a relative period (上年同期) named since, not opening a change
    dated = None  # the last date named in the sentence: 截至9月30日的第四财季 ends by it
    for q in sent_qs:
        if q.kind in ("date", "period"):
            dated = q.date or dated
            if q.period is None and q.relative in periods.relatives():
                rel = None if _REL_CHANGE.match(text, q.nend) else q
            elif _period_of(q):
                in_force, rel = _period_of(q), None
            continue
        if q.kind not in VALUE_KINDS:
            continue
        clause = _clause_start(marks, s_start, q.nstart)
        metric = None if q.unit in UNIT_METRIC else _last_before(men.metrics, clause, q.nstart)
        metric_ev = "clause" if metric else "unit"
        if metric is None and q.unit not in UNIT_METRIC:
            after = [m for m in men.metrics.between(q.nend, q.nend + 3) if m[1] <= s_end
                     and not _CLAUSE.search(text, q.nend, m[0])]
            if after:
                metric, metric_ev = after[0], "after"  # 拿到5000万美元启动资金, 千亿级参数量
            elif q.kind in ("amount", "percent") or (q.kind == "count" and q.unit != "item"):
                metric, metric_ev = _last_before(men.metrics, s_start, q.nstart), "sentence"
        metric_id = metric[2] if metric else UNIT_METRIC.get(q.unit or "")
        m_def = lex.metrics.get(metric_id or "")
        if m_def is not None and m_def.adjusted_to and any(
                w in text[max(s_start, (metric[0] if metric else q.nstart) - 40):(metric[0] if metric else q.nstart)]
                for w in m_def.adjusted_words):
            metric_id = m_def.adjusted_to  # 按非美国通用会计准则计算,净利润为…
        if metric_id is None and values and _COMPARE.match(text[values[-1][0].nend:q.nstart]):
            metric_id, metric_ev = values[-1][1]["metric"], "compare"  # 2600亿,高于ChatGPT3的1750亿
        if q.kind == "number" and q.qualifier == "exact" and q.value is not None and abs(q.value) < 1000 \
                and metric_id is None:
            continue  # a small bare number with no metric in its clause is not a claim
        if metric_id is None and q.qualifier == "class" and _MODEL_WORD.search(text, s_start, s_end):
            metric_id, metric_ev = "parameters", "model"  # 一个是70亿级: the size of a model
        per = in_force
        period_ev = "sentence" if per else ("paragraph" if period else "none")
        per = per or period
        before = text[max(s_start, q.nstart - 12):q.nstart]
        if q.kind in ("percent", "percentage_point", "multiple"):
            cm = _CHANGE.search(before)
            if cm is not None:
                basis = {"同比": "yoy", "较上年": "yoy", "较去年同期": "yoy", "环比": "qoq"}.get(cm.group("basis") or "")
                pending_changes.append((q, Change(basis, "up" if cm.group("up") else "down", q), metric_id))
                continue
        relation = None
        if _DIFF.search(before):
            relation = "difference"
            per = None
        named_metric = metric_id is not None  # the metric read from words, before a share is assumed
        whole = None
        if q.kind == "percent" and _may_be_share(lex, metric_id):
            pm = percent_meaning(text, clause, q.nstart, s_start)
            if pm is not None and pm.kind == "unknown":
                continue  # a share of a whole not named (占比30%): never summed or compared
            if pm is not None and pm.kind == "stake":
                metric_id, metric_ev = "stake", "clause"  # 占股40%: a holding, summed only with stakes
            elif pm is not None:
                metric_id, metric_ev, whole = "market_share", "clause", pm.whole  # 占全球市场的23%
        enum = _enumeration(text, q, s_end) if q.kind == "count" and q.unit == "item" \
            and q.classifier not in lexicon().not_itemized else None
        if enum is not None:
            relation = f"enumeration:{enum}"
        if metric_id is None and enum is None:
            continue  # not a checkable claim: it measures nothing named (上千名人士, 10倍价值)
        if _CONVERSION.search(text, max(s_start, q.nstart - 6), q.nstart):
            continue  # 851.48亿元(约合123.98亿美元): the conversion restates the figure before it
        entity = _last_before(men.subjects, s_start, q.nstart)
        entity_id = entity[2] if entity else subject
        entity_ev = ("unlisted" if entity[2][0] == "~" else "named") if entity else "carried"
        inferred = False
        if entity_id is None and main is not None and named_metric:
            entity_id, inferred, entity_ev = main, True, "document"  # for want of a nearer one
        seg = _last_before(men.segments, metric[0] - 8 if metric else clause, q.nstart)
        segment_id = seg[2] if seg else None
        if segment_id is None and metric is not None and metric[0] < q.nstart:
            # 其中核心电商收入724.75亿元: a part the lexicon does not know is still a part; it gets a
            # segment of its own name, so that it is never taken for the whole.
            modifier = _modifier(text, max(clause, metric[0] - 8), metric[0], men.entities.between(clause - 20, metric[0]))
            if modifier:
                segment_id = "~" + modifier
        if whole is not None:  # a share's key names its part and its whole: 广告@总营收
            segment_id = f"{segment_id or ''}@{whole}"
        evidence = _evidence(entity_ev, metric_ev, period_ev)
        fye = fiscal_year_end(lex, entity_id)
        if per and per.startswith("FQ"):
            per = (periods.fiscal_ending(int(per[2]), fye, dated) if dated
                   else periods.latest_fiscal(int(per[2]), fye, a.published))
        prior = rel is not None and not _CLAUSE.search(text, rel.nend + 1, q.nstart)
        if prior or _PRIOR.search(text, max(clause, q.nstart - 10), q.nstart):
            # 上年同期为395.57亿元: the value of the period before ...
            per = periods.shift(per, rel.relative) if prior else periods.previous_year(per)
            evidence += ("period:relative",)
            if values and metric_id == values[-1][1]["metric"]:
                segment_id = values[-1][1]["segment"]  # ... of the part just named
        per, months = periods.calendarize(per, fye)
        if getattr(lex.metrics.get(metric_id or ""), "stock", False):
            per = periods.as_point(per, fye)  # a balance is of a date: 三季度末 of 三季度
        else:
            per = periods.as_flow(per)  # a flow up to a year's end (截至去年底,产业规模…) is of the year
        if per is None and "period:sentence" in evidence:
            evidence = _evidence(entity_ev, metric_ev, "none") + evidence[3:]  # 第四财季 of no known date
        basis = basis_from(men.bases.between(min(clause, max(s_start, q.nstart - WINDOW)), q.nstart), q.nstart)
        if metric_id not in _adjusted_metrics(lex):
            basis = combine(basis, adjusted_from(men.wording.between(max(s_start, q.nstart - ADJUSTED_WINDOW), q.nstart),
                                                 q.nstart))
        info = dict(entity=entity_id, metric=metric_id, segment=segment_id, period=per,
                    evidence=evidence, relation=relation, inferred=inferred, basis=basis, months=months)
        values.append((q, info))
    # attach changes: to the value of the same metric stated after them in the sentence (至 X),
    # else to the nearest one before them
    attached: dict[int, Change] = {}
    for q, change, metric_id in pending_changes:
        if metric_id is None:
            continue  # a change of nothing named is not attached to a figure by position alone
        free = [i for i, (v, info) in enumerate(values) if info["metric"] == metric_id and i not in attached
                and v.kind not in ("percent", "percentage_point", "multiple")
                and "period:relative" not in info["evidence"]]  # 比去年同期的X增长20%: the change is not X's
        later = [i for i in free if values[i][0].nstart > q.nstart]
        earlier = [i for i in free if values[i][0].nstart < q.nstart]
        if later and _TO.match(text, q.nend) and _TO.match(text, q.nend).end() == values[later[0]][0].nstart:
            target = later[0]  # 下滑9.6%至7042亿元
        elif earlier:
            target = earlier[-1]  # 为367亿元,同比下滑27.3%
        else:
            target = later[0] if later else None  # 同比下滑21%,最终录得33亿元
        if target is not None:
            attached[target] = change
            ev = values[target][1]["evidence"]
            if "metric:sentence" in ev:  # 净利润同比下滑21%,最终录得33亿元: the change ties them
                values[target][1]["evidence"] = tuple("metric:linked" if e == "metric:sentence" else e for e in ev)
    for i, (q, info) in enumerate(values):
        line, col = a.where(q.start)
        stop = bisect.bisect_right(stops, q.nstart)
        relations = ()
        if info["relation"]:
            relations = ((info["relation"], ""),)
        if i > 0 and _FROM_TO.fullmatch(text, values[i - 1][0].nend, q.nstart) is not None \
                and _FROM_BEFORE.search(text, max(s_start, values[i - 1][0].nstart - 3), values[i - 1][0].nstart):
            relations += (("from", f"{a.doc.path}#{n0 + len(out)}"),)  # 从1.9亿降至1.51亿
        out.append(Claim(f"{a.doc.path}#{n0 + len(out) + 1}", a.doc.path, info["entity"], info["metric"],
                         info["segment"], info["period"], q, attached.get(i), q.text,
                         line, col, entity_inferred=info["inferred"], relations=relations,
                         evidence=info["evidence"], stop=stop, context=a.context(q.start, q.end),
                         basis=info["basis"], months=info["months"]))
    # comparisons: "A,高于B的C" -> A compared with the next claim of the sentence
    for i, c in enumerate(out[:-1]):
        gap = text[c.quantity.nend:out[i + 1].quantity.nstart]
        m = _COMPARE.match(gap)
        if m is not None and len(gap) <= 16:
            out[i] = c._replace(relations=c.relations + ((f"compare:{m.group('w')}", out[i + 1].id),))
    return out


def infer_unnamed(claims: list[Claim], lex: Lexicons | None = None) -> list[Claim]:
    """Link size-class figures of a company's models to the model named elsewhere whose name
    implies that size (70亿级 -> Qwen-7B), marking the link as inferred."""
    lex = lex or default_lexicons()
    named_models: dict[str, list[tuple[str, Quantity]]] = {}
    for entity in dict.fromkeys(map(_entity_of, claims)):  # each once, in the order first claimed
        e = lex.entities.get(entity or "")
        if e and e.kind == "model" and e.parent:
            for name in e.names:
                size = implied_size(name)
                if size is not None:
                    named_models.setdefault(e.parent, []).append((e.id, size))
                    break
    out = list(claims)
    if not named_models:
        return out
    for i in compress(range(len(out)), metric_mask(out, "parameters")):  # the few, in C
        c = out[i]
        if c.entity in named_models:
            q = c.quantity
            if q is None or q.qualifier != "class":
                continue
            for model_id, size in named_models[c.entity]:
                if _same_class(q.value, size.value):
                    ev = tuple("entity:size-class" if e.startswith("entity:") else e for e in c.evidence)
                    out[i] = c._replace(entity=model_id, entity_inferred=True, evidence=ev)
                    break
    return out


_entity_of = attrgetter("entity")
_metric_of = attrgetter("metric")


def metric_mask(claims: list[Claim], metric: str) -> Iterator[bool]:
    """For each claim, whether it is of ``metric``: computed in C, for picking the few claims of
    one metric out of a corpus (with itertools.compress) without a Python step per claim."""
    return map(eq, map(_metric_of, claims), repeat(metric))


def _same_class(a: Decimal | None, b: Decimal | None) -> bool:
    """70亿级 and 7B are one size class: the same leading digit at the same order of magnitude."""
    if a is None or b is None or a <= 0 or b <= 0:
        return False
    return a.adjusted() == b.adjusted() and int(a.scaleb(-a.adjusted())) == int(b.scaleb(-b.adjusted()))


def corpus_claims(docs: Iterable[Analyzed], lex: Lexicons | None = None) -> list[Claim]:
    lex = lex or default_lexicons()
    out: list[Claim] = []
    for a in docs:
        out.extend(extract_claims(a, lex))
    return infer_unnamed(out, lex)
