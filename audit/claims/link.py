"""What crosses documents: a size-class figure (70亿级) of a company's models is linked, as
*inferred*, to a model of that company named elsewhere in the corpus whose name implies that
size (Qwen-7B); and the corpus driver that reads every document, then links."""
from __future__ import annotations

from decimal import Decimal
from itertools import compress, repeat
from operator import attrgetter, eq
from typing import Iterable, Iterator

from ..analysis import Analyzed
from ..model import Quantity
from ..names import implied_size
from .extract import extract_claims
from .lexicons import Lexicons, default_lexicons
from .model import Claim


def infer_unnamed(claims: list[Claim], lex: Lexicons | None = None) -> list[Claim]:
    """Link size-class figures of a company's models to the model named elsewhere whose name
    implies that size (70亿级 -> Qwen-7B), marking the link as inferred."""
    lex = lex or default_lexicons()
    named_models: dict[str, list[tuple[str, Quantity]]] = {}
    for entity in dict.fromkeys(map(_entity_of, claims)):  # each once, in the order first claimed
        e = lex.entities.get(entity or "")
        if e and e.kind == "model" and e.parent:
            for name in e.names:
                size = implied_size(name)
                if size is not None:
                    named_models.setdefault(e.parent, []).append((e.id, size))
                    break
    out = list(claims)
    if not named_models:
        return out
    for i in compress(range(len(out)), metric_mask(out, "parameters")):  # the few, in C
        c = out[i]
        if c.entity in named_models:
            q = c.quantity
            if q is None or q.qualifier != "class":
                continue
            for model_id, size in named_models[c.entity]:
                if _same_class(q.value, size.value):
                    ev = tuple("entity:size-class" if e.startswith("entity:") else e for e in c.evidence)
                    out[i] = c._replace(entity=model_id, entity_inferred=True, evidence=ev)
                    break
    return out


_entity_of = attrgetter("entity")
_metric_of = attrgetter("metric")


def metric_mask(claims: list[Claim], metric: str) -> Iterator[bool]:
    """For each claim, whether it is of ``metric``: computed in C, for picking the few claims of
    one metric out of a corpus (with itertools.compress) without a Python step per claim."""
    return map(eq, map(_metric_of, claims), repeat(metric))


def _same_class(a: Decimal | None, b: Decimal | None) -> bool:
    """70亿级 and 7B are one size class: the same leading digit at the same order of magnitude."""
    if a is None or b is None or a <= 0 or b <= 0:
        return False
    return a.adjusted() == b.adjusted() and int(a.scaleb(-a.adjusted())) == int(b.scaleb(-b.adjusted()))


def corpus_claims(docs: Iterable[Analyzed], lex: Lexicons | None = None) -> list[Claim]:
    lex = lex or default_lexicons()
    out: list[Claim] = []
    for a in docs:
        out.extend(extract_claims(a, lex))
    return infer_unnamed(out, lex)
