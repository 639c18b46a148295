"""AU400 date-mismatch: one event dated differently.

Rule: a dated event is (entity, event, object): a sentence with one resolved date and an event
word (发布, 成立, 上市; the list is ``audit/data/events.yaml``) beside the name of what was
released, founded or listed, with its version (文心一言3.5 is another release than 文心一言), and
the company named before the word (audit/events.py). A month or a year named with its year
(2016年发布, 2017年5月推出) dates an event as widely as it is. Dates the text writes without a year (6月8日)
are resolved against the document's publication date, so 6月8日 in one article and 2021年6月9日 in
another are compared as days. When the corpus dates one event on days more than one apart (a
day's difference is time zones and 次日 reporting), the dates conflict: one finding per event,
listing each distinct date with its places, the outliers against the date most places state.
Elapsed time: a sentence that states a duration since a date it names (2013年成立,10年来; 自2022年11月
以来的9个月) must agree with the time from that date to the document's publication date, within the
stated rounding (one unit either side, open for 超过/近). Severity: a conflict is an error when a
place of each date writes the full date with its year and names the entity and the object, else
a warning (a date resolved against a publication date may be off by the article's age); elapsed
time is a warning ("来" can be loose).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict

from audit.context import Context
from audit.events import DatedEvent, dated_events
from audit.model import Finding
from audit.quantities import periods
from audit.segment import sentences
from audit.units import factor

CODE = "AU400"
SLUG = "date-mismatch"
SEVERITY = ("error when one event (entity, event, object) is dated on days more than one apart by full "
            "dates naming the entity; warning when a date is resolved against the publication date or "
            "the entity is not named, and for elapsed time")

BAD = "3月16日,百度正式发布文心一言。\n百度于3月28日发布文心一言,引发关注。\n公司自2015年成立以来的3年里发展迅速。"
GOOD = "3月16日,百度正式发布文心一言。\n百度于3月16日发布文心一言,引发关注。\n公司自2015年成立以来的8年里发展迅速。"


def notes(ctx: Context):
    """What each document contributes, read where the document is: its dated events
    (audit.events.DatedEvent) and its elapsed-time findings."""
    for a in ctx.docs:
        yield from dated_events(a, ctx.lex)
    yield from elapsed(ctx)


GROUP = "corpus"  # the notes of every document; no claim


def check_group(ctx: Context, claims):
    items = ctx.notes.get(CODE, ())
    yield from (x for x in items if isinstance(x, Finding))
    seen: dict[tuple, list[DatedEvent]] = defaultdict(list)
    for x in items:
        if isinstance(x, DatedEvent):
            seen[(x.event, x.object)].append(x)
    for dated in seen.values():
        for group in _by_entity(dated):
            found = _conflict(group)
            if found is not None:
                yield found


def _by_entity(dated: list[DatedEvent]) -> list[list[DatedEvent]]:
    """The places of one event and object split by the company named: two companies' events are
    two events; a place naming none joins the company when only one is named."""
    named = list(dict.fromkeys(x.entity for x in dated if x.entity))
    if len(named) <= 1:
        return [dated]
    unnamed = [x for x in dated if x.entity is None]
    return [[x for x in dated if x.entity == e] for e in named] + ([unnamed] if unnamed else [])


def _full(places: list[DatedEvent]) -> bool:
    """Does a place write the full date, year included, and name the entity?"""
    return any(x.explicit and x.entity for x in places)


def _conflict(dated: list[DatedEvent]) -> Finding | None:
    """One finding for an event dated on days more than one apart: each distinct date with its
    places, the outliers measured against the date most places state (the first on a tie)."""
    days: dict[str, list[DatedEvent]] = {}
    for x in dated:
        days.setdefault(x.date, []).append(x)
    ref = max(days, key=lambda d: len(days[d]))
    outliers = [d for d in days if _apart(_span(d), _span(ref))]
    if not outliers:
        return None
    severity = "error" if _full(days[ref]) and any(_full(days[d]) for d in outliers) else "warning"
    entity = next((x.entity for x in dated if x.entity), None) or "?"
    who = f"{entity} {dated[0].event} {dated[0].object}"
    stated = "; ".join(f"{d} ({days[d][0].location.snippet}"
                       + (f", {len(days[d])}x)" if len(days[d]) > 1 else ")") for d in [ref, *outliers])
    locs = tuple(x.location for d in [ref, *outliers] for x in days[d])
    dates = ",".join(sorted([ref, *outliers]))
    return Finding(CODE, SLUG, severity, f"{who} dated {len(outliers) + 1} ways: {stated}", locs,
                   (("dates", dates),), (who,))


def _span(date: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a date, a month (2017-05) or a year (2016), by the period model."""
    covered = periods.months(date)
    if covered is None:  # a day
        day = dt.date.fromisoformat(date)
        return day, day
    (y0, m0), (y1, m1) = covered
    return dt.date(y0, m0, 1), dt.date.fromisoformat(periods.month_end(y1, m1))


def _apart(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    """More than a day between the two spans (a day's difference is time zones and 次日 reports)."""
    return (b[0] - a[1]).days > 1 or (a[0] - b[1]).days > 1


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
