"""``audit run FILES --against-corpus`` (what the pre-commit hook runs): the changed FILES are
audited as drafts against the configured corpus (``corpus.paths`` of expectations.yaml), so that
a change contradicting an article left unchanged fails, and only findings that involve the
changed files are reported."""
from __future__ import annotations

from pathlib import Path

from .shared import UsageError


def reference_corpus(cfg) -> list[str]:
    """The folders and files of the configured corpus. Without a configuration, or one that
    names no corpus, the default corpus (seeds/) where it exists, else none: the files are
    audited alone. A corpus the configuration names must exist."""
    named = ((cfg.raw or {}).get("corpus") or {}).get("paths") if cfg.path is not None else None
    if not named:
        return [p for p in cfg.paths if Path(p).exists()]
    for p in cfg.paths:
        if not Path(p).exists():
            raise UsageError(f"{cfg.path}: corpus.paths: {p}: no such file or directory "
                             "(the corpus --against-corpus audits the files against)")
    return list(cfg.paths)
