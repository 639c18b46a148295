"""What a finding's fingerprint hashes, its version, and how an older fingerprint is recognised.

A fingerprint is ``v2:`` and 16 hex digits of SHA-256 over the check's code, its keys (claim keys
written by :func:`claim_key`, document identities from :mod:`audit.identity`) and its computed
values: never positions, so a baseline survives edits that move lines, nor the working directory.

Versions. ``VERSION`` is the scheme in force; ``LEGACY`` maps each older version to the function
that gives a finding's fingerprint under it, so that a baseline written by an older release is
still matched (``audit run``) and rewritten (``audit baseline --migrate``). A fingerprint with no
``vN:`` prefix is version 1: the same hash with the path of a document as seen from the working
directory, which is its identity when the baseline was written from the configuration's folder.

A key that gains a field keeps its fingerprints where the field has its default: a claim key is
written without a ``basis`` of ``actual`` (or none), so adding ``basis`` to the claim key changes
only the fingerprints of guidance, consensus and estimate findings, which were not told apart
before. A change that alters existing fingerprints bumps ``VERSION`` and adds the old scheme to
``LEGACY``.
"""
from __future__ import annotations

import hashlib
import re
from typing import Any, Callable, Iterable

VERSION = 2
PREFIX = f"v{VERSION}:"
KEY_FIELDS = ("entity", "metric", "segment", "period", "basis")
DEFAULT_BASIS = (None, "actual")
_VERSIONED = re.compile(r"v(\d+):[0-9a-f]+")
_V1 = re.compile(r"[0-9a-f]{16}")


def _digest(code: str, keys: Iterable[str], computed: Iterable[tuple[str, Any]]) -> str:
    basis = "\x1f".join([code, *keys, *(f"{k}={v}" for k, v in computed)])
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def compute(code: str, keys: tuple[str, ...], computed: tuple[tuple[str, Any], ...]) -> str:
    """The fingerprint in force."""
    return PREFIX + _digest(code, keys, computed)


# Older schemes: version -> fingerprint of (code, keys, computed) under it.
LEGACY: dict[int, Callable[[str, tuple[str, ...], tuple[tuple[str, Any], ...]], str]] = {
    1: _digest,
}


def version_of(fingerprint: str) -> int | None:
    """The scheme a fingerprint was written under; None for text that is no fingerprint."""
    m = _VERSIONED.fullmatch(fingerprint)
    if m:
        return int(m.group(1))
    return 1 if _V1.fullmatch(fingerprint) else None


def same(f, text: str) -> bool:
    """Is ``text`` the fingerprint of finding ``f`` under the scheme it was written in?"""
    v = version_of(text)
    if v == VERSION:
        return f.fingerprint == text
    return v in LEGACY and LEGACY[v](f.code, f.keys, f.computed) == text


def claim_key(key: tuple) -> str:
    """A claim key as a finding's key text: its fields joined by ``|``, a default basis left out."""
    fields = list(key)
    if len(fields) == len(KEY_FIELDS) and fields[-1] in DEFAULT_BASIS:
        fields.pop()
    return "|".join(map(str, fields))


def parse_claim_key(text: str) -> dict[str, str | None] | None:
    """The fields of a key written by :func:`claim_key` (basis null when left out), or None when
    ``text`` is another kind of key (a document, an event)."""
    parts = text.split("|")
    if len(parts) not in (len(KEY_FIELDS) - 1, len(KEY_FIELDS)):
        return None
    values = [None if p == "None" else p for p in parts] + [None] * (len(KEY_FIELDS) - len(parts))
    return dict(zip(KEY_FIELDS, values))
