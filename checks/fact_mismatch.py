"""AU300 fact-mismatch: a claim that contradicts a reference fact of expectations.yaml.

Rule: each entry of ``facts:`` ({entity, metric, period, value, segment?, source}) is read like a
figure in a text (``6023.15亿元`` -> 6.02315e11 CNY with its rounding) and compared with every claim
of the same key; a claim whose interval misses the fact's is a finding that names the source.
Severity per the interval readings (an approximate claim only warns).
"""
from __future__ import annotations

from audit.context import Context, comparable
from audit.normalize import normalize
from audit.quantities import extract

from ._base import by_evidence, finding, stated

CODE = "AU300"
SLUG = "fact-mismatch"
SEVERITY = "error when the claim misses the fact under every reading; warning when only a looser reading reconciles"

BAD = "2023年比亚迪营收为7000亿元。"
GOOD = "2023年比亚迪营收为6023亿元。"
# The configuration the examples run with (the test suite passes it; a real run reads yours).
EXAMPLE_CONFIG = {"facts": [{"entity": "byd", "metric": "revenue", "period": "2023", "value": "6023.15亿元",
                             "source": "2023 annual report"}]}


def facts_of(ctx: Context):
    return (getattr(ctx.config, "raw", None) or {}).get("facts") or []


GROUP = "key"  # a fact is compared with the claims of its key


def check_group(ctx: Context, claims):
    facts = facts_of(ctx)
    if not facts:
        return
    for fact in facts:
        key = (fact["entity"], fact["metric"], fact.get("segment"), str(fact["period"]) if fact.get("period") else None,
               str(fact.get("basis") or "actual"))
        if key != claims[0].key:
            continue
        qs = [q for q in extract(normalize(str(fact["value"]))) if q.kind not in ("date", "period")]
        if not qs:
            continue
        ref = qs[0]
        for c in claims:
            if not comparable(c.quantity, ref):
                continue
            severity = ctx.compare(c.quantity, ref)
            if severity:
                severity = by_evidence(severity, (c,), ctx.lex)
                message = (f"{stated(c)} vs the reference {fact['value']} "
                           f"({fact.get('source', 'expectations.yaml')})")
                yield finding(ctx, CODE, SLUG, severity, message, (c,), {"fact": str(fact["value"])})
