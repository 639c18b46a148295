"""What a run must say besides its findings, so that it never passes in silence.

Errors (the command exits 2 with one line) where no user could mean what happened: a pre-publish
run whose draft or reference corpus is missing or holds no document, a run that read no document or
only empty ones. Warnings (one line each on standard error) where a user could mean it: entries of
expectations.yaml that matched nothing (``facts:``, ``ignore:``) and suppressions in documents
that silenced nothing — ``--strict`` fails on those (exit 1), as on stale baseline entries — and a
run whose figures mostly have no known entity, which names the subject it could not resolve (advice:
``--strict`` leaves it a warning). README, "Warnings and --strict", keeps the table.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

MOSTLY = 0.5  # more than this share of a run's figures without an entity is worth a warning
FEW = 3  # a run with fewer figures says nothing about it


@dataclass(frozen=True)
class Notice:
    text: str
    strict: bool  # whether --strict fails the run on it


def against_problem(drafts: Iterable[str], against: Iterable[str], include: tuple[str, ...]) -> str | None:
    """Why a pre-publish run cannot check anything (a missing draft, a missing or empty reference
    corpus), or None."""
    for p in drafts:
        problem = _nothing_in(p, include)
        if problem:
            return f"{p}: {problem} (the draft to check)"
    for d in against:
        problem = _nothing_in(d, include)
        if problem:
            return f"--against {d}: {problem}"
    return None


def _nothing_in(path: str, include: tuple[str, ...]) -> str | None:
    """Why ``path`` holds no document to read (missing, or a folder with none), or None."""
    from .ingest import iter_files

    if not Path(path).exists():
        return "no such file or directory"
    if not any(p is not None for p, _, _ in iter_files([path], include)):
        return f"no documents in it (read: {', '.join(include)})"
    return None


def empty_run(docs: list, unreadable: list, paths: list[str], include: tuple[str, ...]) -> str | None:
    """Why a run read nothing to audit, or None. A run whose files were all unreadable has said so
    file by file already."""
    if not docs and not unreadable:
        return f"no documents read from {', '.join(paths) or '(no paths)'} (read: {', '.join(include)})"
    if docs and all(d.empty for d in docs):
        return f"{len(docs)} document{'s' if len(docs) > 1 else ''} read, every one empty: nothing to audit"
    return None


def repeated_paths(paths: Iterable[str]) -> list[Notice]:
    """Paths named twice (by any spelling of one file or folder): each is read once, and said;
    --strict fails on it, since a user may have meant another path."""
    import os

    first: dict[tuple[int, int], str] = {}
    out = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            continue  # a missing path is reported where it is read
        key = (st.st_dev, st.st_ino)
        if key in first:
            out.append(Notice(f"{p}: named twice (also as {first[key]}); read once", True))
        else:
            first[key] = p
    return out


def after_run(corpus, sups: list, complete: bool, select: set[str] | None = None,
              ignore: set[str] | None = None) -> list[Notice]:
    """The warnings of a run (``corpus``: :class:`audit.pipeline.Corpus`; ``sups``: its
    suppressions, once applied); ``complete`` when it read what the configuration is about (no
    paths given, or a pre-publish run with its reference corpus)."""
    from .engine import checks_of

    ran = {m.CODE for m in checks_of(select, ignore)} if select or ignore else None
    said = unused_suppressions(sups, {d.path for d in corpus.docs}, complete, ran)
    said += unmatched_facts(corpus.config, corpus.claims) if complete else []
    subject = unknown_subject(len(corpus.claims), *corpus.subjects)  # counted as the documents were gathered
    return said + ([subject] if subject else [])


def unused_suppressions(sups: list, read: set[str], complete: bool, codes: set[str] | None) -> list[Notice]:
    """Suppressions that silenced nothing. One for a file this run did not read, or (in a partial
    run) one by fingerprint, or one for checks that did not run, is not reported: it could not match."""
    out = []
    for s in sups:
        if s.used or (codes is not None and s.codes is not None and not s.codes & codes):
            continue
        if complete or (s.fingerprint is None and s.path in read):
            out.append(Notice(f"{s.where}: suppression matches no finding", True))
    return out


def unmatched_facts(cfg, claims: list) -> list[Notice]:
    """``facts:`` entries whose (entity, metric, segment, period, basis) no claim of the run has."""
    facts = (cfg.raw or {}).get("facts") or []
    if not facts:
        return []
    keys = {c.key for c in claims}
    out = []
    for i, f in enumerate(facts):
        key = (f["entity"], f["metric"], f.get("segment"), str(f["period"]) if f.get("period") is not None else None,
               str(f.get("basis") or "actual"))
        if key not in keys:
            shown = " · ".join(str(k) for k in key[:4] if k is not None) + (f" · {key[4]}" if key[4] != "actual" else "")
            out.append(Notice(f"{cfg.path}: facts[{i}] ({shown}) matches no claim: no figure read has that "
                              "entity, metric, segment, period and basis", True))
    return out


def unknown_subject(claims: int, lacking: int, names: Counter) -> Notice | None:
    """One warning when most of the ``claims`` figures (``lacking`` of them) have no known entity,
    naming the organisation-like name written before most of them (``names``: how many of them
    each name precedes, counted in corpus order) when there is one."""
    if claims < FEW or lacking <= MOSTLY * claims:
        return None
    head = f"{lacking} of {claims} figures have no known entity"
    if not names:
        return Notice(f"{head}: add the companies they are about under entities: in expectations.yaml", False)
    name, n = names.most_common(1)[0]
    return Notice(f"{head}; {n} figure{'s' if n > 1 else ''} name {name}, which the lexicon does not know: "
                  "add it under entities: in expectations.yaml", False)
