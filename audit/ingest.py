"""Read documents: walk paths in a stable order and decode bytes strictly.

Decoding is tried in the order UTF-8 (with or without BOM), UTF-16 with BOM, GB18030, Big5; the
first strict success wins, except that when both GB18030 and Big5 read the bytes, the reading
with fewer private-use, kana and box-drawing characters wins (Big5 bytes are valid GB18030). A file that decodes under none is returned as an error, never skipped
silently, so the rest of the corpus is still audited and the user is told which file failed.
"""
from __future__ import annotations

import fnmatch
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")


@dataclass(frozen=True)
class Document:
    path: str  # as the user should see it (relative when possible)
    text: str
    encoding: str
    ident: str = ""  # what findings call it, whatever the working directory (audit.identity); path if not given

    def __post_init__(self) -> None:
        if not self.ident:
            object.__setattr__(self, "ident", self.path)


@dataclass(frozen=True)
class ReadError:
    path: str
    message: str


def decode(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of ``data`` under the first encoding that reads it strictly, or None."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None  # binary, or UTF-16 without a BOM: not text we can read reliably
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    readings = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        readings.append((_implausible(text), enc, text))
    if not readings:
        return None
    # GB18030 maps almost every byte sequence to some character, so Big5 bytes "decode" as
    # GB18030 too, into private-use and kana characters: the reading with fewer of those wins.
    _, enc, text = min(readings, key=lambda r: r[0])
    return text, enc


_IMPLAUSIBLE = re.compile("[\ue000-\uf8ff\u3040-\u30ff\u0370-\u04ff\u2500-\u259f\ufffd]")


def _implausible(text: str) -> int:
    return len(_IMPLAUSIBLE.findall(text))


def display_path(p: Path) -> str:
    """The path as findings name it: relative to the working directory when it can be."""
    s = os.fspath(p)
    if not os.path.isabs(s) and not s.startswith(".."):
        return os.path.normpath(s)  # what relpath would return, without its calls to getcwd
    cwd = os.getcwd()
    full = os.path.normpath(os.path.join(cwd, s))
    if full == cwd or cwd.startswith(full.rstrip(os.sep) + os.sep) or full.startswith("//"):
        return _relative(s)  # the working directory or above it, or a POSIX // root
    # A corpus is many files in few folders: each folder's relative path is worked out once.
    folder, name = os.path.split(full)
    rel = _relative_folder(folder, cwd)
    return name if rel == "." else os.path.join(rel, name)


def _relative(s: str) -> str:
    try:
        return os.path.relpath(s)
    except ValueError:  # pragma: no cover - other drive on Windows
        return s


@functools.lru_cache(maxsize=1024)
def _relative_folder(folder: str, cwd: str) -> str:
    """``folder`` relative to ``cwd`` (the working directory, part of the key: the answer
    depends on it)."""
    return _relative(folder)


def shown_prefix(folder_shown: str) -> str:
    """What goes before a file's name to make its display path, given its folder's."""
    return "" if folder_shown == "." else folder_shown.rstrip(os.sep) + os.sep


def iter_files(paths: list[str], include: tuple[str, ...] = DEFAULT_INCLUDE):
    """Yield (Path, None, shown) for each file to read, where ``shown`` is its
    :func:`display_path`, or (None, ReadError, "") for a path that is missing."""
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            yield None, ReadError(raw, "no such file or directory"), ""
            continue
        if p.is_file():
            yield p, None, display_path(p)
            continue
        seen: set[tuple[int, int]] = set()
        for root, dirs, files in os.walk(p, followlinks=True):
            st = os.stat(root)
            key = (st.st_dev, st.st_ino)
            if key in seen:  # a symlink loop
                dirs[:] = []
                continue
            seen.add(key)
            dirs.sort()
            folder = Path(root)
            lead = shown_prefix(display_path(folder))  # once a folder, not once a file
            for name in sorted(files):
                if any(fnmatch.fnmatch(name, pat) for pat in include):
                    yield folder / name, None, lead + name


def read_document(path: Path, shown: str | None = None, ident: str = "") -> Document | ReadError:
    shown = shown or display_path(path)
    try:
        data = path.read_bytes()
    except OSError as ex:
        return ReadError(shown, f"cannot read: {ex.strerror or ex}")
    dec = decode(data)
    if dec is None:
        return ReadError(shown, "cannot decode as UTF-8, UTF-16 (with BOM), GB18030 or Big5")
    text, enc = dec
    return Document(shown, text, enc, ident)


def read_corpus(paths: list[str], include: tuple[str, ...] = DEFAULT_INCLUDE):
    """Documents and read errors, in a stable order."""
    for path, err, shown in iter_files(paths, include):
        yield err if path is None else read_document(path, shown)
