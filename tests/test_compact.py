"""The compact form of the claims a run keeps (issue 24): the same claims for every check, equal
values held once, and the raw line around each claim read back for the findings that quote it."""
from __future__ import annotations

from audit import config as cfgmod
from audit import pipeline
from audit.engines.compact import Compactor, restore_context

from .conftest import ROOT, SEEDS


def _read(folder, context: bool = True):
    return pipeline.read([str(folder)], cfgmod.load(None), 1, pipeline.Wants(context=context))


def _full_claims(folder):
    """The claims as the pipeline makes them, before the driver keeps them (with their context)."""
    cfg = cfgmod.load(None)
    pipeline._init(cfg, pipeline.Wants())
    return [c for job in pipeline._jobs([str(folder)], cfg) for c in pipeline._one(job).claims]


def test_compact_claims_are_the_claims_without_their_context():
    full = _full_claims(SEEDS)
    kept = _read(SEEDS).claims
    assert len(kept) == len(full) > 40
    assert any(c.context != ("", "") for c in full)
    for a, b in zip(full, kept):
        if not b.entity_inferred:  # the corpus links (infer_unnamed) may name a model
            assert a._replace(context=("", "")) == b
        assert b.context == ("", "")


def test_equal_values_are_held_once():
    kept = _read(ROOT / "tests" / "corpus").claims
    decimals: dict = {}
    for c in kept:
        for q in (c.quantity, c.change.quantity if c.change else None):
            for x in (q.value, q.low, q.high) if q else ():
                if x is not None:
                    assert decimals.setdefault(str(x), x) is x, str(x)
    evidence = {}
    for c in kept:
        assert evidence.setdefault(c.evidence, c.evidence) is c.evidence
    assert len(evidence) < len(kept) / 4


def test_the_exact_text_of_a_value_is_kept():
    from decimal import Decimal

    from audit.model import new_quantity

    q = [new_quantity((t, 0, 1, "amount", Decimal(t), Decimal(t), Decimal(t), "CNY", "exact", False, 0, 1,
                       None, None, None, None)) for t in ("8.80E+10", "8.8E+10")]
    c = Compactor()
    a, b = c.quantity(q[0]), c.quantity(q[1])
    assert a.value == b.value and str(a.value) == "8.80E+10" and str(b.value) == "8.8E+10"


def test_findings_quote_the_line_around_their_claims_as_before():
    from audit.cli.shared import findings

    corpus = _read(SEEDS)
    found = findings(corpus)
    corpus_codes = {"AU100", "AU200", "AU230", "AU270", "AU300"}
    quoted = [loc for f in found if f.code in corpus_codes for loc in f.locations]
    assert quoted and all(loc.before or loc.after for loc in quoted)
    full = {(c.doc, c.line, c.col): c.context for c in _full_claims(SEEDS)}
    assert all((loc.before, loc.after) == full[(loc.path, loc.line, loc.col)] for loc in quoted)
    assert restore_context(found, corpus.docs) == found


def test_a_report_without_context_holds_none():
    corpus = _read(SEEDS, context=False)
    assert all(d.contexts is None for d in corpus.docs)
