"""Wholes one sentence states with their parts, read without a metric word (issue 22), for
:mod:`.arithmetic`: a total after its parts and a share of a count stated as the whole. Both hold
whatever the figures measure, so AU230 checks them in their sentence:

- sum: a total after its parts (A…,B…,合计C) carries ("sum-of", each part); so does a sum of
  one metric (报价1亿元和1.3亿元,总金额为2.4亿元) of the parts of its metric, while the parts of
  a whole named by its metric (A营收…,B营收…,总营收C) carry ("part-of", C);
- share: a share of a count stated as the whole (40起案例中,…有9人,占比22.5%) carries
  ("share-part", the count right before it) and ("share-of", the whole);
- share of a named whole: a share whose verb follows its part's clause (持有98629.7719万股,
  占公司总股本的24.72%) carries ("share-part", that figure); the shares of a list after 分别 take
  the figures of the list before them in order (9488.39万元、1.71亿元,分别占…的99.53%、99.27%);
  a list of shares its sentence does not hand out so carries ("share-untied", none).

The words (totals, count_whole, not_count_whole, share_words, share_links) are in
audit/data/arithmetic.yaml; those of a share's part in audit/data/wholes.yaml.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..lexicon import _int, _load, _words
from .arithmetic_words import Words
from .sentence import _SEMICOLON, Link, _delta, _prior, _Sentence
from .splits import split_words

_FILE = "wholes.yaml"
_NOT_PARTS = ("percent", "percentage_point")  # a share's part is an amount or a count


class PartWords(NamedTuple):
    """audit/data/wholes.yaml, compiled once."""
    clause: re.Pattern  # the words from a part to its share: 万股已质押,占公司总股本的
    listed: re.Pattern  # the words from a share to the next of its list: 、
    respectively: re.Pattern  # hands a list of shares out to the list of parts before it: 分别
    generic: tuple[str, ...]  # a whole of each part's own kind: 全国总数
    total: re.Pattern  # a whole clause before a figure that names a metric's total: 总营收 / 总金额为
    sum_words: re.Pattern  # in that clause, the total is the sum of the parts: 总金额
    set_values: frozenset[str]  # metrics whose figures are set, not measured: price
    partition: re.Pattern  # the gap between two shares naming their parts: 的装配线工人,加上
    made_up: re.Pattern  # in a sentence, its list of shares makes up one whole: 构成
    part_name: re.Pattern  # the part's name right after a share: 的工程师
    verb: re.Pattern  # a share's verb: 占
    people: re.Pattern  # right after a percentage, a population it is a share of: 的受访者


@functools.cache
def part_words() -> PartWords:
    data = _load(_FILE)
    w = {k: _words(_FILE, k, data.get(k)) for k in ("respectively", "verbs", "adverbs", "separators", "generic",
                                                   "total_openers", "total_links", "sum_words", "set_values",
                                                   "partition_joins", "partition_words", "people", "people_not")}
    n = _int(_FILE, "partition_max", data.get("partition_max"))
    name = rf"的(?P<name>[^,，;；:：。!?\d的]{{1,{n}}})"
    m = _int(_FILE, "people_modifier", data.get("people_modifier"))

    def alt(k: str) -> str:
        return "|".join(map(re.escape, sorted(w[k], key=len, reverse=True)))
    people = rf"\s*的[^,，;；:：。!?\d的]{{0,{m}}}?(?:{alt('people')})(?!{alt('people_not')})"
    return PartWords(re.compile(rf"[^，,；;。:：!?]{{0,6}}[，,]\s*(?:{alt('adverbs')})*(?:{alt('verbs')})[^，,；;。:：!?\d]*"),
                     re.compile(rf"\s*(?:{alt('separators')})\s*"), re.compile(alt("respectively")), w["generic"],
                     re.compile(rf"[，,\s]*(?:{alt('total_openers')})[^\d\s，,；;:：。!?]{{1,4}}?(?:{alt('total_links')})?\s*"),
                     re.compile(alt("sum_words")), frozenset(w["set_values"]),
                     re.compile(rf"{name}[，,]?\s*(?:(?P<join>{alt('partition_joins')})|{alt('separators')})\s*(?:大约|约|近)?"),
                     re.compile(alt("partition_words")), re.compile(name), re.compile(alt("verbs")),
                     re.compile(people))


def totals(s: _Sentence, w: Words) -> list[Link]:
    """A…,B…,合计C: C, after a total word in its clause, is the sum of the values of its unit
    stated before it in the sentence since its last semicolon, 其中 or total; none is read when
    one of them is an earlier value or a change (去年同期为…, 增加…), which no sum takes."""
    return _sums(s, w, lambda k: w.totals.search(s.before(k, 10)) is not None, "sum")


def metric_totals(s: _Sentence, w: Words) -> list[Link]:
    """A营收…,B营收…,总营收C: C, after 总 and a word, all its clause before it, is read as
    :func:`totals` reads a total, as a total of one metric: :func:`of_its_metric` keeps the parts
    of C's metric once the claims are known; a sum when the word names one (总金额: total-sum),
    else the whole of the parts (总营收: total-whole)."""
    pw = part_words()
    out: list[Link] = []
    for link in _sums(s, w, lambda k: pw.total.fullmatch(s.text, s.clauses[k], s.values[k].nstart) is not None
                      and w.totals.search(s.before(k, 10)) is None, "total"):
        said = s.text[s.clauses[link.carrier]:s.values[link.carrier].nstart]
        out.append(link._replace(kind="total-sum" if pw.sum_words.search(said) else "total-whole"))
    return out


def _sums(s: _Sentence, w: Words, is_total, kind: str) -> list[Link]:
    v = s.values
    out = []
    first = 0
    for k in range(1, len(v)):
        gap = s.gap(k - 1, k)
        if _SEMICOLON.search(gap) or w.parts.search(gap):
            first = k
        if not is_total(k) or _prior(s, w, k) or s.change(k):
            continue
        parts = [j for j in range(first, k) if s.same(j, k)]
        if len(parts) >= 2 and not any(_prior(s, w, j) or _delta(s, w, j) or _to(s, w, j, kind) for j in parts):
            out.append(Link(kind, k, tuple(("sum-of", j) for j in parts)))
        first = k + 1
    return out


def _to(s: _Sentence, w: Words, j: int, kind: str) -> bool:
    """A to word right before figure ``j`` (降至…: the end of a move, no part); for a total of one
    metric, not one of the words that only hold one (达到)."""
    before = s.before(j, 4)
    return bool(w.to.search(w.not_to.sub("", before) if kind == "total" else before))


def of_its_metric(link: Link, at: dict, values: list) -> list[Link]:
    """A total of one metric (kinds total-sum, total-whole) with the parts that are claims of its
    metric; none when it has no metric or fewer than two such parts (报价1亿元和1.3亿元 of a
    总金额, not the 出资额 3124万元 before them). A total named by a word of a sum (总金额) is
    their sum; one named by its metric (总营收) is the whole they are of, not their sum (other
    parts may be untold): each part is read as after 其中, "part-of" it. Other links as they are."""
    if link.kind not in ("total-sum", "total-whole"):
        return [link]
    total = at.get(values[link.carrier].nstart)
    if total is None or not total.metric:
        return []
    keep = tuple((r, j) for r, j in link.relations
                 if (c := at.get(values[j].nstart)) is not None and c.metric == total.metric)
    if len(keep) < 2:
        return []
    if link.kind == "total-sum":
        return [link._replace(kind="sum", relations=keep)]
    return [Link("part", j, (("part-of", link.carrier),)) for _, j in keep]


def count_shares(s: _Sentence, w: Words) -> list[Link]:
    """N…中,…M,占比P%: P, a share whose words name no whole, is M of the count N its sentence
    states as a whole before it (40起案例中); M is the count right before P, no change."""
    v = s.values
    out = []
    whole = None
    for k in range(1, len(v)):
        if v[k - 1].kind == "count" and w.count_whole.match(s.gap(k - 1, k)) and not _prior(s, w, k - 1):
            whole = k - 1
        if whole is None or v[k].kind != "percent" or k - 1 == whole or v[k - 1].kind != "count" \
                or not w.share.search(s.before(k, 8)) or len(s.gap(k - 1, k)) > 12:
            continue
        if not (s.change(k - 1) or _delta(s, w, k - 1) or _prior(s, w, k - 1) or s.change(k)):
            out.append(Link("share", k, (("share-part", k - 1), ("share-of", whole))))
    return out


def shares(s: _Sentence, w: Words) -> list[Link]:
    """The shares of a count stated as the whole, and those of a named whole with their parts."""
    return count_shares(s, w) + named_shares(s)


def partitions(s: _Sentence, w: Words) -> list[Link]:
    """75%的装配线工人,加上25%的工程师 / 由60%的A和40%的B构成: shares each naming its part right
    after it, of parts all different, joined by a word that adds them (加上) or listed in a
    sentence that says they make up one whole (构成): shares of one whole, so together at most all
    of it. The last carries ("partition-with", each other); none is a change, nor a share of a
    whole its words name (占…的), nor an unnamed one (占比)."""
    v, pw = s.values, part_words()
    out: list[Link] = []
    k = 0
    while k < len(v) - 1:
        end, names, joined = k, [], False
        while end + 1 < len(v) and _a_share(s, w, end) and _a_share(s, w, end + 1) \
                and (m := pw.partition.fullmatch(s.gap(end, end + 1))):
            names.append(m.group("name"))
            joined = joined or bool(m.group("join"))
            end += 1
        last = pw.part_name.match(s.text, v[end].nend) if end > k else None
        names += [pw.made_up.split(last.group("name"))[0]] if last else []  # 的新人组成: 新人
        if last and len(set(names)) == len(names) and (joined or pw.made_up.search(s.text, s.start, last.end() + 8)):
            out.append(Link("partition", end, tuple(("partition-with", j) for j in range(k, end))))
        k = end + 1
    return out


def people(s: _Sentence, w: Words) -> list[Link]:
    """84.5%的受访者关注…: a percentage right before a population (的 and its noun, a short
    modifier between: 的一加用户) is a share of it, so at most 100%; it carries ("of-people", none).
    Not a change (增长150%的用户), nor a figure of the population's own (用户增长, 用户数)."""
    pw = part_words()
    return [Link("people", i, (("of-people", None),)) for i, q in enumerate(s.values)
            if q.kind == "percent" and pw.people.match(s.text, q.nend) and not s.change(i) and not _delta(s, w, i)]


def rests(s: _Sentence, w: Words) -> list[Link]:
    """一是40%…;二是30%…;三是其余30%…: a percentage after a word of the rest (其余, 剩下的) is what
    the percentages before it in its sentence leave of one whole: with them, all of it. It carries
    ("rest-of", each of them); none of them a change, a difference or an earlier value."""
    rest = split_words().rest
    out: list[Link] = []
    for k, q in enumerate(s.values):
        if q.kind == "percent" and k and rest.search(s.text, max(s.start, q.nstart - 4), q.nstart) and not s.change(k):
            before = [j for j in range(k) if s.values[j].kind == "percent"]
            if before and not any(s.change(j) or _delta(s, w, j) or _prior(s, w, j) for j in before):
                out.append(Link("rest", k, tuple(("rest-of", j) for j in before)))
    return out


def _a_share(s: _Sentence, w: Words, i: int) -> bool:
    """Figure ``i`` is a percentage stated as a share of its part: no change, no 占 before it."""
    return s.values[i].kind == "percent" and not s.change(i) and not _delta(s, w, i) \
        and not part_words().verb.search(s.before(i, 12))


def named_shares(s: _Sentence) -> list[Link]:
    """…万股,占公司总股本的24.72%: a share, its verb right after the clause of the figure before
    it, is of that figure; a list of shares (99.53%、99.27%) after 分别 is of the list of as many
    figures of one unit before it, in order; a list without 分别, or without as many figures
    listed before it, ties nothing and says so ("share-untied": no part is guessed). A whole of each
    part's own kind (占全国总数的) ties nothing either: two such shares are of two wholes."""
    v, pw = s.values, part_words()
    out: list[Link] = []
    k = 1
    while k < len(v):
        gap = s.gap(k - 1, k)
        if v[k].kind != "percent" or v[k - 1].kind in _NOT_PARTS or not pw.clause.fullmatch(gap) \
                or gap.rstrip("的 ").endswith(pw.generic):
            k += 1
            continue
        end = k + 1
        while end < len(v) and v[end].kind == "percent" and pw.listed.fullmatch(s.gap(end - 1, end)):
            end += 1
        parts = _parts(s, k, end - k, gap)
        out += [Link("share", j, (("share-part", p),)) for j, p in zip(range(k, end), parts)] if parts else \
            [Link("share", j, (("share-untied", None),)) for j in range(k, end)]
        k = end
    return out


def _parts(s: _Sentence, k: int, n: int, gap: str) -> list[int]:
    """The parts of the ``n`` shares from figure ``k``: the figure before, or with 分别 the ``n``
    figures of one unit listed before them (分别 before either list); none when they are not there."""
    if n == 1:
        return [k - 1]
    first = k - n
    if first < 0 or not (part_words().respectively.search(gap) or part_words().respectively.search(s.before(first))):
        return []
    listed = all(s.same(j, k - 1) and part_words().listed.fullmatch(s.gap(j, j + 1)) for j in range(first, k - 1))
    return list(range(first, k)) if listed else []
