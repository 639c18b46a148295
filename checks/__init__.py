"""The checks, one module each (DESIGN.md section 5).

Every module defines CODE, SLUG, SEVERITY (its severity policy in words), a docstring that states
the rule, BAD and GOOD example documents, and ``check(docs, config) -> iterable of Finding``.
The engine knows nothing about any one check: it runs the modules listed in REGISTRY.
"""
from __future__ import annotations

from . import damaged_text

REGISTRY = (damaged_text,)


def by_code(code: str):
    for mod in REGISTRY:
        if mod.CODE == code.upper():
            return mod
    return None
