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


class _Config:
    """A configuration for the examples: the check's EXAMPLE_CONFIG, else nothing."""

    path = None

    def __init__(self, raw):
        self.raw = raw

    def lexicons(self):
        from audit.claims import default_lexicons

        return default_lexicons()


def run_example(mod, text: str, name: str):
    from audit.engine import build_context, run_checks

    docs = [analyze(Document(name, text, "utf-8"), "2023-06-01")]
    return run_checks(build_context(docs, _Config(getattr(mod, "EXAMPLE_CONFIG", {}))))


@pytest.mark.parametrize("mod", REGISTRY, ids=lambda m: m.CODE)
def test_bad_example_fires_and_good_does_not(mod):
    assert any(f.code == mod.CODE for f in run_example(mod, mod.BAD, "bad.txt")), mod.CODE
    assert not any(f.code == mod.CODE for f in run_example(mod, mod.GOOD, "good.txt"))


def test_codes_are_unique():
    codes = [m.CODE for m in REGISTRY]
    assert len(codes) == len(set(codes))
