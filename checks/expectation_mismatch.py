"""AU310 expectation-mismatch: a beat or miss word that the figures contradict.

Rule: a sentence that says a figure beat (超出/高于/好于预期), missed (不及/低于预期) or met (符合预期)
the analysts' consensus or the company's guidance, and states both the actual figure and the
expected one (one entity, metric and unit; the actual before the phrase, the expectation named by
its basis: 分析师预期的…, 市场一致预期为…), must have them the right way round: a beat needs the
actual above the expectation, a miss below it, a match within the approximate tolerance. The two
figures are read as intervals widened by the relative tolerance, so a beat by less than that
is not accused. Severity: error
when the figures point the other way under every reading and the actual's key is read from
its own sentence (the expectation shares its metric); warning otherwise, and for a match that is off by more than the tolerance.
"""
from __future__ import annotations

import bisect
import re

from audit.claims.basis import beat_miss, is_expectation
from audit.context import Context, comparable
from audit.intervals import loose, relative_gap, strict

from ._base import by_evidence, finding, pct, stated

CODE = "AU310"
SLUG = "expectation-mismatch"
SEVERITY = "error when the actual and the expected figure point the other way under every reading and the actual's key is its sentence's own; warning otherwise, or for a match off by more than the tolerance"
SCOPE = "document"  # reads the beat/miss words of one document's text

BAD = "京东第三季度营收为1048亿元,超出分析师预期的1080亿元。"
GOOD = "京东第三季度营收为1048亿元,低于分析师预期的1080亿元。"

_STOP = re.compile("[。!?\n]")


def _pair(claims, start: int, end: int):
    """(actual, expectation) for a phrase at ``start``..``end`` among one sentence's claims: the
    nearest actual figure before the phrase, and the expected figure of its metric nearest after
    it (else before it)."""
    actuals = [c for c in claims if c.quantity.nstart < start and not is_expectation(c.basis)]
    if not actuals:
        return None
    actual = actuals[-1]
    expected = [c for c in claims if is_expectation(c.basis) and c.metric == actual.metric
                and c.entity == actual.entity and comparable(c.quantity, actual.quantity)]
    if not expected:
        return None
    after = [c for c in expected if c.quantity.nstart >= end]
    return actual, (after[0] if after else expected[-1])


def check(ctx: Context):
    for a in ctx.docs:
        phrases = beat_miss(a.nt.text)
        if not phrases:
            continue
        stops = [m.start() for m in _STOP.finditer(a.nt.text)]
        claims = [c for c in ctx.claims if c.doc == a.doc.path and c.quantity is not None and c.metric]
        judged: set[tuple[str, str]] = set()  # one finding per actual and expected figure
        for start, end, direction in phrases:
            stop = bisect.bisect_right(stops, start)
            pair = _pair([c for c in claims if c.stop == stop], start, end)
            if pair is not None and (pair[0].id, pair[1].id) not in judged:
                judged.add((pair[0].id, pair[1].id))
                found = _judge(ctx, a.nt.text[start:end], direction, *pair)
                if found is not None:
                    yield found


def _judge(ctx: Context, phrase: str, direction: str, actual, expected):
    x, e = strict(actual.quantity), strict(expected.quantity).widen(ctx.rel)
    if direction == "meet":
        gap = relative_gap(actual.quantity.value, expected.quantity.value)
        if gap <= ctx.approx:
            return None
        severity, why = "warning", f"{pct(gap)} apart"
    else:
        wrong = x.high < e.low if direction == "beat" else x.low > e.high
        if not wrong:
            return None
        lx, le = loose(actual.quantity, ctx.approx), loose(expected.quantity, ctx.approx)
        still = lx.high < le.low if direction == "beat" else lx.low > le.high
        # the expected figure's metric is the actual's, named once in the sentence (…营收为X,高于
        #分析师预期的Y): the actual's key read from its own sentence is enough
        severity = "error" if still and actual.strong() else "warning"
        why = "lower" if direction == "beat" else "higher"
        why = f"the actual is {why}"
    message = f"{phrase}: {stated(actual)} vs the {expected.basis} {stated(expected)}: {why}"
    severity = by_evidence(severity, (actual, expected), ctx.lex, sentence=True)
    return finding(ctx, CODE, SLUG, severity, message, (actual, expected), {"says": direction})
