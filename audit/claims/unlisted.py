"""Read the companies a sentence names that the entity lexicon does not know.

A run of Han characters, Latin letters and digits that opens a clause (right after punctuation
or at a line's start) is a company's name when it stands before a period and a metric word
(``前程无忧第三季度营收``) or before a verb a company is the subject of (``前程无忧公布``). Its
entity id is ``~`` + the name, so the same name links across documents. The reading is
conservative, because a wrong entity makes false findings: no name in the middle of a clause, no
function or period character or adverb inside it, no common noun (``audit/data/unlisted.yaml``, and the
generic stems of ``audit/data/orgs.yaml``), no name that holds a lexicon entity or a metric word.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..lexicon import LexiconError, _load, _words, alternation
from ..subjects import _grammar as _org_grammar

PREFIX = "~"


class Grammar(NamedTuple):
    """The compiled reading of ``unlisted.yaml``, with orgs.yaml's (name + suffix) pattern."""
    rx: re.Pattern
    not_names: frozenset[str]
    org_rx: re.Pattern
    not_inside: re.Pattern
    not_endings: tuple[str, ...]
    refer: re.Pattern


@functools.cache
def _grammar() -> Grammar:
    data = _load("unlisted.yaml")
    size, starts, refuse = data.get("name"), data.get("starts"), data.get("refuse")
    if not (isinstance(size, dict) and all(isinstance(size.get(k), int) for k in ("min", "max"))
            and isinstance(starts, str) and starts and isinstance(refuse, str) and refuse):
        raise LexiconError("audit/data/unlisted.yaml: expected name: {min, max}, starts and refuse: strings")
    verbs = alternation(_words("unlisted.yaml", "verbs", data.get("verbs")))
    periods = alternation(_words("unlisted.yaml", "periods", data.get("periods")))
    char = "[^" + re.escape(refuse + starts) + r"\W_]"
    lead = "(?:^|(?<=[" + re.escape(starts) + "]))"
    pattern = (rf"{lead}(?P<name>{char}{{{size['min']},{size['max']}}}?)"
               rf"(?:(?P<verb>{verbs})|(?:\d{{4}}财?年度?)?(?:{periods}))")
    not_names = frozenset(_words("unlisted.yaml", "not_names", data.get("not_names")))
    org_rx, generic = _org_grammar()
    not_inside = alternation(_words("unlisted.yaml", "not_inside", data.get("not_inside")))
    not_before = data.get("refer_not_before")
    if not isinstance(not_before, str) or not not_before:
        raise LexiconError("audit/data/unlisted.yaml: refer_not_before: expected a string")
    refer = (rf"{lead}(?:{alternation(_words('unlisted.yaml', 'refer', data.get('refer')))})"
             rf"(?![{re.escape(not_before)}])")
    return Grammar(re.compile(pattern, re.M), not_names | generic, org_rx, re.compile(not_inside),
                   _words("unlisted.yaml", "not_endings", data.get("not_endings")), re.compile(refer, re.M))


def mentions(text: str, entity_re: re.Pattern, metric_re: re.Pattern) -> list[tuple[int, int, str]]:
    """(start, end, ``~name``) for each company named in ``text`` in the patterns above that
    ``entity_re`` (the lexicon's names) does not know; a period must be followed by a metric word
    matched by ``metric_re``."""
    g = _grammar()
    out = []
    for m in g.rx.finditer(text):
        name = m.group("name")
        if not _is_name(name, g, entity_re, metric_re):
            continue
        if m.group("verb") is None and metric_re.match(text, m.end()) is None:
            continue  # 前程无忧第三季度 must be followed by what it measures (营收)
        out.append((m.start("name"), m.end("name"), PREFIX + name))
    return out


def _is_name(name: str, g: Grammar, entity_re: re.Pattern, metric_re: re.Pattern) -> bool:
    """Whether ``name`` may be a company's name: not a common noun, not all digits, and holding
    neither a name the lexicon knows nor a metric word (those are read by the lexicon), nor a
    common noun with an organisation's suffix (上市公司, 科技公司)."""
    org = g.org_rx.fullmatch(name)
    return (name not in g.not_names and not name[0].isdigit()
            and (org is None or org.group("stem") not in g.not_names)
            and g.not_inside.search(name) is None and not name.endswith(g.not_endings)
            and entity_re.search(name) is None and metric_re.search(name) is None)


def refers(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` refers back to the paragraph's subject (该公司, 其 opening a
    clause): only then does a sentence take a name read here from an earlier sentence."""
    return _grammar().refer.search(text, start, end) is not None
