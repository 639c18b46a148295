"""The progress bar of a long read (DESIGN.md section 2): documents done of the total, MB/s and
time left, on standard error — only for a person at a terminal (``--engine dask`` shows Dask's
own bar instead, under the same rule: :func:`shown`).

Whether to show it is one pure function (:func:`wanted`); the bar itself starts only once a run
has taken about a second, so short runs print nothing, and it lists the files (for the total and
the bytes) only then.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping

MACHINE_FORMATS = frozenset({"json", "sarif", "github", "csv"})
DELAY = 1.0  # seconds a run reads before its bar appears


def wanted(fmt: str | None, quiet: bool, stdout_tty: bool, stderr_tty: bool, env: Mapping[str, str]) -> bool:
    """A bar only for a person watching: both streams terminals, not in CI (``CI`` set), not
    for a machine format, not with --quiet."""
    return stdout_tty and stderr_tty and not env.get("CI") and fmt not in MACHINE_FORMATS and not quiet


def shown(a) -> bool:
    """Is a bar wanted for the command ``a``, given the streams and environment of this process?"""
    return wanted(getattr(a, "format", None), bool(getattr(a, "quiet", False)), sys.stdout.isatty(),
                  sys.stderr.isatty(), os.environ)


class ReadProgress:
    """A context whose value is the callback the pipeline calls once per document read. Under
    ``--engine dask`` it stays off: Dask's own bar shows the run (audit.engines.dask_progress)."""

    def __init__(self, a, paths: list[str], config, clock=time.monotonic) -> None:
        self.on = shown(a) and getattr(a, "engine", "local") != "dask"
        self.paths, self.config, self.clock = paths, config, clock
        self.t0 = clock()
        self.n = 0
        self.bar = None
        self.sizes: list[int] = []

    def __enter__(self):
        return self.advance

    def advance(self) -> None:
        self.n += 1
        if not self.on:
            return
        if self.bar is None:
            if self.clock() - self.t0 < DELAY:
                return
            self._start()
        done = sum(self.sizes[: self.n])
        self.bar.update(self.task, completed=done, docs=min(self.n, len(self.sizes)))

    def _start(self) -> None:
        """List the files as the pipeline does (same order) for the total and the bytes."""
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

        from ..ingest import iter_files, max_file_bytes

        for path, _, _ in iter_files(self.paths, self.config.include, max_file_bytes(self.config)):
            try:
                self.sizes.append(os.path.getsize(path) if path is not None else 0)
            except OSError:
                self.sizes.append(0)
        docs = TextColumn("{task.fields[docs]}/{task.fields[total_docs]} documents")
        self.bar = Progress(TextColumn("reading"), BarColumn(), docs, TransferSpeedColumn(), TimeRemainingColumn(),
                            transient=True, console=Console(stderr=True))
        self.task = self.bar.add_task("read", total=sum(self.sizes) or None, docs=0, total_docs=len(self.sizes))
        self.bar.start()

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
