"""Write files so that a failure or an interrupt never leaves a half-written or lost file.

The text goes to a temporary file in the same folder, is flushed and fsynced, then renamed over
the target in one step; on any error the temporary file is removed and the original stays as it
was. A target that is a symbolic link pointing outside the working tree is refused. A caller can
have the written file checked (``validate``, given the temporary file's path) before it replaces
the target: what it raises leaves the target as it was.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


class WriteError(Exception):
    """The file could not be written; the message names it. The original is untouched."""


def write_atomic(path: str | os.PathLike, text: str, validate: Callable[[Path], None] | None = None) -> None:
    target = Path(path)
    if target.is_symlink():
        real = target.resolve()
        root = Path.cwd().resolve()
        if root not in real.parents and real != root:
            raise WriteError(f"{target}: refusing to write through a symbolic link that leaves {root}")
        target = real
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(f"{target}: folder {folder} does not exist")
    mode = None
    if target.exists():
        mode = target.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if validate is not None:
            validate(Path(tmp))
        os.replace(tmp, target)
    except BaseException as ex:  # including KeyboardInterrupt: never leave the temporary file
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(ex, OSError):
            raise WriteError(f"{target}: cannot write: {ex.strerror or ex}") from None
        raise
