"""The metric of a figure: a verb right after or before an amount that names what it measures
(以67.46亿港元收购, 支付8亿美元), else the nearest metric word before it in its clause (营收…7042亿元),
or right after it (拿到5000万美元启动资金, 600万元左右的奖金), or — for an amount, a percentage
whose clause names no measure of its own (跌幅, …率) or a count of something — the last one before
it in its sentence; a unit that names what it measures (参数, token) is the metric itself. A
generic word (利润) is the specific metric of its kind named before it in the sentence (净利…,
上年同期盈利…). Wording such as 非美国通用会计准则 before 净利润 makes it the adjusted twin. The
words are in audit/data/metrics.yaml and metric_units.yaml.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..model import Quantity
from .frame import CLAUSE_MARK, Sentence, Span, find
from ..lexicon import LexiconError
from .lexicons import Lexicons, either, section, words

AFTER = 3  # characters after a figure its metric word may start within
ADJUSTED_BEFORE = 40  # characters before the metric word read for adjusted wording
VERB_BEFORE = 12  # characters before an amount its verb and the fillers after it may start within


class Found(NamedTuple):
    span: Span | None  # the metric word, when one was read
    id: str | None
    evidence: str  # verb | clause | after | sentence | unit


class _Words(NamedTuple):
    units: dict[str, str]  # a unit that is a metric
    model: re.Pattern  # a sentence about models: a size class is a parameter count
    fits: dict[str, frozenset[str]]  # dimension -> the kinds of figure a metric of it takes
    verb: re.Pattern  # a verb naming the metric, then fillers, at the end of the text before a figure
    verbs: dict[str, str]  # verb -> metric
    after_verb: re.Pattern  # a verb naming the metric right after a figure (以67.46亿港元收购)
    after_verbs: dict[str, str]  # verb after -> metric
    generic: dict[str, frozenset[str]]  # a generic metric -> the specific ones it may refer back to
    after: re.Pattern  # what may stand between a figure and the metric word after it (的, B+轮)
    own_measure: re.Pattern  # in a percentage's clause: it names its own measure (…率), or its
    # change of the metric named before (增长率, 跌幅: group ``change``)


@functools.cache
def _words() -> _Words:
    units = section("metric_units.yaml", "units")
    if not all(isinstance(k, str) and isinstance(v, str) and v for k, v in units.items()):
        raise LexiconError("audit/data/metric_units.yaml: units: expected a mapping of unit -> metric")
    fits = section("metric_units.yaml", "fits")
    if not all(isinstance(v, list) and all(isinstance(k, str) for k in v) for v in fits.values()):
        raise LexiconError("audit/data/metric_units.yaml: fits: expected a mapping of dimension -> [kind...]")
    verbs, after_verbs = _verbs("verbs"), _verbs("after_verbs")
    generic = section("metric_units.yaml", "generic")
    if not all(isinstance(v, list) and all(isinstance(k, str) for k in v) for v in generic.values()):
        raise LexiconError("audit/data/metric_units.yaml: generic: expected a mapping of metric -> [metric...]")
    fillers = _longest_first(words("metric_units.yaml", "verb_fillers"))
    verb = re.compile(rf"(?P<verb>{_longest_first(verbs)})(?:{fillers})*\s*$")
    after_verb = re.compile(rf"(?:{_longest_first(words('metric_units.yaml', 'after_verb_fillers'))})?"
                            rf"(?P<verb>{_longest_first(after_verbs)})")
    rounds = _longest_first(words("metric_units.yaml", "rounds"))
    after = re.compile(rf"(?:{_longest_first(words('metric_units.yaml', 'after_fillers'))}|(?:{rounds})\s*轮|\s)*")
    return _Words(dict(units), re.compile(either(words("metric_units.yaml", "model_words"))),
                  {d: frozenset(kinds) for d, kinds in fits.items()}, verb, verbs, after_verb, after_verbs,
                  {g: frozenset(v) for g, v in generic.items()}, after,
                  re.compile(rf"(?P<change>{_longest_first(words('metric_units.yaml', 'change_measure'))})"
                             rf"|{_longest_first(words('metric_units.yaml', 'own_measure'))}"))


def _verbs(key: str) -> dict[str, str]:
    found = section("metric_units.yaml", key)
    if not all(isinstance(k, str) and k and isinstance(v, str) and v for k, v in found.items()):
        raise LexiconError(f"audit/data/metric_units.yaml: {key}: expected a mapping of verb -> metric")
    return dict(found)


def _longest_first(found) -> str:
    return either(sorted(found, key=len, reverse=True))


def mentions(text: str, lex: Lexicons, within: list[tuple[int, int]] | None = None) -> list[Span]:
    """The metric words of ``text``, or of its sentences ``within`` (:func:`.frame.find`)."""
    return find(lex.metric_re, lex.metric_of, text, within)


def read(s: Sentence, q: Quantity, clause: int) -> Found:
    """The metric of the figure ``q`` whose clause starts at ``clause``, from words only."""
    metrics, text, w = s.doc.men.metrics, s.doc.text, _words()
    units = w.units
    verb = _verb(s, q, clause)
    if verb is not None and fits(s.doc.lex, verb[2], q.kind):
        return Found(verb, _specific(s, verb, verb[2]), "verb")  # 支付8亿美元; 售价仅1598元起: asp
    metric = None if q.unit in units else metrics.last_before(clause, q.nstart)
    ev = "clause" if metric else "unit"
    if metric is None and q.unit not in units:
        reach = w.after.match(text, q.nend, s.end).end() + AFTER  # 600万元左右的奖金
        after = [m for m in metrics.between(q.nend, reach) if m[1] <= s.end
                 and not CLAUSE_MARK.search(text, q.nend, m[0])]
        if after:
            metric, ev = after[0], "after"  # 拿到5000万美元启动资金, 千亿级参数量
        elif q.kind in ("amount", "percent") and _of_sentence(s, q, clause) or (
                q.kind == "count" and q.unit != "item"):
            metric, ev = metrics.last_before(s.start, q.nstart), "sentence"
    metric_id = metric[2] if metric else units.get(q.unit or "")
    if metric is not None and not fits(s.doc.lex, metric_id, q.kind):
        return Found(None, None, ev)
    metric_id = _specific(s, metric, metric_id)
    return Found(metric, _adjusted(s, q, metric, metric_id), ev)


def _of_sentence(s: Sentence, q: Quantity, clause: int) -> bool:
    """May the figure take the metric word of an earlier clause? Not a percentage whose clause
    names its own measure (真房源率达到95%), unless that is a change (年增长率近30%, 跌幅达到近90%)."""
    if q.kind != "percent":
        return True
    named = list(_words().own_measure.finditer(s.doc.text, clause, q.nstart))
    return not named or named[-1].group("change") is not None


def _specific(s: Sentence, metric: Span | None, metric_id: str | None) -> str | None:
    """A generic metric word (利润, 盈利) refers back to the specific metric of its kind named
    last before it in its sentence (净利亏损62亿元,上年同期盈利45.68亿元: net profit)."""
    specifics = _words().generic.get(metric_id or "")
    if metric is None or not specifics:
        return metric_id
    for _, _, found in reversed(s.doc.men.metrics.between(s.start, metric[0])):
        if found in specifics:
            return found
    return metric_id


def _verb(s: Sentence, q: Quantity, clause: int) -> Span | None:
    """A verb naming the metric of an amount right after it (以67.46亿港元收购) or right before it
    (支付了8亿美元), when nothing but fillers stands between them; a metric word that starts
    between the verb before and the amount wins over the verb (放贷量为944亿元: the noun)."""
    if q.kind != "amount":
        return None
    w = _words()
    m = w.after_verb.match(s.doc.text, q.nend, s.end)
    if m is not None:
        return (m.start("verb"), m.end("verb"), w.after_verbs[m.group("verb")])
    m = w.verb.search(s.doc.text, max(clause, q.nstart - VERB_BEFORE), q.nstart)
    if m is None or s.doc.men.metrics.any_between(m.start("verb"), q.nstart):
        return None
    return (m.start("verb"), m.end("verb"), w.verbs[m.group("verb")])


def fits(lex: Lexicons, metric_id: str | None, kind: str) -> bool:
    """Does a figure of ``kind`` fit the metric's dimension (metric_units.yaml, ``fits``)?"""
    m = lex.metrics.get(metric_id or "")
    kinds = _words().fits.get(m.dimension) if m is not None else None
    return kinds is None or kind in kinds


def _adjusted(s: Sentence, q: Quantity, metric: Span | None, metric_id: str | None) -> str | None:
    """The adjusted twin of the metric when its adjusted wording stands before it (按非美国通用
    会计准则计算,净利润为…), else the metric."""
    m_def = s.doc.lex.metrics.get(metric_id or "")
    if m_def is None or not m_def.adjusted_to:
        return metric_id
    at = metric[0] if metric else q.nstart
    before = s.doc.text[max(s.start, at - ADJUSTED_BEFORE):at]
    return m_def.adjusted_to if any(w in before for w in m_def.adjusted_words) else metric_id


def of_model(s: Sentence, q: Quantity) -> bool:
    """Is a size class (一个是70亿级) the size of a model named in the sentence?"""
    return q.qualifier == "class" and _words().model.search(s.doc.text, s.start, s.end) is not None


def is_ratio(lex: Lexicons, metric_id: str | None) -> bool:
    """Is the metric a ratio (毛利率30%), whose percentage is its value, not a share or a stake?
    A percentage under no metric, market_share, or a metric of amounts or counts (广告收入占总营收
    的60%: no revenue figure) may be a share, a stake or of a whole not named."""
    m = lex.metrics.get(metric_id or "")
    return not (m is None or metric_id == "market_share" or m.dimension != "percent")
