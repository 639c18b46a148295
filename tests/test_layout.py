"""The layout a newcomer can read (issue 20): in the packages that were once one long module,
no module over 400 lines and no function over 80, so that each part is read at once."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [p for p in ("audit/cli", "audit/quantities") if (ROOT / p).is_dir()]
MAX_MODULE, MAX_FUNCTION = 400, 80


def _too_long(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    out = [f"{path.name}: {len(text.splitlines())} lines"] if len(text.splitlines()) > MAX_MODULE else []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION:
                out.append(f"{path.name}: {node.name} is {length} lines")
    return out


def test_the_length_rule_sees_a_long_function(tmp_path):
    long = tmp_path / "long.py"
    long.write_text("def f():\n" + "    x = 1\n" * MAX_FUNCTION, encoding="utf-8")
    assert _too_long(long) == ["long.py: f is 81 lines"]


def test_the_cli_is_a_package():
    assert "audit/cli" in PACKAGES


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_or_function_too_long(package):
    found = [x for path in sorted((ROOT / package).glob("*.py")) for x in _too_long(path)]
    assert not found, found
