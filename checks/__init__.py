"""The checks, one module each (DESIGN.md section 5).

Every module defines CODE, SLUG, SEVERITY (its severity policy in words), a docstring that states
the rule, BAD and GOOD example documents, and ``check(ctx) -> iterable of Finding`` where ``ctx`` is
the :class:`audit.context.Context` (documents, claims indexed by key, tolerances, configuration).
The engine knows nothing about any one check: it runs the modules listed in REGISTRY.

A run streams documents and keeps only their claims, so a check says what it needs:
``SCOPE = "document"`` checks need only one document (its text, or its claims alone) and run where it is
read (``ctx.docs`` and ``ctx.claims`` hold that document's), in parallel under ``--jobs``; the others
(the default, "corpus") see every claim, after the links made across documents, but no text. A corpus check
that needs something of the text defines ``notes(ctx)``, run per document; what it yields is in
``ctx.notes[CODE]``, in document order, when ``check`` runs. A check reads the context and never
changes it.
"""
from __future__ import annotations

from . import (comparison_mismatch, conversion_mismatch, count_mismatch, cumulative_mismatch, damaged_text,
               date_mismatch, difference_mismatch, expectation_mismatch, fact_mismatch, growth_mismatch,
               label_conflict, name_conflict, part_whole, point_percent, rate_mismatch, value_conflict)

REGISTRY = (value_conflict, label_conflict, name_conflict, growth_mismatch, difference_mismatch, rate_mismatch,
            part_whole, comparison_mismatch, count_mismatch, conversion_mismatch, cumulative_mismatch, point_percent,
            fact_mismatch, expectation_mismatch, date_mismatch, damaged_text)


def by_code(code: str):
    for mod in REGISTRY:
        if mod.CODE == code.upper():
            return mod
    return None
