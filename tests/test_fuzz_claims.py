"""Hypothesis: claim extraction and the checks never raise, on arbitrary text and on seed text
with characters inserted, deleted and swapped; every claim points inside its document."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.claims import corpus_claims
from audit.engine import build_context, run_checks
from audit.ingest import Document

from .conftest import SEEDS

SEED_LINES = [l for p in sorted(SEEDS.glob("*.txt")) for l in p.read_text(encoding="utf-8").splitlines() if len(l) > 20]
NOISE = st.sampled_from(list("0123456789.,%-~年月日亿万元美的是为同比增长下滑至约超过近(lián)“”?!") + ["\ufffd", "</p>"])


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(SEED_LINES))
    chars = list(text)
    for _ in range(draw(st.integers(1, 12))):
        op = draw(st.sampled_from(["insert", "delete", "swap"]))
        i = draw(st.integers(0, max(0, len(chars) - 1)))
        if op == "insert":
            chars.insert(i, draw(NOISE))
        elif op == "delete" and chars:
            del chars[i]
        elif op == "swap" and len(chars) > 1:
            j = draw(st.integers(0, len(chars) - 1))
            chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


def _audit(texts):
    docs = [analyze(Document(f"d{i}.txt", t, "utf-8"), "2023-06-01") for i, t in enumerate(texts)]
    claims = corpus_claims(docs)
    for c in claims:
        raw = docs[int(c.doc[1:].split(".")[0])].doc.text
        q = c.quantity
        assert 0 <= q.start <= q.end <= len(raw) and raw[q.start:q.end] == c.quote
    run_checks(build_context(docs, claims=claims))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutated(), min_size=1, max_size=4))
def test_mutated_seed_text(texts):
    _audit(texts)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.text(max_size=200), min_size=1, max_size=3))
def test_arbitrary_text(texts):
    _audit(texts)
