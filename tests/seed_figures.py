"""Every figure the parser reads in the seed articles, one line each (golden file support).

`python -m tests.seed_figures > tests/data/seed_figures.yaml` rewrites the golden file; review the
diff before committing it: each line is `line:col text kind value unit qualifier`.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from audit.normalize import normalize
from audit.quantities import extract

ROOT = Path(__file__).resolve().parent.parent


def published_of(name: str) -> str | None:
    cfg = yaml.safe_load((ROOT / "expectations.yaml").read_text(encoding="utf-8"))
    meta = (cfg.get("documents") or {}).get(f"seeds/{name}") or {}
    return str(meta["published"]) if meta.get("published") else None


def figure_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    out = []
    for q in extract(normalize(text), published_of(path.name)):
        d = q.to_dict()
        line = text.count("\n", 0, d["start"]) + 1
        col = d["start"] - (text.rfind("\n", 0, d["start"]) + 1) + 1
        value = d.get("date") or d.get("period") or (f"?{d['relative']}" if d.get("relative") else None)
        if value is None:
            value = f"{d['value']:g}" if d["value"] is not None else "-"
        out.append(f"{line}:{col} {d['text']} {d['kind']} {value} {d['unit'] or '-'} {d['qualifier']}")
    return out


def main() -> None:
    data = {p.name: figure_lines(p) for p in sorted((ROOT / "seeds").glob("*.txt"))}
    sys.stdout.write("# Golden: every figure read in each seed (regenerate: python -m tests.seed_figures).\n")
    sys.stdout.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=200))


if __name__ == "__main__":
    main()
