"""What a document states per one unit of something, and the counts and totals that go with it
(issue 22, gold kind d): 每股12港元, 2万元/平方米, 800元一台, 一台设备…亏30块, 人均…, 日均2亿件;
4000万股, 总股本25亿, 一千台; 市值250亿港元, 3万元. Read from the words around each figure, not
from a metric: most such figures have no metric word, so no claim. AU225 (checks/product_mismatch.py)
multiplies them. Words in audit/data/products.yaml.
"""
from __future__ import annotations

import bisect
import functools
import re
from decimal import Decimal
from typing import Iterable, NamedTuple

from ..lexicon import LexiconError, _int, _load, _word_map, _words, alternation
from ..model import Quantity

FILE = "products.yaml"
PERIODS = ("day", "week", "month", "quarter", "year")
_SENTENCE_END = re.compile(r"[。!?！？\n]")
_CLAUSE_END = re.compile(r"[。!?！？\n,，;；:：]")
_MAGNITUDE = {"十": 10, "百": 100, "千": 1000, "万": 10 ** 4, "亿": 10 ** 8}
_KINDS = frozenset({"amount", "count", "number", "duration"})


class Factor(NamedTuple):
    """One figure as a product reads it."""
    q: Quantity
    sentence: int  # index of its sentence in the document
    measure: str  # CNY, USD… for money; count:<denominator> for counts; time:<unit> for durations
    per: str | None  # the denominator of a per-unit frame (device, 股, 平方米); None: no frame
    scale: Decimal  # how many of ``per`` the frame is per (每万次: 10000)
    how: str  # frame (每台, /平方米, 2300元一台) | one (一台矿机…) | price (发行价) | mean (人均, 平均) | ""
    period: str | None  # the period it is per (日均: day), None when none
    average: bool  # the period frame says average (日均, 平均每天)
    prior: bool  # of another period or an old value (去年同期的, 从)
    lead: str  # the measure word between its frame and it (每股收益0.62美元: 收益); "" when none
    said: tuple[str, ...]  # the measure words in its clause before it (就亏40万元: 亏)
    total: bool  # a total word stands before it in its clause (共, 合计, 市值)
    whole: bool  # a whole word does (营收, 交易对价): the product may be one part of it


class _Words(NamedTuple):
    unit_frame: re.Pattern  # 每万次 / 一台 / 每份 in the text before a figure (the last one counts)
    any_of: dict[str, frozenset[str]]  # price | mean -> what one of no named unit may be per
    slash: re.Pattern  # right after a figure's unit: /平方米, 一台
    counted: re.Pattern  # right after a bare number: the classifier it counts (4局)
    den_of: dict[str, str]  # classifier word -> denominator
    period: re.Pattern  # a period frame before a figure
    period_of: dict[str, str]
    averages: tuple[str, ...]
    price: re.Pattern
    price_of: dict[str, str]
    mean: re.Pattern
    mean_of: dict[str, str]
    count_word: re.Pattern
    count_of: dict[str, str]
    money: dict[str, str]  # classifier -> currency
    prior: re.Pattern
    not_frame: re.Pattern
    own: re.Pattern  # a measure word of a per-unit figure's own (收益, 亏)
    total: re.Pattern  # a total word in a clause
    whole: re.Pattern  # a whole word in a clause
    whole_after: re.Pattern  # a whole word right after a figure (305亿元交易对价, 3亿元的营收)
    any_frame: re.Pattern  # any word that makes a figure per one of something: where to read
    from_: re.Pattern  # a from word (由, 从)
    not_from: re.Pattern  # words holding one that open no change (由于)
    to_after: re.Pattern  # from a figure's end: the rest of its unit and a to word (…/股下调至)
    window: int
    slip: int


def _reverse(data: dict, key: str) -> dict[str, str]:
    return {w: name for name, ws in _word_map(FILE, key, data.get(key)).items() for w in ws}


@functools.cache
def words() -> _Words:
    data = _load(FILE)
    den_of, period_of = _reverse(data, "classifiers"), _reverse(data, "periods")
    if not set(period_of.values()) <= set(PERIODS):
        raise LexiconError(f"audit/data/{FILE}: periods: expected units among {', '.join(PERIODS)}")
    price_of, mean_of = _reverse(data, "prices"), _reverse(data, "means")
    count_of, money = _reverse(data, "count_words"), _reverse(data, "money_classifiers")
    get = {k: alternation(_words(FILE, k, data.get(k))) for k in ("per", "one", "slash", "prior", "not_frames",
                                                                "own_measures", "totals", "wholes", "from", "to",
                                                                "not_from")}
    get["not_before_total"] = "".join(_words(FILE, "not_before_total", data.get("not_before_total")))
    get["not_after_total"] = "".join(_words(FILE, "not_after_total", data.get("not_after_total")))
    cls, mag = alternation(den_of), "[十百千万亿]*"
    return _Words(
        re.compile(rf"(?:(?P<per>{get['per']})|{get['one']})(?P<mag>{mag})(?P<cls>{cls})"),
        {"price": frozenset(_words(FILE, "any_price", data.get("any_price"))),
         "mean": frozenset(_words(FILE, "any_mean", data.get("any_mean")))},
        re.compile(rf"\s*(?:{get['slash']})\s*(?P<cls>{cls})"), re.compile(rf"\s*(?P<cls>{cls})"), den_of,
        re.compile(alternation(period_of)), period_of, _words(FILE, "averages", data.get("averages")),
        re.compile(alternation(price_of)), price_of, re.compile(alternation(mean_of)), mean_of,
        re.compile(rf"(?:{alternation(count_of)})[^\d,，。;；]{{0,4}}$"), count_of, money,
        re.compile(rf"(?:{get['prior']})\s*$"), re.compile(get["not_frames"]),
        re.compile(get["own_measures"]),
        re.compile(rf"(?<![{get['not_before_total']}])(?:{get['totals']})(?![{get['not_after_total']}])"),
        re.compile(get["wholes"]), re.compile(rf"\s*的?(?:{get['wholes']})"),
        _gate(data, den_of, price_of, mean_of),
        re.compile(get["from"]), re.compile(get["not_from"]),
        re.compile(rf"[^\d,，。;；!?！？]{{0,10}}?(?:{get['to']})"),
        _int(FILE, "window", data.get("window")), _int(FILE, "slip", data.get("slip")))


def _gate(data: dict, den_of: dict, price_of: dict, mean_of: dict) -> re.Pattern:
    """A cheap pattern (a character class first) that every frame, price, mean or average word
    matches: 每 or 一 before a classifier's first character, or a character every price, mean and
    average word holds; the words themselves are read only in sentences near one."""
    firsts = "".join(sorted({w[0] for w in den_of}))
    held = set()
    for word in list(price_of) + list(mean_of) + list(_words(FILE, "averages", data.get("averages"))):
        held.add(word[-1] if word[-1] in "价均" else word)
    lead = "".join(sorted(ch for ch in held if len(ch) == 1))
    rest = [re.escape(x) for x in sorted(held) if len(x) > 1]
    starts = alternation(_words(FILE, "per", data.get("per")) + _words(FILE, "one", data.get("one"))
                         + _words(FILE, "slash", data.get("slash")))
    return re.compile("|".join([rf"[{re.escape(lead)}]", rf"(?:{starts})\s*[十百千万亿]*[{re.escape(firsts)}]"] + rest))


def any_of(how: str) -> frozenset[str]:
    """What a price or a mean of no named unit (平均售价, 平均授信额度) may be per."""
    return words().any_of.get(how, frozenset())


def slip() -> int:
    """The factor a product must miss by to be a finding when its figure is a mean of another measure."""
    return words().slip


def read(text: str, quantities: Iterable[Quantity]) -> list[Factor]:
    """Each value figure of a document (normalized ``text``) as a product reads it, in order: only
    in the sentences within two of one with a figure per one of something (the rest pair with
    nothing). Those figures are found first, where a cheap pattern sees a frame word near them."""
    w = words()
    qs = [q for q in quantities if q.kind in _KINDS and q.value is not None and q.value > 0]
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    where = [bisect.bisect_left(ends, q.nstart) for q in qs]
    near: set[int] = set()
    read_: dict[int, Factor | None] = {}
    for i, q in enumerate(qs):
        if w.any_frame.search(text, max(0, q.nstart - 2 * w.window), q.nend + 4):
            f = read_[i] = _factor(text, q, qs[i - 1] if i else None, where[i], w)
            if f is not None and (f.how or f.average):
                near.update(range(where[i] - 2, where[i] + 3))
    out: list[Factor] = []
    for i, q in enumerate(qs):
        if where[i] in near:
            f = read_[i] if i in read_ else _factor(text, q, qs[i - 1] if i else None, where[i], w)
            if f is not None:
                out.append(f)
    return out


def _factor(text: str, q: Quantity, prev: Quantity | None, sentence: int, w: _Words) -> Factor | None:
    """One figure's measure and frames, read in its clause before it (and right after its unit)."""
    start = _clause_start(text, q.nstart, w.window * 2)
    if prev is not None and prev.kind != "duration" and prev.nend > start and not _same_run(prev, q):
        start = prev.nend  # a figure of another measure between: the words before it are its own
    before = text[start:q.nstart]
    measure = _measure(text, q, before, w)
    if measure is None:
        return None
    period, average, rest = _period(before, w)
    per, scale, how, lead = _frame(text, q, rest, w)
    prior = w.prior.search(text, max(0, q.nstart - 8), q.nstart) is not None or _old_value(text, q, before, w)
    said = tuple(m.group() for m in w.own.finditer(before))
    return Factor(q, sentence, measure, per, scale, how, period, average, prior, lead, said,
                  w.total.search(before) is not None,
                  w.whole.search(before) is not None or w.whole_after.match(text, q.nend) is not None)


def _old_value(text: str, q: Quantity, before: str, w: _Words) -> bool:
    """由39.34元/股下调至32.45元/股: the figure a change starts from (a from word earlier in its
    clause, a to word after it before the clause ends)."""
    return w.to_after.match(text, q.nend) is not None and w.from_.search(w.not_from.sub("", before)) is not None


def _same_run(prev: Quantity, q: Quantity) -> bool:
    """Two figures of one measure in a row (从724美元提高到793美元): the words before the first frame both."""
    return prev.kind == q.kind and prev.unit == q.unit and prev.classifier == q.classifier


def _clause_start(text: str, at: int, most: int) -> int:
    lo = max(0, at - most)
    last = None
    for last in _CLAUSE_END.finditer(text, lo, at):
        pass
    return last.end() if last is not None else lo


def _measure(text: str, q: Quantity, before: str, w: _Words) -> str | None:
    """What the figure measures: a currency, a count of something, a time; None when unknown."""
    if q.kind == "amount":
        return q.unit
    if q.kind == "count":
        if q.classifier in w.money:
            return w.money[q.classifier]
        if q.unit in ("device", "person"):
            return f"count:{q.unit}"
        return f"count:{w.den_of.get(q.classifier or '', q.classifier)}"
    if q.kind == "duration":
        return None if q.text in w.period_of else f"time:{q.unit}"  # 一年 is a frame, not a figure
    after = w.counted.match(text, q.nend)  # 4局: a classifier the parser does not know
    if after is not None:
        return f"count:{w.den_of[after.group('cls')]}"
    m = w.count_word.search(before[-w.window:])  # 总股本42亿, 用户数量达960万
    den = _count_word(m.group(), w) if m else None
    return f"count:{den}" if den else None


def _count_word(found: str, w: _Words) -> str | None:
    return next((w.count_of[k] for k in sorted(w.count_of, key=len, reverse=True) if found.startswith(k)), None)


def _period(before: str, w: _Words) -> tuple[str | None, bool, str]:
    """The period frame right before a figure (日均, 每月, 一年): its unit, whether it is an
    average, and the text before the figure with that frame blanked (平均 in 平均每天 is no mean)."""
    tail = before[-w.window:]
    found = None
    for found in w.period.finditer(tail):
        pass
    if found is None:
        return None, False, before
    word = found.group()
    cut = len(before) - len(tail) + found.start()
    rest = before[:cut] + " " * len(word) + before[cut + len(word):]
    return w.period_of[word], any(a in word for a in w.averages), rest


def _frame(text: str, q: Quantity, before: str, w: _Words) -> tuple[str | None, Decimal, str, str]:
    """What one of the figure is per: a frame before it (每万次, 一台矿机…), a unit after it
    (/平方米, 一台), a price word (发行价: per share), a mean (人均); the nearest frame counts. And
    the word that leads to the figure after its frame ("" when the frame stands right before it)."""
    tail = before[-w.window:]
    found = None
    for found in w.unit_frame.finditer(tail):
        pass
    if found is not None and not _held(tail, found, w):
        how = "frame" if found.group("per") else "one"
        return w.den_of[found.group("cls")], _scale(found.group("mag")), how, _lead(tail[found.end():], w)
    lead = _lead(tail, w)
    after = w.slash.match(text, q.nend)
    if after is not None and q.kind != "count":
        return w.den_of[after.group("cls")], Decimal(1), "frame", lead
    if q.kind != "amount":
        return None, Decimal(1), "", lead  # a price or a mean is of money
    for pattern, of, how in ((w.price, w.price_of, "price"), (w.mean, w.mean_of, "mean")):
        hit = None
        for hit in pattern.finditer(before):
            pass
        if hit is not None:
            return of[hit.group()], Decimal(1), how, _lead(before[hit.end():], w)
    return None, Decimal(1), "", lead


def _lead(between: str, w: _Words) -> str:
    """The last measure word of its own between a frame and its figure (每股收益0.62美元: 收益)."""
    found = None
    for found in w.own.finditer(between):
        pass
    return found.group() if found is not None else ""


def _held(tail: str, found: re.Match, w: _Words) -> bool:
    """The frame word is part of a longer word that frames nothing (一部分, 第一, 一些)."""
    lo = max(0, found.start() - 1)
    return any(m.start() <= found.start() < m.end() for m in w.not_frame.finditer(tail, lo, found.end() + 2))


def _scale(mag: str) -> Decimal:
    """每万次: 10000 of them; 每千人: 1000."""
    k = Decimal(1)
    for ch in mag:
        k *= _MAGNITUDE[ch]
    return k
