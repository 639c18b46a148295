"""AU230 part-whole: a part larger than its whole, or shares of one whole past 100%.

Rule: a segment's value (智能手机业务收入) cannot exceed the value of the whole (营收) for the same
entity, metric and period; a share (占…的, 市场份额) cannot exceed 100%, and the shares one
sentence gives of one named whole (占总营收的…: one entity, period and whole) cannot add up past
100%. A percentage whose whole is not named (占比30%) or a stake (持股) is no share (issue 22). A
part's key is one finding, listing each of its values with the wholes it exceeds, not one per
pair. A total stated after its parts (A…,B…,合计C) is their sum within rounding; a share of a
count its sentence states as the whole (40起案例中,…9人,占比22.5%) is the part over the whole, and
so is a share of a named whole whose metric the lexicon knows (占总营收的99.53%: revenue) when its
sentence states the part's value before it (其中,游戏收入为9488.39万元,占总营收的99.53%: the last
part of that metric and period) and the document the whole's, for that entity and period. A ratio
that audit/data/ratios.yaml defines as one metric over another (毛利率: 毛利 over 营收), stated in
one sentence with both, is their quotient within rounding (checks/_ratios.py). Severity: error beyond every reading, capped by the evidence (checks/_evidence.py).
"""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

from audit.claims.metric import is_ratio
from audit.context import Context, index
from audit.intervals import loose, strict
from audit.quantities.periods import dated
from audit.report.written import amount, figure, percent

from ._base import by_evidence, distinct, finding, with_metric
from ._evidence import cap
from ._local import Related, severity
from ._ratios import ratio_findings
from ._wholes import conflicts, named_wholes, set_or, shares_with_parts
from .value_conflict import same_sentence

CODE = "AU230"
SLUG = "part-whole"
SEVERITY = "error when the part exceeds the whole under every reading; warning otherwise"

BAD = "2023年联想营收为4000亿元,其中智能手机业务收入为4500亿元。"
GOOD = "2023年联想营收为4000亿元,其中智能手机业务收入为500亿元。"

HUNDRED = Decimal(100)


GROUP = "entity"  # a part and its whole, and the shares one sentence gives, are of one entity


def check_group(ctx: Context, claims):
    by_key = index(claims)
    wholes: dict[tuple, list] = {}  # the whole of each entity, metric and period, read once
    told: set[str] = set()  # the wholes a part is found larger than, by key: not said again
    for key, group in by_key.items():
        entity, metric, segment, period, basis = key
        if segment is None or segment.startswith("~") or metric == "market_share":
            continue  # only a segment the lexicon knows is surely a part of the whole
        of = (entity, metric, None, period, basis)
        whole = wholes.get(of)
        if whole is None:
            whole = wholes[of] = [(w, strict(w.quantity).widen(ctx.rel).high)
                                  for w in distinct(by_key.get(of, ())) if w.strong()]
        if not whole:
            continue
        over = [(part, w) for part in distinct(group) if part.strong() for w, high in whole
                if part.quantity.unit == w.quantity.unit and strict(part.quantity).low > high
                and (dated(period) or part.doc == w.doc)]  # a yearless period: one document's
        if over:
            told.update(w.id for _, w in over)
            yield _larger(ctx, segment, over)
    summed = [f for metric in ("market_share", "stake") for f in _sums(ctx, claims, metric)]
    yield from summed
    yield from _stated_parts(ctx, claims, told)
    yield from _stated_sums(ctx, claims)
    yield from _count_shares(ctx, claims)
    yield from _partitions(ctx, claims, {(loc.line, loc.col) for f in summed for loc in f.locations})
    yield from _of_people(ctx, claims)
    yield from _rests(ctx, claims)
    yield from ratio_findings(ctx, claims, CODE, SLUG)
    named = list(_named_shares(ctx, by_key))
    yield from named
    said = {(loc.line, loc.col) for f in named for loc in f.locations}
    yield from _implied_wholes(ctx, claims, said)


def _larger(ctx: Context, segment: str, over: list):
    """One finding per part's key: each value of the part with the wholes it exceeds."""
    parts = list(dict.fromkeys(p for p, _ in over))
    wholes = list(dict.fromkeys(w for _, w in over))
    message = (f"the part {' / '.join(p.quote for p in parts)} ({segment}) is larger than the whole "
               f"{' / '.join(w.quote for w in wholes)}: "
               + "; ".join(f"{figure(p.quantity)} > {figure(w.quantity)}" for p, w in over))
    severity = by_evidence("error", (*parts, *wholes), ctx.lex)
    return finding(ctx, CODE, SLUG, severity, message, (*parts, *wholes), {"segment": segment}, once=True)


def _sums(ctx: Context, claims, metric: str):
    """Shares past 100%, alone or summed: shares of one named whole (a share's segment is
    part@whole, 占总营收的…) or stakes in one company, stated in one sentence of one entity and
    period; a market share (市场份额) of no named whole is never summed."""
    groups: list[list] = []
    for c in with_metric(claims, metric):
        if c.quantity is not None and c.quantity.unit == "percent":
            if c.quantity.low is not None and c.quantity.low > HUNDRED:
                severity = by_evidence("error", (c,), ctx.lex, sentence=True)
                yield finding(ctx, CODE, SLUG, severity, f"a share of {c.quote} is more than 100%", (c,), {})
            last = groups[-1][-1] if groups else None
            if last is not None and _whole(c) is not None and (last.entity, last.period, _whole(last)) == \
                    (c.entity, c.period, _whole(c)) and same_sentence(last, c):
                groups[-1].append(c)
            else:
                groups.append([c])
    for shares in groups:
        if len(shares) > 1:
            low = sum((c.quantity.low or Decimal(0)) for c in shares)
            if low > HUNDRED * (1 + ctx.rel):
                message = " + ".join(c.quote for c in shares) + f" = {percent(low / 100)} > 100%"
                yield finding(ctx, CODE, SLUG, by_evidence("error", shares, ctx.lex, sentence=True), message, shares, {})


def _whole(share) -> str | None:
    """The whole a share is of, as its segment names it (广告@总营收), or None when unnamed; a
    stake is of its company's equity, named when the stake names its company (时颖公司100%股份)."""
    named = share.segment.partition("@")[2] if share.segment else ""
    if share.metric == "stake":
        return "股权@" + named
    return named or None


def _stated_parts(ctx: Context, claims, told: set[str]):
    """Parts its sentence states after 其中 of the whole just stated, whatever they measure
    (audit.claims.arithmetic): together no larger than the whole."""
    related = Related(claims)
    wholes: dict[str, list] = {}
    for c in claims:
        if any(r == "part-of" for r, _ in c.relations):
            whole = related(c, "part-of")
            if whole:
                wholes.setdefault(whole[0].id, [whole[0]]).append(c)
    for w, *parts in wholes.values():
        if w.id in told:
            continue  # a part of a known segment is already said to be larger than this whole
        low = sum(strict(p.quantity).low for p in parts)
        high = strict(w.quantity).widen(ctx.rel).high
        if low <= high:
            continue
        loose_low = sum(loose(p.quantity, ctx.approx).low for p in parts)
        sev = severity((w, *parts), loose_low <= loose(w.quantity, ctx.approx).high)
        if sev is not None:
            message = (" + ".join(p.quote for p in parts) + " = "
                       f"{amount(sum(p.quantity.value for p in parts), w.quantity.unit, w.quantity)} > the whole {w.quote}")
            yield finding(ctx, CODE, SLUG, sev, message, (*parts, w), {"parts": len(parts)})


def _stated_sums(ctx: Context, claims):
    """A total its sentence states after its parts (A…,B…,合计C; audit.claims.arithmetic), or a
    count the next sentence splits (其中,…另5名; audit.claims.splits: a warning at most), whatever
    they measure: the parts add up to it within rounding; a price or a bid is read as stated
    (checks/_wholes.py: set)."""
    related = Related(claims)
    for c in claims:
        relation = next((r for r, _ in c.relations if r in ("sum-of", "split-of")), None) if c.relations else None
        parts = related(c, relation) if c.quantity is not None and relation else []
        if len(parts) < 2:
            continue
        total = sum((set_or(strict, p) for p in parts[1:]), set_or(strict, parts[0]))
        if total.overlaps(set_or(strict, c).widen(ctx.rel)):
            continue
        def read(q):
            return loose(q, ctx.approx)
        low = sum((set_or(read, p) for p in parts[1:]), set_or(read, parts[0]))
        sev = severity((c, *parts), low.overlaps(set_or(read, c)))
        if sev is not None and relation == "split-of":
            sev = cap(sev, "warning")  # a count split in the next sentence (audit.claims.splits): across a stop
        if sev is not None:
            message = (" + ".join(p.quote for p in parts) + " = "
                       f"{amount(sum(p.quantity.value for p in parts), c.quantity.unit, c.quantity)}, stated {c.quote}")
            yield finding(ctx, CODE, SLUG, sev, message, (*parts, c), {"parts": len(parts)})


def _partitions(ctx: Context, claims, summed: set):
    """Shares its sentence says add up to one whole, each naming its part (75%的装配线工人,加上25%的
    工程师; audit.claims.wholes.partitions; 公建占70%、住宅占30%: audit.claims.share_lists):
    together at most 100%. A warning at most: the words that join them are read, the whole is not
    stated. Shares a sum of one named whole already quotes (``summed``: line, column) are left to it."""
    related = Related(claims)
    for c in claims:
        others = related(c, "partition-with") if c.relations else []
        if not others or not _whole_group(c, "partition-with", others):
            continue
        shares = (*others, c)
        if all((x.line, x.col) in summed for x in shares):
            continue
        if sum(strict(x.quantity).low for x in shares) <= HUNDRED * (1 + ctx.rel):
            continue
        sev = severity(shares, sum(loose(x.quantity, ctx.approx).low for x in shares) <= HUNDRED)
        if sev is not None:
            message = " + ".join(x.quote for x in shares) + \
                f" = {percent(sum(x.quantity.value for x in shares) / 100)} > 100% of the whole they make up"
            yield finding(ctx, CODE, SLUG, cap(sev, "warning"), message, shares, {"parts": len(shares)})


def _of_people(ctx: Context, claims):
    """A percentage of a population (84.5%的受访者; audit.claims.wholes.people) past 100%: a
    warning at most (the noun is read, no whole is stated)."""
    for c in claims:
        if c.relations and c.quantity is not None and any(r == "of-people" for r, _ in c.relations) \
                and strict(c.quantity).low > HUNDRED * (1 + ctx.rel):
            sev = severity((c,), loose(c.quantity, ctx.approx).low <= HUNDRED)
            if sev is not None:
                yield finding(ctx, CODE, SLUG, cap(sev, "warning"), f"a share of people {c.quote} is more than 100%",
                              (c,), {})


def _rests(ctx: Context, claims):
    """The rest of a whole after its shares (一是40%…,二是30%…,三是其余30%; audit.claims.wholes.rests):
    with them, 100% within rounding; a share read with a metric of its own (毛利率) is of another
    whole (audit.claims.metric.is_ratio), and then none is checked. A warning at most: the whole is not stated."""
    related = Related(claims)
    for c in claims:
        parts = related(c, "rest-of") if c.relations and c.quantity is not None else []
        if not parts or not _whole_group(c, "rest-of", parts) or any(is_ratio(ctx.lex, p.metric) for p in (c, *parts)):
            continue
        shares = (*parts, c)
        total = sum((strict(x.quantity) for x in shares[1:]), strict(shares[0].quantity))
        if total.widen(ctx.rel).low <= HUNDRED <= total.widen(ctx.rel).high:
            continue
        looser = sum((loose(x.quantity, ctx.approx) for x in shares[1:]), loose(shares[0].quantity, ctx.approx))
        sev = severity(shares, looser.low <= HUNDRED <= looser.high)
        if sev is not None:
            message = " + ".join(x.quote for x in shares) + \
                f" = {percent(sum(x.quantity.value for x in shares) / 100)}, not the 100% the rest ({c.quote}) makes"
            yield finding(ctx, CODE, SLUG, cap(sev, "warning"), message, shares, {"parts": len(shares)})


def _whole_group(c, relation: str, found: list) -> bool:
    """Whether every claim ``c``'s ``relation`` points at is in the group: shares listed with
    their companies (甲占比53.76%、乙占比38.95%) are of several entities, and a sum of some of
    them says nothing of the whole."""
    return len(found) == sum(1 for r, _ in c.relations if r == relation)


def _count_shares(ctx: Context, claims):
    """A share of a count its sentence states as the whole (40起案例中,…有9人,占比22.5%;
    audit.claims.arithmetic): the part over the whole, within rounding."""
    related = Related(claims)
    for c in claims:
        if c.quantity is None or not any(r == "share-of" for r, _ in c.relations):
            continue
        part, whole = related(c, "share-part"), related(c, "share-of")
        if len(part) != 1 or len(whole) != 1:
            continue
        yield from _share_of(ctx, c, part[0], whole[0], keyed=False)


def _named_shares(ctx: Context, by_key: dict):
    """A share of a named whole of a known metric (占总营收的99.53%) against the part its
    sentence states (a segment of that metric, same period) over the whole the document states;
    a part two shares would take, or a share of a list its sentence does not hand out to its
    parts (A为x,B为y,分别占s和t: audit.claims.wholes), is no share's."""
    pairs = []
    for key, shares in by_key.items():
        entity, metric, segment, period, basis = key
        of = _whole_metric(ctx, segment) if metric == "market_share" else None
        wholes = distinct(w for w in by_key.get((entity, of, None, period, basis), ()) if w.doc == shares[0].doc)
        if of is None or len(wholes) != 1:
            continue  # no whole, or wholes that disagree (AU100 says so)
        w, part_name = wholes[0], segment.partition("@")[0]
        for c in shares:
            if any(r == "share-untied" for r, _ in c.relations):
                continue  # one of a list of shares whose parts its sentence does not hand out
            parts = [p for (e, m, seg, per, b), group in by_key.items() if (e, m, per, b) == (entity, of, period, basis)
                     and seg and "@" not in seg and (not part_name or seg == part_name)
                     for p in group if same_sentence(p, c) and (p.line, p.col) < (c.line, c.col)]
            if parts:  # the part stated last before the share (广告收入为45亿元,占总营收的30%)
                pairs.append((c, max(parts, key=lambda p: (p.line, p.col)), w))
    taken = Counter(p.id for _, p, _ in pairs)
    for c, p, w in pairs:
        if taken[p.id] == 1:
            yield from _share_of(ctx, c, p, w, keyed=True)


def _implied_wholes(ctx: Context, claims, said: set):
    """Shares of one named whole, each with its part, and the document's whole (checks/_wholes.py):
    one whole implied. A whole whose words name a metric (总营收) takes parts of that metric only
    (not 两款产品,占营收的98.82%); shares a finding above already quotes are left to it."""
    shares = [s for s in shares_with_parts(claims) if (s.share.line, s.share.col) not in said
              and (s.named or _whole_metric(ctx, s.share.segment) in (None, s.part.metric))]
    parts = {s.part.id for s in shares}
    stated = named_wholes(claims, shares)
    for s in shares:
        if s.named:
            continue  # its whole is the one its name names, if any
        c, of = s.share, s.part.metric
        wholes = distinct(w for w in claims if w.metric == of and w.segment is None and w.id not in parts
                          and (w.doc, w.entity, w.period) == (c.doc, c.entity, c.period) and w.quantity is not None)
        if _whole_metric(ctx, c.segment) is not None and len(wholes) == 1:
            stated[(c.doc, c.entity, s.whole, c.period)] = wholes[0]
    for sev, message, found in conflicts(ctx, shares, stated):
        yield finding(ctx, CODE, SLUG, sev, message, found, {"parts": len(found)})


def _whole_metric(ctx: Context, segment: str | None) -> str | None:
    """The metric a share's named whole is of (公司总营收: revenue), or None."""
    whole = (segment or "").partition("@")[2]
    m = ctx.lex.metric_re.search(whole) if whole else None
    found = ctx.lex.metric_of.get(m.group()) if m else None
    return None if found in (None, "none", "market_share") else found


def _share_of(ctx: Context, c, p, w, keyed: bool):
    """The share ``c`` against the part ``p`` over the whole ``w``, within rounding; ``keyed``: the
    whole was found by its key, not by the share's sentence, so the evidence caps the finding."""
    ratio = strict(p.quantity).divide(strict(w.quantity))
    if ratio is None or ratio.scale(HUNDRED).overlaps(strict(c.quantity).widen(ctx.rel)):
        return
    lr = loose(p.quantity, ctx.approx).divide(loose(w.quantity, ctx.approx))
    sev = severity((c, p, w), lr is None or lr.scale(HUNDRED).overlaps(loose(c.quantity, ctx.approx)))
    if sev is not None:
        message = f"{p.quote} of {w.quote} is {percent(p.quantity.value / w.quantity.value)}, stated {c.quote}"
        yield finding(ctx, CODE, SLUG, by_evidence(sev, (p, w), ctx.lex) if keyed else sev, message, (c, p, w), {})
