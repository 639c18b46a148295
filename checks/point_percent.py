"""AU280 point-percent-mismatch: a ratio's change stated in % where its two values show points.

Rule: a ratio metric (毛利率, 不良贷款率, 市场份额: the metrics of ``dimension: percent``) stated
from one value to another in one sentence, with the change stated beside them
(毛利率由38.2%提升至41.5%,提升3.3%; 由38.2%提升3.3个百分点至41.5%), says the change either in
percentage points (41.5 − 38.2 = 3.3个百分点) or as a relative change (41.5 / 38.2 − 1 = 8.6%).
A change in % that equals the point difference and not the relative change is a point difference
mislabelled; a change in 个百分点 that equals the relative change and not the point difference is
the reverse slip. A change that fits the reading its unit names is consistent (a % that fits both
readings too); one that fits neither reading is left to the checks of changes. All figures are
read as intervals on their stated precision. Severity: error (the unit is wrong under every
reading), capped by the evidence of the two values (checks/_evidence.py).
"""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from decimal import Decimal
from importlib import resources

from audit.claims.lexicons import ratio_metrics
from audit.context import Context
from audit.intervals import Interval, fmt, strict
from audit.lexicon import LexiconError, load_yaml

from ._base import finding
from ._evidence import by_evidence

CODE = "AU280"
SLUG = "point-percent-mismatch"
SCOPE = "document"  # relations stated within one sentence: runs where the document is read
SEVERITY = "error when the stated change fits only the other reading (points for %, relative for 个百分点)"

BAD = "2023年第三季度,腾讯毛利率由38.2%提升至41.5%,提升3.3%。"
GOOD = "2023年第三季度,腾讯毛利率由38.2%提升至41.5%,提升3.3个百分点。"

CHANGE_KINDS = ("percent", "percentage_point")
HUNDRED = Decimal(100)


class _Forms:
    """The two ways a change is stated beside its two values, as regexes over the text between."""

    def __init__(self, data: dict) -> None:
        def alt(key: str) -> str:
            words = data.get(key)
            if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
                raise LexiconError(f"audit/data/point_changes.yaml: `{key}` must be a list of words")
            return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

        up, down, to, lead, tail = (alt(k) for k in ("up", "down", "to", "lead", "tail"))
        direction = rf"(?:(?P<up>{up})|(?P<down>{down}))"
        # 由X提升至Y,提升Z: between X and Y, then between Y and Z
        self.to_after = re.compile(rf"\s*(?:{up}|{down})?\s*(?:{to})\s*")
        self.change_after = re.compile(rf"\s*[,，]?\s*(?:{lead})*\s*{direction}\s*(?:{tail})*\s*")
        # 由X提升Z至Y: between X and Z, then between Z and Y
        self.change_between = re.compile(rf"\s*{direction}\s*(?:{tail})*\s*")
        self.to_between = re.compile(rf"\s*(?:{to})\s*")


@functools.cache
def _forms() -> _Forms:
    data = load_yaml(resources.files("audit.data").joinpath("point_changes.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise LexiconError("audit/data/point_changes.yaml: expected a mapping of word lists")
    return _Forms(data)


def _stated(text: str, qs, i: int, forms: _Forms):
    """(from, to, change, sign) when the quantities from ``i`` state a change beside two values
    in one of the two forms, else None."""
    x, b, c = qs[i], qs[i + 1], qs[i + 2]
    if forms.to_after.fullmatch(text, x.nend, b.nstart) and c.kind in CHANGE_KINDS:
        m = forms.change_after.fullmatch(text, b.nend, c.nstart)
        if m is not None:
            return x, b, c, 1 if m.group("up") else -1
    if b.kind in CHANGE_KINDS and forms.to_between.fullmatch(text, b.nend, c.nstart):
        m = forms.change_between.fullmatch(text, x.nend, b.nstart)
        if m is not None:
            return x, c, b, 1 if m.group("up") else -1
    return None


def _readings(x, y, sign: int) -> tuple[Interval, Interval | None]:
    """The change from ``x`` to ``y`` in points and relative (None when ``x`` may be zero)."""
    points = (strict(y) - strict(x)).scale(Decimal(sign))
    ratio = strict(y).divide(strict(x)) if strict(x).low > 0 else None
    relative = None if ratio is None else Interval((ratio.low - 1) * HUNDRED, (ratio.high - 1) * HUNDRED)
    return points, None if relative is None else relative.scale(Decimal(sign))


def check(ctx: Context):
    ratios = ratio_metrics(ctx.lex)
    forms = _forms()
    for a in ctx.docs:
        claims = {c.quantity.nstart: c for c in ctx.claims if c.doc == a.doc.path and c.metric in ratios
                  and c.quantity is not None and c.quantity.unit == "percent"}
        if len(claims) < 2:
            continue
        qs = a.quantities
        for i in range(len(qs) - 2):
            if qs[i].nstart not in claims:
                continue
            stated = _stated(a.nt.text, qs, i, forms)
            if stated is not None:
                found = _judge(ctx, a, claims, *stated)
                if found is not None:
                    yield found


def _judge(ctx: Context, a, claims: dict, x, y, z, sign: int):
    cx, cy = claims.get(x.nstart), claims.get(y.nstart)
    if cy is None or cx.metric != cy.metric or cx.stop != cy.stop or (y.value - x.value) * sign < 0:
        return None  # another metric, another sentence, or a change against its direction word
    points, relative = _readings(x, y, sign)
    stated = strict(z)
    stated = (stated.scale(Decimal(-1)) if z.value is not None and z.value < 0 else stated).widen(ctx.rel)
    fits_points, fits_relative = points.overlaps(stated), relative is not None and relative.overlaps(stated)
    if z.unit == "percent" and fits_points and not fits_relative:
        slip = "the point difference stated as a relative change"
    elif z.unit == "percentage_point" and fits_relative and not fits_points:
        slip = "the relative change stated in percentage points"
    else:
        return None
    mid_points = (y.value - x.value) * sign
    mid_relative = (y.value / x.value - 1) * HUNDRED * sign
    message = (f"{cx.metric} {x.text} → {y.text} is {fmt(mid_points)} percentage points or "
               f"{float(mid_relative):.1f}% relative; stated {z.text}: {slip}")
    severity = by_evidence("error", (cx, cy), ctx.lex, sentence=True)
    f = finding(ctx, CODE, SLUG, severity, message, (cx, cy), {"stated": z.text, "unit": z.unit})
    return replace(f, locations=f.locations + (a.location(z.start, z.end, z),))
