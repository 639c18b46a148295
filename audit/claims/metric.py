"""The metric of a figure: the nearest metric word before it in its clause (营收…7042亿元), or
right after it (拿到5000万美元启动资金), or — for an amount, a percentage or a count of something —
the last one before it in its sentence; a unit that names what it measures (参数, token) is the
metric itself. Wording such as 非美国通用会计准则 before 净利润 makes it the adjusted twin.
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


class Found(NamedTuple):
    span: Span | None  # the metric word, when one was read
    id: str | None
    evidence: str  # clause | after | sentence | unit


class _Words(NamedTuple):
    units: dict[str, str]  # a unit that is a metric
    model: re.Pattern  # a sentence about models: a size class is a parameter count
    fits: dict[str, frozenset[str]]  # dimension -> the kinds of figure a metric of it takes


@functools.cache
def _words() -> _Words:
    units = section("metric_units.yaml", "units")
    if not all(isinstance(k, str) and isinstance(v, str) and v for k, v in units.items()):
        raise LexiconError("audit/data/metric_units.yaml: units: expected a mapping of unit -> metric")
    fits = section("metric_units.yaml", "fits")
    if not all(isinstance(v, list) and all(isinstance(k, str) for k in v) for v in fits.values()):
        raise LexiconError("audit/data/metric_units.yaml: fits: expected a mapping of dimension -> [kind...]")
    return _Words(dict(units), re.compile(either(words("metric_units.yaml", "model_words"))),
                  {d: frozenset(kinds) for d, kinds in fits.items()})


def mentions(text: str, lex: Lexicons) -> list[Span]:
    return find(lex.metric_re, lex.metric_of, text)


def read(s: Sentence, q: Quantity, clause: int) -> Found:
    """The metric of the figure ``q`` whose clause starts at ``clause``, from words only."""
    metrics, text, units = s.doc.men.metrics, s.doc.text, _words().units
    metric = None if q.unit in units else metrics.last_before(clause, q.nstart)
    ev = "clause" if metric else "unit"
    if metric is None and q.unit not in units:
        after = [m for m in metrics.between(q.nend, q.nend + AFTER) if m[1] <= s.end
                 and not CLAUSE_MARK.search(text, q.nend, m[0])]
        if after:
            metric, ev = after[0], "after"  # 拿到5000万美元启动资金, 千亿级参数量
        elif q.kind in ("amount", "percent") or (q.kind == "count" and q.unit != "item"):
            metric, ev = metrics.last_before(s.start, q.nstart), "sentence"
    metric_id = metric[2] if metric else units.get(q.unit or "")
    if metric is not None and not fits(s.doc.lex, metric_id, q.kind):
        return Found(None, None, ev)
    return Found(metric, _adjusted(s, q, metric, metric_id), ev)


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
