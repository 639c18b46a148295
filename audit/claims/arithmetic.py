"""Arithmetic one sentence states between its own figures, tied by its words, not by a metric
(issue 22): 从100亿元增长20%至120亿元; 收报3622.91点,跌40.82点,跌幅为1.11%; A相差X; A,高于B;
总数…,其中…; 北京、上海这2个城市. Such a relation holds whatever the figures measure, so a figure
in one becomes a claim even when no metric word is read.

Such a claim has metric None and the evidence `metric:none` and `relation:<kind>`; with no
metric its key enters none of the indexes that link documents (audit.engine keys only claims
with a metric; :mod:`.relations` reads the relations of figures that have one): the checks of its own sentence read it through the relations it carries:

- growth: the value after a change carries the change and ("from", the value it started from) or
  ("by", the change in units) — AU200;
- difference: a stated difference (相差D; D的差距) carries ("difference-of", a) and ("difference-of", b); a bare
  number that ends its clause may be one of them, its unit elided (总分为291996,…282233分) — AU210;
- comparison: the first figure carries ("compare:<word>", the second), as figures with a metric
  do; a comparative adjective before the second (乙比甲还要略厚一些,达到8.46mm; 更贵,为…) makes
  the second carry it of the first — AU240;
- part: each part after 其中 carries ("part-of", the whole just stated) — AU230;
- sum, share: a total after its parts, a share of a count stated as the whole (:mod:`.wholes`);
- enumeration: a count right after its list (or a bare number and a noun of the list's items:
  …大连、温州6队) carries ("enumeration:N", "") when the list is all of
  it, ("enumeration-open:N", "") when it may be a part (等), ("enumeration-apposed:N", "") when no
  word closes it (…成都、郑州8个城市) — AU250.

The words are in audit/data/arithmetic.yaml.
"""
from __future__ import annotations

import bisect
import re
from typing import Any, Callable

from ..model import Quantity
from .arithmetic_words import Words, words
from .comparisons import comparative, compare
from .model import VALUE_KINDS, Change, Claim
from .sentence import _SEMICOLON, Link, _delta, _prior, _Sentence, sentence
from .share_lists import share_lists
from .wholes import metric_totals, of_its_metric, partitions, people, rests, shares, totals


_BASIS = re.compile("同比|环比")
_VALUE_KINDS = frozenset(VALUE_KINDS)
_STOP = r"[,，;；:：。!?]"
_AFTER_LAST = 6  # characters after a sentence's last figure its readers' words are looked for in


def _rate_direction(m: re.Match) -> str:
    return "up" if m.group("up") or m.groupdict().get("rup") else "down"


def _is_rate(q: Quantity) -> bool:
    return q.kind == "percent"


def _from_to(s: _Sentence, w: Words) -> list[Link]:
    """从A增长R%至B / 比A下降R%,至B / 从A(…)至B,增长R% / 从A至B,增加D: B carries the change from A."""
    out = []
    v = s.values
    for i in range(len(v) - 1):
        before = w.not_from.sub("", s.before(i, 14))
        if not w.from_.search(before) and not w.than_before.search(before):
            continue
        if i + 2 < len(v) and _is_rate(v[i + 1]) and s.same(i, i + 2):
            m = w.direction.search(s.gap(i, i + 1))
            if m and len(s.gap(i, i + 1)) <= 8 and w.to.match(s.gap(i + 1, i + 2)) \
                    and len(s.gap(i + 1, i + 2)) <= 4:
                out.append(Link("growth", i + 2, (("from", i),), (_rate_direction(m), i + 1)))
                continue
        if not s.same(i, i + 1) or not w.from_.search(before) or not _reaches(s, w, i):
            continue  # 比A…至B: only with the rate between them (比A下降27%,至B)
        after = s.gap(i + 1, i + 2) if i + 2 < len(v) else ""
        m = w.rate_gap.fullmatch(after) if after else None
        if m and _is_rate(v[i + 2]) and not _BASIS.search(after):  # 同比: from a base not said to be A
            out.append(Link("growth", i + 1, (("from", i),), (_rate_direction(m), i + 2)))
        elif m and (m.group("up") or m.group("down")) and s.same(i, i + 2):
            out.append(Link("difference", i + 2, (("difference-of", i), ("difference-of", i + 1))))
    return out


def _reaches(s: _Sentence, w: Words, i: int) -> bool:
    """Whether the figure after ``i`` is where the change from it ends: 至 or 到 stands in its
    clause before it, within a few clauses of ``i`` (从84.6美元一路向下,几度跌至65.35美元)."""
    gap = s.gap(i, i + 1)
    if len(gap) > 36 or _SEMICOLON.search(gap):
        return False
    clause = s.text[s.clauses[i + 1]:s.values[i + 1].nstart]
    return bool(w.to_in.search(w.not_to.sub("", clause))) \
        and not w.from_.search(w.not_from.sub("", gap))


def _than(s: _Sentence, w: Words) -> list[Link]:
    """C,较去年同期的A增长R% / C,相较于2017年A的…,同比下滑R%: C carries the change from A (the
    rate may follow a stated difference)."""
    out = []
    v = s.values
    for i in range(len(v) - 2):
        gap = s.gap(i, i + 1)
        if not (s.same(i, i + 1) and w.than.match(gap)) or w.not_from.match(gap.lstrip(",，( ")) \
                or _delta(s, w, i + 1) or not (gap.endswith("的") or s.text.startswith("的", v[i + 1].nend)):
            continue  # the base is the one of 较…的A or 较…A的; 比上年增加1.7亿元 is a change (_level_by)
        for k in range(i + 2, len(v)):
            if _is_rate(v[k]):
                m = w.rate.search(s.before(k, 10))
                if m and v[k].nstart - v[i + 1].nend <= 30 and _same_basis(w, gap, s.before(k, 10)):
                    out.append(Link("growth", i, (("from", i + 1),), (_rate_direction(m), k)))
                break
            if not (w.difference.search(s.before(k, 8)) or s.change(k)):
                break  # another value: the rate is not said to be of C
    return out


def _same_basis(w: Words, than: str, rate: str) -> bool:
    """A rate said to be 同比 (环比) is of a base the than clause places a year (a quarter, a
    month) before: 相较于2017年三季度357亿元…同比下滑15.2%, not 相比上季度的1.61亿…同比增长19%."""
    basis = _BASIS.search(rate)
    if basis is None:
        return True
    year, near = w.year_ago.search(than), w.period_ago.search(than)
    return bool(year and not near) if basis.group() == "同比" else bool(near)


def _level_by(s: _Sentence, w: Words) -> list[Link]:
    """收报L点,跌D点,跌幅为R%: the level L carries the change R, by D from the level before it."""
    out = []
    v = s.values
    for r in range(1, len(v)):
        mr = w.rate.search(s.before(r, 10)) if _is_rate(v[r]) else None
        if mr is None:
            continue
        d = next((j for j in range(r - 1, -1, -1) if not _is_rate(v[j]) and s.change(j)
                  and not w.to.match(s.text, v[j].nend, v[j].nend + 3)), None)  # the last change before r
        if d is None:
            continue
        md = s.change(d)
        if _rate_direction(mr) != _rate_direction(md):
            continue  # 涨12点,跌幅1%: the words disagree; not read
        levels = [j for j in (d - 1, d + 1) if 0 <= j < r and j != d and s.same(j, d) and not _prior(s, w, j)
                  and (w.level.search(s.before(j, 8)) or w.level_after.match(s.text, v[j].nend)
                       or j == d - 1 and w.than_delta.match(s.gap(j, d)))]
        between = [j for j in range(d + 1, r) if j not in levels]
        if levels and not between and len(s.text[v[min(d, levels[0])].nend:v[r].nstart]) <= 40:
            out.append(Link("growth", levels[0], (("by", d),), (_rate_direction(md), r)))
    return out


def _difference(s: _Sentence, w: Words) -> list[Link]:
    """A…B…相差D / A…B…,有D的差距: D is the difference of the two values of its unit stated
    before it."""
    out = []
    v = s.values
    for k in range(2, len(v)):
        if _is_rate(v[k]) or not (w.difference.search(s.before(k, 8)) or w.difference_after.match(s.text, v[k].nend)):
            continue
        same = [j for j in range(k) if s.same(j, k)]
        if len(same) == 1:
            same = sorted(same + [j for j in range(k) if _elided(s, w, j, k)])
        if len(same) != 2 or any(s.change(j) for j in same):
            continue  # one value, or more than two: which two is not said
        out.append(Link("difference", k, tuple(("difference-of", j) for j in same)))
    return out


def _elided(s: _Sentence, w: Words, j: int, k: int) -> bool:
    """Is figure ``j`` a bare number whose unit is the one of figure ``k``, elided: it has none,
    ``k`` has one, and it ends its clause (总分为291996,…为282233分,…差异近一万分)?"""
    a, b = s.values[j], s.values[k]
    return a.kind == "number" and a.unit is None and a.value is not None and b.unit is not None \
        and b.kind not in ("percent", "percentage_point") and w.elided.match(s.text, a.nend) is not None


def _parts(s: _Sentence, w: Words) -> list[Link]:
    """W,其中A…,B…: the parts stated after 其中, up to the next semicolon or 其中, are parts of
    the whole W stated right before it: amounts, or counts of people; not counts of items, whose
    nouns (家 of companies, 家 of stores) are not read."""
    v = s.values
    out = []
    for i in range(len(v) - 1):
        gap = s.gap(i, i + 1)
        if not w.parts.search(gap) or _prior(s, w, i) or s.change(i) \
                or v[i].unit in (None, "item"):
            continue
        for j in range(i + 1, len(v)):
            if j > i + 1 and (w.parts.search(s.gap(j - 1, j)) or _SEMICOLON.search(s.gap(j - 1, j))):
                break
            if s.same(i, j) and not _prior(s, w, j) and not s.change(j) \
                    and not w.difference.search(s.before(j, 8)) and not w.to.search(s.before(j, 4)):
                out.append(Link("part", j, (("part-of", i),)))
    return out


def _lists(s: _Sentence, w: Words) -> list[Link]:
    """北京、上海这2个城市 / A、B等3家 / A、B和C3名外援: a count of items or of people right after the
    list it counts, closed by 这/等 (or by nothing: :func:`_apposed`).
    Where the list may be read as several numbers of items, an exact count is related to the
    reading it matches, or, matching none, to the nearest (a mismatch under every reading)."""
    out = []
    for i, q in enumerate(s.values):
        if not _counts_items(s, w, q) or q.qualifier != "exact" or q.value is None or q.value > 30:
            continue
        m = w.list_end.search(s.text, s.clauses[i], q.nstart)
        if m is None:
            out += _apposed(s, w, i)
            continue
        readings = _readings(m.group("list"), w)
        if not readings:
            continue
        if w.closers[m.group("close")] == "open":
            out.append(Link("enumeration", i, ((f"enumeration-open:{min(readings)}", None),)))
        else:
            n = min(readings, key=lambda r: (abs(r - q.value), r))
            out.append(Link("enumeration", i, ((f"enumeration:{n}", None),)))
    return out


def _counts_items(s: _Sentence, w: Words, q: Quantity) -> bool:
    """Is ``q`` a count of items or people (3家, 5名), or a bare number a noun of a list's items
    follows (温州6队)?"""
    if q.kind == "count":
        return q.unit in ("item", "person")
    return q.kind == "number" and q.unit is None and w.list_noun.match(s.text, q.nend) is not None


def _apposed(s: _Sentence, w: Words, i: int) -> list[Link]:
    """…西安、武汉、沈阳、成都、郑州8个城市: a long list right before its count, no closer between,
    is what the count names unless the count is more than twice its items (then it counts
    something in them: 北京、上海、深圳10家门店): ("enumeration-apposed:N", None), a warning's.
    Long: as many items as list_apposed under one of its readings (A、B和C has three)."""
    q = s.values[i]
    m = w.apposed.search(s.text, s.clauses[i], q.nstart)
    readings = _readings(m.group("list"), w) if m is not None else set()
    if not readings or max(readings) < w.apposed_least or q.value > 2 * max(readings):
        return []
    n = min(readings, key=lambda r: (abs(r - q.value), r))
    return [Link("enumeration", i, ((f"enumeration-apposed:{n}", None),))]


def _readings(text: str, w: Words) -> set[int]:
    """How many items a list may have: as its split words cut it (A、B和C), as 、 alone does
    (枢纽及北岸干渠工程 may be one item), and with its first item whole, which may carry the
    words that open the list (参与研究的有美国、英国…: 参与's 与 cuts nothing). None when it is
    no plain list (an item too long, a last item ending in 的)."""
    fewest = [t for t in text.split("、") if t.strip()]
    if len(fewest) < 2 or fewest[-1].strip().endswith("的"):
        return set()
    split = [t.strip() for t in w.split.split(text) if t.strip()]
    rest = [t.strip() for t in w.split.split(text.split("、", 1)[1]) if t.strip()]
    if any(len(t) > w.item_max for t in rest):
        return set()
    out = {len(fewest), 1 + len(rest)}
    if all(len(t) <= w.item_max for t in split):
        out.add(len(split))
    return out


# Each reader with the fewest values it can relate (a comparison of a rate with a base and a
# result needs three): a sentence with fewer is not read by it.
_READERS: tuple[tuple[Callable[[_Sentence, Words], list[Link]], int], ...] = (
    (_from_to, 2), (_than, 3), (_level_by, 2), (_difference, 3), (compare, 2), (_parts, 2), (_lists, 1),
    (totals, 3), (shares, 2), (metric_totals, 3), (partitions, 2), (people, 1), (rests, 2), (share_lists, 2),
    (comparative, 2))


def read(text: str, start: int, values: list[Quantity], marks: list[int]) -> list[Link]:
    """The relations one sentence states between its figures (``values``: its value figures in
    order; ``marks``: the document's clause marks). A reader runs only when the sentence has
    enough values and holds its word (its gate), the sentence's frame made at the first."""
    w = words()
    end, n = values[-1].nend + _AFTER_LAST, len(values)  # a word right after the last figure (的差距) opens a reader too
    if n < 2 and not any(least == 1 and gate.search(text, start, end) for (_, least), gate in zip(_READERS, w.gates)):
        return []  # one figure: only a reader of one (a list's count, a percentage of people) relates it
    s = None
    out: list[Link] = []
    for (reader, least), gate in zip(_READERS, w.gates):
        if n >= least and gate.search(text, start, end) is not None:
            s = s or sentence(text, start, values, marks)
            out += reader(s, w)
    return out


def extend(a: Any, claims: list, sent_qs: list[Quantity], start: int, marks: list[int], stops: list[int],
           n0: int) -> list:
    """The claims of one sentence of document ``a`` (audit.analysis.Analyzed) with its local
    relations: a figure in one that is no claim becomes one (metric None), in text order; the
    relations and changes are set on their carriers and the ids renumbered from ``n0``."""
    values = [q for q in sent_qs if q.kind in _VALUE_KINDS]
    if not values:
        return claims
    links = read(a.nt.text, start, values, marks)
    if not links:
        return claims
    at = {c.quantity.nstart: c for c in claims if c.quantity is not None}
    links = [x for x in links if (x.change is None or _free(at.get(values[x.carrier].nstart), values[x.change[1]]))
             and _one_metric(x, at, values)]
    links = [y for x in links for y in of_its_metric(x, at, values)]
    kinds: dict[int, list[str]] = {}
    for link in links:
        for j in _members(link):
            kinds.setdefault(j, []).append(link.kind)
    for j in kinds:
        if values[j].nstart not in at:
            at[values[j].nstart] = _bare(a, values[j], stops)
    ordered = sorted(at.values(), key=lambda c: c.quantity.nstart)
    return _link(ordered, {c.id for c in claims}, a.doc.path, n0, values, links, kinds)


def _one_metric(link: Link, at: dict, values: list[Quantity]) -> bool:
    """The figures of a link that are claims already name one metric (or none): 市值缩水147亿美元
    is no difference of two share prices. Parts, comparisons and lists may name several."""
    if link.kind not in ("growth", "difference"):
        return True
    members = _members(link)
    named = {c.metric for j in members if (c := at.get(values[j].nstart)) is not None and c.metric}
    return len(named) <= 1


def _free(c: Any, rate: Quantity) -> bool:
    """Whether claim ``c`` (or no claim yet) may carry the change ``rate``: not another one."""
    return c is None or c.change is None or c.change.quantity.nstart == rate.nstart


def _bare(a: Any, q: Quantity, stops: list[int]) -> Claim:
    """A claim of a figure that measures nothing named: only its relations make it one."""
    line, col = a.where(q.start)
    return Claim("", a.doc.path, None, None, None, None, q, None, q.text, line, col,
                 evidence=_BARE, stop=bisect.bisect_right(stops, q.nstart), context=a.context(q.start, q.end))


_BARE = ("entity:none", "metric:none", "period:none")


def _link(ordered: list, old: set[str], path: str, n0: int, values: list[Quantity], links: list[Link],
          kinds: dict[int, list[str]]) -> list:
    """Renumber the sentence's claims in text order and set each link's relations and change."""
    renamed = {c.id: f"{path}#{n0 + k + 1}" for k, c in enumerate(ordered) if c.id in old}
    out = [c._replace(id=f"{path}#{n0 + k + 1}", relations=tuple((r, renamed.get(o, o)) for r, o in c.relations))
           for k, c in enumerate(ordered)]
    pos = {c.quantity.nstart: k for k, c in enumerate(out)}
    for link in links:
        k = pos[values[link.carrier].nstart]
        c = out[k]
        rels = tuple((r, "" if j is None else out[pos[values[j].nstart]].id) for r, j in link.relations)
        change = c.change
        if link.change is not None and not _free(c, values[link.change[1]]):
            continue  # two changes read for one value: neither is set
        if link.change is not None and change is None:
            change = Change(None, link.change[0], values[link.change[1]])
        if not set(rels) <= set(c.relations):
            out[k] = c._replace(relations=c.relations + tuple(x for x in rels if x not in c.relations), change=change)
    made = {k for k, c in enumerate(ordered) if c.id not in old}
    for j, ks in kinds.items():
        k = pos[values[j].nstart]
        if k in made or "growth" in ks:  # a made claim says why; a carried change says so
            tags = tuple(f"relation:{x}" for x in dict.fromkeys(ks) if f"relation:{x}" not in out[k].evidence)
            out[k] = out[k]._replace(evidence=out[k].evidence + tags)
    for link in links:
        _share_entity(out, [pos[values[j].nstart] for j in _members(link)], made)
    return out


def _members(link: Link) -> list[int]:
    return [link.carrier, *(j for _, j in link.relations if j is not None)]


def _share_entity(out: list, ks: list[int], made: set[int]) -> None:
    """The claims made for a relation take the entity of its other claims (the first named), so
    that a check grouping claims by entity finds the relation's claims together; evidence
    ``entity:relation``."""
    entity = next((out[k].entity for k in ks if k not in made and out[k].entity), None)
    if entity is None:
        return
    for k in ks:
        if k in made and out[k].entity is None:
            ev = tuple("entity:relation" if e == "entity:none" else e for e in out[k].evidence)
            out[k] = out[k]._replace(entity=entity, evidence=ev)
