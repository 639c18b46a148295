"""``audit baseline``: write the current findings into ``findings:`` of the configuration, keeping
every other line and comment (the plan is audit.baseline's, the edit audit.baseline_file's)."""
from __future__ import annotations

import argparse
from pathlib import Path

from .shared import EXIT_OK, EXIT_USAGE, UsageError, corpus_arguments, failed, findings, read, suppressed


def add(sub) -> None:
    base = sub.add_parser("baseline", help="write the current findings into findings: of expectations.yaml",
                          description="Audit and write the findings into the findings: section of the "
                          "configuration, keeping every other line and comment (and the notes of findings "
                          "still found). With PATHs, only the entries of the documents read change. "
                          "Suppressions apply. The file is validated, then replaced atomically.")
    corpus_arguments(base)
    base.add_argument("--migrate", action="store_true",
                      help="only rewrite entries whose fingerprints an older release wrote, keeping every note")


def command(a: argparse.Namespace) -> int:
    from .. import baseline_file, identity
    from .. import config as cfgmod
    from ..atomic import WriteError
    from ..baseline import plan

    target = cfgmod.find_config(a.config) or Path("expectations.yaml")
    text = target.read_text(encoding="utf-8") if target.is_file() else ""  # compared again before writing
    corpus = read(a)
    root = identity.root_of(corpus.config.path)
    found, _ = suppressed(corpus, findings(corpus))
    if corpus.failures:  # a baseline without a check's findings would drop them: nothing is written
        return failed(corpus.failures)
    audited = {identity.of(d.path, root) for d in corpus.docs} if a.paths else None
    p = plan((corpus.config.raw or {}).get("findings") or [], found, root, audited, a.migrate)

    def validate(written: Path) -> None:
        try:
            cfgmod.load(written)
        except cfgmod.ConfigError as ex:
            raise UsageError(f"{target}: the rewritten file would not load ({ex}); nothing written") from None

    try:
        if p.changed:
            baseline_file.commit(target, text, baseline_file.apply(text, p, str(target)), validate)
    except (WriteError, baseline_file.BaselineError) as ex:
        raise UsageError(str(ex)) from None
    print(f"{target}: " + baseline_file.summary(p, a.migrate))
    return EXIT_USAGE if not corpus.docs and corpus.unreadable else EXIT_OK
