"""AU130 headline-mismatch: a figure in the headline that the body restates with another value.

Rule: a headline (the first line of a text of several lines, short, not a sentence; audit/data/headlines.yaml)
sums up its body, so every figure it states is a restatement: some figure of the body, of the same
kind and unit, must agree with it, read as intervals (超1000亿 in the headline against 约1016亿 in
the body; 24.5亿 rounding 24.45亿; 127万亿 truncating 127.52万亿; 305亿 without its unit against
305.04亿元). A headline figure no body figure agrees with is a finding when the body states one
that the same words describe — their claims have one metric, or the words right before and after
the two figures share enough characters (营收24.5亿美元 and 总营收为24.45亿美元 both end in 营收) —
and the finding quotes it. Only figures written with Arabic digits are read (两次, 百万 are no
restatement), and a headline figure the body never describes is left alone: a headline may state
what the body computes. Severity: warning (which body figure a headline restates is read from
words, not stated).
"""
from __future__ import annotations

import functools
from decimal import Decimal
from typing import Iterable, NamedTuple

from audit.context import Context
from audit.intervals import Interval, loose, strict
from audit.lexicon import LexiconError, _int, _load, _words
from audit.model import Finding, Quantity
from audit.report.written import figure

from ._around import Around, around, restates, shared, written_digits

CODE = "AU130"
SLUG = "headline-mismatch"
SCOPE = "document"  # reads the document's headline and body: runs where the document is read
SEVERITY = "warning: which body figure a headline figure restates is read from the words around them"

BAD = "公司三季度营收24.5亿美元\n\n公司公布三季度财报，总营收为26.45亿美元，同比增长2%。"
GOOD = "公司三季度营收24.5亿美元\n\n公司公布三季度财报，总营收为24.45亿美元，同比增长2%。"

_KINDS = frozenset({"amount", "count", "number", "percent", "duration"})


class _Words(NamedTuple):
    max_chars: int
    ends: tuple[str, ...]
    min_digits: int
    min_shared: int
    bound_band: Decimal


@functools.cache
def _words_() -> _Words:
    f, d = "headlines.yaml", _load("headlines.yaml")
    return _Words(_int(f, "max_chars", d.get("max_chars")), _words(f, "ends", d.get("ends")),
                  _int(f, "min_digits", d.get("min_digits")), _int(f, "min_shared", d.get("min_shared")),
                  _fraction(f, "bound_band", d.get("bound_band")))


def _fraction(f: str, key: str, value) -> Decimal:
    if not isinstance(value, str):
        raise LexiconError(f"audit/data/{f}: {key}: expected a fraction written as a string (\"0.2\")")
    try:
        x = Decimal(value)
    except ArithmeticError:
        x = Decimal(-1)
    if not 0 < x < 1:
        raise LexiconError(f"audit/data/{f}: {key}: expected a fraction between 0 and 1, not {value!r}")
    return x


class _Figure(NamedTuple):
    q: Quantity
    words: Around
    metric: str | None  # its claim's metric, if one was read


def headline_end(text: str, w: _Words) -> int | None:
    """Where the headline ends, or None when the first line is no headline."""
    end = text.find("\n")
    line = text[:end].strip()
    if end < 0 or not line or len(line) > w.max_chars or line.endswith(w.ends) or not text[end:].strip():
        return None
    return end


def _near_bound(q: Quantity, band: Decimal) -> Interval:
    """A bound restated (超1000亿, 逾35%, 近30万) says the value lies near it: within ``band`` of
    it on its open side. Read as open, every bound would agree with every larger figure."""
    if q.high is None:
        return Interval(q.low, q.low + abs(q.low) * band)
    return Interval(q.high - abs(q.high) * band, q.high)


def _reading(q: Quantity, approx: Decimal, rel: Decimal, benefit: bool, band: Decimal) -> Interval:
    """What the writer may mean: its rounding, 约 widened, and an exact figure's last digit
    truncating more (127万亿 for 127.52万亿); with ``benefit``, trailing zeros as rounding too."""
    if q.qualifier in ("over", "under") and (q.low is None) != (q.high is None):
        return _near_bound(q, band).widen(rel)
    iv = loose(q, approx) if benefit else strict(q).widen(approx if q.approximate else Decimal(0))
    if q.qualifier == "exact" and q.value is not None and q.low is not None and q.high is not None:
        iv = Interval(iv.low, max(iv.high, q.value + (q.high - q.low)))
    return iv.widen(rel)


def _read(ctx: Context, q: Quantity, benefit: bool) -> Interval:
    return _reading(q, ctx.approx, ctx.rel, benefit, _words_().bound_band)


def _pairs(ctx: Context, a) -> Iterable[tuple[_Figure, list[_Figure]]]:
    """Each headline figure no body figure agrees with, and the body figures its words describe.
    The words around figures are read only for a headline figure the body does not restate."""
    w, text = _words_(), a.nt.text
    end = headline_end(text, w)
    if end is None:
        return
    qs = [q for q in a.quantities if q.kind in _KINDS and q.value is not None]
    head = [q for q in qs if q.nend <= end and len(written_digits(q)) >= w.min_digits]
    body = [q for q in qs if q.nstart > end] if head else []
    metric: dict[int, str] | None = None
    for hq in head:
        alike = [b for b in body if restates(hq, b)]
        hr = _read(ctx, hq, False)
        if not alike or any(hr.overlaps(_read(ctx, b, False)) for b in alike):
            continue  # restated within its rounding, or nothing of its kind to restate it
        if metric is None:
            metric = {c.quantity.start: c.metric for c in ctx.claims if c.quantity is not None and c.metric}
        h = _Figure(hq, around(text, hq.nstart, hq.nend), metric.get(hq.start))
        described = _described(h, [_Figure(b, around(text, b.nstart, b.nend), metric.get(b.start)) for b in alike], w)
        # a round figure of the body (20亿) agrees with any figure near it only when its words say it is this one
        if described and not any(_read(ctx, hq, True).overlaps(_read(ctx, b.q, True)) for b in described):
            yield h, described


def _described(h: _Figure, alike: list[_Figure], w: _Words) -> list[_Figure]:
    """The body figures whose words best describe the headline figure's: the most characters of
    words shared, a shared metric counting as min_shared; none when the best shares too few."""
    score = {id(b): shared(h.words, b.words) + (w.min_shared if h.metric and h.metric == b.metric else 0) for b in alike}
    best = max(score.values(), default=0)
    return [b for b in alike if score[id(b)] == best] if best >= w.min_shared else []


def check(ctx: Context) -> Iterable[Finding]:
    for a in ctx.docs:
        for h, described in _pairs(ctx, a):
            stated = "; ".join(figure(b.q) for b in described)
            message = (f"the headline states {figure(h.q)}, but no figure of the body agrees with it: "
                       f"the body states {stated}")
            locs = tuple(a.location(f.q.start, f.q.end, f.q) for f in (h, *described))
            yield Finding(CODE, SLUG, "warning", message, locs, (), (a.doc.ident,))
