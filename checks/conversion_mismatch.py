"""AU260 conversion-mismatch: a currency conversion at a rate unlike the document's others.

Rule: an amount followed by its conversion (851.48亿元(约合123.98亿美元), or the converted amount
alone in parentheses: 912亿元(134亿美元)) implies an exchange rate. Within one document, rates for
one currency pair must agree within the ``approx`` tolerance (a conversion is approximate by
nature) and the rounding of both amounts (0.13元 = 0.02美元 is fine); when ``fx:`` in
expectations.yaml gives the rate, each conversion is checked against it; a document's only
conversion of a pair is checked against the range that rate has held since 1994
(``audit/data/fx_bands.yaml``). A rate off by a power of ten is the usual sign of a unit slip
(万/亿) and is an error; other disagreements are warnings. Conversions as facts (issue 22): one
amount restated with 约合/折合 to two converted values in one currency that disagree beyond the
converted figures' rounding is an error, one finding listing each converted value; restatements
that agree within that rounding are consistent.
"""
from __future__ import annotations

import functools
import re
import statistics
from decimal import Decimal
from typing import Iterable, NamedTuple

from audit.context import Context
from audit.intervals import Interval, relative_gap, strict
from audit.claims.lexicons import words
from audit.lexicon import LexiconError, _load, alternation, lexicon
from audit.model import Finding
from audit.report.written import significant


CODE = "AU260"
SLUG = "conversion-mismatch"
SCOPE = "document"  # reads the document's text: runs where the document is read
SEVERITY = ("error when a rate is off by a power of ten or more, or one amount is converted to two values; "
            "warning when a rate strays beyond the approx tolerance")

BAD = "营收为851.48亿元(约合123.98亿美元),利润为100亿元(约合144亿美元)。"
GOOD = "营收为851.48亿元(约合123.98亿美元),利润为100亿元(约合14.4亿美元)。"

_CLOSE = re.compile(r"\s*[))]")


class _Grammar(NamedTuple):
    between: re.Pattern  # an amount's end to its conversion's start: (约合, ，折合人民币约
    bare: re.Pattern  # or a bare parenthesis, closed right after the conversion
    bands: dict[tuple[str, str], Interval]  # (A, B) -> units of B for one A


@functools.cache
def _grammar() -> _Grammar:
    data = _load("fx_bands.yaml")
    conversion = words("relations.yaml", "conversion")  # the claims stage's words: 约合, 折合, 约
    any_word, long_words = alternation(conversion), alternation(w for w in conversion if len(w) > 1)
    names = alternation(sorted({w for c in lexicon().currencies for w in c.prefixes + c.suffixes
                                if not w.isascii()}, key=len, reverse=True))  # 人民币 of 约合人民币285亿元
    between = re.compile(rf"\s*(?:[((]\s*(?:{any_word})|[,，]?\s*(?:{long_words}))\s*(?:{names})?\s*约?\s*$")
    return _Grammar(between, re.compile(r"\s*[((]\s*约?\s*$"), _bands(data.get("bands")))


def _bands(raw) -> dict[tuple[str, str], Interval]:
    if not isinstance(raw, dict):
        raise LexiconError("audit/data/fx_bands.yaml: bands: expected a mapping of \"A/B\": [LOW, HIGH]")
    out = {}
    for pair, lh in raw.items():
        if not (isinstance(pair, str) and pair.count("/") == 1 and isinstance(lh, list) and len(lh) == 2
                and all(isinstance(v, (int, float)) and v > 0 for v in lh) and lh[0] <= lh[1]):
            raise LexiconError(f"audit/data/fx_bands.yaml: bands: {pair}: expected \"A/B\": [LOW, HIGH], 0 < LOW <= HIGH")
        a, b = pair.split("/")
        out[(a, b)] = Interval(Decimal(str(lh[0])), Decimal(str(lh[1])))
    return out


def _band(src: str, dst: str) -> Interval | None:
    """The range of ``src`` units for one ``dst`` (x / y of a conversion x = y), through USD when
    the pair has no band of its own."""
    bands = _grammar().bands
    if (dst, src) in bands:
        return bands[(dst, src)]
    if (src, dst) in bands:
        b = bands[(src, dst)]
        return Interval(1 / b.high, 1 / b.low)
    if "USD" not in (src, dst):
        s, d = _band(src, "USD"), _band("USD", dst)  # src per USD, USD per dst
        if s is not None and d is not None:
            return Interval(s.low * d.low, s.high * d.high)
    return None


def _pairs(a):
    """Each amount and its conversion: a conversion word before the second (约合, 折合), or the
    second alone in parentheses (912亿元人民币（134亿美元）), in another currency."""
    qs = [q for q in a.quantities if q.kind == "amount" and q.value]
    text, g = a.nt.text, _grammar()
    for x, y in zip(qs, qs[1:]):
        if x.unit != y.unit and (g.between.match(text, x.nend, y.nstart) is not None  # no copy of the text between
                                 or (g.bare.match(text, x.nend, y.nstart) and _CLOSE.match(text, y.nend))):
            yield x, y


def check(ctx: Context):
    fx = (getattr(ctx.config, "raw", None) or {}).get("fx") or {}
    for a in ctx.docs:
        pairs = list(_pairs(a))
        restated = yield from _restated(ctx, a, pairs)
        by_pair: dict[tuple[str, str], list] = {}
        for x, y in pairs:
            # a rate is positive: a sign on one side only is no conversion
            if (x.value > 0) == (y.value > 0) and (x, y) not in restated:
                by_pair.setdefault((x.unit, y.unit), []).append((x, y, x.value / y.value))
        for (src, dst), items in by_pair.items():
            conf = fx.get(f"{dst}/{src}") or fx.get(f"{src}/{dst}")
            if conf is not None:
                rate = Decimal(str(conf["rate"] if isinstance(conf, dict) else conf))
                if not rate > 0:
                    continue  # no rate to compare with
                ref = rate if f"{dst}/{src}" in fx else 1 / rate
            elif len(items) >= 2:
                ref = Decimal(str(statistics.median(float(r) for _, _, r in items)))
            else:
                yield from _against_band(ctx, a, src, dst, items[0])
                continue
            if ref <= 0:
                continue  # rates of both signs: their median says nothing
            shown_ref = None  # the reference rate as the messages write it, made once
            for x, y, r in items:
                gap = relative_gap(r, ref)
                if gap <= ctx.approx:
                    continue
                rates = strict(x).divide(strict(y))  # honest rounding: 0.13元 = 0.02美元 allows 5.2..8.7
                if rates is not None and rates.widen(ctx.approx).overlaps(Interval(ref, ref)):
                    continue
                ratio = max(r, ref) / min(r, ref)
                severity = "error" if ratio >= Decimal("9.5") else "warning"
                loc = (a.location(x.start, x.end, x), a.location(y.start, y.end, y))
                shown_ref = shown_ref or significant(ref)
                message = (f"{x.text} = {y.text} implies {significant(r)} {src}/{dst}, "
                           f"the document's other conversions {shown_ref}")
                yield Finding(CODE, SLUG, severity, message, loc, (("rate", f"{float(r):.4g}"),), (a.doc.ident, src, dst))


def _against_band(ctx: Context, a, src: str, dst: str, item) -> Iterable[Finding]:
    """A document's only conversion of a pair against the range that rate has held
    (fx_bands.yaml), with the rounding of both amounts and the approx tolerance."""
    x, y, r = item
    band, rates = _band(src, dst), strict(x).divide(strict(y))
    if band is None or rates is None or rates.widen(ctx.approx).overlaps(band):
        return
    ratio = max(r / band.high, band.low / r)
    severity = "error" if ratio >= Decimal("9.5") else "warning"
    loc = (a.location(x.start, x.end, x), a.location(y.start, y.end, y))
    if r < 1:  # written as markets quote it: 7.2 CNY/USD rather than 0.139 USD/CNY
        r, band, src, dst = 1 / r, Interval(1 / band.high, 1 / band.low), dst, src
    message = (f"{x.text} = {y.text} implies {significant(r)} {src}/{dst}, outside the "
               f"{significant(band.low)}-{significant(band.high)} that rate has held since 1994")
    yield Finding(CODE, SLUG, severity, message, loc, (("rate", f"{float(r):.4g}"),), (a.doc.ident, src, dst))


def _restated(ctx: Context, a, pairs):
    """One finding per amount converted to values in one currency that disagree beyond their
    rounding (约合14.4亿美元 here, 约合15.8亿美元 there); returns the pairs it judged, which the
    rate comparison leaves alone."""
    groups: list[list] = []  # conversions of one amount into one currency
    # (unit, converted unit) -> the first amount of each of its groups, as (its reading, its
    # value, the group), in the order made: a conversion is compared with the groups of its
    # units only, each first amount read once (not every group's for every pair: O(n^2) reads)
    heads: dict[tuple, list] = {}
    for x, y in pairs:
        ix, units = strict(x), (x.unit, y.unit)
        for ih, value, g in heads.get(units, ()):
            if _same_amount(ih, value, ix, x.value):
                g.append((x, y))
                break
        else:
            groups.append([(x, y)])
            heads.setdefault(units, []).append((ix, x.value, groups[-1]))
    judged = set()
    for g in groups:
        values: dict = {}
        for x, y in g:
            values.setdefault((y.low, y.high), []).append((x, y))
        if len(values) < 2 or _agree([ys[0][1] for ys in values.values()], ctx):
            continue
        judged.update(g)
        shown = "; ".join(f"{x.text} = {y.text}" + (f" ({len(ys)}x)" if len(ys) > 1 else "")
                          for ys in values.values() for x, y in ys[:1])
        locs = tuple(loc for x, y in g for loc in (a.location(x.start, x.end, x), a.location(y.start, y.end, y)))
        message = f"one amount converted to {len(values)} values: {shown}"
        values_key = ",".join(sorted(f"{float(ys[0][1].value):.6g}" for ys in values.values()))
        yield Finding(CODE, SLUG, "error", message, locs, (("converted", values_key),),
                      (a.doc.ident, g[0][0].unit, g[0][1].unit, f"{float(g[0][0].value):.6g}"))
    return judged


def _same_amount(ia: Interval, a: Decimal, ib: Interval, b: Decimal) -> bool:
    """One amount restated: one figure's value (``a``, ``b``) lies in the other's reading (``ia``,
    ``ib``: 851.48亿 and 851.5亿), not two readings that merely touch at a rounding boundary (14亿
    and 15亿)."""
    return ia.low <= b <= ia.high or ib.low <= a <= ib.high


def _agree(ys, ctx: Context) -> bool:
    """Do the converted values agree within their rounding (each read as an interval)?"""
    readings = [strict(y).widen(ctx.rel) for y in ys]
    return max(r.low for r in readings) <= min(r.high for r in readings)
