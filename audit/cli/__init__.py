"""The ``audit`` command line (DESIGN.md section 2): one module per command (``add`` its parser,
``command`` runs it), what they share in :mod:`audit.cli.shared`.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/input error (one line, no
traceback), 3 internal error. Heavy modules are imported inside the commands so that ``--help``
and small runs start fast.
"""
from __future__ import annotations

import argparse
import sys

from . import baseline, checks, claims, parse, run, shared
from .shared import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError

# The subcommands, in the order ``audit --help`` lists them, and what runs each.
_COMMANDS = (run, baseline, claims, checks, parse)
_RUN = {"run": run.command, "baseline": baseline.command, "claims": claims.command, "checks": checks.command,
        "explain": checks.command, "parse": parse.command}


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="audit",
        description="claim-audit: find figures in Chinese news and analyst writing that disagree "
        "or do not add up.",
        epilog="Run 'audit COMMAND --help' for the options of one command.",
    )
    from .. import __version__

    ap.add_argument("--version", action="version", version=f"claim-audit {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    for mod in _COMMANDS:
        mod.add(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = _parser()
    a = ap.parse_args(argv)
    if a.command is None:
        ap.print_help()
        return EXIT_USAGE
    from ..config import ConfigError
    from ..lexicon import LexiconError

    try:
        return _RUN[a.command](a)
    except (UsageError, ConfigError) as ex:
        print(f"audit: error: {ex}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as ex:
        print("audit: interrupted", file=sys.stderr)
        return 128 + getattr(ex, "signal", 2)
    except BrokenPipeError:
        return EXIT_OK
    except LexiconError as ex:
        print(f"audit: internal error: {ex}", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as ex:  # noqa: BLE001 - the last line of defence: one line, exit 3
        import tempfile
        import traceback

        fd, log = tempfile.mkstemp(prefix="claim-audit-crash-", suffix=".txt")
        with open(fd, "w", encoding="utf-8") as fh:
            traceback.print_exc(file=fh)
        print(f"audit: internal error: {type(ex).__name__}: {ex} (traceback saved to {log})", file=sys.stderr)
        return EXIT_INTERNAL


def entry() -> None:
    """The program: run :func:`main`, then end the process without freeing what it read one
    object at a time (nothing is left to do: output is flushed, files closed, workers joined)."""
    import os

    shared.KEPT = []
    from ..faults import terminate_like_interrupt

    terminate_like_interrupt()
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away: what it did not read is not an error
        pass
    except OSError as ex:  # a full disk, say: the report is incomplete, and the user must know
        print(f"audit: error: cannot write the report: {ex.strerror or ex}", file=sys.stderr)
        code = EXIT_USAGE
    except KeyboardInterrupt:
        print("audit: interrupted", file=sys.stderr)
        code = 130
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)
