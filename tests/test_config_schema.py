"""expectations.yaml against its schema: every nested key and value, one line naming file, line and
key, the nearest valid word; anchors refused before they expand; what loads keeps working."""
from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit import config
from audit.claims import extract_claims
from audit.schema import _base_schema, suggest

from .conftest import ROOT

CASES = yaml.safe_load((ROOT / "tests" / "data" / "config_errors.yaml").read_text(encoding="utf-8"))


def _load(tmp_path: Path, text: str) -> config.Config:
    cfg = tmp_path / "expectations.yaml"
    cfg.write_text(text, encoding="utf-8")
    return config.load(cfg)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_a_bad_configuration_names_file_line_and_key(tmp_path, case):
    with pytest.raises(config.ConfigError) as info:
        _load(tmp_path, case["text"])
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{tmp_path / 'expectations.yaml'}: line {case['line']}: "), message
    assert case["expect"] in message, message


def test_the_repository_and_readme_configurations_load(tmp_path):
    assert config.load(ROOT / "expectations.yaml").paths
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## expectations.yaml", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    cfg = _load(tmp_path, example)
    assert cfg.raw["fx"]["USD/CNY"]["rate"] == 7.2 and cfg.entities[0]["id"] == "acme"


def test_a_configuration_entity_with_a_builtin_id_adds_its_names(tmp_path):
    from audit.analysis import analyze
    from audit.ingest import Document

    cfg = _load(tmp_path, "version: 1\nentities:\n  - {id: xiaomi, names: [雷军的公司]}\n")
    lex = cfg.lexicons()
    assert lex.entities["xiaomi"].kind == "company"
    for text in ("雷军的公司2022年营收为2800亿元。", "小米2022年营收为2800亿元。"):
        claims = extract_claims(analyze(Document("a.txt", text, "utf-8")), lex)
        assert [c.entity for c in claims if c.metric == "revenue"] == ["xiaomi"], text


BOMB = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")))


@pytest.mark.parametrize("where", ["note", "extra key"])
def test_an_alias_bomb_is_refused_before_it_expands(tmp_path, where):
    body = BOMB.replace("\n", "\n  ") if where == "note" else BOMB
    text = (f"version: 1\nfindings:\n  - code: AU100\n    fingerprint: '8ff932dd9e802b5c'\n    note:\n      {body}\n"
            if where == "note" else f"version: 1\n{BOMB}")
    assert len(text.encode()) < 1000
    cfg = tmp_path / "expectations.yaml"
    cfg.write_text(text, encoding="utf-8")

    def cap() -> None:  # the run must not need more than this; the bomb alone would take gigabytes
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    r = subprocess.run([sys.executable, "-m", "audit", "run", "--config", str(cfg), "--quiet"], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8", preexec_fn=cap, timeout=60)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and str(cfg) in r.stderr and "YAML anchors and aliases" in r.stderr


def _schema_objects(schema, path=()):
    """(path, property names) of every mapping the schema describes."""
    if isinstance(schema, dict):
        if isinstance(schema.get("properties"), dict):
            yield path, tuple(schema["properties"])
        for k, v in schema.items():
            yield from _schema_objects(v, path + (k,))
    elif isinstance(schema, list):
        for i, v in enumerate(schema):
            yield from _schema_objects(v, path + (i,))


KEY_SETS = [keys for _, keys in _schema_objects(_base_schema())]


@given(st.sampled_from(KEY_SETS).flatmap(lambda keys: st.tuples(st.just(keys), st.sampled_from(keys))),
       st.data())
def test_a_key_with_one_letter_dropped_or_in_capitals_suggests_the_key(keys_and_key, data):
    keys, key = keys_and_key
    if data.draw(st.booleans()) or len(key) < 5:
        typo = key.upper()
    else:
        i = data.draw(st.integers(1, len(key) - 2))
        typo = key[:i] + key[i + 1:]
    if typo not in keys:
        assert suggest(typo, keys) == key


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**12), st.floats(allow_nan=False),
                     st.text(max_size=8), st.sampled_from(["AU100", "au100", "xiaomi", "2022", "7.2", "2800亿元"]))
_keys = st.sampled_from(["version", "corpus", "paths", "include", "documents", "published", "fx", "USD/CNY", "rate",
                         "as_of", "entities", "id", "kind", "names", "facts", "entity", "metric", "value",
                         "period", "findings", "code", "fingerprint", "ignore", "path", "tolerance", "relative",
                         "approx", "metrics", "words", "max_file_bytes"])
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(_keys, inner, max_size=4)), max_leaves=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(_keys, _values, max_size=5))
def test_any_configuration_loads_or_is_one_line_error(tmp_path, data):
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        _load(tmp_path, text)
    except config.ConfigError as ex:
        assert "\n" not in str(ex) and re.search(r": line \d+: ", str(ex)), str(ex)
