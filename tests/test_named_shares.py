"""Shares of a named whole tied to their part (audit/claims/wholes.py) and the whole they imply
(AU230, checks/_wholes.py): the sentence table in tests/data/named_shares.yaml, and a property."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.claims import corpus_claims, default_lexicons
from audit.engine import build_context, run_checks
from audit.ingest import Document

from .test_checks_meta import _Config

CASES = yaml.safe_load((Path(__file__).parent / "data" / "named_shares.yaml").read_text(encoding="utf-8"))
RANK = {"none": 0, "info": 1, "warning": 2, "error": 3}


def _docs(text: str):
    return [analyze(Document("d.txt", text, "utf-8"), "2024-03-01")]


def _au230(text: str) -> str:
    found = [f.severity for f in run_checks(build_context(_docs(text), _Config({})), select={"AU230"})]
    return max(found, key=RANK.get, default="none")


def related(text: str):
    """A function of (quote, relation) giving the quotes of the claims the claim so quoted in
    ``text`` is related to."""
    claims = corpus_claims(_docs(text), default_lexicons())
    by_id = {c.id: c for c in claims}

    def of(quote: str, relation: str) -> list[str]:
        c = next(c for c in claims if c.quote == quote)
        return [by_id[o].quote for r, o in c.relations if r == relation]

    return of


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_sentence(case):
    of = related(case["text"])
    for share, part in case["ties"].items():
        tied = of(share, "share-part")
        assert tied == ([] if part is None else [part]), (share, tied)
    assert _au230(case["text"]) == case["au230"]


def _share(part: Decimal, whole: Decimal) -> str:
    return str((part * 100 / whole).quantize(Decimal("0.01"), ROUND_HALF_UP))


@settings(max_examples=30, deadline=None)
@given(whole=st.integers(10_000, 99_999), a=st.integers(5, 45), b=st.integers(5, 45))
def test_shares_of_one_whole_hold_and_a_part_x137_does_not(whole, a, b):
    """张三持有A万股,占总股本的x%,其中B万股已质押,占总股本的y%: shares computed from one whole
    and rounded are never flagged; the first part x1.37 always is."""
    W = Decimal(whole) * 10
    A, B = (W * a / 100).quantize(Decimal("0.1")), (W * b / 200).quantize(Decimal("0.1"))
    text = "2023年11月7日，张三持有腾讯{}万股，占腾讯总股本的{}%，其中{}万股已质押，占腾讯总股本的{}%。"
    assert _au230(text.format(A, _share(A, W), B, _share(B, W))) == "none"
    wrong = (A * Decimal("1.37")).quantize(Decimal("0.1"))
    assert _au230(text.format(wrong, _share(A, W), B, _share(B, W))) in ("error", "warning")


TIES = yaml.safe_load((Path(__file__).parent / "data" / "named_ties.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", TIES, ids=[c["id"] for c in TIES])
def test_named_across_sentences(case):
    of = related(case["text"])
    for relation, ties in (("share-named-part", case["parts"]), ("share-named-of", case["wholes"])):
        for share, other in ties.items():
            assert of(share, relation) == ([] if other is None else [other]), (share, relation)
    assert _au230(case["text"]) == case["au230"]


@settings(max_examples=30, deadline=None)
@given(a=st.integers(1, 99), tenths=st.booleans())
def test_shares_made_up_to_a_whole_hold_and_x137_past_it_does_not(a, tenths):
    """P%的装配线工人,加上Q%的工程师 with P + Q = 100 is never flagged; P x1.37 (past 100% with Q)
    always is, as a warning (the whole is not stated). The shares are exact: 大约是 would make P
    approximate, and the loose reading then reconciles an excess within its tolerance."""
    p = Decimal(a) / 10 if tenths else Decimal(a)
    q = (100 - p)
    text = "他说，车间里是{}%的装配线工人，加上{}%的工程师。"
    assert _au230(text.format(p, q)) == "none"
    wrong = (p * Decimal("1.37")).quantize(Decimal("0.1"))
    if wrong + q > 100 * Decimal("1.005") + 1:
        assert _au230(text.format(wrong, q)) == "warning"
