"""Write a :class:`audit.baseline.Plan` into expectations.yaml: only the ``findings:`` section
changes, and nothing is lost.

The section (from its key to the next top-level key, found by the YAML parser, not by
indentation) is edited by ruamel.yaml's round trip, which keeps comments, quoting and each entry's
flow or block style, and is spliced back into the file's text, so every other line stays byte for
byte. A full-line comment of the section that ruamel dropped with a removed entry is put back at
the end of the section. The new text must load as a configuration with every other setting
unchanged before it replaces the file (atomically, :mod:`audit.atomic`); and the file must still
be what the run read: under a lock, a file changed since then (another ``audit baseline``, an
editor) is reported and left alone, never overwritten.

ruamel.yaml is imported here only, so that ``audit run`` does not pay for it.
"""
from __future__ import annotations

import io
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import yaml

from .atomic import write_atomic
from .baseline import Plan


class BaselineError(Exception):
    """The baseline could not be written; the message names the file. The file is untouched."""


def _yaml(offset: int):
    from ruamel.yaml import YAML

    y = YAML()  # round trip
    y.preserve_quotes = True
    y.width = 4096  # never fold a long note
    y.indent(mapping=2, sequence=offset + 2, offset=offset)
    return y


NEW_FILE = "version: 1\n"  # what a configuration that does not exist yet starts as


def summary(p: Plan, migrate: bool) -> str:
    """What a run of ``audit baseline`` did, for its one line of output."""
    if migrate:
        return (f"{p.migrated} entries with fingerprints of an older release rewritten"
                + (f"; {p.unmapped} of an older release match no finding and are left as they are" if p.unmapped else ""))
    if not p.changed:
        return "findings: up to date, nothing written"
    return f"findings: {len(p.added)} entries added, {len(p.updates)} updated, {len(p.drops)} removed"


def apply(text: str, p: Plan, where: str = "expectations.yaml") -> str:
    """``text`` (empty: a new file) with ``p`` applied to its ``findings:`` list."""
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.error import YAMLError

    text = text or NEW_FILE
    lines = text.splitlines(keepends=True)
    start, end = _section(text, where)
    if start == end:  # no section yet: one at the end of the file
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        start = end = len(lines)
    section = "".join(lines[start:end]) or "findings: []\n"
    y = _yaml(_offset(section))
    try:
        doc = y.load(section)
    except YAMLError as ex:  # an alias to another section, say: what PyYAML reads, ruamel may not alone
        raise BaselineError(f"{where}: findings: cannot be edited on its own: {str(ex).splitlines()[0]}") from None
    seq = doc.get("findings")
    if not isinstance(seq, CommentedSeq):
        seq = CommentedSeq(seq or [])
        doc["findings"] = seq
    _edit(seq, p)
    if seq:
        out = io.StringIO()
        y.dump(doc, out)
        new = out.getvalue()
    else:  # ruamel writes an emptied list as a bare [] below the key's comments, which is not YAML
        new = "findings: []" + _header_comment(seq) + "\n"
    new = _keep_comments(section, new)
    return "".join(lines[:start]) + new + "".join(lines[end:])


def _edit(seq, p: Plan) -> None:
    """Apply ``p`` to the list (in place): updates, then drops, then additions at the end."""
    from ruamel.yaml.comments import CommentedMap

    if seq.fa.flow_style():  # an entry a line, whatever the list was written as
        seq.fa.set_block_style()
        for token in filter(None, (seq.ca.comment or [None])[:1]):
            token.column = len("findings: ") + 2  # the comment was placed after the whole list
    for ei, changes in p.updates.items():
        _update(seq[ei], changes)
    for ei in sorted(p.drops, reverse=True):  # from the end: ruamel shifts the comments of later entries
        del seq[ei]
    for entry in p.added:
        m = CommentedMap()
        _update(m, entry)
        m.fa.set_flow_style()
        seq.append(m)


def _header_comment(seq) -> str:
    """The end-of-line comment of the ``findings:`` line ("" when none), with its lead spaces."""
    token = (seq.ca.comment or [None])[0]
    first = token.value.split("\n", 1)[0].strip() if token is not None else ""
    return f"   {first}" if first.startswith("#") else ""


def _update(entry, changes: dict) -> None:
    """Set fields of an entry (``files`` before ``note``), quoted as the tool writes them."""
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Q

    for key, value in changes.items():
        if isinstance(value, list):
            value = CommentedSeq([Q(x) for x in value])
            value.fa.set_flow_style()
        elif key != "code":
            value = Q(value)
        if key in entry or "note" not in entry:
            entry[key] = value
        else:
            entry.insert(list(entry).index("note"), key, value)


def _section(text: str, where: str) -> tuple[int, int]:
    """[start, end) lines of the top-level ``findings:`` key and its value, by the parser's marks;
    (n, n) when there is none."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as ex:
        raise BaselineError(f"{where}: not valid YAML: {ex}") from None
    n = len(text.splitlines())
    if not isinstance(node, yaml.MappingNode):
        return n, n
    starts = sorted(k.start_mark.line for k, _ in node.value)
    for k, _ in node.value:
        if k.value == "findings":
            later = [s for s in starts if s > k.start_mark.line]
            return k.start_mark.line, later[0] if later else n
    return n, n


def _offset(section: str) -> int:
    """How far the section's list items are indented (0 for a list at column 0)."""
    m = re.search(r"^( *)- ", section, re.M)
    return len(m.group(1)) if m else 2


def _keep_comments(old: str, new: str) -> str:
    """``new``, plus the full-line comments of ``old`` it lacks, at its end."""
    have = {line.strip() for line in new.splitlines()}
    lost = [line for line in old.splitlines(keepends=True)
            if line.lstrip().startswith("#") and line.strip() not in have]
    if lost and not new.endswith("\n"):
        new += "\n"
    return new + "".join(line if line.endswith("\n") else line + "\n" for line in lost)


def check_same_settings(old: str, new: str, where: str) -> None:
    """Everything but ``findings:`` must read the same before and after the edit."""
    a, b = yaml.safe_load(old) or {}, yaml.safe_load(new) or {}
    a.pop("findings", None)
    b.pop("findings", None)
    if a != b:
        raise BaselineError(f"{where}: the rewrite would change settings other than findings: (nothing written)")


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on the file itself (released when closed; a no-op without fcntl)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the content check alone
        yield
        return
    with open(path, "rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        yield


def commit(path: Path, read: str, new: str, validate: Callable[[Path], None]) -> None:
    """Replace ``path`` (last read as ``read``) by ``new`` once ``validate`` accepts the new text;
    refused when the file changed since it was read."""
    check_same_settings(read or NEW_FILE, new, str(path))
    if not path.exists():
        if read:
            raise BaselineError(f"{path}: removed since this run read it; nothing written")
        write_atomic(path, new, validate)
        return
    with _locked(path):
        try:
            now = path.read_text(encoding="utf-8")
        except OSError as ex:
            raise BaselineError(f"{path}: cannot read: {ex.strerror or ex}") from None
        if now != read:
            raise BaselineError(f"{path}: changed since this run read it (another 'audit baseline' or an "
                                "editor?); nothing written: run 'audit baseline' again")
        write_atomic(path, new, validate)

