"""AU260 conversion-mismatch: a currency conversion at a rate unlike the document's others.

Rule: an amount followed by its conversion (851.48亿元(约合123.98亿美元)) implies an exchange rate.
Within one document, rates for one currency pair must agree within the ``approx`` tolerance (a
conversion is approximate by nature) and the rounding of both amounts (0.13元 = 0.02美元 is fine); when ``fx:`` in expectations.yaml gives the rate, each
conversion is checked against it. A rate off by a power of ten is the usual sign of a unit slip
(万/亿) and is an error; other disagreements are warnings.
"""
from __future__ import annotations

import re
import statistics
from decimal import Decimal

from audit.context import Context
from audit.intervals import Interval, relative_gap, strict
from audit.model import Finding
from audit.report.written import significant


CODE = "AU260"
SLUG = "conversion-mismatch"
SCOPE = "document"  # reads the document's text: runs where the document is read
SEVERITY = "error when a rate is off by a power of ten or more; warning when it strays beyond the approx tolerance"

BAD = "营收为851.48亿元(约合123.98亿美元),利润为100亿元(约合144亿美元)。"
GOOD = "营收为851.48亿元(约合123.98亿美元),利润为100亿元(约合14.4亿美元)。"

_BETWEEN = re.compile(r"\s*[((]?\s*(?:约合|折合|约|合|相当于)\s*$")


def _pairs(a):
    qs = [q for q in a.quantities if q.kind == "amount" and q.value]
    for x, y in zip(qs, qs[1:]):
        if x.unit != y.unit and _BETWEEN.match(a.nt.text, x.nend, y.nstart) is not None:  # no copy of the text between
            yield x, y


def check(ctx: Context):
    fx = (getattr(ctx.config, "raw", None) or {}).get("fx") or {}
    for a in ctx.docs:
        pairs = list(_pairs(a))
        by_pair: dict[tuple[str, str], list] = {}
        for x, y in pairs:
            if (x.value > 0) == (y.value > 0):  # a rate is positive: a sign on one side only is no conversion
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
                continue
            if ref <= 0:
                continue  # rates of both signs: their median says nothing
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
                message = (f"{x.text} = {y.text} implies {significant(r)} {src}/{dst}, "
                           f"the document's other conversions {significant(ref)}")
                yield Finding(CODE, SLUG, severity, message, loc, (("rate", f"{float(r):.4g}"),), (a.doc.ident, src, dst))
