"""The form of an accuracy gold (DESIGN.md section 9): what makes an annotation usable.

A gold is YAML with four lists: `articles` (every article read, with or without findings),
`errors` and `consistent` (relationships, each `{id, kind, files, quotes, explanation,
confidence}`) and `notes` (`{file, quote, why}`). This module only checks the form; scoring
lives in bench/accuracy.py. Both the test suite and the annotators run it.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

KINDS = {
    "a": "same fact, different values",
    "b": "growth rate vs its two values",
    "c": "stated difference vs its two values",
    "d": "rate x period vs an aggregate",
    "e": "part-whole or shares",
    "f": "comparison word",
    "g": "stated count vs list",
    "h": "confusable labels",
    "i": "unit or currency slip",
}
CONFIDENCES = {"high", "medium"}
MAX_QUOTE = 40
RELATION_KEYS = {"id", "kind", "files", "quotes", "explanation", "confidence"}
TOP_KEYS = {"articles", "errors", "consistent", "notes"}
# Arabic digits the parser declines (a name such as 骁龙845) still count as a figure.
_DIGIT = re.compile(r"[0-9０-９]")


def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: the gold must be a mapping with {sorted(TOP_KEYS)}")
    return data


def has_figure(quote: str) -> bool:
    """A quote holds a figure when the project's parser reads one, or it has Arabic digits."""
    from audit import parse_quantities

    return bool(parse_quantities(quote)) or bool(_DIGIT.search(quote))


def problems(gold: dict, corpus: Path) -> list[str]:
    """Every defect of form, one line each (empty when the gold is well formed)."""
    out: list[str] = []
    unknown = set(gold) - TOP_KEYS
    if unknown:
        out.append(f"unknown top-level keys: {sorted(unknown)}")
    texts: dict[str, str] = {}

    def text(name: str) -> str | None:
        if name not in texts:
            p = corpus / name
            texts[name] = p.read_text(encoding="utf-8") if p.is_file() else None
        return texts[name]

    read = set()
    for i, art in enumerate(gold.get("articles") or []):
        name = art.get("file") if isinstance(art, dict) else None
        if not name or text(name) is None:
            out.append(f"articles[{i}]: no such file {name!r}")
        elif name in read:
            out.append(f"articles[{i}]: {name} listed twice")
        read.add(name)
    seen: set[str] = set()
    for section in ("errors", "consistent"):
        for i, rel in enumerate(gold.get(section) or []):
            out += _relation_problems(f"{section}[{i}]", rel, seen, read, text)
    for i, note in enumerate(gold.get("notes") or []):
        where = f"notes[{i}]"
        if not isinstance(note, dict) or set(note) - {"file", "quote", "why"}:
            out.append(f"{where}: a note is {{file, quote, why}}")
            continue
        body = text(str(note.get("file")))
        if body is None:
            out.append(f"{where}: no such file {note.get('file')!r}")
        elif str(note.get("quote", "")) not in body:
            out.append(f"{where}: quote {note.get('quote')!r} not found verbatim in {note['file']}")
        if not note.get("why"):
            out.append(f"{where}: no `why`")
    return out


def _relation_problems(where, rel, seen, read, text) -> list[str]:
    if not isinstance(rel, dict):
        return [f"{where}: not a mapping"]
    out = []
    rid = rel.get("id")
    where = f"{where} ({rid})"
    missing, extra = RELATION_KEYS - set(rel), set(rel) - RELATION_KEYS
    if missing or extra:
        out.append(f"{where}: missing {sorted(missing)} / unknown {sorted(extra)}")
    if rid in seen:
        out.append(f"{where}: duplicate id")
    seen.add(rid)
    if rel.get("kind") not in KINDS:
        out.append(f"{where}: kind {rel.get('kind')!r} is not one of {''.join(sorted(KINDS))}")
    if rel.get("confidence") not in CONFIDENCES:
        out.append(f"{where}: confidence {rel.get('confidence')!r} is not high|medium")
    files = rel.get("files") or []
    quotes = rel.get("quotes") or []
    if not files or not all(isinstance(f, str) for f in files):
        out.append(f"{where}: `files` must be a non-empty list of names")
        files = []
    for f in files:
        if text(f) is None:
            out.append(f"{where}: no such file {f!r}")
        elif read and f not in read:
            out.append(f"{where}: {f} is not listed in `articles`")
    if not 1 <= len(quotes) <= 4:
        out.append(f"{where}: 1-4 quotes, not {len(quotes)}")
    for q in quotes:
        q = str(q)
        if len(q) > MAX_QUOTE:
            out.append(f"{where}: quote longer than {MAX_QUOTE} characters: {q!r}")
        if not any((text(f) or "").count(q) for f in files):
            out.append(f"{where}: quote {q!r} not found verbatim in {files}")
        if not has_figure(q):
            out.append(f"{where}: quote {q!r} holds no figure")
    if not str(rel.get("explanation") or "").strip():
        out.append(f"{where}: no explanation")
    return out


def main(argv: list[str]) -> int:
    """`python bench/goldform.py GOLD... [--corpus DIR]`: print the defects, exit 1 if any."""
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev-news"
    if "--corpus" in argv:
        i = argv.index("--corpus")
        corpus = Path(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    bad = 0
    for name in argv:
        try:
            found = problems(load(Path(name)), corpus)
        except (OSError, ValueError, yaml.YAMLError) as e:
            found = [f"cannot load: {e}"]
        for line in found:
            print(f"{name}: {line}")
        bad += len(found)
        g = load(Path(name)) if not found else None
        if g is not None:
            print(f"{name}: ok — {len(g.get('articles') or [])} articles, "
                  f"{len(g.get('errors') or [])} errors, {len(g.get('consistent') or [])} consistent, "
                  f"{len(g.get('notes') or [])} notes")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main(sys.argv[1:]))
