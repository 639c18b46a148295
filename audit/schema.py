"""Validate expectations.yaml against its schema (``audit/data/config.schema.yaml``).

The schema is data, checked by jsonschema (a well-kept validator: every nested key and value is
covered by one declarative file instead of hand-written checks that drift from the documentation).
What the schema cannot know by itself — the check codes, the entity kinds and ids, the metrics,
segments and currencies — is filled in here from the registry and the lexicons, so a new check or
lexicon entry is valid at once. An error becomes one line naming the line of the file and the key,
with the nearest valid word when there is one (``corpus.inculde: unknown key; did you mean include?``).
"""
from __future__ import annotations

import copy
import datetime as dt
import difflib
import functools
import re
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterable

import yaml

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

DataPath = tuple  # a path into the data: keys and list indexes


@functools.cache
def _base_schema() -> dict[str, Any]:
    from .lexicon import load_yaml

    return load_yaml(resources.files("audit.data").joinpath("config.schema.yaml").read_text(encoding="utf-8"))


@functools.cache
def _known() -> dict[str, tuple[str, ...]]:
    """The values that come from the code and the lexicons (see the schema's opening comment)."""
    from checks import REGISTRY

    from .claims import NON_SUBJECT_KINDS, SUBJECT_KINDS, _load_list
    from .lexicon import lexicon

    currencies = [c.code for c in lexicon().currencies]
    return {
        "code": tuple(m.CODE for m in REGISTRY),
        "entity_kind": tuple(SUBJECT_KINDS + NON_SUBJECT_KINDS),
        "entity_id": tuple(str(d["id"]) for d in _load_list("entities.yaml")),
        "metric_id": tuple(str(d["id"]) for d in _load_list("metrics.yaml") if d["id"] != "none"),
        "segment_id": tuple(str(d["id"]) for d in _load_list("segments.yaml")),
        "currency_pair": tuple(f"{a}/{b}" for a in currencies for b in currencies if a != b),
    }


def schema_for(data: Any) -> dict[str, Any]:
    """The schema with its enums filled in; ids declared under ``entities:``/``metrics:`` of
    ``data`` count as known."""
    schema = copy.deepcopy(_base_schema())
    extra = {"entity_id": _ids(data, "entities"), "metric_id": _ids(data, "metrics")}
    for name, values in _known().items():
        schema["$defs"][name]["enum"] = sorted(set(values) | set(extra.get(name, ())))
    return _inline(schema, schema.pop("$defs"))


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """``node`` with every ``{$ref: "#/$defs/NAME"}`` replaced by that definition: a reference is
    looked up again for every value it validates, the slowest part of validating a long baseline."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline(defs[ref.rsplit("/", 1)[1]], defs)
        return {k: _inline(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def _ids(data: Any, key: str) -> list[str]:
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [d["id"] for d in items if isinstance(d, dict) and isinstance(d.get("id"), str)]


# ---------------------------------------------------------------------------------------------
# formats

_PUBLISHED = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PERIOD = re.compile(r"(?:FY)?(\d{4})(?:-(?:Q[1-4]|H[12]|(\d{2})(?:-(\d{2}))?))?|(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})")


def _real_date(year: str | None, month: str | None, day: str | None) -> bool:
    try:
        dt.date(int(year or 2000), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True


def _published(value: Any) -> bool:
    m = _PUBLISHED.fullmatch(str(value))
    return bool(m) and _real_date(*m.groups())


def _date(value: Any) -> bool:
    m = _PUBLISHED.fullmatch(str(value))
    return bool(m) and m.group(3) is not None and _real_date(*m.groups())


def _period(value: Any) -> bool:
    m = _PERIOD.fullmatch(str(value))
    if not m:
        return False
    if m.group(4):  # a span of months
        return _real_date(m.group(4), m.group(5), None) and _real_date(m.group(6), m.group(7), None)
    return _real_date(m.group(1), m.group(2), m.group(3))


def _figure(value: Any) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    from .normalize import normalize
    from .quantities import extract

    return len([q for q in extract(normalize(str(value))) if q.kind not in ("date", "period")]) == 1


FORMATS = {"published": _published, "date": _date, "period": _period, "figure": _figure}


@functools.cache
def _format_checker():
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    for name, fn in FORMATS.items():
        checker.checks(name)(fn)
    return checker


# ---------------------------------------------------------------------------------------------
# validation


def validate(data: Any, lines: dict[DataPath, int]) -> str | None:
    """The first problem of ``data`` (by line) as ``line N: key: what is wrong``; None when valid.
    ``lines`` maps a path into the data to the line where it is written (see :func:`node_lines`)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema_for(data), format_checker=_format_checker())
    problems = [_explain(e, lines) for e in validator.iter_errors(data)]
    if not problems:
        return None
    line, _, message = min(problems)
    return f"line {line}: {message}"


def _explain(e: ValidationError, lines: dict[DataPath, int]) -> tuple[int, int, str]:
    """(line, rank, message) of one validation error."""
    path = tuple(e.absolute_path)
    kind, schema = e.validator, (e.schema if isinstance(e.schema, dict) else {})
    if kind == "additionalProperties":
        return _unknown_key(e, path, lines)
    if "propertyNames" in e.absolute_schema_path:  # a key of the mapping at path is the value in error
        path = path + (e.instance,)
    line, where = _line(lines, path), _prefix(path)
    if kind == "enum":
        hint = _hint(str(e.instance), e.validator_value, "values")
        return line, 1, f"{where}unknown {schema.get('title', 'value')} {e.instance!r}{hint}"
    if kind == "const":
        return line, 2, f"{_where(path)} must be {e.validator_value}"
    if kind == "anyOf" and all("required" in alt for alt in e.validator_value):
        return line, 3, f"{where}missing {' or '.join(k for alt in e.validator_value for k in alt['required'])}"
    if kind == "required":
        missing = [k for k in e.validator_value if k not in e.instance]
        return line, 3, f"{where}missing {', '.join(missing)} (expected {schema.get('description', 'it')})"
    return line, 2, f"{where}expected {schema.get('description') or e.message}, got {_shown(e.instance)}"


def _unknown_key(e: ValidationError, path: DataPath, lines: dict[DataPath, int]) -> tuple[int, int, str]:
    """A key that the schema of its mapping does not list."""
    known = tuple(e.schema.get("properties") or ())
    key = next(k for k in e.instance if k not in known)
    return _line(lines, path + (key,)), 0, f"{_where(path + (key,))}: unknown key{_hint(str(key), known, 'keys')}"


def _prefix(path: DataPath) -> str:
    where = _where(path)
    return f"{where}: " if where else ""


def _where(path: Iterable) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _line(lines: dict[DataPath, int], path: DataPath) -> int:
    """The line of ``path``, else of its nearest enclosing key."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), 1)


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The valid word nearest to ``word``: the same but for case, else the closest spelling."""
    choices = [str(c) for c in choices]
    same = [c for c in choices if c.casefold() == word.casefold()]
    if same:
        return same[0]
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _hint(word: str, choices: Iterable[str], noun: str) -> str:
    choices = list(choices)
    near = suggest(word, choices)
    if near is not None:
        return f"; did you mean {near}?"
    if noun and 0 < len(choices) <= 20:
        return f" (known {noun}: {', '.join(map(str, choices))})"
    return ""


def node_lines(node: yaml.Node | None) -> dict[DataPath, int]:
    """Path into the data -> 1-based line, for every key and list item of a composed YAML document
    (a tree: aliases are refused before this runs)."""
    out: dict[DataPath, int] = {}
    if node is None:
        return out
    out[()] = node.start_mark.line + 1
    stack: list[tuple[DataPath, yaml.Node]] = [((), node)]
    while stack:
        path, n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                p = path + (_key(k),)
                out[p] = k.start_mark.line + 1
                stack.append((p, v))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                out[path + (i,)] = v.start_mark.line + 1
                stack.append((path + (i,), v))
    return out


def _key(node: yaml.Node) -> Any:
    """A mapping key as the safe loader constructs it (a plain 2023 is the number 2023)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int":
        try:
            return int(node.value)
        except ValueError:
            return node.value
    return node.value
