"""Write files so that a failure or an interrupt never leaves a half-written or lost file.

The text goes to a temporary file in the same folder, is flushed and fsynced, then renamed over
the target in one step; on any error or interrupt (Ctrl-C, or SIGTERM, which the program turns
into one) the temporary file is removed and the original stays as it was. A new file gets the
mode the umask gives; a file replaced keeps its mode. A target that is a symbolic link pointing
outside the working tree is refused. A caller can have the written file checked (``validate``,
given the temporary file's path) before it replaces the target: what it raises leaves the target
as it was.

Only a regular file (or a new path) is replaced that way. A FIFO or a character device
(``/dev/null``, a terminal) and the links the system keeps to open files (``/dev/stdout``,
``/dev/fd/N``) are written directly, as a shell redirection would; a folder, a block device or a
socket is refused. Renaming over them would replace the device or the pipe with a plain file.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable, Iterable


class WriteError(Exception):
    """The file could not be written; the message names it. The original is untouched."""


def write_atomic(path: str | os.PathLike, text: str | Iterable[str],
                 validate: Callable[[Path], None] | None = None) -> None:
    target = Path(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:  # a new file (or a link to one)
        st = None
    except OSError as ex:
        raise WriteError(f"{target}: cannot write: {ex.strerror or ex}") from None
    if (st is not None and not stat.S_ISREG(st.st_mode)) or _open_file_link(target):
        _write_through(target, st, text)
        return
    target = _followed(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(f"{target}: folder {folder} does not exist")
    tmp = None
    try:
        mode = stat.S_IMODE(st.st_mode) if st is not None else None
        fd, tmp = _create_temporary(folder, target.name)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.writelines((text,) if isinstance(text, str) else text)  # pieces: a report never held whole
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if validate is not None:
            validate(Path(tmp))
        os.replace(tmp, target)
    except BaseException as ex:  # including KeyboardInterrupt: never leave the temporary file
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(ex, OSError):
            raise WriteError(f"{target}: cannot write: {ex.strerror or ex}") from None
        raise


def _followed(target: Path) -> Path:
    """The file a symbolic link points to, refused when it leaves the working tree."""
    if not target.is_symlink():
        return target
    real = target.resolve()
    root = Path.cwd().resolve()
    if root not in real.parents and real != root:
        raise WriteError(f"{target}: refusing to write through a symbolic link that leaves {root}")
    return real


def _create_temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new file beside the target, created with mode 0666 so that the umask decides (mkstemp
    would make it 0600 whatever the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = os.path.join(folder, f".{name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {name}")


def _open_file_link(target: Path) -> bool:
    """Whether ``target`` leads through /proc: ``/dev/stdout`` and ``/dev/fd/N`` stand for an open
    file descriptor, whatever it holds (a pipe, a terminal, a file the shell opened)."""
    s = os.path.abspath(target)
    for _ in range(40):  # links followed one at a time, as the system does, up to its limit
        if os.path.realpath(os.path.dirname(s)).startswith("/proc/"):
            return True
        if not os.path.islink(s):
            return False
        s = os.path.join(os.path.dirname(s), os.readlink(s))
    return False


def _write_through(target: Path, st: os.stat_result | None, text: str | Iterable[str]) -> None:
    """Write into a FIFO, a character device or an open file's link, as they are."""
    if st is not None and not (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode) or stat.S_ISREG(st.st_mode)):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a file, a pipe or a character device"
        raise WriteError(f"{target}: cannot write the report there: it is {kind}")
    try:
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.writelines((text,) if isinstance(text, str) else text)
    except OSError as ex:
        raise WriteError(f"{target}: cannot write: {ex.strerror or ex}") from None
