"""AU240 comparison-mismatch: 高于/低于/超过/不及, or a move's verb, pointing the wrong way.

Rule: when a claim is stated as higher than another (A,高于B的…) A must be larger than B; when
stated lower (低于, 不及, 少于) smaller — each read as an interval, so that "2600亿,高于1750亿" holds
and "1500亿,高于1750亿" does not. A move (从A增长至B, 由A降至B) says the same of B against A by its
verb. Severity: error when the intervals contradict the comparison outright, warning when they
merely overlap so that the direction cannot be told (never for a move: 小幅增长 may stay within
rounding).
"""
from __future__ import annotations

from audit.claims.basis import is_expectation
from audit.context import Context, comparable
from audit.intervals import strict
from audit.report.written import figure

from ._base import by_evidence, finding
from ._local import local
from ._local import severity as local_severity

CODE = "AU240"
SLUG = "comparison-mismatch"
SCOPE = "document"  # compares claims of one document: runs where the document is read
SEVERITY = "error when the figures contradict the comparison; warning when they are too close to tell"

BAD = "文心一言官方的模型参数是1500亿,高于ChatGPT3的1750亿。"
GOOD = "文心一言官方的模型参数是2600亿,高于ChatGPT3的1750亿。"

HIGHER = {"高于", "超过", "超出", "多于", "大于"}
LOWER = {"低于", "不及", "少于", "小于"}


MOVES = {"move:up": "高于", "move:down": "低于"}  # 从A增长至B: B is stated higher than A
MOVED = {"move:up": "to have risen from", "move:down": "to have fallen from"}


def check(ctx: Context):
    stated = [a for a in ctx.claims if a.relations and any(r.startswith(("compare:", "move:")) for r, _ in a.relations)]
    by_id = {c.id: c for c in ctx.claims} if stated else {}
    for a in stated:
        for rel, other in a.relations:
            if not rel.startswith(("compare:", "move:")) or other not in by_id:
                continue
            word, b = MOVES.get(rel) or rel.split(":", 1)[1], by_id[other]
            if a.quantity is None or b.quantity is None or not comparable(a.quantity, b.quantity):
                continue
            if is_expectation(b.basis) != is_expectation(a.basis):
                continue  # 高于分析师预期的…: a beat or miss of an expectation is AU310's
            ia, ib = strict(a.quantity), strict(b.quantity)
            if word in HIGHER:
                wrong, close = ia.high < ib.low, not ia.low > ib.high
            elif word in LOWER:
                wrong, close = ia.low > ib.high, not ia.high < ib.low
            else:
                continue
            severity = "error" if wrong else "warning" if close and rel not in MOVES else None
            if local(a) or local(b):  # no metric word: the words alone tie them (issue 22)
                severity = local_severity((a, b), loose_agrees=False) if wrong else None
            if severity is not None:
                op = "<" if word in HIGHER else ">"
                said = MOVED.get(rel, f"to be {word}")
                message = (f"{a.quote} is said {said} {b.quote}, but {figure(a.quantity)} "
                           f"{op if wrong else '≈'} {figure(b.quantity)}")
                if not (local(a) or local(b)):
                    severity = by_evidence(severity, (a, b), ctx.lex, sentence=True)
                yield finding(ctx, CODE, SLUG, severity, message, (a, b), {"word": word})
