"""The form of an accuracy gold (DESIGN.md section 9): what makes an annotation usable.

A gold is YAML with four lists: `articles` (every article read, with or without findings),
`errors` and `consistent` (relationships, each `{id, kind, files, quotes, explanation,
confidence}`) and `notes` (`{file, quote, why}`). A consistent relationship the injection bench
changes (bench/accuracy.py --inject) may record that change and whether it makes an error:
`injected: {change: 'OLD -> NEW', breaks: true|false, why: one line}` (`why` required when the
change does not break it). Once any relationship of a gold records one, every planned change must
be recorded, and a recorded `change` that is no longer the plan is reported: an annotation never
goes stale in silence. This module only checks the form; scoring lives in bench/accuracy.py. Both
the test suite and the annotators run it (`--plan` prints a stub for each change not yet recorded).
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
OPTIONAL_KEYS = {"injected"}  # consistent relationships only
INJECTED_KEYS = {"change", "breaks", "why"}
MAX_WHY = 200
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


def problems(gold: dict, corpus: Path, injections: bool = True) -> list[str]:
    """Every defect of form, one line each (empty when the gold is well formed); with
    injections=False, not the `injected` records' agreement with the bench's plans."""
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
            if section == "errors" and isinstance(rel, dict) and "injected" in rel:
                out.append(f"{section}[{i}] ({rel.get('id')}): `injected` belongs to consistent relationships")
    if not out and injections:
        out += injection_problems(gold, corpus)
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
    missing, extra = RELATION_KEYS - set(rel), set(rel) - RELATION_KEYS - OPTIONAL_KEYS
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


def injected_form(where: str, inj) -> list[str]:
    """The form of one `injected` record: {change: 'OLD -> NEW', breaks: bool, why: one line}."""
    if not isinstance(inj, dict) or set(inj) - INJECTED_KEYS or not {"change", "breaks"} <= set(inj):
        return [f"{where}: `injected` is {{change: 'OLD -> NEW', breaks: true|false, why: ...}}"]
    out = []
    if not re.fullmatch(r"\S+ -> \S+", str(inj["change"])):
        out.append(f"{where}: injected.change {inj['change']!r} is not 'OLD -> NEW'")
    if not isinstance(inj["breaks"], bool):
        out.append(f"{where}: injected.breaks {inj['breaks']!r} is not true|false")
    why = inj.get("why")
    if why is not None and (not isinstance(why, str) or "\n" in why.strip() or len(why) > MAX_WHY):
        out.append(f"{where}: injected.why must be one line of at most {MAX_WHY} characters")
    elif inj["breaks"] is False and not str(why or "").strip():
        out.append(f"{where}: injected.breaks is false but there is no `why`")
    return out


def planned_changes(gold: dict, corpus: Path) -> dict[str, str]:
    """Relation id -> the change the injection bench plans for it ('OLD -> NEW'), for every
    single-article consistent relationship it can change (bench/accuracy.py, plan_injection)."""
    import accuracy

    out = {}
    for rel in accuracy.relations({"consistent": gold.get("consistent") or []}, corpus):
        if len(rel.files) == 1:
            plan = accuracy.plan_injection(rel, accuracy.read_text(corpus / rel.files[0]))
            if plan is not None:
                out[rel.id] = f"{plan.old} -> {plan.new}"
    return out


def injection_problems(gold: dict, corpus: Path) -> list[str]:
    """Each `injected` record well formed and still the bench's plan; once a gold records any,
    every planned change recorded."""
    rels = [r for r in gold.get("consistent") or [] if isinstance(r, dict)]
    out = [line for i, r in enumerate(rels) if "injected" in r
           for line in injected_form(f"consistent[{i}] ({r.get('id')})", r["injected"])]
    if out or not any("injected" in r for r in rels):
        return out
    plans = planned_changes(gold, corpus)
    for i, r in enumerate(rels):
        where, plan, inj = f"consistent[{i}] ({r.get('id')})", plans.get(r.get("id")), r.get("injected")
        if inj is None and plan is not None:
            out.append(f"{where}: no `injected` for the planned change {plan!r}")
        elif inj is not None and plan is None:
            out.append(f"{where}: `injected` records {inj['change']!r} but the bench plans no change")
        elif inj is not None and str(inj["change"]) != plan:
            out.append(f"{where}: injected.change {inj['change']!r} is no longer the plan {plan!r}")
    return out


def plan_stubs(gold: dict, corpus: Path) -> list[str]:
    """A YAML stub for every planned change the gold does not record yet, to read and fill in."""
    plans, out = planned_changes(gold, corpus), []
    for r in gold.get("consistent") or []:
        rid = r.get("id")
        if rid in plans and str((r.get("injected") or {}).get("change")) != plans[rid]:
            out.append(f"# {rid} [{r.get('kind')}]: {' | '.join(map(str, r.get('quotes') or []))}\n"
                       f"  injected: {{change: '{plans[rid]}', breaks: ?, why: ''}}")
    return out


def main(argv: list[str]) -> int:
    """`python bench/goldform.py GOLD... [--corpus DIR] [--plan]`: print the defects, exit 1 if
    any; with --plan, print a stub for every injected change not yet recorded instead."""
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev-news"
    if "--corpus" in argv:
        i = argv.index("--corpus")
        corpus = Path(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    if "--plan" in argv:
        for name in (a for a in argv if a != "--plan"):
            for stub in plan_stubs(load(Path(name)), corpus):
                print(stub)
        return 0
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
