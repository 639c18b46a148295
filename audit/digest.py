"""What remains of one document once its text is gone: the :class:`Digest` that the pipeline
makes where the document is read and that ``wire`` carries from a worker process to the main one.

It lives apart from both so that each depends on it and neither on the other.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

from .claims import Claim
from .model import Finding, Quantity


@dataclass(frozen=True)
class Digest:
    """What the corpus checks and the reports need of one document once its text is gone."""

    path: str
    encoding: str
    published: str | None
    published_source: str  # config | dateline | unknown
    figures: int
    claims: tuple[Claim, ...]  # before corpus inference
    # Of the checks that read the text (SCOPE = "document"), unsorted; once the driver holds the
    # digest and the report quotes no text, one packed block (audit.engines.ordered.FindingBlock).
    findings: tuple[Finding, ...]
    notes: tuple[tuple[str, tuple], ...]  # (check code, what its notes() found here); faults.FAILED: checks that raised
    suppressions: tuple  # audit-ignore comments of the document
    figure_rows: tuple[dict[str, Any], ...] | None = None  # every figure, when asked for
    # Each finding, and the document's own entry, as the report will write them, when the report
    # asks: made here, where the document is read (in parallel under --jobs), not after the whole
    # corpus is read.
    # Kept compressed (:func:`pack_texts`) once the driver holds the digest: read them with texts().
    finding_texts: tuple[str, ...] | bytes | None = None
    entry_text: str | None = None
    empty: bool = False  # no text to read (nothing but white space once markup is removed)
    unresolved: tuple[tuple[str, str], ...] = ()  # (claim id, organisation-like name) of claims without entity
    # The raw text and every figure read in it, when the report shows the document (HTML): kept
    # only then, since a large corpus's text would otherwise stay in memory to the end.
    text: tuple[str, tuple[Quantity, ...]] | None = None
    # The raw lines around the claims, compressed, once the claims are compact (audit.engines.compact).
    contexts: bytes | None = None
    # The claims packed (audit.engines.packed), once the corpus keeps them so: ``claims`` is then empty.
    packed: bytes | None = None

    def texts(self) -> tuple[str, ...] | None:
        """The report's text of each finding (``finding_texts``), compressed or not."""
        t = self.finding_texts
        return tuple(zlib.decompress(t).decode("utf-8").split(_SEP)) if type(t) is bytes else t


_SEP = "\0"  # never in a JSON text, which escapes control characters


def pack_texts(texts: tuple[str, ...] | bytes | None) -> tuple[str, ...] | bytes | None:
    """Texts of findings as one compressed block (a fifth of their size as strings of Chinese
    text); none or no text stay as they are."""
    if not texts or type(texts) is bytes or any(_SEP in t for t in texts):
        return texts
    return zlib.compress(_SEP.join(texts).encode("utf-8"), 1)
