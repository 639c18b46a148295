"""The entity of a figure: the nearest subject (a company, product or model) named before it in
its sentence; in a sentence that names none, the subject of the previous sentence of the
paragraph (以OpenAI为例…。…2022年其净亏损5.45亿美元); for want of either, the document's main
company, marked as inferred. Names outside the lexicon are read by :mod:`.unlisted`. A figure of
an economy's measure (GDP, 社会融资规模: ``economies.yaml``) is the region's its sentence names
(我国), else its paragraph's or its headline's; a name counted or passed on (转发一条微博) is no subject.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from typing import NamedTuple

from ..lexicon import _load, _words, alternation
from ..model import Quantity
from .credits import is_credit
from .frame import Sentence, Span, find
from .lexicons import NON_SUBJECT_KINDS, SUBJECT_KINDS, Lexicons
from .model import VALUE_KINDS
from .unlisted import PREFIX, mentions as unlisted_mentions


class Named(NamedTuple):
    """The entity mentions of a document."""
    entities: list[Span]  # the lexicon's
    unlisted: list[Span]  # names outside the lexicon (~前程无忧)
    subjects: list[Span]  # those that can be a sentence's subject, both kinds
    sources: list[Span]  # agencies, organisations and regions


def mentions(text: str, lex: Lexicons) -> Named:
    ents = find(lex.entity_re, lex.entity_of, text)
    unlisted = unlisted_mentions(text, lex.entity_re, lex.metric_re, ents)  # 前程无忧第三季度营收: ~前程无忧
    things = _lists().things
    not_subjects = [m for m in ents if is_credit(text, m)  # 新浪科技讯: the outlet, not a subject
                    or things.search(text, max(0, m[0] - 2), m[0])]  # 转发一条微博: a post, not Weibo
    subjects = sorted([m for m in ents if lex.entities[m[2]].kind in SUBJECT_KINDS and m not in not_subjects]
                      + unlisted)
    # a credit is neither: the story is the outlet's report, not a market's figures (a source's)
    sources = [m for m in ents if lex.entities[m[2]].kind in NON_SUBJECT_KINDS]
    return Named(ents, unlisted, subjects, sources)


def main_subject(lex: Lexicons, text: str, named: Named) -> str | None:
    """The company a document is mostly about: named at least three times and most often; else
    the company outside the lexicon that the headline (the first line) is about, if any."""
    counts = Counter(e for _, _, e in named.subjects if e in lex.entities and lex.entities[e].kind == "company")
    if counts:
        (top, n), *rest = counts.most_common(2) + [(None, 0)]
        if n >= 3 and n > rest[0][1]:
            return top
    end = text.find("\n")  # a text of one line has no headline
    return next((e for s, _, e in named.unlisted if s < end), None)


def read(s: Sentence, q: Quantity, named_metric: bool, metric: str | None = None) -> tuple[str | None, str, bool]:
    """The entity of the figure ``q`` of ``metric``, how it was found (named | unlisted | carried |
    document), and whether it is inferred. Only a figure of a named metric takes the document's
    company; a figure of an economy's measure takes the region its sentence names before it."""
    entity = s.doc.men.subjects.last_before(s.start, q.nstart)
    if entity is None and metric in _economy_metrics():
        region = _region(s, q, s.subject is None)
        if region is not None:
            return region  # 我国社会融资规模存量为127.52万亿元: china's
    if entity is not None:
        members = _list_ending(s, entity)
        if len(members) > 1:
            entity = _respective(s, q, members)
            if entity is None:
                return None, "list", False  # 甲公司、乙公司营收合计…: none of them alone
        return entity[2], ("unlisted" if entity[2][0] == PREFIX else "named"), False
    if s.subject is None and s.main is not None and named_metric:
        return s.main, "document", True  # for want of a nearer one
    return s.subject, "carried", False


@functools.cache
def _economy_metrics() -> frozenset[str]:
    """The metrics whose figures are an economy's (``economies.yaml``)."""
    return frozenset(_words("economies.yaml", "metrics", _load("economies.yaml").get("metrics")))


def _region(s: Sentence, q: Quantity, beyond: bool) -> tuple[str, str, bool] | None:
    """The economy a figure ``q`` of an economy's measure is of, as :func:`read` returns it: the
    last region (我国, 全球) named before it in its sentence (named), else, when ``beyond`` (no
    company is carried to the sentence: 华为发布年报。出口额为… is Huawei's), in its paragraph
    (carried), else in the headline (document, inferred)."""
    text = s.doc.text
    places = [(s.start, q.nstart, "named")]
    if beyond:
        places += [(text.rfind("\n", 0, s.start) + 1, s.start, "carried"), (0, text.find("\n"), "document")]
    for lo, hi, how in places:
        found = _last_region(s, lo, hi) if lo < hi else None
        if found is not None:
            return found, how, how == "document"
    return None


def _last_region(s: Sentence, lo: int, hi: int) -> str | None:
    """The last region named in [lo, hi)."""
    lex = s.doc.lex
    for _, end, found in reversed(s.doc.men.sources.between(lo, hi)):
        if end <= hi and lex.entities[found].kind == "region":
            return found
    return None


class Lists(NamedTuple):
    """The compiled reading of ``subject_lists.yaml``."""
    joiners: frozenset[str]
    enumerating: frozenset[str]
    respectively: re.Pattern
    things: re.Pattern  # a word right before a name that makes it a thing (一条微博), at the end


@functools.cache
def _lists() -> Lists:
    data = _load("subject_lists.yaml")
    words = {k: _words("subject_lists.yaml", k, data.get(k))
             for k in ("joiners", "enumerating", "respectively", "things_after")}
    return Lists(frozenset(words["joiners"]), frozenset(words["enumerating"]),
                 re.compile(alternation(words["respectively"])),
                 re.compile(f"(?:{alternation(words['things_after'])})$"))


def _list_ending(s: Sentence, last: Span) -> list[Span]:
    """The subjects of the sentence that make one list ending at ``last`` (甲公司、乙公司), in order."""
    joiners, text = _lists().joiners, s.doc.text
    members = [last]
    for prev in reversed(s.doc.men.subjects.between(s.start, last[0])):
        if text[prev[1]:members[0][0]] not in joiners:
            break
        members.insert(0, prev)
    return members


def _respective(s: Sentence, q: Quantity, members: list[Span]) -> Span | None:
    """The member of a list of subjects the figure ``q`` is of: the i-th figure after the last
    "respectively" word (分别) is the i-th member's; without one, the nearest member's unless the
    list enumerates (、), and then none."""
    lists, text = _lists(), s.doc.text
    words = list(lists.respectively.finditer(text, members[-1][1], q.nstart))
    if not words:
        joined = {text[a[1]:b[0]] for a, b in zip(members, members[1:])}
        return None if joined & lists.enumerating else members[-1]
    after = words[-1].end()
    i = sum(1 for f in s.quantities if f.kind in VALUE_KINDS and after <= f.nstart < q.nstart)
    return members[i] if i < len(members) else None
