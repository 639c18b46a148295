#!/usr/bin/env python3
"""Prove that a refactor changed nothing: the same outputs, byte for byte, before and after.

    python bench/same_output.py --save DIR     # on the code before: write the reference outputs
    python bench/same_output.py --check DIR    # on the code after: compare with them (exit 1 if any differs)

For each corpus — the seeds, ../shared/corpus/real-news, ../shared/corpus/dev-news (when present)
and a generated 1 MB corpus (bench/scale.py's builder, fixed seed) — it runs
`audit run --format json --figures` and `audit claims --format json`, with a configuration that
holds nothing of the user's, from the corpus's folder. The run time (`"seconds"`) is the one field
that may differ, and is blanked before comparing. A difference is reported with the first lines
that differ.
"""
from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))


def corpora(tmp: Path) -> dict[str, Path]:
    """Name -> folder of every corpus at hand; the generated one is built in ``tmp``."""
    from scale import build

    out = {"seeds": ROOT / "seeds"}
    for name in ("real-news", "dev-news"):
        if (SHARED / name).is_dir():
            out[name] = SHARED / name
        else:
            print(f"same_output: {SHARED / name} is not present: left out", file=sys.stderr)
    gen = tmp / "generated-1mb"
    gen.mkdir()
    build(gen, 1)
    out["generated-1mb"] = gen
    return out


def outputs(folder: Path, cfg: Path) -> dict[str, str]:
    """The two outputs of one corpus, as text with the run time blanked."""
    from accuracy import articles

    names = articles(folder)
    out = {}
    for kind, args in (("run", ["run", "--format", "json", "--figures", "--exit-zero"]),
                       ("claims", ["claims", "--format", "json"])):
        r = subprocess.run([sys.executable, "-m", "audit", *args, "--config", str(cfg), *names],
                           cwd=folder, capture_output=True, text=True, encoding="utf-8")
        if r.returncode not in (0, 1):
            sys.exit(f"same_output: audit {kind} on {folder} exited {r.returncode}: {r.stderr.strip()[:400]}")
        data = json.loads(r.stdout)
        if isinstance(data, dict) and "seconds" in data:
            data["seconds"] = 0
        out[kind] = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, metavar="DIR", help="write the reference outputs into DIR")
    mode.add_argument("--check", type=Path, metavar="DIR", help="compare with the references in DIR")
    a = ap.parse_args(argv)
    if a.check and not a.check.is_dir():
        print(f"same_output: {a.check}: no such folder (make it with --save on the code before)", file=sys.stderr)
        return 2
    differ = 0
    with tempfile.TemporaryDirectory(prefix="same-output-") as t:
        tmp = Path(t)
        cfg = tmp / "expectations.yaml"
        cfg.write_text("version: 1\n", encoding="utf-8")
        for name, folder in corpora(tmp).items():
            for kind, text in outputs(folder, cfg).items():
                ref = (a.save or a.check) / f"{name}.{kind}.json"
                if a.save:
                    ref.parent.mkdir(parents=True, exist_ok=True)
                    ref.write_text(text, encoding="utf-8")
                    print(f"saved    {ref} ({len(text):,} characters)")
                    continue
                old = ref.read_text(encoding="utf-8") if ref.is_file() else ""
                if old == text:
                    print(f"same     {name} {kind}")
                    continue
                differ += 1
                print(f"DIFFERS  {name} {kind}")
                diff = difflib.unified_diff(old.splitlines(), text.splitlines(), "before", "after", lineterm="", n=1)
                for line in list(diff)[:20]:
                    print("    " + line)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
