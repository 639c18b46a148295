"""The checks, one module each (DESIGN.md section 5).

Every module defines CODE, SLUG, SEVERITY (its severity policy in words), a docstring that states
the rule, BAD and GOOD example documents, and how it checks, which depends on its scope (below);
``ctx`` is the :class:`audit.context.Context` (documents, claims, tolerances, configuration).
The engine knows nothing about any one check: it runs the modules listed in REGISTRY.

A run streams documents and keeps only their claims, so a check says what it needs:
``SCOPE = "document"`` checks need only one document (its text, or its claims alone) and run where it is
read (``ctx.docs`` and ``ctx.claims`` hold that document's), in parallel under ``--jobs``, and define
``check(ctx)``; the others (the default, "corpus") see claims after the links made across documents,
but no text, one group at a time: they declare ``GROUP`` ("key", "entity", "document" or "corpus",
see audit.engines.groups) and define ``check_group(ctx, claims)``, which sees the claims of one group
in corpus order and never ``ctx.claims`` or ``ctx.by_key``: the engine decides where groups are made
and checked (this process, or a cluster). A corpus check that needs something of the text defines
``notes(ctx)``, run per document; what it yields is in ``ctx.notes[CODE]``, in document order, when
``check_group`` runs. A check reads the context and never changes it.
"""
from __future__ import annotations

from . import (bound_mismatch, comparison_mismatch, conversion_mismatch, count_mismatch, cumulative_mismatch, damaged_text,
               date_mismatch, difference_mismatch, elapsed_mismatch, expectation_mismatch, fact_mismatch, growth_mismatch,
               headline_mismatch, label_conflict, magnitude_slip, measure_conversion, name_conflict, part_whole, point_percent, price_range,
               product_mismatch, rate_mismatch, value_conflict)

REGISTRY = (value_conflict, label_conflict, name_conflict, headline_mismatch, magnitude_slip, growth_mismatch, difference_mismatch, rate_mismatch,
            product_mismatch, part_whole, comparison_mismatch, bound_mismatch, price_range, count_mismatch, conversion_mismatch,
            measure_conversion, cumulative_mismatch, point_percent, elapsed_mismatch, fact_mismatch,
            expectation_mismatch, date_mismatch, damaged_text)


def by_code(code: str):
    for mod in REGISTRY:
        if mod.CODE == code.upper():
            return mod
    return None
