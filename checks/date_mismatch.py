"""AU400 date-mismatch: one event dated differently.

Rule: a sentence with one resolved date and an event word (发布, 成立, 上市; the list is
``audit/data/events.yaml``) right beside the name of a product, model or company dates that
entity's event. When the corpus dates one entity's
event of one kind on different days that are more than a day apart (a day's difference is time
zones and 次日 reporting), the dates conflict. Elapsed time: a sentence that states a duration
since a date it names (2013年成立,10年来; 自2022年11月以来的9个月) must agree with the time from that
date to the document's publication date, within the stated rounding (one unit either side, open
for 超过/近). Severity: warning for both (an entity can release twice; "来" can be loose).
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import defaultdict
from importlib import resources

import yaml

from audit.context import Context
from audit.lexicon import alternation
from audit.model import Finding
from audit.segment import sentences
from audit.units import factor

CODE = "AU400"
SLUG = "date-mismatch"
SEVERITY = "warning: the same entity's event of one kind dated on days more than one apart"

BAD = "3月16日,百度正式发布文心一言。\n百度于3月28日发布文心一言,引发关注。\n公司自2015年成立以来的3年里发展迅速。"
GOOD = "3月16日,百度正式发布文心一言。\n百度于3月16日发布文心一言,引发关注。\n公司自2015年成立以来的8年里发展迅速。"


@functools.cache
def _events() -> tuple[re.Pattern, dict[str, tuple[str, tuple[str, ...]]]]:
    data = yaml.safe_load(resources.files("audit.data").joinpath("events.yaml").read_text(encoding="utf-8"))
    of = {w: (e["id"], tuple(e.get("of", ()))) for e in data for w in e["words"]}
    return re.compile(alternation(of)), of


NEAR = 8  # characters between an event word and the name it is about


def notes(ctx: Context):
    """What each document contributes, read where the document is: its dated events as
    (entity, event, date, location) and its elapsed-time findings."""
    yield from dated_events(ctx)
    yield from elapsed(ctx)


GROUP = "corpus"  # the notes of every document; no claim


def check_group(ctx: Context, claims):
    items = ctx.notes.get(CODE, ())
    yield from (x for x in items if isinstance(x, Finding))
    seen = defaultdict(list)  # (entity, event) -> [(date, location)]
    for x in items:
        if not isinstance(x, Finding):
            entity, event, date, loc = x
            seen[(entity, event)].append((dt.date.fromisoformat(date), loc))
    for (entity, event), dated in seen.items():
        first = dated[0]
        for other in dated[1:]:
            if abs((other[0] - first[0]).days) > 1:
                message = (f"{entity} {event} dated {first[0].isoformat()} ({first[1].snippet}) and "
                           f"{other[0].isoformat()} ({other[1].snippet})")
                yield Finding(CODE, SLUG, "warning", message, (first[1], other[1]),
                              (("dates", f"{first[0]},{other[0]}"),), (entity, event))
                break


def dated_events(ctx: Context):
    rx, of = _events()
    for a in ctx.docs:
        text = a.nt.text
        dates = [q for q in a.quantities if q.kind == "date" and q.date]
        if not dates:
            continue
        date_starts = [q.nstart for q in dates]
        names = [(m.start(), m.end(), ctx.lex.entity_of[m.group()]) for m in ctx.lex.entity_re.finditer(text)]
        name_starts = [n[0] for n in names]
        for s, e in sentences(text):
            in_s = dates[bisect.bisect_left(date_starts, s):bisect.bisect_left(date_starts, e)]
            ev = rx.search(text, s, e)
            if len(in_s) != 1 or ev is None:
                continue
            event, kinds = of[ev.group()]
            in_sentence = names[bisect.bisect_left(name_starts, s):bisect.bisect_left(name_starts, e)]
            near = [(min(abs(ns - ev.end()), abs(ev.start() - ne)), ent) for ns, ne, ent in in_sentence
                    if ctx.lex.entities[ent].kind in kinds
                    and min(abs(ns - ev.end()), abs(ev.start() - ne)) <= NEAR]
            if not near:
                continue
            q = in_s[0]
            yield min(near)[1], event, q.date, a.location(q.start, q.end, q)


_SINCE = re.compile(r"(?:以来|来|之后|后|至今|迄今)")
_ELAPSED_BEFORE = re.compile(r"(?:过去|这|近|已|已经|整整)的?\s*$")
ELAPSED_UNITS = frozenset({"year", "month", "week", "day"})  # durations said of time since a date


def elapsed(ctx: Context):
    """Durations since a named date, against the publication date."""
    for a in ctx.docs:
        if not a.published:
            continue
        pub = dt.date.fromisoformat((a.published + "-01-01")[:10]) if len(a.published) < 10 else dt.date.fromisoformat(a.published)
        text = a.nt.text
        starts = [q.nstart for q in a.quantities]
        for s, e in sentences(text):
            qs = a.quantities[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]
            anchors = [q for q in qs if q.kind in ("date", "period") and (q.date or (q.period or "")[:4].isdigit())
                       and not q.relative]
            spans = [q for q in qs if q.kind == "duration" and q.unit in ELAPSED_UNITS and q.value is not None
                     and q.qualifier in ("exact", "approx", "over", "under")]
            if len(anchors) != 1 or len(spans) != 1:
                continue
            anchor, span = anchors[0], spans[0]
            if not (anchor.nend <= span.nstart and (_SINCE.search(text, anchor.nend, span.nstart)
                                                     or _ELAPSED_BEFORE.search(text, s, span.nstart))):
                continue
            start = dt.date.fromisoformat(anchor.date) if anchor.date else dt.date(max(1, int(anchor.period[:4])), 1, 1)
            actual = (pub - start).days * factor("day", span.unit)  # through the pint registry
            # one unit of slack either side: "10年来" is said from 9.5 to 10.9 years, and a year
            # named alone (2013年) may be any day of it
            if not (span.value - 1 <= actual and (span.qualifier == "over" or actual <= span.value + 1)):
                locs = (a.location(anchor.start, anchor.end), a.location(span.start, span.end))
                message = (f"{span.text} since {anchor.text}, but {anchor.text} to the publication date "
                           f"{pub.isoformat()} is {actual:.1f} {span.unit}s")
                yield Finding(CODE, SLUG, "warning", message, locs, (("elapsed", f"{actual:.1f}"),),
                              (a.doc.ident, anchor.text, span.text))
