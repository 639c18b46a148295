"""The entity, metric and segment lexicons (audit/data/entities.yaml, metrics.yaml,
segments.yaml, with a configuration's additions), compiled once into mention regexes."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any, Iterable

from ..lexicon import LexiconError, _load, _words, alternation, load_yaml, trie_branches
from ..segment import ENDS_AFTER
from .model import Entity, Metric

SUBJECT_KINDS = ("company", "product", "model")
NON_SUBJECT_KINDS = ("agency", "org", "region")


def _load_list(name: str) -> list[dict[str, Any]]:
    data = load_yaml(resources.files("audit.data").joinpath(name).read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(d, dict) and "id" in d for d in data):
        raise LexiconError(f"audit/data/{name}: expected a list of mappings with an id")
    return data


@dataclass(frozen=True)
class Lexicons:
    entities: dict[str, Entity]
    metrics: dict[str, Metric]
    segments: dict[str, tuple[str, ...]]
    entity_re: re.Pattern
    metric_re: re.Pattern
    segment_re: re.Pattern
    entity_of: dict[str, str]
    metric_of: dict[str, str]
    segment_of: dict[str, str]
    extra: tuple = field(default=())
    metrics_by_sentence: bool = True  # no metric word runs across sentences: read only where figures are


def _mention_re(words: Iterable[str]) -> re.Pattern:
    """Any of ``words``; a Latin word only as a whole word (not the tail or head of a longer one).
    Every alternative opens with its literal first character (the Latin words check the
    character before them after it), so that the engine scans for first characters in C."""
    words = set(words)
    parts = trie_branches(w for w in words if not w.isascii())
    latin: dict[str, list[str]] = {}
    for w in words:
        if w.isascii():
            latin.setdefault(w[0], []).append(w[1:])
    for ch, rests in sorted(latin.items()):
        rest = alternation(r for r in rests if r) if any(rests) else ""
        if rest and "" in rests:
            rest = f"(?:{rest})?"
        parts.append(f"{re.escape(ch)}(?<![A-Za-z0-9].){rest}(?![A-Za-z0-9])")
    return re.compile("|".join(parts) if parts else "(?!)")


def build_lexicons(extra_entities: Iterable[dict] = (), extra_metrics: Iterable[dict] = ()) -> Lexicons:
    from ..normalize import normalize_text

    entities: dict[str, Entity] = {}
    for d in list(_load_list("entities.yaml")) + list(extra_entities):
        names = tuple(normalize_text(str(n)) for n in d.get("names", []))
        old = entities.get(str(d["id"]))
        if old is not None:  # a configuration's entry for a built-in id extends it, as metrics: do
            names = old.names + tuple(n for n in names if n not in old.names)
        entities[str(d["id"])] = Entity(str(d["id"]), str(d.get("kind", old.kind if old else "company")), names,
                                        d.get("parent", old.parent if old else None),
                                        d.get("fiscal_year_end", old.fiscal_year_end if old else None))
    metrics: dict[str, Metric] = {}
    for d in _load_list("metrics.yaml"):
        metrics[d["id"]] = Metric(d["id"], tuple(normalize_text(w) for w in d["words"]), d.get("dimension", "any"),
                                  tuple(d.get("confusable_with", ())), d.get("per"), d.get("measure"),
                                  bool(d.get("timeless", False)),
                                  tuple(normalize_text(w) for w in (d.get("adjusted_by") or {}).get("words", ())),
                                  (d.get("adjusted_by") or {}).get("then"), bool(d.get("stock", False)))
    for d in extra_metrics:
        old = metrics.get(d["id"])
        words = tuple(normalize_text(w) for w in d.get("words", ()))
        metrics[d["id"]] = (replace(old, words=old.words + words) if old
                            else Metric(d["id"], words, d.get("dimension", "any"), tuple(d.get("confusable_with", ()))))
    segments = {d["id"]: tuple(d["words"]) for d in _load_list("segments.yaml")}
    entity_of = {n: e.id for e in entities.values() for n in e.names}
    metric_of = {w: m.id for m in metrics.values() for w in m.words}  # id "none": not a metric
    segment_of = {w: sid for sid, ws in segments.items() for w in ws}
    return Lexicons(entities, metrics, segments, _mention_re(entity_of), _mention_re(metric_of),
                    _mention_re(segment_of), entity_of, metric_of, segment_of,
                    metrics_by_sentence=not spans_sentences(metric_of))


_OPENER = {")": "(", "》": "《", "”": "“", "」": "「", "』": "『", "’": "‘"}


def spans_sentences(words: Iterable[str]) -> bool:
    """Whether one of ``words`` may run from one sentence into the next (JD.com: a sentence may
    end after its dot), so that its lexicon is read in the whole text, not sentence by sentence.
    A closing mark whose opener the word holds before it closes what the word opened (每股美国
    存托股(ADS)收益): no sentence ends there."""
    return any(ch in ENDS_AFTER and _OPENER.get(ch, "\0") not in w[:i] for w in words for i, ch in enumerate(w[:-1]))


@functools.cache
def default_lexicons() -> Lexicons:
    return build_lexicons()


@functools.lru_cache(maxsize=8)
def lexicons_for(entities_json: str = "", metrics_json: str = "") -> Lexicons:
    """The lexicons with a configuration's additions, given as JSON text so that the key is
    hashable (cached) and cheap to send to worker processes."""
    import json

    if not entities_json and not metrics_json:
        return default_lexicons()
    return build_lexicons(json.loads(entities_json or "[]"), json.loads(metrics_json or "[]"))


def fiscal_year_end(lex: Lexicons, entity: str | None) -> str | None:
    """The fiscal year end (MM-DD) of ``entity``, or of the company it belongs to."""
    seen = 0
    while entity and seen < 8:
        e = lex.entities.get(entity)
        if e is None:
            return None
        if e.fiscal_year_end:
            return e.fiscal_year_end
        entity, seen = e.parent, seen + 1
    return None



_PER_LEXICON: dict[tuple[str, int], tuple[dict, frozenset]] = {}


def _of_metrics(lex: Lexicons, name: str, make) -> frozenset:
    """``make(lex.metrics)``, made once per lexicon (the checks ask for it per document); the
    metrics are kept with it, so that their id names them alone."""
    found = _PER_LEXICON.get((name, id(lex.metrics)))
    if found is None or found[0] is not lex.metrics:
        found = _PER_LEXICON[(name, id(lex.metrics))] = (lex.metrics, frozenset(make(lex.metrics)))
    return found[1]


def confusable_metrics(lex: Lexicons) -> frozenset:
    """The metrics confusable with another, or that another is confusable with (AU110)."""
    def make(metrics: dict) -> set:
        paired = {m for m, spec in metrics.items() if spec.confusable_with}
        return paired | {other for m in paired for other in metrics[m].confusable_with}
    return _of_metrics(lex, "confusable", make)


def ratio_metrics(lex: Lexicons) -> frozenset:
    """The metrics whose figures are percentages (毛利率): their changes are in points (AU280)."""
    return _of_metrics(lex, "ratio", lambda metrics: (m.id for m in metrics.values() if m.dimension == "percent"))


_ADJUSTED: dict[int, frozenset] = {}


def adjusted_metrics(lex: Lexicons) -> frozenset:
    """The metrics that are themselves adjusted (经调整净利润) or have an adjusted twin: their
    figures never take the basis ``adjusted`` (the metric says it)."""
    found = _ADJUSTED.get(id(lex.metrics))
    if found is None:
        found = frozenset(m for d in lex.metrics.values() if d.adjusted_to for m in (d.id, d.adjusted_to))
        _ADJUSTED[id(lex.metrics)] = found
    return found


@functools.cache
def vocabulary(name: str) -> dict[str, Any]:
    """A word file of the claims stage (audit/data/<name>), a mapping, validated by its reader."""
    return _load(name)


def section(name: str, key: str) -> dict[str, Any]:
    """The mapping under ``key`` of the word file ``name``; a clear error if it is not one."""
    found = vocabulary(name).get(key)
    if not isinstance(found, dict):
        raise LexiconError(f"audit/data/{name}: {key}: expected a mapping")
    return found


def words(name: str, key: str, data: dict[str, Any] | None = None) -> tuple[str, ...]:
    """The list of words under ``key`` of ``name`` (or of ``data``, a part of it), in file order."""
    return _words(name, key, (vocabulary(name) if data is None else data).get(key))


def either(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words`` in the given order (the file's order decides
    which of two overlapping words is tried first, as the order of a hand-written pattern did)."""
    return "|".join(map(re.escape, words))


def change_verbs() -> tuple[str, str]:
    """The alternations of the verbs of increase and of decrease (changes.yaml), read by the
    relations (a change) and by the period (a relative period that opens a change)."""
    return either(words("changes.yaml", "up")), either(words("changes.yaml", "down"))
