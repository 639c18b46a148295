"""What a count counts, for a figure the metric resolver leaves without a metric: counts are
written by what they count, not by a metric word (65万部电梯, 新任命的合伙人只有70名, 1000万人死亡).

Read, in this order, from the words of audit/data/counted.yaml:

- a verb right before the count that makes it a known metric (卖出4690万台 -> ``sales_volume``,
  evidence ``metric:verb``);
- a measure word that names what it counts (98629万股: shares);
- the noun right after its classifier, past a short modifier (65万部电梯, 182个全职职位), or what
  the counted things do (1000万人死亡);
- the noun or act before it in its clause that takes its classifier (合伙人只有70名) or is named
  with a counter (任命的人数将会不到65人, 任命的84人);
- for a count that names nothing itself, what the count before it in its sentence counts, when
  the words between restate it for another period, an expectation or a part (与去年同期的4670万部).

All but the verb give a *counted metric*: ``#`` and the noun (``#电梯``, ``#死亡``), evidence
``metric:counted``. The ``#`` cannot open a metric id of metrics.yaml (snake_case words) nor an
unlisted entity (``~name``) or segment, so a counted metric never clashes with either, and the
severity rule (checks/_evidence.py) tells it from a named metric by its evidence: it is not
:meth:`Claim.strong`, so checks that compare keys grade it info (on the dev gold and real-news,
counting it strong changed no finding: its entity and period are rarely named). A duration is
never read here: what lasted is not a thing counted. Prose (成千上万名) is no count.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from ..lexicon import LexiconError, alternation
from ..model import Quantity
from .frame import Sentence
from .model import VALUE_KINDS
from .lexicons import section, vocabulary, words
from .metric import Found, fits

PREFIX = "#"  # a counted metric's id: #电梯
FILE = "counted.yaml"
_NOT_MODIFIER = re.compile(r"[\d\W_]")  # punctuation, spaces and digits end a modifier
VERB_REACH = 12  # characters before a count its verb and the words between may span
BEFORE_GAP = 8  # characters between a counted noun and its figure after it (合伙人只有70名)
BEFORE_REACH = 24  # characters before a figure read for its noun: a clause may be a whole line


class _Words(NamedTuple):
    verbs: dict[str, str]
    verb_re: re.Pattern  # a verb and the words between it and the figure, at the end of a window
    classifier_set: frozenset[str]
    lengths: tuple[int, ...]  # of the classifiers, longest first
    classifier_re: re.Pattern
    modifier: int
    stop_re: re.Pattern
    takes: dict[str, frozenset[str]]  # noun or act -> the classifiers it takes
    acts: frozenset[str]
    thing_re: re.Pattern  # any noun or act
    counter_re: re.Pattern
    same_re: re.Pattern
    aliases: dict[str, str]
    itself: dict[str, str]
    vague: tuple[str, ...]
    bare: tuple[str, ...]
    boundary: frozenset[str]


def _groups(key: str) -> dict[str, frozenset[str]]:
    """The words of the groups under ``key`` (nouns, acts), each with the classifiers it takes."""
    groups = vocabulary(FILE).get(key)
    if not isinstance(groups, list) or not all(isinstance(g, dict) for g in groups):
        raise LexiconError(f"audit/data/{FILE}: {key}: expected a list of {{classifiers, words}}")
    takes: dict[str, frozenset[str]] = {}
    for g in groups:
        cls = frozenset(words(FILE, f"{key}: classifiers", {f"{key}: classifiers": g.get("classifiers")}))
        for w in words(FILE, f"{key}: words", {f"{key}: words": g.get("words")}):
            takes[w] = takes.get(w, frozenset()) | cls
    return takes


@functools.cache
def _words() -> _Words:
    verbs, aliases, itself = section(FILE, "verbs"), section(FILE, "aliases"), section(FILE, "itself")
    for key, table in (("verbs", verbs), ("aliases", aliases), ("itself", itself)):
        if not all(isinstance(k, str) and k and isinstance(v, str) and v for k, v in table.items()):
            raise LexiconError(f"audit/data/{FILE}: {key}: expected a mapping of word -> word")
    modifier = vocabulary(FILE).get("modifier")
    if not isinstance(modifier, int) or isinstance(modifier, bool) or modifier < 0:
        raise LexiconError(f"audit/data/{FILE}: modifier: expected a whole number of characters")
    things = {**_groups("nouns"), **_groups("acts")}
    classifiers = words(FILE, "classifiers")

    def rx(key: str) -> re.Pattern:
        return re.compile(alternation(words(FILE, key)))

    return _Words(
        verbs=dict(verbs),
        verb_re=re.compile(f"(?:{alternation(verbs)})(?:{alternation(words(FILE, 'between'))})*\\Z"),
        classifier_set=frozenset(classifiers), lengths=tuple(sorted({len(c) for c in classifiers}, reverse=True)),
        classifier_re=re.compile(alternation(classifiers)), modifier=modifier, stop_re=rx("stops"),
        takes=things, acts=frozenset(_groups("acts")), thing_re=re.compile(alternation(things)),
        counter_re=rx("counters"), same_re=rx("same"), aliases=dict(aliases), itself=dict(itself),
        vague=words(FILE, "vague"), bare=words(FILE, "bare"), boundary=frozenset(words(FILE, "boundary")))


def read(s: Sentence, q: Quantity, clause: int) -> Found | None:
    """The metric a count (or a bare number followed by a counted noun) is read as, from what it
    counts, or None. ``clause`` is where the figure's clause starts."""
    w, text = _words(), s.doc.text
    if q.kind not in ("count", "number") or text.startswith(w.vague, q.nstart):
        return None  # 成千上万名用户: prose, not a count
    classifier, after = _classifier(w, text, q)
    if q.kind == "count" and classifier is None:
        return None  # a measure (吨, 平方米) or a unit of its own (参数): not a count of things
    return _own(s, q, clause, classifier, after) or _same_as_before(s, q)


def _own(s: Sentence, q: Quantity, clause: int, classifier: str | None, after: int) -> Found | None:
    """What the figure's own words say it counts: its verb, the noun after it or before it. A bare
    number is followed by what it counts only when written in 万 or 亿 (3亿儿童; 2345贷款王 is a name)."""
    w, text = _words(), s.doc.text
    verb = _verb(s, q, clause)
    if verb is not None:
        return Found(None, verb, "verb")
    follows = classifier is not None or text[q.nstart:q.nend].endswith(w.bare)
    if follows and s.doc.lex.metric_re.match(text, after + text.startswith("的", after)):
        return None  # 2-3家投资机构: a word of the metric lexicon (or its `none` list) is the metric's
    thing = w.itself.get(classifier or "") or (follows and _after(w, text, after, s.end, classifier)) \
        or _before(w, text, clause, q, classifier, after, s.doc.lex.metric_re)
    return Found(None, PREFIX + w.aliases.get(thing, thing), "counted") if thing else None


def _same_as_before(s: Sentence, q: Quantity) -> Found | None:
    """What the count before it in its sentence counts, when the figure names nothing itself, is
    of the same kind (a count of one unit and classifier, or a bare number after a count) and the
    words between restate that count's measure for another period, an expectation or a part
    (与去年同期的4670万部, 这一数字将提升到2000, 其中有25家), or a date stands between (而截至6月30日为62家)."""
    w, text = _words(), s.doc.text
    p, dated = _value_before(s.quantities, q)
    if p is None or p.kind != "count":
        return None
    same_kind = ((q.kind, q.unit, q.classifier) == (p.kind, p.unit, p.classifier)
                 or (q.kind, q.unit) == ("number", None))
    if not same_kind or not (dated and q.kind == "count" or _restates(w, text, p, q)):
        return None
    classifier, after = _classifier(w, text, p)
    return _own(s, p, s.clause_start(p.nstart), classifier, after) if classifier is not None else None


def _value_before(qs: list[Quantity], q: Quantity) -> tuple[Quantity | None, bool]:
    """The value before ``q`` among the sentence's figures ``qs`` (in text order), and whether a
    date or period stands between; found by bisection, so a sentence of many figures stays linear."""
    dated = False
    for i in range(bisect.bisect_left(qs, q.nstart, key=_start) - 1, -1, -1):
        if qs[i].kind in VALUE_KINDS:
            return qs[i], dated
        dated = dated or qs[i].kind in ("date", "period")
    return None, dated


def _start(q: Quantity) -> int:
    return q.nstart


def _classifier(w: _Words, text: str, q: Quantity) -> tuple[str | None, int]:
    """The figure's measure word of counting, if any, and where what follows it starts: a count
    ends with its classifier (65万部); a bare number may be followed by one the parser does not
    read (4亿剂)."""
    if q.kind == "count":
        figure = text[q.nstart:q.nend]
        return next((figure[-n:] for n in w.lengths if figure[-n:] in w.classifier_set), None), q.nend
    m = w.classifier_re.match(text, q.nend)
    return (m.group(), m.end()) if m else (None, q.nend)


def _verb(s: Sentence, q: Quantity, clause: int) -> str | None:
    """The known metric a verb right before the figure makes of it (卖出4690万台: sales_volume)."""
    w = _words()
    m = w.verb_re.search(s.doc.text, max(clause, q.nstart - VERB_REACH), q.nstart)
    if m is None:
        return None
    verb = next(v for v in sorted(w.verbs, key=len, reverse=True) if m.group().startswith(v))
    metric_id = w.verbs[verb]
    return metric_id if metric_id in s.doc.lex.metrics and fits(s.doc.lex, metric_id, q.kind) else None


def _after(w: _Words, text: str, at: int, end: int, classifier: str | None) -> str | None:
    """The noun the figure counts, right after it (65万部电梯) or past a short modifier after its
    classifier, when the noun takes that classifier (182个全职职位, 2亿套的房子; not 51亿人通过终端);
    an act right after it (1000万人死亡). Of nouns written together the last is the head (27起贷款
    案例: 案例)."""
    if classifier is not None and text.startswith("的", at):
        at += 1
    reach = w.modifier if classifier is not None else 0  # 3亿儿童: a bare number takes no modifier
    for i in range(at, min(at + reach, end) + 1):
        if i > at and (_NOT_MODIFIER.search(text, i - 1, i) or w.stop_re.search(text[at:i])):
            return None
        m = w.thing_re.match(text, i, end)
        if m is None or (i > at and (m.group() in w.acts or classifier not in w.takes[m.group()])):
            continue
        while (head := w.thing_re.match(text, m.end(), end)) is not None and head.group() not in w.acts:
            m = head
        return None if _continues(w, text, m.end(), end) else m.group()
    return None


def _continues(w: _Words, text: str, at: int, end: int) -> bool:
    """Is the word matched up to ``at`` the head of a longer word (用户群)?"""
    return at < end and text[at] in w.boundary


def _before(w: _Words, text: str, clause: int, q: Quantity, classifier: str | None, after: int,
            metric_re: re.Pattern) -> str | None:
    """The noun or act before the figure in its clause that names what it counts: one named with
    a counter (任命的人数为65人) or with 的 right before the figure (任命的84人), or one that takes
    its classifier when no other word follows the figure (合伙人只有70名, not 做手机…复制100个小品牌)
    and no other noun stands between (not 基金的出资人为5家)."""
    found = None
    for m in w.thing_re.finditer(text, max(clause, q.nstart - BEFORE_REACH), q.nstart):
        if w.counter_re.match(text, m.end()) or not _continues(w, text, m.end(), q.nstart):
            found = m  # 合伙人数量 names a count of partners; 用户群 is no 用户
    if found is None:
        return None
    thing, rest = found.group(), found.end()
    rest += text.startswith("的", rest)
    if w.counter_re.match(text, rest) or (rest == q.nstart and rest > found.end() and thing in w.acts):
        return thing
    ends = after >= len(text) or not text[after].isalnum() or w.stop_re.match(text, after) is not None
    gap = text[found.end():q.nstart]  # 基金的出资人为5家: 的 or another noun between, it counts that
    named = len(gap) <= BEFORE_GAP and "的" not in gap and not metric_re.search(gap)
    return thing if ends and named and classifier in w.takes[thing] and thing not in w.acts else None


def _restates(w: _Words, text: str, p: Quantity, q: Quantity) -> bool:
    """Do the words between ``p`` and ``q`` restate p's measure? A word that is q's own qualifier
    (超过20家: more than 20) restates nothing."""
    own = q.qualifier != "exact"
    return any(not (own and m.end() == q.nstart) for m in w.same_re.finditer(text, p.nend, q.nstart))
