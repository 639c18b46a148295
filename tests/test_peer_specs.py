"""Conformance with Recognizers-Text's Chinese Number/Percent/Currency specs (read from ../shared).

The spec files are third-party test data kept outside the project; the test scores the parser with
the rule of ../shared/bench/spec_score.py and requires a pass rate at least the peer's own.
"""
from __future__ import annotations

import importlib.util
import json

from audit import parse_quantities

from .conftest import shared_or_skip


def _bench():
    path = shared_or_skip("bench", "spec_score.py")
    spec = importlib.util.spec_from_file_location("spec_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_beats_recognizers_text_on_each_spec():
    bench = _bench()
    for name, path in bench.FILES.items():
        if not path.exists():
            shared_or_skip("peers", "recognizers-text", "Specs", "missing")
        cases = json.loads(path.read_text(encoding="utf-8-sig"))
        ok = 0
        for c in cases:
            got = bench.ours(parse_quantities, name, c["Input"])
            exp = bench.expected(name, c)
            eq = (lambda a, b: bench.same(a[0], b[0]) and a[1] == b[1]) if name == "Currency" else bench.same
            ok += bench.multiset_equal(exp, got, eq)
        peer_ok, peer_n = bench.RT_REFERENCE[name]
        assert ok / len(cases) > peer_ok / peer_n, f"{name}: {ok}/{len(cases)} vs peer {peer_ok}/{peer_n}"
