"""GitHub Actions workflow commands: one annotation per finding and per stale baseline entry, and
a last line that says whether the run failed and why.

New findings are annotated at their severity; expected (baselined) ones only as notices, and not
at all with ``--quiet``, so that a baseline does not bury the diff in errors. A stale entry (in the
baseline, no longer found) is an error with ``--strict``, where it fails the run, else a warning.
"""
from __future__ import annotations

from . import Result
from .plural import plural

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def _command(level: str, message: str, title: str, file: str | None = None, line: int | None = None,
             col: int | None = None) -> str:
    props = ([f"file={_escape(file, True)}"] if file else []) + ([f"line={line},col={col}"] if line else [])
    props.append(f"title={_escape(title, True)}")
    return f"::{level} {','.join(props)}::{_escape(message)}"


def render(r: Result, quiet: bool = False, strict: bool = False, failures: tuple[str, ...] = ()) -> str:
    """``failures``: why the run fails (none: it passes), as the exit code has it."""
    lines = []
    for i, f in enumerate(r.findings):
        expected = i in r.expected
        if expected and quiet:
            continue
        loc = f.locations[0]
        lines.append(_command("notice" if expected else LEVEL[f.severity], f.message,
                              f"{f.code} {f.slug}" + (" (expected)" if expected else ""), loc.path, loc.line, loc.col))
    for e in r.stale:
        files = e.get("files") if isinstance(e.get("files"), list) else []
        lines.append(_command("error" if strict else "warning",
                              f"in the baseline but no longer found: {e.get('fingerprint')} {e.get('note', '')}".rstrip(),
                              f"{e.get('code')} stale baseline entry", str(files[0]) if files else None))
    counts = (f"{plural(len(r.findings), 'finding')}: {len(r.findings) - len(r.expected)} new, "
              f"{len(r.expected)} expected, {len(r.stale)} stale")
    if failures:
        lines.append(_command("error", f"failed: {'; '.join(failures)} ({counts})", "claim-audit"))
    else:
        lines.append(_command("notice", f"passed ({counts})", "claim-audit"))
    return "\n".join(lines) + "\n"
