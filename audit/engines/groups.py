"""Claims grouped as a corpus check declares: the shuffle and reduce of DESIGN.md section 8.

``GROUP`` is one of ``"key"`` (entity, metric, segment, period, basis: claims with an entity, a
metric and a quantity only, as :func:`audit.context.index` keeps them), ``"entity"`` (every claim,
those without an entity in one group of their own), ``"document"`` or ``"corpus"`` (one group of
every claim). Groups come in the order of their first claim and keep the claims' order, so a check
yields the findings of one group in the order it would over the whole corpus: the final sort
(:func:`audit.engine.finish`) then gives the same report however the groups are spread.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from operator import attrgetter

from ..claims import Claim
from ..context import Context, group_by, index
from ..faults import CheckFailure
from ..model import Finding

GROUPS = ("key", "entity", "document", "corpus")
SKIP = object()  # the group of a claim that no group of its kind holds (a "key" claim without a key)

_key = attrgetter("entity", "metric", "segment", "period", "basis")


def _of_key(c: Claim):
    return _key(c) if c.entity and c.metric and c.quantity is not None else SKIP


GROUP_OF: dict[str, Callable[[Claim], Hashable]] = {
    "key": _of_key,
    "entity": attrgetter("entity"),
    "document": attrgetter("doc"),
    "corpus": lambda c: None,
}


def group_kind(mod) -> str:
    """A corpus check's ``GROUP``, checked: an unknown one is the check's bug, said at once."""
    kind = getattr(mod, "GROUP", None)
    if kind not in GROUPS:
        raise ValueError(f"check {mod.CODE} declares GROUP = {kind!r}, not one of {', '.join(GROUPS)}")
    return kind


def grouped(claims: Iterable[Claim], kind: str) -> dict:
    """Group key -> the claims of that group, in order of first claim (``kind``: see GROUPS)."""
    if kind == "key":
        return index(claims)
    return group_by(claims, GROUP_OF[kind])


def check_groups(ctx: Context, mod, groups: Iterable[list[Claim]]) -> Iterator[Finding]:
    """The findings of check ``mod`` on each group in turn."""
    for claims in groups:
        yield from mod.check_group(ctx, claims)


def corpus_findings(ctx: Context, mods: list) -> dict[str, tuple[list[Finding], object]]:
    """Check code -> (its findings, group by group, unsorted; the CheckFailure when it raised, else
    None) for each corpus check of ``mods``. The groups of a kind are made once and each is seen by
    every check of that kind before the next is made: packed claims (audit.engines.packed) are
    unpacked one batch of groups at a time."""
    from .packed import BATCH_CLAIMS, PackedClaims

    packed = isinstance(ctx.claims, PackedClaims) and len(ctx.claims) > BATCH_CLAIMS
    groupings = None if packed or not mods else \
        Groupings(ctx, ctx.claims.unpacked() if isinstance(ctx.claims, PackedClaims) else None)  # one batch
    out: dict[str, tuple[list[Finding], object]] = {}
    kinds = tuple(dict.fromkeys(map(group_kind, mods)))
    if packed:
        ctx.claims.group(k for k in kinds if k != "corpus")
    for kind in kinds:
        these = [m for m in mods if m.GROUP == kind]
        found: dict[str, list[Finding]] = {m.CODE: [] for m in these}
        failed: dict[str, object] = {}
        groups = [ctx.claims] if kind == "corpus" else ctx.claims.groups(kind) if packed else groupings.of(kind)
        for claims in groups:
            for mod in these:
                if mod.CODE in failed:
                    continue
                try:
                    got = mod.check_group(ctx, claims)
                    found[mod.CODE] += got if ctx.kept is None else map(ctx.kept, got)
                except Exception as ex:  # noqa: BLE001 - one check's bug must not cost the others' findings
                    failed[mod.CODE], found[mod.CODE] = failure(ctx, mod, ex), []
        out.update((m.CODE, (found[m.CODE], failed.get(m.CODE))) for m in these)
    return out


def failure(ctx: Context, mod, ex: Exception) -> CheckFailure:
    """What check ``mod`` raising ``ex`` (being handled) on ``ctx`` is reported as."""
    import traceback

    doc = ctx.docs[0].doc.path if len(ctx.docs) == 1 else ""
    return CheckFailure(mod.CODE, doc, f"{type(ex).__name__}: {ex}", traceback.format_exc())


class Groupings:
    """Each kind of grouping of one context's claims, made once when a check first asks for it."""

    def __init__(self, ctx: Context, claims: list[Claim] | None = None) -> None:
        self.ctx = ctx
        self.claims = ctx.claims if claims is None else claims  # packed ones unpacked, when few
        self.made: dict[str, list[list[Claim]]] = {}

    def of(self, kind: str) -> list[list[Claim]]:
        if kind not in self.made:
            if kind == "corpus":
                self.made[kind] = [self.ctx.claims]
            else:
                self.made[kind] = list(grouped(self.claims, kind).values())
        return self.made[kind]
