"""A document's identity: its path relative to the configuration's folder.

Findings show paths as seen from the working directory (that is what an editor or a CI annotation
opens), but what a finding *is* must not depend on where ``audit`` was started: fingerprints,
``documents:`` and ``ignore:`` all name a document by its path relative to the folder of the
configuration file (the working directory when there is none), with ``/`` as separator. A
document outside that folder is named with ``..`` (``../archive/a.txt``), so that a repository
checked out elsewhere still gives the same identities; only where no relative path exists (another
drive on Windows) is the absolute path used. Paths are taken as written (symbolic links are not
resolved), as git does.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path


def root_of(config_path: str | os.PathLike | None) -> str:
    """The folder identities are relative to: the configuration's, else the working directory."""
    if config_path is None:
        return os.getcwd()
    return os.path.dirname(os.path.abspath(config_path))


def of(path: str | os.PathLike, root: str) -> str:
    """The identity of ``path`` (relative to the working directory, or absolute)."""
    full = os.path.abspath(path)
    folder, name = os.path.split(full)
    rel = _folder(folder, root)
    return name if rel == "." else f"{rel}/{name}"


def from_config(entry: str, root: str) -> str:
    """The identity of a path written in the configuration (relative to its folder, or absolute)."""
    return of(os.path.join(root, os.path.expanduser(entry)), root)


def shown(ident: str, root: str) -> str:
    """How findings show the document ``ident`` names, seen from the working directory."""
    from .ingest import display_path

    return display_path(Path(os.path.join(root, ident)))


@functools.lru_cache(maxsize=1024)
def _folder(folder: str, root: str) -> str:
    """``folder`` relative to ``root`` (a corpus is many files in few folders: once a folder)."""
    try:
        return os.path.relpath(folder, root).replace(os.sep, "/")
    except ValueError:  # pragma: no cover - another drive on Windows: no relative path exists
        return folder.replace(os.sep, "/")
