"""Findings kept packed till the report (audit.engines.ordered, issue 24): the same findings, in the
same order, numbered by occurrence alike, suppressed alike, as the live ones through
audit.engine.finish and audit.suppress.apply."""
from __future__ import annotations

import zlib
from decimal import Decimal
from typing import NamedTuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit import suppress
from audit.engine import finish
from audit.engines import ordered as om
from audit.engines.ordered import FindingBlock, Ordered, ordered, record
from audit.model import Finding, Location

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATHS = ["b/2.txt", "a/1.txt", "a/10.txt", "c.txt"]


class Doc(NamedTuple):
    """What ordered() reads of a digest."""

    path: str
    findings: object
    texts_made: tuple

    def texts(self):
        return self.texts_made


def _finding(draw_path, line, col, severity, code, key, value, second) -> Finding:
    locs = (Location(draw_path, line, col, f"{value}亿"),)
    if second:
        locs += (Location(PATHS[0], line + 1, 1, "x"),)
    return Finding(code, "slug", severity, f"消息 {key} {value}", locs, (("gap", value),), (key,))


findings_of = st.builds(_finding, st.sampled_from(PATHS), st.integers(1, 6), st.integers(1, 3),
                        st.sampled_from(["error", "warning", "info"]), st.sampled_from(["AU100", "AU200", "AU500"]),
                        st.sampled_from(["k1", "k2"]), st.integers(0, 3), st.booleans())


def _docs(per_doc: list[list[Finding]]) -> tuple[list[Doc], list[Finding]]:
    """One document per path; each finding placed in its first location's document."""
    docs, local = [], []
    for path, mine in zip(PATHS, per_doc):
        mine = [Finding(f.code, f.slug, f.severity, f.message, (Location(path, *astuple(f.locations[0])[1:4]),)
                        + f.locations[1:], f.computed, f.keys) for f in mine]
        docs.append(Doc(path, FindingBlock(mine) if mine else (), tuple(f.message + "#" for f in mine)))
        local += mine
    return docs, local


def astuple(loc: Location) -> tuple:
    return (loc.path, loc.line, loc.col, loc.snippet)


@SETTINGS
@given(st.lists(st.lists(findings_of, max_size=8), min_size=len(PATHS), max_size=len(PATHS)),
       st.lists(findings_of, max_size=12), st.sets(st.sampled_from(["AU100", "AU200", "AU500"])))
def test_packed_findings_come_as_finish_orders_them(per_doc, found, select):
    docs, local = _docs(per_doc)
    wanted = (lambda code: code in select) if select else (lambda code: True)
    expected = finish([f for f in local + found if wanted(f.code)])
    got = ordered(docs, [record(f) if i % 2 else f for i, f in enumerate(found)], wanted)
    assert list(got) == expected
    assert [f.computed for f in got] == [f.computed for f in expected]  # occurrence numbers too
    for k, f in enumerate(got):  # a document's own text, unless the finding was numbered since
        text = got.text(k)
        assert text is None or (text == f.message + "#" and dict(f.computed).get("occurrence") is None)
    assert sum(got.text(k) is not None for k in range(len(got))) == \
        sum(1 for f in expected if f in local and "occurrence" not in dict(f.computed))


@SETTINGS
@given(st.lists(st.lists(findings_of, max_size=8), min_size=len(PATHS), max_size=len(PATHS)),
       st.lists(findings_of, max_size=12), st.integers(1, 5))
def test_packed_findings_are_suppressed_as_live_ones(per_doc, found, chunk):
    docs, local = _docs(per_doc)
    got = ordered(docs, found, lambda code: True)
    live = list(got)
    entries = [{"path": "a/1.txt", "code": "AU100"}, {"path": "c.txt"}, {"path": "nowhere.txt"}]
    entries += [{"fingerprint": f.fingerprint} for f in live[:2]]

    def sups():
        return suppress.from_config(entries)

    a, b = sups(), sups()
    expected = suppress.apply(live, a)
    om._CHUNK, was = chunk, om._CHUNK
    try:
        kept = om.suppressed(got, b)
    finally:
        om._CHUNK = was
    assert isinstance(kept, Ordered) and list(kept) == expected
    assert [s.used for s in a] == [s.used for s in b]


def test_findings_without_suppressions_are_the_same_sequence():
    docs, _ = _docs([[_finding("x", 1, 1, "error", "AU100", "k1", 1, False)], [], [], []])
    got = ordered(docs, [], lambda code: True)
    assert om.suppressed(got, []) is got


def test_a_finding_marshal_cannot_write_is_kept_by_pickle():
    odd = Finding("AU100", "slug", "error", "m", (Location("a/1.txt", 1, 1, "x"),), (("gap", Decimal("1.50")),), ("k",))
    assert zlib.decompress(FindingBlock([odd]).blob)[:1] == b"P" and list(FindingBlock([odd])) == [odd]
    assert om.from_record(record(odd)) == odd
