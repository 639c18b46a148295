"""Every check module carries its contract: code, slug, rule, severity policy, bad/good examples
that the whole pipeline runs (the bad one produces the code, the good one does not)."""
from __future__ import annotations

import re

import pytest

from audit.analysis import analyze
from audit.ingest import Document
from checks import REGISTRY, by_code


@pytest.mark.parametrize("mod", REGISTRY, ids=lambda m: m.CODE)
def test_check_contract(mod):
    assert re.fullmatch(r"AU\d{3}", mod.CODE) and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", mod.SLUG)
    assert mod.__doc__ and mod.CODE in mod.__doc__ and len(mod.__doc__.split()) > 20
    assert mod.SEVERITY and mod.BAD and mod.GOOD
    assert by_code(mod.CODE) is mod


@pytest.mark.parametrize("mod", REGISTRY, ids=lambda m: m.CODE)
def test_bad_example_fires_and_good_does_not(mod):
    bad = [analyze(Document("bad.txt", mod.BAD, "utf-8"))]
    good = [analyze(Document("good.txt", mod.GOOD, "utf-8"))]
    assert any(f.code == mod.CODE for f in mod.check(bad))
    assert not any(f.code == mod.CODE for f in mod.check(good))


def test_codes_are_unique():
    codes = [m.CODE for m in REGISTRY]
    assert len(codes) == len(set(codes))
