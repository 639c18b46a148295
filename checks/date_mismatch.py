"""AU400 date-mismatch: one event dated differently.

Rule: a sentence with one resolved date and an event word (发布, 成立, 上市; the list is
``audit/data/events.yaml``) right beside the name of a product, model or company dates that
entity's event. When the corpus dates one entity's
event of one kind on different days that are more than a day apart (a day's difference is time
zones and 次日 reporting), the dates conflict. Severity: warning, since an entity can release
twice; the message quotes both sentences' dates. Elapsed-time statements (过去9个月) are not yet
checked against the dates.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from importlib import resources

import yaml

from audit.engine import Context
from audit.lexicon import alternation
from audit.model import Finding
from audit.segment import sentences

CODE = "AU400"
SLUG = "date-mismatch"
SEVERITY = "warning: the same entity's event of one kind dated on days more than one apart"

BAD = "3月16日,百度正式发布文心一言。\n百度于3月28日发布文心一言,引发关注。"
GOOD = "3月16日,百度正式发布文心一言。\n百度于3月16日发布文心一言,引发关注。"


@functools.cache
def _events() -> tuple[re.Pattern, dict[str, tuple[str, tuple[str, ...]]]]:
    data = yaml.safe_load(resources.files("audit.data").joinpath("events.yaml").read_text(encoding="utf-8"))
    of = {w: (e["id"], tuple(e.get("of", ()))) for e in data for w in e["words"]}
    return re.compile(alternation(of)), of


NEAR = 8  # characters between an event word and the name it is about


def check(ctx: Context):
    rx, of = _events()
    seen = defaultdict(list)  # (entity, event) -> [(date, analysis, quantity)]
    for a in ctx.docs:
        text = a.nt.text
        dates = [q for q in a.quantities if q.kind == "date" and q.date]
        if not dates:
            continue
        names = [(m.start(), m.end(), ctx.lex.entity_of[m.group()]) for m in ctx.lex.entity_re.finditer(text)]
        for s, e in sentences(text):
            in_s = [q for q in dates if s <= q.nstart < e]
            ev = rx.search(text, s, e)
            if len(in_s) != 1 or ev is None:
                continue
            event, kinds = of[ev.group()]
            near = [(min(abs(ns - ev.end()), abs(ev.start() - ne)), ent) for ns, ne, ent in names
                    if s <= ns < e and ctx.lex.entities[ent].kind in kinds
                    and min(abs(ns - ev.end()), abs(ev.start() - ne)) <= NEAR]
            if not near:
                continue
            entity = min(near)[1]
            seen[(entity, event)].append((dt.date.fromisoformat(in_s[0].date), a, in_s[0]))
    for (entity, event), items in seen.items():
        first = items[0]
        for other in items[1:]:
            if abs((other[0] - first[0]).days) > 1:
                locs = tuple(x[1].location(x[2].start, x[2].end) for x in (first, other))
                message = (f"{entity} {event} dated {first[0].isoformat()} ({first[2].text}) and "
                           f"{other[0].isoformat()} ({other[2].text})")
                yield Finding(CODE, SLUG, "warning", message, locs,
                              (("dates", f"{first[0]},{other[0]}"),), (entity, event))
                break
