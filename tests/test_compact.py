"""The form of the claims a run keeps (issue 24): the same claims for every check, packed per
document, and the raw line around each claim read back for the findings that quote it."""
from __future__ import annotations

from audit import config as cfgmod
from audit import pipeline
from audit.engines.compact import restore_context
from audit.engines.packed import claims_of, pack, unpack

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


def test_packed_claims_are_a_fraction_of_the_live_ones():
    """Packed, a document's claims take a few dozen bytes each, not the kilobyte of live objects."""
    corpus = _read(ROOT / "tests" / "corpus")
    held = sum(len(d.packed) for d in corpus.docs if d.packed is not None)
    assert all(d.claims == () for d in corpus.docs)
    assert held < 200 * len(corpus.claims)


def test_the_exact_text_of_a_value_is_kept():
    from decimal import Decimal

    from audit.claims import Claim
    from audit.model import new_quantity

    q = [new_quantity((t, 0, 1, "amount", Decimal(t), Decimal(t), Decimal(t), "CNY", "exact", False, 0, 1,
                       None, None, None, None)) for t in ("8.80E+10", "8.8E+10")]
    claims = [Claim(f"d#{i}", "d", "e", "revenue", None, "2023", x, None, x.text, 1, i) for i, x in enumerate(q)]
    back = unpack(pack(claims))
    assert back == claims and [str(c.quantity.value) for c in back] == ["8.80E+10", "8.8E+10"]


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


def test_document_findings_hold_no_text_the_report_does_not_show():
    """Without context (json, sarif, github) a document's findings are kept as one compressed block
    (audit.engines.ordered.FindingBlock), a fraction of the live objects: no line around them, no
    figure."""
    import sys

    from audit.engines.ordered import FindingBlock

    corpus = _read(SEEDS, context=False)
    found = [(d, f) for d in corpus.docs for f in d.findings]
    assert len(found) > 10
    assert all(isinstance(d.findings, FindingBlock) for d in corpus.docs if d.findings)
    assert sum(len(d.findings.blob) for d in corpus.docs if d.findings) < 250 * len(found)
    for d, f in found:
        assert f.locations[0].path == d.path
        for loc in f.locations:
            assert (loc.before, loc.after, loc.quantity) == ("", "", None)
    assert any(loc.snippet in {c.quote for c in claims_of(d)} for d, f in found for loc in f.locations)
    with_context = _read(SEEDS)
    assert all(type(d.findings) is tuple for d in with_context.docs)
    assert any(loc.before for d in with_context.docs for f in d.findings for loc in f.locations)
    assert [f for d in with_context.docs for f in d.findings] == [f for _, f in found]  # same findings otherwise
    live = sum(sys.getsizeof(f.message) + sys.getsizeof(f.fingerprint) for _, f in found)
    assert sum(len(d.findings.blob) for d in corpus.docs if d.findings) < live


def test_corpus_findings_hold_no_figure_the_report_does_not_show():
    """Without context a corpus check's findings are kept as records without the figures they point
    at (a large run holds them all till the report), and the report's findings are made from them
    when read (audit.engines.ordered.Ordered)."""
    from audit.cli.shared import findings
    from audit.engine import checks_of
    from audit.engines.ordered import Ordered

    corpus = _read(ROOT / "tests" / "corpus", context=False)
    codes = {m.CODE for m in checks_of(scope="corpus")}
    every = findings(corpus)
    assert isinstance(every, Ordered) and any(s < 0 for s in every.src)  # corpus findings kept as records
    assert all(type(r) is bytes for r in every.records)
    found = [f for f in every if f.code in codes]
    assert len(found) > 5
    for f in found:
        for loc in f.locations:
            assert (loc.before, loc.after, loc.quantity) == ("", "", None)
    with_context = [f for f in findings(_read(ROOT / "tests" / "corpus")) if f.code in codes]
    assert all(loc.quantity is not None for f in with_context for loc in f.locations)
    assert with_context == found  # the same findings otherwise
