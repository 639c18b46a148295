"""AU245 bound-mismatch: a figure stated with the bound it is said to pass, on the wrong side of it.

Rule: a threshold word states a bound on a figure — 突破/超过/逾 (at least), 不到/不足/跌破/失守 (below),
接近/逼近 (close to it, from below) — and the clause right after it restates the figure itself
(净利润突破10亿元,达到11.89亿元), or the clause right before it states the figure the bound is said of
(达到3700mAh,接近4000mAh). The stated value must lie on the bound's side, read as an interval, so
that honest rounding never fires. A bound not reached yet (即将超过, 有望突破) puts the value below
it; a denied one (未突破) is not read. A value stated flat with another (…,几乎与去年同期的4670万部
持平) lies within flat.max_percent of it; one stated the same again (白版同样为3.58万元) equals the
value of the clause before. The words tie the two figures, so neither needs a metric or an
entity: the evidence is the clause pair. A value stated after a comparison word that opens its
clause (A,超过B) is AU240's. Words in audit/data/bounds.yaml.
Severity: error when the value is exact and lies beyond the bound under every reading of its
rounding; warning when it is approximate, when reading its trailing zeros as rounding reconciles
it, or when the bound is 持平's convention.
"""
from __future__ import annotations

import bisect
import functools
import re
from decimal import Decimal
from typing import Iterable, NamedTuple

from audit.context import Context, comparable
from audit.intervals import loose, strict
from audit.lexicon import LexiconError, _int, _load, _words, alternation
from audit.model import Finding, Quantity
from audit.report.written import figure

CODE = "AU245"
SLUG = "bound-mismatch"
SCOPE = "document"  # reads the words between figures of one document: runs where it is read
SEVERITY = "error when the exact value lies beyond its bound; warning when approximate or within rounding"

BAD = "该公司去年净利润突破25亿元，达到24.6亿元。"
GOOD = "该公司去年净利润突破20亿元，达到24.6亿元。"

FILE = "bounds.yaml"
VALUE_KINDS = frozenset({"amount", "count", "percent", "percentage_point", "number", "multiple", "duration"})
WINDOW = 32  # characters before a figure read for its bound word
SIDES = {"at_least": "at least", "below": "below", "near_below": "close to but below", "flat": "flat with",
         "same": "the same as"}


class _Words(NamedTuple):
    any_bound: re.Pattern  # any bound word: where one stands, read once per document
    bound: re.Pattern  # a bound word (and what may precede it) ending right before a figure
    side: dict[str, str]  # bound word -> at_least | below | near_below
    compared: frozenset[str]
    after: re.Pattern  # from a bound figure's end: its clause's tail, a comma, a link to the value
    before: re.Pattern  # from a value's end: its tail and the comma that opens the bound's clause
    flat_open: re.Pattern  # from a value's end to the figure it is flat with (,几乎与去年同期的)
    flat_close: re.Pattern  # right after that figure (部持平)
    flat_max: Decimal  # percent
    same: re.Pattern  # from a value's end to a figure said to be the same (,皓月白版同样为)
    gate: re.Pattern  # a flat or same word anywhere: a document without one skips both readings


@functools.cache
def _words_() -> _Words:
    data = _load(FILE)
    side = {w: k for k in ("at_least", "below", "near_below") for w in _words(FILE, k, data.get(k))}
    get = {k: alternation(_words(FILE, k, data.get(k)))
           for k in ("prospective", "negations", "adverbs", "after_word", "links", "hedges")}
    most = _int(FILE, "qualifier_max", data.get("qualifier_max"))
    tail, adverbs = r"[^\d,，。;!?:的]{0,4}", rf"(?:{get['adverbs']})*"  # 不足5百元的,为…: a condition
    bound = re.compile(
        rf"(?P<pro>{get['prospective']})?(?P<neg>{get['negations']})?(?P<w>{alternation(side)})"
        rf"(?:{get['after_word']})?(?:[^\d,，。;!?:]{{0,{most}}}的)?$")
    return _Words(re.compile(alternation(side)), bound, side, frozenset(_words(FILE, "compared", data.get("compared"))),
                  re.compile(rf"{tail}[,，] *{adverbs}(?P<head>[^\d,，。;!?:]{{2,8}}?)?{adverbs}(?:{get['links']}) *(?:{get['hedges']})?"),
                  re.compile(rf"{tail}[,，] *{adverbs}"), *_flat(data, adverbs),
                  re.compile(rf"[^\d,，。;!?:的]{{0,10}}[,，][^\d,，。;!?:]{{0,10}}?"
                             rf"(?:{alternation(_words(FILE, 'same', data.get('same')))})"),
                  re.compile(alternation(_words(FILE, "same", data.get("same"))
                                         + _words(FILE, "flat.words", (data.get("flat") or {}).get("words")))))


def _flat(data: dict, adverbs: str) -> tuple[re.Pattern, re.Pattern, Decimal]:
    flat = data.get("flat")
    if not isinstance(flat, dict) or not isinstance(flat.get("max_percent"), (int, float)):
        raise LexiconError(f"audit/data/{FILE}: flat: expected with, nearly, words and max_percent")
    get = {k: alternation(_words(FILE, f"flat.{k}", flat.get(k))) for k in ("with", "nearly", "words")}
    tail = r"[^\d,，。;!?:的]{0,10}"  # a value's own noun may stand before the comma (4690万台iPhone手机,)
    return (re.compile(rf"{tail}[,，] *{adverbs}(?:{get['nearly']})?(?:{get['with']})[^\d,，。;!?:]{{0,8}}"),
            re.compile(rf"[^\d,，。;!?:]{{0,6}}?(?:{get['nearly']})?(?:{get['words']})"),
            Decimal(str(flat["max_percent"])))


class Bound(NamedTuple):
    """A bound read in the text: its figure, its word, which side the value must lie on."""
    q: Quantity
    word: str
    side: str  # at_least | below | near_below
    start: int  # where its words start (the prospective word, if any)


def bounds(text: str, qs: list[Quantity]) -> Iterable[tuple[Bound, Quantity]]:
    """Each bound of ``qs`` (a document's value figures, in order) with the value it bounds."""
    w = _words_()
    ends = [m.end() for m in w.any_bound.finditer(text)]
    alike = w.gate.search(text) is not None
    for i, q in enumerate(qs):
        if alike and i and w.flat_close.match(text, q.nend) and w.flat_open.fullmatch(text, qs[i - 1].nend, q.nstart):
            yield Bound(q, "持平", "flat", q.nstart), qs[i - 1]  # 4690万台,几乎与去年同期的4670万部持平
            continue
        if alike and i and w.same.fullmatch(text, qs[i - 1].nend, q.nstart):
            yield Bound(qs[i - 1], "同样", "same", q.nstart), q  # 黑版3.58万元,白版同样为3.58万元
            continue
        k = bisect.bisect_left(ends, q.nstart - WINDOW)
        if k == len(ends) or ends[k] > q.nstart:
            continue  # no bound word right before it: most figures
        m = w.bound.search(text, max(0, q.nstart - WINDOW), q.nstart)
        if m is None or m.group("neg") or q.approximate:
            continue
        b = Bound(q, (m.group("pro") or "") + m.group("w"), w.side[m.group("w")], m.start())
        after = qs[i + 1] if i + 1 < len(qs) else None
        before = qs[i - 1] if i else None
        m2 = w.after.fullmatch(text, q.nend, after.nstart) if after is not None else None
        if m2 is not None and (not m2.group("head") or _clause(text, b.start).endswith(m2.group("head"))):
            yield b, after  # 突破10亿元,达到11.89亿元; 跌幅超过2%,跌幅达到2.63% (有望突破…,达到: both ahead)
        elif before is not None and w.before.fullmatch(text, before.nend, b.start) \
                and (m.group("pro") or m.group("w") not in w.compared):
            # 达到3700mAh,接近4000mAh; 达到23.6亿美元,即将超过…: a bound not reached yet is above the value
            yield b._replace(side="near_below" if m.group("pro") else b.side), before


def _clause(text: str, at: int) -> str:
    """The clause before offset ``at``: what the bound word is said of (创业板指跌幅)."""
    return text[max(text.rfind(c, 0, at) for c in ",，。;!?:\n") + 1:at]


def beyond(b: Bound, iv) -> bool:
    """Whether the interval ``iv`` of a value lies wholly on the wrong side of the bound (for a
    figure stated flat with another: further from it than flat_max allows)."""
    if b.side in ("flat", "same"):
        other = strict(b.q)
        gap = max(iv.low - other.high, other.low - iv.high, Decimal(0))
        most = _words_().flat_max if b.side == "flat" else Decimal(0)
        return other.high > 0 and gap * 100 > most * other.high
    point = b.q.value
    return iv.high < point if b.side == "at_least" else iv.low > point


def check(ctx: Context) -> Iterable[Finding]:
    for a in ctx.docs:
        qs = [q for q in a.quantities if q.kind in VALUE_KINDS and q.value is not None]
        for b, v in bounds(a.nt.text, qs):
            if not comparable(b.q, v) or not beyond(b, strict(v)):
                continue
            severity = _severity(b, v, ctx.approx)
            if severity is None:
                continue
            yield Finding(CODE, SLUG, severity, _message(b, v),
                          (a.location(v.start, v.end, v), a.location(b.q.start, b.q.end, b.q)),
                          (("word", b.word), ("bound", _num(b.q.value)), ("value", _num(v.value))),
                          (a.doc.ident, "bound"))


def _severity(b: Bound, v: Quantity, approx: Decimal) -> str | None:
    """An error when the exact value lies beyond the bound under every reading of its rounding;
    a warning when only the strict reading puts it there, when it is approximate, or when the
    bound is a convention (持平 within flat_max); None when an approximate value agrees loosely."""
    loose_agrees = not beyond(b, loose(v, approx))
    if v.qualifier != "exact" or v.approximate:
        return None if loose_agrees else "warning"
    return "warning" if loose_agrees or b.side == "flat" else "error"


def _message(b: Bound, v: Quantity) -> str:
    if b.side == "flat":
        return (f"{v.text} is said to be flat (持平) with {b.q.text}, but they are more than "
                f"{_words_().flat_max}% apart")
    if b.side == "same":
        return f"{v.text} is said to be the same (同样) as {b.q.text}, but {figure(v)} ≠ {figure(b.q)}"
    op = "<" if b.side == "at_least" else ">"
    return f"{v.text} is said with {b.word}{b.q.text} to be {SIDES[b.side]} {b.q.text}, but {figure(v)} {op} {b.q.text}"


def _num(x: Decimal | None) -> str:
    return "" if x is None else format(x.normalize(), "f")
