"""The whole a share implies (issue 22, for AU230 in checks/part_whole.py): a part stated with its
share of a named whole (持有98629.7719万股,占公司总股本的24.72%) implies that whole, part / share.
Every share of one named whole of one entity and period, each with its part, implies the same whole,
and the document's statement of that whole (营收为1.03亿元, when the whole's words name a metric
the lexicon knows) is that whole too: the readings must have a value in common.

A share's part is the figure its sentence ties it to (audit.claims.wholes: the share's verb right
after the part's clause, or a list after 分别), of the share's period. Severity: the sentence
states each share with its part, so only units and natures cap it, unless a part's subject is carried from before (the sentence may have moved on to another
company: a note); a whole found by its key in another sentence of the document caps it by the evidence of that
key, at a warning when only the entity was not named in the sentence (the document's company).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator, NamedTuple

from audit.claims import Claim
from audit.claims.model import strong
from audit.claims.wholes import part_words
from audit.context import Context
from audit.intervals import Interval, loose, strict
from audit.report.written import amount

from ._evidence import by_evidence, cap
from ._local import Related, severity

HUNDRED = Decimal(100)
CARRIED = "entity:carried"  # the subject of an earlier clause or sentence: perhaps not the part's
NAMED_PART, NAMED_WHOLE = "share-named-part", "share-named-of"  # ties by name (audit.claims.named_wholes)


class Share(NamedTuple):
    """A share ``share`` of the whole named ``whole``, with its ``part``; ``named``: tied by name
    across sentences (audit.claims.named_wholes), not by its sentence."""
    share: Claim
    part: Claim
    whole: str
    named: bool = False


class Conflict(NamedTuple):
    """What AU230 says: its severity, message and claims."""
    severity: str
    message: str
    claims: tuple[Claim, ...]


def shares_with_parts(claims: list[Claim]) -> list[Share]:
    """Each share of a named whole (segment part@whole) with the part its sentence ties it to
    (relation share-part, audit.claims.wholes), or its document by name (share-named-part,
    audit.claims.named_wholes: a period need not be read, the name ties them)."""
    related = Related(claims)
    out: list[Share] = []
    for c in claims:
        if c.quantity is None or c.metric != "market_share" or c.quantity.unit != "percent":
            continue
        whole = (c.segment or "").partition("@")[2]
        part, named = related(c, "share-part"), False
        if not part and c.relations:
            part, named = related(c, NAMED_PART), True
        if whole and len(part) == 1 and part[0].quantity is not None and part[0].period == c.period \
                and (named or c.period is not None):
            out.append(Share(c, part[0], whole, named))
    return out


def named_wholes(claims: list[Claim], shares: list[Share]) -> dict[tuple, Claim]:
    """The whole each share tied by name names (share-named-of), by (doc, entity, whole, period)
    as :func:`conflicts` takes it: the first share of a list names it."""
    related = Related(claims)
    out: dict[tuple, Claim] = {}
    for s in shares:
        c = s.share
        whole = related(c, NAMED_WHOLE) if s.named else []
        if len(whole) == 1 and whole[0].quantity is not None:
            out.setdefault((c.doc, c.entity, s.whole, c.period), whole[0])
    return out


def implied(s: Share, reading) -> Interval | None:
    """The whole ``s`` implies, part / share, under ``reading`` (strict or loose)."""
    share = reading(s.share.quantity).scale(1 / HUNDRED)
    return reading(s.part.quantity).divide(share) if share.low > 0 else None


def conflicts(ctx: Context, shares: list[Share], stated: dict[tuple, Claim]) -> Iterator[Conflict]:
    """The shares of one named whole (entity, period, unit) whose implied wholes, with the whole
    the document states (``stated``, by (doc, entity, whole, period)), have no value in common."""
    groups: dict[tuple, list[Share]] = {}
    for s in shares:
        c = s.share
        groups.setdefault((c.doc, c.entity, s.whole, c.period, s.part.quantity.unit), []).append(s)
    for (doc, entity, whole, period, unit), group in groups.items():
        w = stated.get((doc, entity, whole, period))
        w = w if w is not None and w.quantity.unit == unit else None
        if len(group) + (w is not None) < 2:
            continue
        found = _disagree(ctx, group, w)
        if found is not None:
            yield found


def _meet(ivs: list[Interval | None]) -> bool:
    """Whether the intervals have a value in common (an unbounded reading agrees with any)."""
    if any(iv is None for iv in ivs):
        return True
    return max(iv.low for iv in ivs) <= min(iv.high for iv in ivs)


def _disagree(ctx: Context, group: list[Share], w: Claim | None) -> Conflict | None:
    """The conflict of one group of shares and its stated whole ``w``, or None when they agree."""
    whole_strict = [strict(w.quantity).widen(ctx.rel)] if w is not None else []
    if _meet([implied(s, strict) for s in group] + whole_strict):
        return None
    def read(q):
        return loose(q, ctx.approx)
    whole_loose = [read(w.quantity)] if w is not None else []
    claims = tuple(x for s in group for x in (s.part, s.share)) + ((w,) if w is not None else ())
    sev = severity(claims, _meet([implied(s, read) for s in group] + whole_loose))
    if sev is None:
        return None
    message = _message(group, w)
    amounts = tuple(s.part for s in group) + ((w,) if w is not None else ())
    sev = by_evidence(sev, amounts, ctx.lex, sentence=True)  # the shares' unit is not the parts'
    if any(s.named for s in group):  # names tie them, whatever their entity: read across sentences
        return Conflict(cap(sev, "warning"), message, claims)
    if any(CARRIED in s.part.evidence for s in group):
        return Conflict("info", message, claims)  # a subject carried from before may be another's
    if w is not None:
        sev = _keyed(sev, claims, ctx)
    return Conflict(sev, message, claims)


def _message(group: list[Share], w: Claim | None) -> str:
    said = "; ".join(f"{s.part.quote} at {s.share.quote} is "
                     f"{amount(s.part.quantity.value * HUNDRED / s.share.quantity.value, s.part.quantity.unit, s.part.quantity)}"
                     for s in group if s.share.quantity.value)
    return f"the shares of {group[0].whole} imply different wholes: {said}" + (f"; stated {w.quote}" if w else "")


def _keyed(sev: str, claims: tuple[Claim, ...], ctx: Context) -> str:
    """A whole found by its key: capped by the evidence, at a warning when every claim's metric
    and period are read in its sentence and only the entity is the document's."""
    weak = by_evidence(sev, claims, ctx.lex)
    if weak != "info" or not all(_entity_only(c) for c in claims):
        return weak
    return cap(sev, "warning")


def _entity_only(c: Claim) -> bool:
    """Strong (:meth:`Claim.strong`) but for an entity that is the document's company."""
    return c.strong() or ("entity:document" in c.evidence
                          and strong(tuple(e for e in c.evidence if not e.startswith("entity:")) + ("entity:named",)))


def set_or(reading, c: Claim) -> Interval:
    """``c``'s figure under ``reading`` (strict or loose), or the figure itself when its metric
    is set, not measured (a price, a bid: audit/data/wholes.yaml set_values) and it is stated
    exactly: 报价1亿元 is 1亿, not 0.5亿..1.5亿."""
    q = c.quantity
    if c.metric in part_words().set_values and q.value is not None and q.qualifier == "exact" and not q.approximate:
        return Interval(q.value, q.value)
    return reading(q)
