"""audit.claims.ending: the last characters of an end-anchored pattern (tests/data/endings.yaml),
and its guarded search, which must answer as the engine does for any pattern, text and window."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.claims.arithmetic_words import words
from audit.claims.ending import ending
from audit.claims.relations import _grammar

@pytest.fixture(scope="module", autouse=True)
def _forget_patterns():
    """The random patterns compiled here leave Python's cache of patterns as they found it:
    a full cache would drop old entries during later tests (test_faults counts frozen objects)."""
    yield
    re.purge()


CASES = yaml.safe_load((Path(__file__).parent / "data" / "endings.yaml").read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("case", CASES, ids=[c["pattern"] for c in CASES])
def test_last_characters(case):
    e = ending(case["pattern"])
    assert (None if e.last is None else "".join(sorted(e.last))) == \
        (None if case["last"] is None else "".join(sorted(str(case["last"])))), case["why"]
    assert e.space == case.get("space", False), case["why"]


def _same(a: re.Match | None, b: re.Match | None) -> bool:
    return (a is None) == (b is None) and (a is None or (a.span(), a.groups()) == (b.span(), b.groups()))


ALPHABET = "ab约 \n,1"
_ATOMS = st.sampled_from(["a", "b", "约", " ", "1", "[ab]", "[^a]", r"\s", r"\d", ".", "[0-9]", r"\n"])
_QUANT = st.sampled_from(["", "", "?", "*", "+", "{0,2}", "{1,2}", "*?", "??"])
_ZERO = st.sampled_from(["(?=a)", "(?<!b)", "(?<=约)", "^", r"\b"])


def _patterns() -> st.SearchStrategy[str]:
    """Small patterns of literals, classes, groups, alternations, repeats and lookarounds."""
    def extend(inner):
        group = st.builds(lambda body, cap, q: ("(" if cap else "(?:") + body + ")" + q, inner, st.booleans(), _QUANT)
        return st.lists(st.one_of(group, inner), min_size=1, max_size=3).map("|".join)
    base = st.lists(st.one_of(st.builds(str.__add__, _ATOMS, _QUANT), _ZERO), min_size=1, max_size=4).map("".join)
    body = st.recursive(base, lambda inner: st.lists(extend(inner), min_size=1, max_size=3).map("".join), max_leaves=6)
    return st.builds(str.__add__, body, st.sampled_from(["$", "$", r"\Z", ""]))


@SETTINGS
@given(_patterns(), st.text(alphabet=ALPHABET, max_size=12), st.integers(0, 14), st.one_of(st.none(), st.integers(-1, 14)))
def test_guarded_search_is_the_engines(pattern, text, pos, endpos):
    e = ending(pattern)
    rx = re.compile(pattern)
    want = rx.search(text, pos) if endpos is None else rx.search(text, pos, endpos)
    got = e.search(text, pos) if endpos is None else e.search(text, pos, endpos)
    assert _same(got, want)


def _in_use():
    """The guarded patterns of the resolvers, with the words their windows are made of."""
    w, g = words(), _grammar()
    for e in (w.direction, w.rate, w.list_end, g.change):
        yield e


VOCABULARY = sorted({w for e in _in_use() for w in re.findall(r"[^\W\d_]+", e.rx.pattern)} | set("约了 ,、等这"))


@SETTINGS
@given(st.lists(st.sampled_from(VOCABULARY), max_size=5).map("".join), st.text(alphabet="收入为 ,\n了", max_size=3))
def test_the_resolvers_patterns_answer_as_the_engine(words_, tail):
    text = words_ + tail
    for e in _in_use():
        assert e.last is not None, e.rx.pattern  # each is guarded: the test means something
        assert _same(e.search(text), e.rx.search(text)), (e.rx.pattern, text)
        assert _same(e.search(text, 0, len(words_)), e.rx.search(text, 0, len(words_)))
