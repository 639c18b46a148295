"""expectations.yaml: load and validate the user's configuration (DESIGN.md section 6).

Only what the current stages use is interpreted; every key is still checked against the known
set so that a typo is an error naming the line, not a silently ignored setting.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .lexicon import SAFE_LOADER

KNOWN_KEYS = {"version", "corpus", "documents", "tolerance", "fx", "entities", "metrics", "facts",
              "findings", "ignore"}


class ConfigError(Exception):
    """A user mistake in the configuration: the message is one line naming the file (and line)."""


@dataclass(frozen=True)
class Config:
    path: Path | None
    paths: tuple[str, ...] = ("seeds/",)
    include: tuple[str, ...] = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    entities: tuple[dict[str, Any], ...] = ()  # additions to audit/data/entities.yaml
    metrics: tuple[dict[str, Any], ...] = ()  # additions to audit/data/metrics.yaml

    @functools.cached_property
    def lexicon_key(self) -> tuple[str, str]:
        """This configuration's lexicon additions as JSON text (see :func:`audit.claims.lexicons_for`),
        made once: every document asks for the lexicons."""
        import json

        def dump(items):
            return json.dumps(list(items), ensure_ascii=False, sort_keys=True) if items else ""

        return dump(self.entities), dump(self.metrics)

    def lexicons(self):
        """The claim lexicons with this configuration's additions (the defaults when none)."""
        from .claims import lexicons_for

        return lexicons_for(*self.lexicon_key)

    def published(self, doc_path: str) -> str | None:
        meta = self.documents.get(doc_path) or self.documents.get(doc_path.replace("\\", "/"))
        if meta and meta.get("published") is not None:
            return str(meta["published"])
        return None


class _Loader(SAFE_LOADER):
    """Safe loading (by libyaml when present) that refuses duplicate keys."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise ConfigError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
        seen[key] = key_node.start_mark.line + 1
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text: a bad one (2023-13-45) is then reported with its key and line, not raised.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def load(path: Path | None) -> Config:
    if path is None:
        return Config(None)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as ex:
        raise ConfigError(f"{path}: cannot read: {ex.strerror or ex}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    loader = _Loader(text)
    lines: dict[str, int] = {}
    try:
        node = loader.get_single_node()
        if isinstance(node, yaml.MappingNode):
            lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
        data = loader.construct_document(node) if node is not None else None
    except ConfigError as ex:
        raise ConfigError(f"{path}: {ex}") from None
    except yaml.MarkedYAMLError as ex:
        mark = ex.problem_mark or ex.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        raise ConfigError(f"{path}: {where}{ex.problem or ex.context or 'invalid YAML'}") from None
    except yaml.YAMLError as ex:
        raise ConfigError(f"{path}: invalid YAML: {ex}") from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: line 1: expected a mapping of settings")
    for key in data:
        if key not in KNOWN_KEYS:
            raise ConfigError(f"{path}: line {lines.get(key, 1)}: unknown key {key!r} "
                              f"(known: {', '.join(sorted(KNOWN_KEYS))})")
    if data.get("version", 1) != 1:
        raise ConfigError(f"{path}: line {lines.get('version', 1)}: version must be 1")
    corpus = data.get("corpus") or {}
    if not isinstance(corpus, dict):
        raise ConfigError(f"{path}: line {lines.get('corpus', 1)}: corpus must be a mapping with paths and include")
    paths = corpus.get("paths", ["seeds/"])
    include = corpus.get("include", list(Config.include))
    for name, val in (("paths", paths), ("include", include)):
        if not isinstance(val, list) or not all(isinstance(x, str) for x in val):
            raise ConfigError(f"{path}: line {lines.get('corpus', 1)}: corpus.{name} must be a list of strings")
    base = path.parent
    resolved = tuple(str(p) if Path(p).is_absolute() else str(base / p) for p in paths)
    documents = data.get("documents") or {}
    if not isinstance(documents, dict):
        raise ConfigError(f"{path}: line {lines.get('documents', 1)}: documents must be a mapping of path -> metadata")
    docs: dict[str, dict[str, Any]] = {}
    for k, v in documents.items():
        if not isinstance(v, dict):
            raise ConfigError(f"{path}: line {lines.get('documents', 1)}: documents.{k} must be a mapping")
        pub = v.get("published")
        if pub is not None and not _PUBLISHED.fullmatch(str(pub)):
            raise ConfigError(f"{path}: line {lines.get('documents', 1)}: documents.{k}.published: "
                              f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {pub!r}")
        if pub is not None:
            try:
                _check_date(str(pub))
            except ValueError as ex:
                raise ConfigError(f"{path}: line {lines.get('documents', 1)}: documents.{k}.published: {ex}") from None
        docs[str(base / k) if base != Path(".") else str(k)] = v
        docs[str(k)] = v
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(e, dict) and e.get("code") and (e.get("path") or e.get("fingerprint"))
                                               for e in ignore):
        raise ConfigError(f"{path}: line {lines.get('ignore', 1)}: ignore: expected a list of "
                          "{code, path or fingerprint, reason}")
    for key, kind in (("tolerance", dict), ("fx", dict), ("facts", list), ("findings", list)):
        if data.get(key) is not None and not isinstance(data[key], kind):
            raise ConfigError(f"{path}: line {lines.get(key, 1)}: {key} must be a {'mapping' if kind is dict else 'list'}")
    for name, v in (data.get("tolerance") or {}).items():
        if name not in ("relative", "approx") or isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v < 1:
            raise ConfigError(f"{path}: line {lines.get('tolerance', 1)}: tolerance.{name}: expected relative or "
                              f"approx, a number from 0 to 1")
    _check_facts(path, lines, data.get("facts") or [])
    entities = _entries(path, lines, data, "entities", "names")
    metrics = _entries(path, lines, data, "metrics", "words")
    return Config(path, resolved, tuple(include), docs, data, entities, metrics)


def _check_facts(path: Path, lines: dict[str, int], facts: list) -> None:
    """Every fact names entity, metric and a value that reads as one figure (2800.4亿元)."""
    from .normalize import normalize
    from .quantities import extract

    where = f"{path}: line {lines.get('facts', 1)}: facts"
    for i, f in enumerate(facts):
        if not isinstance(f, dict) or not all(f.get(k) for k in ("entity", "metric", "value")):
            raise ConfigError(f"{where}[{i}] must be a mapping with entity, metric and value")
        figures = [q for q in extract(normalize(str(f["value"]))) if q.kind not in ("date", "period")]
        if len(figures) != 1:
            raise ConfigError(f"{where}[{i}]: value {f['value']!r} does not read as one figure (write it like 2800.4亿元)")


def _entries(path: Path, lines: dict[str, int], data: dict, key: str, words: str) -> tuple[dict, ...]:
    """Validate `entities:` / `metrics:`: a list of mappings with an id and a list of strings."""
    items = data.get(key) or []
    where = f"{path}: line {lines.get(key, 1)}: {key}"
    if not isinstance(items, list):
        raise ConfigError(f"{where} must be a list")
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise ConfigError(f"{where}[{i}] must be a mapping with an id")
        ws = item.get(words)
        if not isinstance(ws, list) or not ws or not all(isinstance(w, str) and w for w in ws):
            raise ConfigError(f"{where}[{i}] ({item['id']}): {words} must be a list of non-empty strings")
        if key == "entities" and "fiscal_year_end" in item and not _FYE.fullmatch(str(item["fiscal_year_end"])):
            raise ConfigError(f"{where}[{i}] ({item['id']}): fiscal_year_end must be MM-DD, like 03-31")
    return tuple(items)


_FYE = re.compile(r"(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])")  # a fiscal year end, MM-DD
_PUBLISHED = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _check_date(value: str) -> None:
    import datetime as dt

    parts = [int(x) for x in value.split("-")] + [1, 1]
    dt.date(parts[0], parts[1], parts[2])


def find_config(explicit: str | None) -> Path | None:
    """``--config`` if given (must exist), else the nearest expectations.yaml walking up from the
    working directory, stopping at the repository root (a folder with .git)."""
    if explicit is not None:
        p = Path(explicit)
        if not p.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        return p
    here = Path.cwd()
    for folder in (here, *here.parents):
        p = folder / "expectations.yaml"
        if p.is_file():
            return Path("expectations.yaml") if folder == here else Path(os.path.relpath(p))
        if (folder / ".git").exists():
            break
    return None
