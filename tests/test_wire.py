"""A digest sent from a worker process (audit.wire) arrives as it left: every field, every exact
value, and the figure a finding points at still the claim's own object."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from audit import config as cfgmod
from audit import wire
from audit.ingest import Document, read_document
from audit.model import Finding, Location, new_quantity
from audit.pipeline import Digest, Wants, digest
from audit.report.json_report import entry_text, finding_text

from .conftest import ROOT


def _digests() -> list[Digest]:
    cfg = cfgmod.load(None)
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").rglob("*.txt"))
    out = []
    for i, p in enumerate(files):
        doc = read_document(p, p.name)
        assert isinstance(doc, Document)
        wants = Wants(figures=i % 2 == 0, finding_text=finding_text, entry_text=entry_text if i % 3 else None)
        out.append(digest(doc, cfg, "2023-08-17", wants))
    return out


def test_every_digest_of_the_seeds_and_the_planted_corpus_round_trips():
    digests = _digests()
    assert sum(len(d.claims) for d in digests) > 50 and sum(len(d.findings) for d in digests) > 10
    for d in digests:
        data = wire.pack(d)
        assert data[:1] == b"M"  # the fast way, not the fallback
        back = wire.unpack(data)
        assert repr(back) == repr(d)  # every field, the display-only ones of Location included
        assert [f.fingerprint for f in back.findings] == [f.fingerprint for f in d.findings]
        figures = {id(c.quantity) for c in back.claims}
        for f, g in zip(d.findings, back.findings):
            for a, b in zip(f.locations, g.locations):
                if any(a.quantity is c.quantity for c in d.claims):
                    assert id(b.quantity) in figures  # shared as it was, not a copy


def test_a_digest_without_context_loses_that_and_nothing_else():
    """For a report that does not show the text around a figure, nor the figure a finding
    quotes, the transfer leaves them out."""
    from dataclasses import replace

    for d in _digests():
        back = wire.unpack(wire.pack(d, context=False))
        assert back.claims == tuple(c._replace(context=("", "")) for c in d.claims)
        assert [[replace(loc, before="", after="") for loc in f.locations] for f in d.findings] \
            == [list(f.locations) for f in back.findings]
        assert all(loc.quantity is None and not loc.before for f in back.findings for loc in f.locations)
        assert [(f.code, f.message, f.computed, f.fingerprint) for f in back.findings] \
            == [(f.code, f.message, f.computed, f.fingerprint) for f in d.findings]
        assert back.finding_texts == d.finding_texts and back.notes == d.notes
        assert back.entry_text == d.entry_text


def test_a_digest_marshal_cannot_write_goes_by_pickle():
    d = _digests()[0]
    odd = Finding("AU999", "odd", "info", "a computed Decimal", (Location("x.txt", 1, 1, "x"),),
                  (("value", Decimal("1.50")),))
    d = Digest(d.path, d.encoding, d.published, d.published_source, d.figures, d.claims, d.findings + (odd,),
               d.notes, d.suppressions)
    data = wire.pack(d)
    assert data[:1] == b"P"
    assert repr(wire.unpack(data)) == repr(d)


_DECIMALS = st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=True),
                      st.sampled_from([Decimal("-0"), Decimal("4.4E+9"), Decimal("1.0E-7"), Decimal("7042.00")]))


@given(_DECIMALS, _DECIMALS, _DECIMALS, st.text(max_size=8), st.booleans())
def test_a_figure_keeps_its_exact_values(value, low, high, text, approximate):
    q = new_quantity((text, 0, len(text), "amount", value, low, high, "CNY", "exact", approximate,
                      0, len(text), None, None, None, None))
    back = wire._q_in(wire._q_out(q))
    assert repr(back) == repr(q)  # the same digits and exponent, sign of zero and infinity

