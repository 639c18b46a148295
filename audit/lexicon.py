"""Load and validate the YAML lexicons in ``audit/data``.

Language data lives in YAML so that users can read and extend it; this module is the one place
that turns it into lookup tables, and it fails loudly (naming the file and key) when the data is
malformed instead of letting a parser silently match nothing.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

import yaml


# libyaml's parser when the installed PyYAML has it: the lexicons are read on every start.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and the key."""


def _load(name: str) -> dict[str, Any]:
    text = resources.files("audit.data").joinpath(name).read_text(encoding="utf-8")
    try:
        data = load_yaml(text)
    except yaml.YAMLError as ex:  # pragma: no cover - shipped data is tested
        raise LexiconError(f"audit/data/{name}: not valid YAML: {ex}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"audit/data/{name}: expected a mapping at the top level")
    return data


def _words(file: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise LexiconError(f"audit/data/{file}: {key}: expected a list of non-empty strings")
    return tuple(value)


def _int(file: str, key: str, value: Any, least: int = 1) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < least:
        raise LexiconError(f"audit/data/{file}: {key}: expected an integer of at least {least}")
    return value


def _int_map(file: str, key: str, value: Any) -> dict[str, int]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in value.items()
    ):
        raise LexiconError(f"audit/data/{file}: {key}: expected a mapping of word -> integer")
    return dict(value)


def _word_map(file: str, key: str, value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise LexiconError(f"audit/data/{file}: {key}: expected a mapping of name -> list of words")
    return {str(k): _words(file, f"{key}.{k}", v) for k, v in value.items()}


@dataclass(frozen=True)
class Currency:
    code: str
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    subunits: dict[str, Decimal]


@dataclass(frozen=True)
class Lexicon:
    """Every table the quantity parser needs, validated."""

    digits: dict[str, int]
    units: dict[str, int]
    big_units: dict[str, int]  # char -> power of ten
    approx_digits: dict[str, str]
    decimal_point: str
    article: str
    article_exceptions: tuple[str, ...]
    negative: tuple[str, ...]
    half: str
    latin_magnitudes: dict[str, int]
    latin_only_before: dict[str, tuple[str, ...]]  # a Latin magnitude read only before these words
    unit_prefixes: dict[str, tuple[str, ...]]  # big unit -> unit words it is the SI prefix of (兆瓦)
    bank_digits: frozenset[str]
    standalone_neighbors: frozenset[str]
    excluded_words: tuple[str, ...]
    currencies: tuple[Currency, ...]
    percent: tuple[str, ...]
    percentage_point: tuple[str, ...]
    tenths: tuple[str, ...]
    discount: tuple[str, ...]
    fixed_percent_after: str
    fixed_percent: dict[str, int]
    multiple: tuple[str, ...]
    time: dict[str, tuple[str, ...]]
    counts: dict[str, tuple[str, ...]]
    classifiers: tuple[str, ...]
    not_itemized: frozenset[str]
    dozen: dict[str, int]
    score: tuple[str, ...]
    score_before: tuple[str, ...]
    rates: dict[str, tuple[str, ...]]
    class_words: tuple[str, ...]
    before: dict[str, tuple[str, ...]]
    after: dict[str, tuple[str, ...]]
    infix_over: tuple[str, ...]
    relative_years: dict[str, int]
    quarters: dict[str, int]
    halves: dict[str, str]
    whole_year: tuple[str, ...]
    same_day: tuple[str, ...]
    next_day: tuple[str, ...]
    since_before: tuple[str, ...]
    since_after: tuple[str, ...]
    this_quarter: frozenset[str]
    product_lines: tuple[str, ...]
    model_size_suffixes: dict[str, int]
    numeric_names: frozenset[str]
    negative_change: tuple[str, ...] = ()

    def unit_table(self) -> dict[str, tuple[str, str, str | None]]:
        """Suffix word -> (kind, unit, classifier) for every unit word written after a numeral."""
        table: dict[str, tuple[str, str, str | None]] = {}

        def put(word: str, entry: tuple[str, str, str | None]) -> None:
            table.setdefault(word, entry)

        for cur in self.currencies:
            for w in cur.suffixes:
                put(w, ("amount", cur.code, None))
        for w in self.percentage_point:
            put(w, ("percentage_point", "percentage_point", None))
        for w in self.percent:
            put(w, ("percent", "percent", None))
        for w in self.tenths:
            put(w, ("tenths", "percent", None))
        for w in self.discount:
            put(w, ("discount", "percent", None))
        for w in self.multiple:
            put(w, ("multiple", "multiple", None))
        for unit, words in self.rates.items():
            for w in words:
                put(w, ("rate", unit, None))
        for unit, words in self.counts.items():
            for w in words:
                put(w, ("count", unit, None))
        for unit, words in self.time.items():
            for w in words:
                put(w, ("duration", unit, None))
        for w, _factor in self.dozen.items():
            put(w, ("dozen", "item", w))
        for w in self.score:
            put(w, ("score", "score", None))
        for w in self.classifiers:
            put(w, ("count", "item", w))
        return table


def _prefixes(f: str, value: Any, keys: dict[str, int], name: str = "unit_prefixes",
              what: str = "a big unit") -> dict[str, tuple[str, ...]]:
    """{KEY: [WORD...]}, each KEY one of ``keys``."""
    if not isinstance(value, dict) or not all(k in keys for k in value):
        raise LexiconError(f"audit/data/{f}: {name}: expected a mapping of {what} -> [WORD...]")
    return {k: _words(f, f"{name}.{k}", v) for k, v in value.items()}


@functools.cache
def lexicon() -> Lexicon:
    """The process-wide lexicon, loaded once."""
    num = _load("numerals.yaml")
    uni = _load("units.yaml")
    qua = _load("qualifiers.yaml")
    dat = _load("dates.yaml")
    nam = _load("names.yaml")
    f = "numerals.yaml"
    try:
        big = _int_map(f, "big_units", num["big_units"])
        currencies = []
        for i, c in enumerate(uni["currencies"]):
            if not isinstance(c, dict) or not isinstance(c.get("code"), str):
                raise LexiconError(f"audit/data/units.yaml: currencies[{i}]: expected {{code, prefixes, suffixes}}")
            sub = c.get("subunits", {})
            if not isinstance(sub, dict):
                raise LexiconError(f"audit/data/units.yaml: currencies[{i}].subunits: expected word -> factor")
            try:
                subunits = {str(k): Decimal(str(v)) for k, v in sub.items()}
            except ArithmeticError:
                raise LexiconError(f"audit/data/units.yaml: currencies[{i}].subunits: factors must be numbers") from None
            currencies.append(Currency(c["code"], _words("units.yaml", f"currencies[{i}].prefixes", c.get("prefixes", [])),
                                       _words("units.yaml", f"currencies[{i}].suffixes", c.get("suffixes", [])), subunits))
        for q in ("before", "after"):
            for k in qua[q]:
                if k not in ("approx", "over", "under", "none"):
                    raise LexiconError(f"audit/data/qualifiers.yaml: {q}.{k}: qualifier must be approx, over, under or none")
        halves = dat["halves"]
        if not isinstance(halves, dict) or not all(v in ("H1", "H2") for v in halves.values()):
            raise LexiconError("audit/data/dates.yaml: halves: values must be H1 or H2")
        approx = num["approx_digits"]
        if not isinstance(approx, dict) or not all(v in ("few", "several") for v in approx.values()):
            raise LexiconError("audit/data/numerals.yaml: approx_digits: values must be few or several")
        return Lexicon(
            digits=_int_map(f, "digits", num["digits"]),
            units=_int_map(f, "units", num["units"]),
            big_units=big,
            approx_digits=dict(approx),
            decimal_point=str(num["decimal_point"]),
            article=str(num["article"]),
            article_exceptions=_words(f, "article_exceptions", num["article_exceptions"]),
            negative=_words(f, "negative", num["negative"]),
            negative_change=_words(f, "negative_change", num.get("negative_change", [])),
            half=str(num["half"]),
            latin_magnitudes=_int_map(f, "latin_magnitudes", num["latin_magnitudes"]),
            latin_only_before=_prefixes(f, num.get("latin_only_before", {}), num["latin_magnitudes"], "latin_only_before",
                                        "a Latin magnitude"),
            unit_prefixes=_prefixes(f, num.get("unit_prefixes", {}), big),
            bank_digits=frozenset(_words(f, "bank_digits", num["bank_digits"])),
            standalone_neighbors=frozenset(str(num["standalone_neighbors"])),
            excluded_words=_words(f, "excluded_words", num["excluded_words"]),
            currencies=tuple(currencies),
            percent=_words("units.yaml", "percent", uni["percent"]),
            percentage_point=_words("units.yaml", "percentage_point", uni["percentage_point"]),
            tenths=_words("units.yaml", "tenths", uni["tenths"]),
            discount=_words("units.yaml", "discount", uni["discount"]),
            fixed_percent_after=str(uni["fixed_percent"]["after"]),
            fixed_percent=_int_map("units.yaml", "fixed_percent.words", uni["fixed_percent"]["words"]),
            multiple=_words("units.yaml", "multiple", uni["multiple"]),
            time=_word_map("units.yaml", "time", uni["time"]),
            counts=_word_map("units.yaml", "counts", uni["counts"]),
            classifiers=_words("units.yaml", "classifiers", uni["classifiers"]),
            not_itemized=frozenset(_words("units.yaml", "not_itemized", uni["not_itemized"])),
            dozen=_int_map("units.yaml", "dozen", uni["dozen"]),
            score=_words("units.yaml", "score", uni["score"]),
            score_before=_words("units.yaml", "score_before", uni["score_before"]),
            rates=_word_map("units.yaml", "rates", uni["rates"]),
            class_words=_words("units.yaml", "class", uni["class"]),
            before=_word_map("qualifiers.yaml", "before", qua["before"]),
            after=_word_map("qualifiers.yaml", "after", qua["after"]),
            infix_over=_words("qualifiers.yaml", "infix_over", qua["infix_over"]),
            relative_years=_int_map("dates.yaml", "relative_years", dat["relative_years"]),
            quarters=_int_map("dates.yaml", "quarters", dat["quarters"]),
            halves=dict(halves),
            whole_year=_words("dates.yaml", "whole_year", dat["whole_year"]),
            same_day=_words("dates.yaml", "same_day", dat["same_day"]),
            next_day=_words("dates.yaml", "next_day", dat["next_day"]),
            since_before=_words("dates.yaml", "since.before", (dat.get("since") or {}).get("before")),
            since_after=_words("dates.yaml", "since.after", (dat.get("since") or {}).get("after")),
            this_quarter=frozenset(_words("dates.yaml", "this_quarter", dat.get("this_quarter"))),
            product_lines=_words("names.yaml", "product_lines", nam["product_lines"]),
            model_size_suffixes=_int_map("names.yaml", "model_size_suffixes", nam["model_size_suffixes"]),
            numeric_names=frozenset(_words("names.yaml", "numeric_names", nam["numeric_names"])),
        )
    except KeyError as ex:
        raise LexiconError(f"audit/data: missing key {ex.args[0]!r}") from None


def alternation(words) -> str:
    """A regex matching any of the literal ``words``, the longest match first.

    Written as a trie (``个(?:百分点|月)?``) rather than a flat list, so the engine tests each
    character once instead of once per word: the unit list alone has hundreds of words."""
    trie = _trie(words)
    return _emit(trie) if trie else "(?!)"


def trie_branches(words) -> list[str]:
    """The top branches of :func:`alternation`'s trie (the empty word aside), one per first
    character, each opening with that character as a literal. Joined by ``|`` at the top of a
    pattern, they let the engine scan for the set of first characters in C before it tries a
    match."""
    return [re.escape(ch) + _emit(child) for ch, child in sorted(_trie(words).items()) if ch]


def _trie(words) -> dict:
    trie: dict = {}
    # Words in the order given (a set has none: sorted, so that a pattern is the same each run).
    for w in sorted(words) if isinstance(words, (set, frozenset)) else dict.fromkeys(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    return trie


def _emit(node: dict) -> str:
    # In the order the words came (the engine tries the branches in turn: a lexicon that lists
    # its common words first is read faster).
    branches = [re.escape(ch) + _emit(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
    return body
