"""Read documents: walk paths in a stable order and decode bytes strictly.

Decoding is tried in the order UTF-8 (with or without BOM), UTF-16 with BOM, GB18030, Big5; the
first strict success wins, except that when both GB18030 and Big5 read the bytes, the reading
with fewer private-use, kana and box-drawing characters wins (Big5 bytes are valid GB18030). A
file that decodes under none is returned as an error, never skipped silently, so the rest of the
corpus is still audited and the user is told which file failed.

Only regular files are read (links followed), each once however it is reached, and none past
``corpus.max_file_bytes``: a FIFO, a device, a socket or a file too large is named with the reason
it is not read, as are Word and PDF files, which hold text but not as text.
"""
from __future__ import annotations

import fnmatch
import functools
import os
import re
import stat
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


DEFAULT_MAX_FILE_BYTES = 64 << 20  # corpus.max_file_bytes raises it
# Formats that hold text, but not as text: named, so the user knows what to do.
NOT_YET = (".doc", ".docx", ".pdf")
NOT_YET_MESSAGE = "Word/PDF files are not read yet; save as .txt or .md"
_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def max_file_bytes(config) -> int:
    """``corpus.max_file_bytes`` of the configuration, else the default (64 MB)."""
    corpus = (getattr(config, "raw", None) or {}).get("corpus")
    value = corpus.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES) if isinstance(corpus, dict) else DEFAULT_MAX_FILE_BYTES
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        from .errors import ConfigError

        raise ConfigError(f"{getattr(config, 'path', None) or 'configuration'}: corpus.max_file_bytes: "
                          f"expected a whole number of bytes, at least 1, got {value!r}")
    return value


def refusal(st: os.stat_result, limit: int) -> str | None:
    """Why a file (its ``stat``, links followed) is not read, or None: only regular files are, up
    to ``limit`` bytes (a FIFO makes the reader wait for a writer forever; /dev/zero never ends)."""
    if stat.S_ISREG(st.st_mode):
        if st.st_size > limit:
            return f"too large ({st.st_size:,} bytes; corpus.max_file_bytes is {limit:,}): not read"
        return None
    kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a file")
    return f"{kind}, not a regular file: not read"


def iter_files(paths: list[str], include: tuple[str, ...] = DEFAULT_INCLUDE, limit: int = DEFAULT_MAX_FILE_BYTES):
    """Yield (Path, None, shown) for each file to read, where ``shown`` is its
    :func:`display_path`, or (None, ReadError, shown) for a path that is missing or not read (see
    :func:`refusal`). A file reached twice (named twice, through links, through folders that
    overlap) is yielded once, where it is first reached."""
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        try:
            st = os.stat(raw)
        except OSError as ex:
            why = "no such file or directory" if isinstance(ex, FileNotFoundError) else f"cannot read: {ex.strerror}"
            yield None, ReadError(raw, why), ""
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(Path(raw), include, limit, seen_files, seen_dirs)
        else:
            yield from _one_file(Path(raw), display_path(Path(raw)), st, limit, seen_files)


def _one_file(p: Path, shown: str, st: os.stat_result | None, limit: int, seen: set[tuple[int, int]]):
    """What :func:`iter_files` yields for one file: nothing when it was yielded before."""
    if p.suffix.lower() in NOT_YET:
        yield None, ReadError(shown, NOT_YET_MESSAGE), shown
        return
    if st is None:
        try:
            st = os.stat(p)
        except OSError as ex:  # a dangling link, say
            yield None, ReadError(shown, f"cannot read: {ex.strerror or ex}"), shown
            return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return
    seen.add(key)
    why = refusal(st, limit)
    yield (None, ReadError(shown, why), shown) if why else (p, None, shown)


def _walk(top: Path, include: tuple[str, ...], limit: int, seen_files: set, seen_dirs: set):
    """The files of a folder that ``include`` names (and the Word/PDF ones, to say they are not
    read), folder by folder in sorted order; a folder reached twice (a link loop) is walked once,
    and one that cannot be listed is reported."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(top, followlinks=True, onerror=errors.append):
        yield from _folder_errors(errors, top)
        st = os.stat(root)
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:  # a symbolic link loop, or a folder named twice
            dirs[:] = []
            continue
        seen_dirs.add(key)
        dirs.sort()
        folder = Path(root)
        lead = shown_prefix(display_path(folder))  # once a folder, not once a file
        for name in sorted(files):
            if any(fnmatch.fnmatch(name, pat) for pat in include) or name.lower().endswith(NOT_YET):
                yield from _one_file(folder / name, lead + name, None, limit, seen_files)
    yield from _folder_errors(errors, top)


def _folder_errors(errors: list[OSError], top: Path):
    while errors:
        ex = errors.pop(0)
        shown = display_path(Path(ex.filename)) if ex.filename else display_path(top)
        yield None, ReadError(shown, f"cannot list the folder: {ex.strerror or ex}"), shown


def read_document(path: Path, shown: str | None = None, ident: str = "",
                  limit: int = DEFAULT_MAX_FILE_BYTES) -> Document | ReadError:
    """The document at ``path``, or why it is not read. What is opened is checked again (it may
    have changed since its folder was listed) and read no further than ``limit`` bytes."""
    shown = shown or display_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as ex:
        return ReadError(shown, f"cannot read: {ex.strerror or ex}")
    try:
        st = os.fstat(fd)
        why = refusal(st, limit)
        data = b"" if why else _read_capped(fd, st.st_size, limit)
    except OSError as ex:
        return ReadError(shown, f"cannot read: {ex.strerror or ex}")
    finally:
        os.close(fd)
    if why:
        return ReadError(shown, why)
    if len(data) > limit:
        return ReadError(shown, f"too large (it grew past corpus.max_file_bytes, {limit:,}, as it was read): not read")
    if data.startswith(b"%PDF-") or (data.startswith(b"PK\x03\x04") and b"word/" in data[:1 << 16]):
        return ReadError(shown, NOT_YET_MESSAGE)
    dec = decode(data)
    if dec is None:
        return ReadError(shown, "cannot decode as UTF-8, UTF-16 (with BOM), GB18030 or Big5")
    text, enc = dec
    return Document(shown, text, enc, ident)


def _read_capped(fd: int, size: int, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``fd`` (the one more tells a file that grew past the limit);
    ``size`` is what fstat said, so a file that did not change is read in one call."""
    parts: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = os.read(fd, min(limit + 1 - total, max(size + 1 - total, 1 << 16)))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def read_corpus(paths: list[str], include: tuple[str, ...] = DEFAULT_INCLUDE, limit: int = DEFAULT_MAX_FILE_BYTES):
    """Documents and read errors, in a stable order."""
    for path, err, shown in iter_files(paths, include, limit):
        yield err if path is None else read_document(path, shown, limit=limit)
