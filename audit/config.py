"""expectations.yaml: load and validate the user's configuration (DESIGN.md section 6).

This module reads the file (safe loading, duplicate keys and YAML anchors refused) and builds the
:class:`Config`; every key and value is checked against the schema first (:mod:`audit.schema`),
so that a typo is an error naming the line and key, never a silently ignored setting.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError  # noqa: F401 - raised here, and caught as config.ConfigError
from .lexicon import SAFE_LOADER


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

    @functools.cached_property
    def documents_by_ident(self) -> dict[str, dict[str, Any]]:
        """``documents:`` keyed by document identity (paths relative to this file's folder, see
        :mod:`audit.identity`), so that a document is found from any working directory."""
        from .identity import from_config, root_of

        root = root_of(self.path)
        return {from_config(str(k), root): v for k, v in (self.raw.get("documents") or {}).items()}

    def published(self, ident: str) -> str | None:
        """The publication date ``documents:`` gives the document of identity ``ident``."""
        meta = self.documents_by_ident.get(ident)
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
    """The configuration in ``path`` (the defaults when None), validated against the schema;
    any mistake is a :class:`ConfigError` of one line naming the file, line and key."""
    if path is None:
        return Config(None)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as ex:
        raise ConfigError(f"{path}: cannot read: {ex.strerror or ex}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    data, lines = _parse(path, text)
    if data is None:
        data = {}
    from .schema import validate

    problem = validate(data, lines)
    if problem is not None:
        raise ConfigError(f"{path}: {problem}")
    corpus = data.get("corpus") or {}
    paths = corpus.get("paths", ["seeds/"])
    include = corpus.get("include", list(Config.include))
    base = path.parent
    resolved = tuple(str(p) if Path(p).is_absolute() else str(base / p) for p in paths)
    docs: dict[str, dict[str, Any]] = {}
    for k, v in (data.get("documents") or {}).items():
        docs[str(base / k) if base != Path(".") else str(k)] = v
        docs[str(k)] = v
    entities = tuple(data.get("entities") or ())
    metrics = tuple(data.get("metrics") or ())
    return Config(path, resolved, tuple(include), docs, data, entities, metrics)


def _parse(path: Path, text: str) -> tuple[Any, dict[tuple, int]]:
    """(the data, path into the data -> line). Anchors and aliases are refused while the text is
    still events, before any node is built: an alias bomb of a few hundred bytes never expands."""
    from .schema import node_lines

    loader = _Loader(text)
    try:
        if "&" in text or "*" in text:  # an anchor needs the one, an alias the other
            _refuse_aliases(loader)
            loader.dispose()
            loader = _Loader(text)
        node = loader.get_single_node()
        lines = node_lines(node)
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
    return data, lines


def _refuse_aliases(loader: _Loader) -> None:
    """Read the events of the text and raise at the first anchor or alias."""
    while loader.check_event():
        event = loader.get_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise ConfigError(f"line {event.start_mark.line + 1}: YAML anchors and aliases (&name, *name) "
                              "are not accepted here: write the value out")


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
