"""Issue 19: findings that do not depend on the working directory, baseline rewrites that lose
nothing (other documents' entries, comments, notes, a concurrent writer's entries), old
fingerprints that stay valid."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from .conftest import ROOT
from .test_cli import audit

STYLES = yaml.safe_load((ROOT / "tests" / "data" / "baseline_styles.yaml").read_text(encoding="utf-8"))
SEED1 = "seeds/001_86a1c3c94e1e9183.txt"
SEED4 = "seeds/004_e30cb15d560eed10.txt"


def _project(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "expectations.yaml", tmp_path / "expectations.yaml")
    return tmp_path


def _entries(p) -> list[dict]:
    return yaml.safe_load((p / "expectations.yaml").read_text(encoding="utf-8"))["findings"] or []


def _head(p) -> str:
    text = (p / "expectations.yaml").read_text(encoding="utf-8")
    return text[: text.index("findings:")]


def _outcome(r) -> list[tuple]:
    doc = json.loads(r.stdout)
    return sorted((f["code"], f["fingerprint"], f["status"], f["severity"]) for f in doc["findings"])


def test_findings_and_dates_do_not_depend_on_the_working_directory(tmp_path):
    p = _project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    runs = [audit("run", "--format", "json", "--strict", cwd=p),
            audit("run", "--format", "json", "--strict", cwd=p / "seeds"),
            audit("run", "--format", "json", "--strict", "--config", str(p / "expectations.yaml"), cwd=elsewhere)]
    assert [r.returncode for r in runs] == [0, 0, 0], [r.stdout[-300:] for r in runs]
    assert _outcome(runs[0]) == _outcome(runs[1]) == _outcome(runs[2])
    dates = [sorted((d["published"], d["published_from"]) for d in json.loads(r.stdout)["documents"]) for r in runs]
    assert dates[0] == dates[1] == dates[2] and ("2023-08-17", "config") in dates[0]
    assert all(json.loads(r.stdout)["stale"] == [] for r in runs)


def test_a_conversion_baselined_at_the_root_is_expected_from_a_subfolder(tmp_path):
    from checks import conversion_mismatch

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(conversion_mismatch.BAD + "\n", encoding="utf-8")
    (tmp_path / "expectations.yaml").write_text("version: 1\ncorpus: {paths: [news/]}\nfindings: []\n", encoding="utf-8")
    assert audit("baseline", cwd=tmp_path).returncode == 0
    assert {e["code"] for e in _entries(tmp_path)} == {"AU260"}
    for where in (tmp_path, tmp_path / "news"):
        r = audit("run", "--strict", "--format", "json", cwd=where)
        found = json.loads(r.stdout)["findings"]
        assert r.returncode == 0 and found and {f["status"] for f in found} == {"expected"}


def test_ignore_paths_are_relative_to_the_configuration(tmp_path):
    p = _project(tmp_path)
    cfg = p / "expectations.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + f"ignore: [{{code: AU220, path: {SEED4}, reason: known}}]\n",
                   encoding="utf-8")
    for where in (p, p / "seeds"):
        r = audit("run", "--format", "json", cwd=where)
        assert "AU220" not in {f["code"] for f in json.loads(r.stdout)["findings"]}
        assert "matches no finding" not in r.stderr


def test_baseline_of_one_document_keeps_the_entries_of_the_others(tmp_path):
    p = _project(tmp_path)
    before = _entries(p)
    r = audit("baseline", SEED1, cwd=p)
    assert r.returncode == 0, r.stderr
    assert _entries(p) == before
    assert audit("run", "--strict", "--quiet", cwd=p).returncode == 0
    # 001 loses its damaged text: its own entries go, the one shared with 002 stays, the rest too
    (p / SEED1).write_text("小米的新闻。\n", encoding="utf-8")
    assert audit("baseline", SEED1, cwd=p).returncode == 0
    after = _entries(p)
    only_001 = [e for e in before if e["files"] == [SEED1]]
    assert len(only_001) == 7 and after == [e for e in before if e not in only_001]


def test_baseline_applies_suppressions(tmp_path):
    p = _project(tmp_path)
    cfg = p / "expectations.yaml"
    cfg.write_text(_head(p) + f"findings: []\nignore: [{{code: AU220, path: {SEED4}, reason: known}}]\n",
                   encoding="utf-8")
    assert audit("baseline", cwd=p).returncode == 0
    assert "AU220" not in {e["code"] for e in _entries(p)} and len(_entries(p)) == 16
    assert audit("run", "--strict", "--quiet", cwd=p).returncode == 0


@pytest.fixture(scope="module")
def kept_fingerprint() -> str:
    found = json.loads(audit("run", "--format", "json").stdout)["findings"]
    return next(f["fingerprint"] for f in found if f["code"] == "AU220")


@pytest.mark.parametrize("case", STYLES, ids=[c["name"] for c in STYLES])
def test_baseline_keeps_comments_and_notes_in_every_style(tmp_path, case, kept_fingerprint):
    p = _project(tmp_path)
    head, tail = _head(p), "ignore: []   # a key after the section\n# the last line\n"
    section = case["section"].replace("{KEEP}", kept_fingerprint).replace("{GONE}", "v2:0123456789abcdef")
    (p / "expectations.yaml").write_text(head + section + tail, encoding="utf-8")
    r = audit("baseline", cwd=p)
    assert r.returncode == 0, r.stderr
    text = (p / "expectations.yaml").read_text(encoding="utf-8")
    assert text.startswith(head) and text.endswith(tail)
    for comment in case["comments"]:
        assert comment in text
    entries = _entries(p)
    assert len(entries) == 17 and "v2:0123456789abcdef" not in text
    if "{KEEP}" in case["section"]:
        assert next(e for e in entries if e["fingerprint"] == kept_fingerprint)["note"] == "keep # me"
    assert audit("run", "--strict", "--quiet", cwd=p).returncode == 0
    assert audit("baseline", cwd=p).returncode == 0
    assert (p / "expectations.yaml").read_text(encoding="utf-8") == text  # nothing more to do


def test_a_rewrite_that_would_not_load_is_not_written(tmp_path):
    from audit import baseline_file, config

    target = tmp_path / "expectations.yaml"
    target.write_text("version: 1\nfindings: []\n", encoding="utf-8")
    broken = "version: 1\nfindings: []\nfacts: 3\n"  # facts must be a list

    def validate(path):
        config.load(path)

    with pytest.raises(baseline_file.BaselineError):  # a setting other than findings: changed
        baseline_file.commit(target, target.read_text(encoding="utf-8"), broken, validate)
    with pytest.raises(config.ConfigError):
        baseline_file.commit(target, target.read_text(encoding="utf-8"), "version: 1\nfindings: 3\n", validate)
    assert target.read_text(encoding="utf-8") == "version: 1\nfindings: []\n"
    assert [x.name for x in tmp_path.iterdir()] == ["expectations.yaml"]  # no temporary file left


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    from audit import baseline_file
    from audit.baseline import Plan

    target = tmp_path / "expectations.yaml"
    read = "version: 1\nfindings: []\n"
    target.write_text(read, encoding="utf-8")
    one = baseline_file.apply(read, Plan(added=[{"code": "AU100", "fingerprint": "v2:1111111111111111", "note": "a"}]))
    two = baseline_file.apply(read, Plan(added=[{"code": "AU200", "fingerprint": "v2:2222222222222222", "note": "b"}]))
    baseline_file.commit(target, read, one, lambda path: None)  # the first writer
    with pytest.raises(baseline_file.BaselineError, match="changed since this run read it"):
        baseline_file.commit(target, read, two, lambda path: None)  # the second read the same file
    assert target.read_text(encoding="utf-8") == one


def test_two_baselines_at_once_never_lose_entries_silently(tmp_path):
    p = _project(tmp_path)
    (p / "expectations.yaml").write_text(_head(p) + "findings: []\n", encoding="utf-8")
    runs = [subprocess.Popen([sys.executable, "-m", "audit", "baseline", seed], cwd=p, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for seed in (SEED1, SEED4)]
    outs = [(r.wait(120), *r.communicate()) for r in runs]
    files = {f for e in _entries(p) for f in e["files"]}
    for seed, (code, out, err) in zip((SEED1, SEED4), outs):
        if code == 0:
            assert seed in files and "added" in out
        else:
            assert code == 2 and "changed since this run read it" in err, err
    assert any(code == 0 for code, _, _ in outs)


def test_entries_of_the_previous_fingerprint_format_stay_valid_and_migrate(tmp_path):
    p = _project(tmp_path)
    cfg = p / "expectations.yaml"
    current = cfg.read_text(encoding="utf-8")
    # The entries as the previous release wrote them: bare fingerprints, no files.
    old = re.sub(r'"v2:([0-9a-f]{16})", files: \[[^]]*\]', r'"\1"', current)
    assert old != current and "v2:" not in old
    cfg.write_text(old, encoding="utf-8")
    r = audit("run", "--strict", "--quiet", cwd=p)
    assert r.returncode == 0 and "--migrate" in r.stderr
    r = audit("baseline", "--migrate", cwd=p)
    assert r.returncode == 0 and "17 entries" in r.stdout, r.stdout + r.stderr
    assert cfg.read_text(encoding="utf-8") == current  # notes, comments and order kept
    r = audit("run", "--strict", "--quiet", cwd=p)
    assert r.returncode == 0 and r.stderr == ""


IDENTITIES = yaml.safe_load((ROOT / "tests" / "data" / "identities.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", IDENTITIES, ids=[f"{c['root']}:{c['path']}" for c in IDENTITIES])
def test_identity_of_a_configured_path(case):
    from audit import identity

    assert identity.from_config(case["path"], case["root"]) == case["ident"]


def test_identity_does_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    from audit import identity

    (tmp_path / "seeds").mkdir()
    root = str(tmp_path)
    monkeypatch.chdir(tmp_path)
    at_root = identity.of("seeds/a.txt", root)
    monkeypatch.chdir(tmp_path / "seeds")
    assert identity.of("a.txt", root) == at_root == "seeds/a.txt"
    assert identity.shown("seeds/a.txt", root) == "a.txt"  # shown as seen from here


def test_a_partial_baseline_over_old_entries_keeps_them_all(tmp_path):
    p = _project(tmp_path)
    cfg = p / "expectations.yaml"
    cfg.write_text(re.sub(r'"v2:([0-9a-f]{16})", files: \[[^]]*\]', r'"\1"', cfg.read_text(encoding="utf-8")),
                   encoding="utf-8")
    r = audit("baseline", SEED1, "--jobs", "2", cwd=p)
    assert r.returncode == 0, r.stderr
    entries = _entries(p)
    assert len(entries) == 17
    migrated = [e for e in entries if e["fingerprint"].startswith("v2:")]
    assert len(migrated) == 7 and all(e["files"] == [SEED1] for e in migrated)  # 001's own findings
    assert audit("run", "--strict", "--quiet", cwd=p).returncode == 0


def test_a_default_basis_keeps_the_fingerprint():
    from audit import fingerprint

    key = ("xiaomi", "revenue", None, "2022")
    assert fingerprint.claim_key(key + ("actual",)) == fingerprint.claim_key(key + (None,)) == fingerprint.claim_key(key)
    assert fingerprint.claim_key(key + ("guidance",)) != fingerprint.claim_key(key)
    assert fingerprint.version_of("v2:e90de924b7564d00") == 2 and fingerprint.version_of("e90de924b7564d00") == 1
    assert fingerprint.version_of("not a fingerprint") is None


_FIELD = st.one_of(st.none(), st.text(st.characters(blacklist_characters="|\x00", blacklist_categories=("Cs",)),
                                      min_size=1).filter(lambda s: s != "None"))


@given(st.tuples(_FIELD, _FIELD, _FIELD, _FIELD, st.sampled_from([None, "actual", "guidance", "consensus"])))
def test_a_claim_key_reads_back(key):
    from audit import fingerprint

    back = fingerprint.parse_claim_key(fingerprint.claim_key(key))
    assert back == dict(zip(fingerprint.KEY_FIELDS, key[:4] + (None if key[4] == "actual" else key[4],)))


_NOTE = st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs"),
                              blacklist_characters="\x85\u2028\u2029"), max_size=30)
_ENTRY = st.fixed_dictionaries({"code": st.sampled_from(["AU100", "AU220", "AU500"]),
                                "fingerprint": st.from_regex(r"v2:[0-9a-f]{16}", fullmatch=True), "note": _NOTE})


def _render(entries: list[dict], style: str) -> str:
    """A findings: section as a user may write it."""
    def flow(e):
        return "{" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in e.items()) + "}"

    if style == "flow-list":
        return "findings: [" + ", ".join(map(flow, entries)) + "]   # the list\n"
    out = ["findings:   # the baseline\n", "# a comment line\n"]
    for e in entries:
        if style == "block":
            out.append("  - " + "\n    ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in e.items()) + "\n")
        else:
            out.append(("- " if style == "column-0" else "  - ") + flow(e) + "   # an entry's comment\n")
    return "".join(out) + "# after the entries\n"


@given(st.lists(_ENTRY, max_size=6), st.sampled_from(["column-0", "indented", "block", "flow-list"]),
       st.data())
def test_any_rewrite_keeps_the_rest_and_reads_as_planned(entries, style, data):
    from audit import baseline_file
    from audit.baseline import Plan

    head, tail = "version: 1\ncorpus: {paths: [seeds/]}   # keep me\n", "ignore: []\n# the end\n"
    text = head + _render(entries, style) + tail
    drops = data.draw(st.sets(st.sampled_from(range(len(entries))) if entries else st.nothing()))
    updates = {i: {"fingerprint": "v2:" + "f" * 16, "files": ["seeds/a b.txt", "../x: y.txt"]}
               for i in data.draw(st.sets(st.sampled_from(range(len(entries))) if entries else st.nothing()))
               if i not in drops}
    added = data.draw(st.lists(_ENTRY, max_size=3))
    new = baseline_file.apply(text, Plan(updates, drops, added))
    assert new.startswith(head) and new.endswith(tail)
    want = [dict(e, **updates.get(i, {})) for i, e in enumerate(entries) if i not in drops] + added
    assert (yaml.safe_load(new)["findings"] or []) == want
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            assert line.strip() in new
