"""The parser's package stays readable: modules of at most 400 lines and functions of at most 80,
each module opening with what part of the reading it owns, each importable first (no circle)."""
from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "audit" / "quantities"
MODULES = sorted(PACKAGE.glob("*.py"))
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 80


def _name(path) -> str:
    return "audit.quantities" if path.stem == "__init__" else f"audit.quantities.{path.stem}"


def test_the_parser_is_a_package_of_several_parts():
    assert PACKAGE.is_dir() and not (ROOT / "audit" / "quantities.py").exists()
    assert len(MODULES) >= 5, [p.name for p in MODULES]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_is_short_and_says_what_it_owns(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{path.name}: {len(text.splitlines())} lines"
    tree = ast.parse(text)
    assert (ast.get_docstring(tree) or "").strip(), f"{path.name}: no docstring saying what part of the reading it owns"
    long = [f"{n.name}: {n.end_lineno - n.lineno + 1} lines" for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{path.name}: {long}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_imports_first(path):
    """Imported first in a fresh interpreter, each module loads: no import circle needs another
    module loaded before it."""
    r = subprocess.run([sys.executable, "-c", f"import {_name(path)}"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-800:]
