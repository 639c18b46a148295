"""Run the checks: index the claims once, hand every check the same context.

Claims are indexed by key (entity, metric, segment, period) and by document, so each check works
in time linear in the number of claims (groups are compared within themselves, never all pairs of
the corpus). The engine knows nothing about any one check: it runs the modules of
``checks.REGISTRY`` and sorts what they return. What the checks need of it (the context,
comparability) is in :mod:`audit.context`, which imports no check.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from checks import REGISTRY

from .analysis import Analyzed
from .claims import Claim, Lexicons, corpus_claims, default_lexicons
from .context import Context
from .model import Finding


def build_context(docs: list[Analyzed], config=None, lex: Lexicons | None = None,
                  claims: list[Claim] | None = None, notes: dict | None = None, kept=None) -> Context:
    """The context of the checks. ``notes`` are gathered from ``docs`` unless given (a streaming
    run gathers them document by document and keeps no document); ``kept``: what the run keeps of
    each finding of a corpus check (audit.pipeline.Corpus.kept)."""
    lex = lex or (config.lexicons() if config is not None else default_lexicons())
    claims = claims if claims is not None else corpus_claims(docs, lex)
    rel, approx = Decimal("0.005"), Decimal("0.05")
    tol = (getattr(config, "raw", None) or {}).get("tolerance") or {}
    if "relative" in tol:
        rel = Decimal(str(tol["relative"]))
    if "approx" in tol:
        approx = Decimal(str(tol["approx"]))
    ctx = Context(docs, claims, lex, config, rel, approx, kept=kept)
    ctx.notes = notes if notes is not None else gather_notes(ctx)
    return ctx


def gather_notes(ctx: Context) -> dict[str, list]:
    """What the checks that compare across documents need of ``ctx.docs`` (their ``notes``)."""
    return {mod.CODE: _guarded(ctx, mod, mod.notes) for mod in REGISTRY if hasattr(mod, "notes")}


def selected(code: str, select: set[str] | None = None, ignore: set[str] | None = None) -> bool:
    return (not select or code in select) and not (ignore and code in ignore)


def checks_of(select: set[str] | None = None, ignore: set[str] | None = None, scope: str | None = None) -> list:
    """The check modules of ``scope`` ("document": checks that read one document's text;
    "corpus": checks on claims alone; None: both) that the selection keeps, in registry order."""
    return [mod for mod in REGISTRY
            if selected(mod.CODE, select, ignore) and scope in (None, getattr(mod, "SCOPE", "corpus"))]


def collect(ctx: Context, select: set[str] | None = None, ignore: set[str] | None = None,
            scope: str | None = None) -> list[Finding]:
    """The findings of the checks of ``scope`` (see :func:`checks_of`), unsorted, check by check.
    A corpus check runs on each group of claims it declares (``GROUP``), here in this process
    (:func:`audit.engines.groups.corpus_findings`). A check that raises adds nothing and is
    recorded in ``ctx.failures``."""
    from .engines.groups import corpus_findings

    mods = checks_of(select, ignore, scope)
    made = corpus_findings(ctx, [mod for mod in mods if getattr(mod, "SCOPE", "corpus") == "corpus"])
    out: list[Finding] = []
    for mod in mods:
        if getattr(mod, "SCOPE", "corpus") == "document":
            out += _guarded(ctx, mod, mod.check)
        else:
            found, failure = made[mod.CODE]
            if failure is not None:
                ctx.failures.append(failure)
            out += found
    return out


def _guarded(ctx: Context, mod, step) -> list:
    """What ``step`` (a check's ``check`` or ``notes``) yields for ``ctx``; nothing, and a
    :class:`CheckFailure` in ``ctx.failures``, when it raises."""
    try:
        return list(step(ctx))
    except Exception as ex:  # noqa: BLE001 - one check's bug must not cost the others' findings
        from .engines.groups import failure

        ctx.failures.append(failure(ctx, mod, ex))
        return []


def run_checks(ctx: Context, select: set[str] | None = None, ignore: set[str] | None = None) -> list[Finding]:
    return finish(collect(ctx, select, ignore))


def finish(out: list[Finding]) -> list[Finding]:
    """Findings in report order (file, line, column, severity, code), repeated fingerprints
    numbered by occurrence."""
    rank = {"error": 0, "warning": 1, "info": 2}
    out.sort(key=lambda f: (f.locations[0].path, f.locations[0].line, f.locations[0].col, rank[f.severity], f.code))
    # The same finding twice in a document (one damaged pattern on two lines) gets its
    # occurrence number into the fingerprint, so that baselines count them apart.
    seen: dict[str, int] = {}
    for i, f in enumerate(out):
        n = seen.get(f.fingerprint, 0) + 1
        seen[f.fingerprint] = n
        if n > 1:
            out[i] = replace(f, computed=f.computed + (("occurrence", n),))
    return out
