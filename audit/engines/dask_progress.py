"""Dask's own progress bar for ``audit run --engine dask``, on standard error (issue 24).

Distributed's :class:`~distributed.diagnostics.progressbar.TextProgressBar` follows the tasks
through the scheduler's progress feed, but writes to standard output and blocks its caller until
they end. Here it writes to standard error (where the local engine's bar is, so a report piped
or written to standard output stays clean), says which phase it counts, and listens on the
client's event loop, so the engine keeps taking results as they come. Whether to show it at all
is :func:`audit.cli.progress.shown`'s decision, as for the local bar.
"""
from __future__ import annotations

import sys
import threading
from typing import TextIO

from distributed.diagnostics.progress import format_time
from distributed.diagnostics.progressbar import TextProgressBar

STOP_SECONDS = 1.0  # how long a phase that has ended waits for the scheduler's last word


class PhaseBar(TextProgressBar):
    """A bar of one phase of the run (``label``: reading, checking) over ``futures``."""

    def __init__(self, client, futures: list, label: str, stream: TextIO | None = None) -> None:
        self.label, self.stream, self.ended = label, stream or sys.stderr, threading.Event()
        super().__init__(futures, scheduler=client.scheduler.address, loop=client.loop, start=False)
        client.loop.add_callback(self._listen)

    async def _listen(self) -> None:
        try:
            await self.listen()
        finally:
            self.ended.set()

    def _draw_bar(self, remaining: int, all: int, **kwargs) -> None:  # noqa: A002 - Dask's keyword
        frac = (1 - remaining / all) if all else 1.0
        msg = f"\r{self.label} [{'#' * int(self.width * frac):<{self.width}}] | {int(100 * frac)}% Completed | " \
              f"{format_time(self.elapsed)}"
        self._write(msg)

    def _draw_stop(self, **kwargs) -> None:
        self._write("\33[2K\r")

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (ValueError, OSError):  # a closed or broken stream: the bar is not the report
            pass

    def stop(self) -> None:
        """End the bar once its phase is over: the scheduler's last word, else the line cleared."""
        if not self.ended.wait(STOP_SECONDS):
            comm = getattr(self, "comm", None)
            if comm is not None:
                self.loop.add_callback(comm.abort)  # the comm is the loop's, in its own thread
            self._draw_stop()


class NoBar:
    """What the engine holds when no bar is wanted."""

    def stop(self) -> None:
        pass


def bar(client, futures: list, label: str, show: bool) -> PhaseBar | NoBar:
    """A bar over ``futures`` when ``show``, else nothing."""
    return PhaseBar(client, futures, label) if show else NoBar()
