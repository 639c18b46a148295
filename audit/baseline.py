"""The baseline: which findings the ``findings:`` entries of expectations.yaml expect, and what
``audit baseline`` changes in that list.

An entry is ``{code, fingerprint, files, note}``; ``files`` are the identities of the documents
the finding points into (:mod:`audit.identity`). Entries are matched to findings by fingerprint,
in the scheme in force or in an older one (:mod:`audit.fingerprint`), one entry per finding.
``files`` is what lets ``audit baseline PATH...`` replace only the entries of the documents it
audited: an entry is the run's to drop only when every document it names was read.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import fingerprint as fp
from . import identity
from .model import Finding


@dataclass(frozen=True)
class Match:
    pairs: dict[int, int]  # entry index -> finding index
    legacy: frozenset[int]  # entries matched through an older fingerprint scheme

    @property
    def expected(self) -> set[int]:
        return set(self.pairs.values())


def match(entries: list, findings: list[Finding]) -> Match:
    """Pair each entry with a finding of the same fingerprint (each finding paired at most once)."""
    by_version: dict[int, dict[str, list[int]]] = {}
    taken: set[int] = set()
    pairs: dict[int, int] = {}
    legacy = set()
    for ei, e in enumerate(entries):
        text = str(e.get("fingerprint")) if isinstance(e, dict) else ""
        v = fp.version_of(text)
        if v is None or (v != fp.VERSION and v not in fp.LEGACY):
            continue
        if v not in by_version:
            index = defaultdict(list)
            for i, f in enumerate(findings):
                index[f.fingerprint if v == fp.VERSION else fp.LEGACY[v](f.code, f.keys, f.computed)].append(i)
            by_version[v] = index
        free = [i for i in by_version[v].get(text, ()) if i not in taken]
        if free:
            taken.add(free[0])
            pairs[ei] = free[0]
            if v != fp.VERSION:
                legacy.add(ei)
    return Match(pairs, frozenset(legacy))


def stale(entries: list, m: Match, select: set[str] | None = None, ignore: set[str] | None = None) -> list[dict]:
    """The entries that matched no finding, among the checks that ran."""
    return [e for i, e in enumerate(entries) if isinstance(e, dict) and i not in m.pairs
            and (not select or e.get("code") in select) and not (ignore and e.get("code") in ignore)]


def files_of(f: Finding, root: str) -> list[str]:
    """The identities of the documents a finding points into, sorted."""
    return sorted({identity.of(loc.path, root) for loc in f.locations})


def note_of(f: Finding) -> str:
    loc = f.locations[0]
    return f"{Path(loc.path).name}:{loc.line} {f.message}"[:120]


@dataclass
class Plan:
    """What to change in the list of entries: fields to set per entry, entries to drop, entries
    to add at the end (in report order)."""

    updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    drops: set[int] = field(default_factory=set)
    added: list[dict[str, Any]] = field(default_factory=list)
    migrated: int = 0
    unmapped: int = 0  # entries of an older scheme that matched nothing (--migrate)

    @property
    def changed(self) -> bool:
        return bool(self.updates or self.drops or self.added)


def plan(entries: list, findings: list[Finding], root: str, audited: set[str] | None = None,
         migrate: bool = False) -> Plan:
    """The changes that make ``entries`` the baseline of ``findings``. ``audited`` is the set of
    documents read (None: the whole corpus); ``migrate`` only rewrites fingerprints of an older
    scheme (and adds ``files``), adding and dropping nothing."""
    m = match(entries, findings)
    p = Plan()
    for ei, e in enumerate(entries):
        if not isinstance(e, dict):
            continue
        if ei in m.pairs:
            f = findings[m.pairs[ei]]
            want = {"fingerprint": f.fingerprint, "files": files_of(f, root)}
            changes = {k: v for k, v in want.items() if e.get(k) != v}
            if changes and (not migrate or ei in m.legacy):
                p.updates[ei] = changes
            p.migrated += ei in m.legacy
        elif migrate:
            p.unmapped += fp.version_of(str(e.get("fingerprint"))) != fp.VERSION
        elif _owned(e, audited):
            p.drops.add(ei)
    if not migrate:
        paired = m.expected
        p.added = [{"code": f.code, "fingerprint": f.fingerprint, "files": files_of(f, root), "note": note_of(f)}
                   for i, f in enumerate(findings) if i not in paired]
    return p


def _owned(e: dict, audited: set[str] | None) -> bool:
    """Is an unmatched entry the run's to drop: a full run, or one that read every document it names?"""
    if audited is None:
        return True
    files = e.get("files")
    return isinstance(files, list) and bool(files) and all(str(x) in audited for x in files)
