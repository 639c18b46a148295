"""Faults under a run that are not the user's: a check that raises, a signal to stop.

A check that raises costs its own findings only: the engine records a :class:`CheckFailure` and
runs the others, the report is still written, and the program says which check failed (the
traceback saved to a file it names) and exits 3. SIGTERM unwinds the program like Ctrl-C, so that
what is being written is removed, not left half done; the exit code is 128 + the signal's number.
"""
from __future__ import annotations

import signal
from typing import NamedTuple

FAILED = "!failed"  # where a document's failures travel among its notes (from a worker process)


class CheckFailure(NamedTuple):
    code: str  # the check's
    doc: str  # the document it was checking; "" for a check across the corpus
    error: str  # the exception, in one line
    traceback: str


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, to unwind it as Ctrl-C does."""

    signal = signal.SIGTERM


def terminate_like_interrupt() -> None:
    """Make SIGTERM raise :class:`Terminated` (the program only: a library leaves signals alone)."""

    def handler(signum, frame):
        raise Terminated()

    signal.signal(signal.SIGTERM, handler)


def report(failures: list[CheckFailure]) -> list[str]:
    """One line per check that failed, naming it, how often, where first and what it raised; the
    tracebacks are saved together to a temporary file the lines name."""
    import tempfile

    fd, saved = tempfile.mkstemp(prefix="claim-audit-crash-", suffix=".txt")
    with open(fd, "w", encoding="utf-8") as fh:
        for f in failures:
            fh.write(f"check {f.code}" + (f" on {f.doc}" if f.doc else "") + f":\n{f.traceback}\n")
    by_code: dict[str, list[CheckFailure]] = {}
    for f in failures:
        by_code.setdefault(f.code, []).append(f)
    lines = []
    for code, fs in by_code.items():
        where = (f" on {fs[0].doc}" if fs[0].doc else "") + (f" and {len(fs) - 1} more" if len(fs) > 1 else "")
        lines.append(f"check {code} failed{where}: {fs[0].error} (traceback saved to {saved})")
    return lines
