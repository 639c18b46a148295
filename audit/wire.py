"""How a document's digest crosses from a worker process to the main one (``--jobs``).

A digest is mostly claims and findings: tens of thousands of small tuples and frozen dataclasses
with exact Decimal values inside. Pickle writes each as a class and its fields and runs Python code
per object both ways (a Finding would even hash its fingerprint again). Here they are taken apart
into plain tuples of strings and numbers (a Decimal as its exact text, which reads back to the same
value and exponent; a finding's figure as the index of the claim that holds it) and written by
``marshal``, which does that in C; the few notes and suppressions go by pickle, and so does a whole
digest that holds something ``marshal`` cannot write. Both processes run the same interpreter,
which is all ``marshal`` asks.
"""
from __future__ import annotations

import marshal
import pickle
from dataclasses import fields
from decimal import Decimal

from .claims import Change, Claim
from .digest import Digest
from .model import Finding, Location, Quantity, new_quantity

# A frozen dataclass rebuilt by setting its slots directly, in field order, as pickle would but
# without a Python call per field.
_SETTERS = {cls: tuple(getattr(cls, f.name).__set__ for f in fields(cls)) for cls in (Location, Finding)}


def _build(cls: type, values: tuple):
    obj = object.__new__(cls)
    for put, value in zip(_SETTERS[cls], values):
        put(obj, value)
    return obj


def _q_out(q: Quantity) -> tuple:
    text, start, end, kind, v, lo, hi, unit, qualifier, approximate, ns, ne, cls, date, period, rel = q
    return (text, start, end, kind, None if v is None else str(v), None if lo is None else str(lo),
            None if hi is None else str(hi), unit, qualifier, approximate, ns, ne, cls, date, period, rel)


def _q_in(t: tuple) -> Quantity:
    text, start, end, kind, v, lo, hi, unit, qualifier, approximate, ns, ne, cls, date, period, rel = t
    return new_quantity((text, start, end, kind, None if v is None else Decimal(v),
                         None if lo is None else Decimal(lo), None if hi is None else Decimal(hi),
                         unit, qualifier, approximate, ns, ne, cls, date, period, rel))


_NO_CONTEXT = ("", "")


def _claim_out(c: Claim, context: bool) -> tuple:
    cid, doc, entity, metric, segment, period, q, ch, quote, line, col, inferred, relations, evidence, stop, \
        around, basis, months = c
    return (cid, doc, entity, metric, segment, period, None if q is None else _q_out(q),
            None if ch is None else (ch[0], ch[1], _q_out(ch[2])), quote, line, col, inferred, relations,
            evidence, stop, around if context else _NO_CONTEXT, basis, months)


def _claim_in(t: tuple) -> Claim:
    cid, doc, entity, metric, segment, period, q, ch, quote, line, col, inferred, relations, evidence, stop, \
        context, basis, months = t
    return tuple.__new__(Claim, (cid, doc, entity, metric, segment, period, None if q is None else _q_in(q),
                                 None if ch is None else tuple.__new__(Change, (ch[0], ch[1], _q_in(ch[2]))),
                                 quote, line, col, inferred, relations, evidence, stop, context, basis, months))


def _finding_out(f: Finding, held: dict[int, int], context: bool) -> tuple:
    if context:
        locs = tuple((loc.path, loc.line, loc.col, loc.snippet, loc.start, loc.end, loc.before, loc.after,
                      _figure_out(loc.quantity, held)) for loc in f.locations)
    else:  # what a report that quotes no text needs of a location
        locs = tuple((loc.path, loc.line, loc.col, loc.snippet, loc.start, loc.end, "", "", None)
                     for loc in f.locations)
    return (f.code, f.slug, f.severity, f.message, locs, f.computed, f.keys, f.fingerprint)


def _figure_out(q: Quantity | None, held: dict[int, int]):
    if q is None:
        return None
    i = held.get(id(q))
    return i if i is not None else _q_out(q)


def _finding_in(t: tuple, claims: tuple[Claim, ...]) -> Finding:
    locs = tuple(_build(Location, (*loc[:8], _figure_in(loc[8], claims))) for loc in t[4])
    return _build(Finding, (*t[:4], locs, *t[5:]))


def _figure_in(x, claims: tuple[Claim, ...]) -> Quantity | None:
    if x is None:
        return None
    return claims[x].quantity if type(x) is int else _q_in(x)


def pack(d: Digest, context: bool = True) -> bytes:
    """A digest (:class:`audit.digest.Digest`) as bytes for :func:`unpack`; without the raw
    text around its claims and findings (a third of the bytes), nor the figure a finding's
    location quotes, when ``context`` is false, for a report that shows neither."""
    held = {id(c.quantity): i for i, c in enumerate(d.claims) if c.quantity is not None} \
        if context and d.findings else {}
    rest = pickle.dumps((d.notes, d.suppressions), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        return b"M" + marshal.dumps((d.path, d.encoding, d.published, d.published_source, d.figures,
                                     [_claim_out(c, context) for c in d.claims],
                                     [_finding_out(f, held, context) for f in d.findings],
                                     rest, d.figure_rows, d.finding_texts, d.entry_text, d.empty, d.unresolved,
                                     None if d.text is None else (d.text[0], [_q_out(q) for q in d.text[1]])))
    except ValueError:  # something marshal cannot write (a check's computed value, say)
        return b"P" + pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(data: bytes) -> Digest:
    if data[:1] == b"P":
        return pickle.loads(data[1:])
    path, encoding, published, source, figures, claims, findings, rest, rows, texts, entry, empty, unresolved, \
        text = marshal.loads(data[1:])
    claims = tuple(map(_claim_in, claims))
    notes, suppressions = pickle.loads(rest)
    return Digest(path, encoding, published, source, figures, claims, tuple(_finding_in(f, claims) for f in findings),
                  notes, suppressions, rows, texts, entry, empty, unresolved,
                  None if text is None else (text[0], tuple(map(_q_in, text[1]))))



def claim_tuple(c: Claim) -> tuple:
    """A claim as plain tuples for ``marshal``, without its context (the shuffle of --engine dask)."""
    return _claim_out(c, False)


def claim_from(t: tuple) -> Claim:
    """The claim of :func:`claim_tuple`."""
    return _claim_in(t)
