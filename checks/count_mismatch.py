"""AU250 count-mismatch: a stated count that the list it counts does not have.

Rule: a count followed by the list it counts (三个大模型…包括A、B、C) must equal the number of items
listed; a count right after its list closed by 这 (北京、上海这2个城市) too, and one closed by 等 (A、B、C
等2个) no smaller than the list; one right after a list of three or more with no word between
(…成都、郑州8个城市) too, unless more than twice the items (then it counts something in them), a
warning. Severity: error (an item is missing or one too many); the claims
stage only links a list that opens with 包括/分别是/即/如 or a colon, or closes with 这/等, so loose
prose does not trigger it. A headline that counts its article's sections (10件事看透…, 5大趋势;
words in audit/data/listicles.yaml) must equal the sections the body numbers in order (一、 to
十、), when it numbers one run of them: a warning, since a section may hold more than one item.
A count restated by 这 (共涉及9人…这9人中) must have the value of some earlier count of its thing
(checks/_restated.py): a warning, since the earlier count may be of another group.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable, NamedTuple

from audit.context import Context
from audit.lexicon import _int, _load, _words, alternation
from audit.model import Finding
from audit.numerals import parse_numeral

from ._base import finding
from ._restated import findings as restated

CODE = "AU250"
SLUG = "count-mismatch"
SCOPE = "document"  # reads one claim at a time: runs where its document is read
SEVERITY = "error: the count and the list cannot both be right"

BAD = "一天内三个大模型争相官宣,包括百川智能、商汤科技的日日新、昆仑万维的天工、智谱的GLM。"
GOOD = "一天内四个大模型争相官宣,包括百川智能、商汤科技的日日新、昆仑万维的天工、智谱的GLM。"


def check(ctx: Context):
    for a in ctx.docs:
        yield from _sections(a)
        yield from restated(a, CODE, SLUG)
    for c in ctx.claims:
        for rel, _ in c.relations:
            if rel.startswith("enumeration:") and c.quantity is not None and c.quantity.value is not None:
                listed = int(rel.split(":", 1)[1])
                if c.quantity.qualifier == "exact" and c.quantity.value != listed:
                    message = f"{c.quote} ({int(c.quantity.value)}) but the list it counts names {listed}"
                    yield finding(ctx, CODE, SLUG, "error", message, (c,), {"listed": listed})
            elif rel.startswith("enumeration-apposed:") and c.quantity is not None and c.quantity.value is not None:
                listed = int(rel.split(":", 1)[1])  # …成都、郑州8个城市: no word says the list is all of it
                if c.quantity.qualifier == "exact" and c.quantity.value != listed:
                    message = f"{c.quote} ({int(c.quantity.value)}) but the list right before it names {listed}"
                    yield finding(ctx, CODE, SLUG, "warning", message, (c,), {"listed": listed})
            elif rel.startswith("enumeration-open:") and c.quantity is not None and c.quantity.value is not None:
                listed = int(rel.split(":", 1)[1])  # A、B、C等2个: a list that may be a part, longer than all
                if c.quantity.qualifier == "exact" and c.quantity.value < listed:
                    message = f"{c.quote} ({int(c.quantity.value)}) but the list before it names {listed}"
                    yield finding(ctx, CODE, SLUG, "error", message, (c,), {"listed": listed})


class _Listicle(NamedTuple):
    counted: re.Pattern  # right after a headline's count: what it counts
    marks: re.Pattern  # a section number at the start of a line or after a sentence
    headline_max: int
    least: int


@functools.cache
def _listicle() -> _Listicle:
    data = _load("listicles.yaml")
    get = {k: alternation(_words("listicles.yaml", k, data.get(k))) for k in ("links", "nouns", "marks")}
    counted = re.compile(rf"(?:{get['links']})?(?:{get['nouns']})")
    marks = re.compile(rf"(?:^|(?<=[。!?！？\s”」]))([一二三四五六七八九十]{{1,3}}|[0-9]{{1,2}})(?:{get['marks']})", re.M)
    return _Listicle(counted, marks, _int("listicles.yaml", "headline_max", data.get("headline_max")),
                     _int("listicles.yaml", "least", data.get("least"), least=2))


def _sections(a) -> Iterable[Finding]:
    """A headline's count of sections against the run the body numbers (one finding a document)."""
    text, w = a.nt.text, _listicle()
    head_end = text.find("\n")
    if not 0 < head_end <= w.headline_max:
        return
    for q in a.quantities:
        if q.nstart >= head_end:
            return
        if q.kind in ("count", "number") and q.qualifier == "exact" and q.value is not None \
                and (counted := w.counted.match(text, q.nend)) and (runs := _runs(text, head_end, w)):
            if int(q.value) not in runs.values():
                numbered = runs.get("hanzi", runs.get("digits"))
                message = f"the headline counts {q.text}{counted.group()} but the article numbers {numbered} sections"
                yield Finding(CODE, SLUG, "warning", message, (a.location(q.start, q.end, q),),
                              (("sections", numbered),), (a.doc.ident, "sections"))
            return


def _runs(text: str, start: int, w: _Listicle) -> dict[str, int]:
    """The sections the body numbers, per numeral system (hanzi, digits): the length of one run
    1, 2, 3… with no second run starting again at 1 (a second list, or lists inside sections)."""
    out: dict[str, int] = {}
    for system in ("hanzi", "digits"):
        n, again = 0, False
        for m in w.marks.finditer(text, start):
            if m.group(1).isdigit() != (system == "digits"):
                continue
            v = parse_numeral(m.group(1))
            value = int(v.value) if v is not None and v.value == int(v.value) else None
            if value == n + 1:
                n += 1
            elif value == 1:
                again = True
        if n >= w.least and not again:
            out[system] = n
    return out
