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


class Groupings:
    """Each kind of grouping of one context's claims, made once when a check first asks for it
    (the "key" one is the context's index, made with it)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.made: dict[str, list[list[Claim]]] = {}

    def of(self, kind: str) -> list[list[Claim]]:
        if kind not in self.made:
            if kind == "key":
                self.made[kind] = list(self.ctx.by_key.values())
            elif kind == "corpus":
                self.made[kind] = [self.ctx.claims]
            else:
                self.made[kind] = list(grouped(self.ctx.claims, kind).values())
        return self.made[kind]
