"""The engine boundary (issue 24, DESIGN.md section 8): every corpus check declares what it groups
claims by and checks one group at a time, seeing nothing of the corpus but its group; so any
engine that makes the groups (this process, a cluster) finds the same."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from audit import config as cfgmod
from audit import pipeline
from audit.engine import build_context, collect, finish
from audit.engines.groups import GROUPS, grouped
from checks import REGISTRY

from .conftest import ROOT

CORPUS_CHECKS = [m for m in REGISTRY if getattr(m, "SCOPE", "corpus") == "corpus"]


@pytest.mark.parametrize("mod", REGISTRY, ids=lambda m: m.CODE)
def test_every_check_declares_how_it_runs(mod):
    if getattr(mod, "SCOPE", "corpus") == "document":
        assert callable(mod.check) and not hasattr(mod, "GROUP")
    else:
        assert mod.GROUP in GROUPS and callable(mod.check_group)
        assert not hasattr(mod, "check"), "a corpus check runs by group only"


def _corpus_context():
    """The planted corpus (every check fires on it) read as `audit run` reads it."""
    cfg = cfgmod.load(None)
    corpus = pipeline.read([str(ROOT / "tests" / "corpus")], cfg)
    return build_context([], cfg, claims=corpus.claims, notes=corpus.notes), corpus


def test_a_group_sees_only_its_claims_and_finds_what_the_whole_corpus_does():
    ctx, corpus = _corpus_context()
    whole = finish(collect(ctx, scope="corpus"))
    assert {f.code for f in whole} >= {"AU100", "AU200", "AU230", "AU270"}
    blind = replace(ctx, claims=[])  # what a worker of a cluster knows of the corpus
    by_group = []
    for mod in CORPUS_CHECKS:
        groups = [corpus.claims] if mod.GROUP == "corpus" else grouped(corpus.claims, mod.GROUP).values()
        for claims in reversed(list(groups)):  # the order groups are checked in is the engine's
            by_group += mod.check_group(blind, claims)
    assert [f.fingerprint for f in finish(by_group)] == [f.fingerprint for f in whole]
    assert finish(by_group) == whole


@pytest.mark.parametrize("kind", GROUPS)
def test_groups_keep_corpus_order_and_lose_no_claim(kind):
    _, corpus = _corpus_context()
    claims = list(corpus.claims)
    groups = list(grouped(claims, kind).values()) if kind != "corpus" else [claims]
    firsts = [claims.index(g[0]) for g in groups]
    assert firsts == sorted(firsts)
    for g in groups:
        assert [claims.index(c) for c in g] == sorted(claims.index(c) for c in g)
    held = sum(len(g) for g in groups)
    keyed = sum(1 for c in claims if c.entity and c.metric and c.quantity is not None)
    assert held == (keyed if kind == "key" else len(claims))


def test_a_local_run_imports_no_dask():
    """The local engine never pays for another engine's imports (cold start unchanged)."""
    import subprocess
    import sys

    code = ("import sys\nimport audit.cli as c\nc.main(['run', '--quiet', '--no-color', '--exit-zero'])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("batch", [1, 7, 20])
def test_packed_claims_in_small_batches_give_the_findings_of_the_whole_corpus(monkeypatch, batch):
    """Packed claims (audit.engines.packed) are unpacked a batch of groups at a time, the claims
    without an entity document by document: the findings, sorted, are those of every claim at once."""
    from audit.engines import packed

    ctx, corpus = _corpus_context()
    whole = finish(collect(replace(ctx, claims=list(corpus.claims)), scope="corpus"))
    monkeypatch.setattr(packed, "BATCH_CLAIMS", batch)
    assert len(corpus.claims) > batch
    again = build_context([], ctx.config, claims=packed.PackedClaims(corpus.claims.blobs, _counts(corpus.claims)),
                          notes=corpus.notes)
    assert finish(collect(again, scope="corpus")) == whole


def _counts(claims) -> list[int]:
    return [b - a for a, b in zip(claims.starts, claims.starts[1:])]


@pytest.mark.parametrize("kind", ["key", "entity"])
def test_packed_groups_are_the_groups_but_for_the_entityless_one_split_by_document(monkeypatch, kind):
    from audit.engines import packed

    _, corpus = _corpus_context()
    claims = list(corpus.claims)
    want = []
    for key, group in grouped(claims, kind).items():
        want += grouped(group, "document").values() if key is None else [group]
    monkeypatch.setattr(packed, "BATCH_CLAIMS", 5)
    got = list(packed.PackedClaims(corpus.claims.blobs, _counts(corpus.claims)).groups(kind))
    assert got == want


def _claims_of_docs(docs: int):
    """Documents that each state one figure of a fact every document states and one of their own."""
    from decimal import Decimal

    from audit.claims import Claim
    from audit.model import new_quantity

    q = new_quantity(("5亿元", 0, 3, "amount", Decimal(5e8), Decimal(5e8), Decimal(5e8), "CNY", "exact", False, 0, 3,
                      None, None, None, None))
    return [[Claim(f"d{n}#{i}", f"d{n}", entity, "revenue", None, "2023", q, None, q.text, 1, i)
             for i, entity in enumerate(("common", f"own{n}"))] for n in range(docs)]


@pytest.mark.parametrize("kind", ["key", "entity"])
def test_a_batch_unpacks_only_the_documents_that_hold_its_groups(monkeypatch, kind):
    """Each document is unpacked for the batches that hold one of its claims alone, not for every
    batch between its first group and its last (which made small batches, and so a small peak of
    memory, slow): here twice, a group every document shares and one of its own."""
    from audit.engines import packed

    docs = _claims_of_docs(40)
    claims = packed.PackedClaims([packed.pack(d) for d in docs], [len(d) for d in docs])
    monkeypatch.setattr(packed, "BATCH_CLAIMS", 3)
    claims.group((kind,))
    unpacked = []
    real = packed.tuples
    monkeypatch.setattr(packed, "tuples", lambda blob: unpacked.append(blob) or real(blob))
    got = list(claims.groups(kind))
    assert got == list(grouped([c for d in docs for c in d], kind).values())
    assert len(unpacked) == 2 * len(docs)


@pytest.mark.parametrize("mod", [m for m in CORPUS_CHECKS if m.GROUP == "entity"], ids=lambda m: m.CODE)
def test_claims_without_an_entity_relate_only_within_their_document(mod):
    """What lets the packed engine check the claims without an entity document by document: an
    entity check finds the same on them, sorted, either way."""
    ctx, corpus = _corpus_context()
    blind = replace(ctx, claims=[])
    none = [c for c in corpus.claims if c.entity is None]
    assert len({c.doc for c in none}) > 3
    per_doc = [f for g in grouped(none, "document").values() for f in mod.check_group(blind, g)]
    assert finish(per_doc) == finish(list(mod.check_group(blind, none)))
