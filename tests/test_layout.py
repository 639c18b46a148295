"""The layout a newcomer can read (issue 20): in the packages that were once one long module,
no module over 400 lines and no function over 80, so that each part is read at once."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [p for p in ("audit/cli", "audit/quantities", "audit/claims") if (ROOT / p).is_dir()]
MAX_MODULE, MAX_FUNCTION = 400, 80
FUNCTION_LIMITS = {"audit/claims": 60}  # packages held to a shorter function (issue 22)


def _too_long(path: Path, max_function: int = MAX_FUNCTION) -> list[str]:
    text = path.read_text(encoding="utf-8")
    out = [f"{path.name}: {len(text.splitlines())} lines"] if len(text.splitlines()) > MAX_MODULE else []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > max_function:
                out.append(f"{path.name}: {node.name} is {length} lines")
    return out


def test_the_length_rule_sees_a_long_function(tmp_path):
    long = tmp_path / "long.py"
    long.write_text("def f():\n" + "    x = 1\n" * MAX_FUNCTION, encoding="utf-8")
    assert _too_long(long) == ["long.py: f is 81 lines"]


def test_the_cli_is_a_package():
    assert "audit/cli" in PACKAGES


def test_the_claims_stage_is_a_package_of_short_functions(tmp_path):
    assert "audit/claims" in PACKAGES and not (ROOT / "audit/claims.py").exists()
    long = tmp_path / "long.py"
    long.write_text("def f():\n" + "    x = 1\n" * 60, encoding="utf-8")
    assert _too_long(long, FUNCTION_LIMITS["audit/claims"]) == ["long.py: f is 61 lines"]


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_or_function_too_long(package):
    limit = FUNCTION_LIMITS.get(package, MAX_FUNCTION)
    found = [x for path in sorted((ROOT / package).glob("*.py")) for x in _too_long(path, limit)]
    assert not found, found
