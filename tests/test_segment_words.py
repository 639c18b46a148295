"""Segments by whole words (issue 22, bullet 4): what ``audit claims`` reads as a segment on real
text is a whole noun phrase, never a fragment that a window of characters cut — no period word,
GAAP word, verb or punctuation inside it, no particle opening it."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.claims import segment
from audit.lexicon import LexiconError

from .conftest import ROOT, SEEDS, shared_or_skip

DATA = ROOT / "audit" / "data"
PARTICLES = "的其而但及和与在为了是也将该"  # a segment never opens with one of these
PERIOD_FORMS = re.compile(r"第?[一二三四]季度|[上下]半年|前三季|财年|财季|同期|\d年|[今去本]年")


def _yaml(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@cache
def _yaml_words(name: str, key: str) -> tuple[str, ...]:
    return tuple(_yaml(name)[key])


@cache
def _forbidden() -> dict[str, tuple[str, ...]]:
    """The words no segment holds, by kind, from the project's word files."""
    periods, bases, changes, own = _yaml("periods.yaml"), _yaml("bases.yaml"), _yaml("changes.yaml"), _yaml(
        "segment_words.yaml")
    return {
        "period": (*periods["relative"], *periods["fiscal_quarters"], *periods["year_to_date"]),
        "gaap": (*bases["gaap"], *bases["adjusted"]),
        "verb": tuple(w for w in (*changes["up"], *changes["down"], *own["verbs"]) if len(w) > 1),
    }


def fragment(seg: str) -> str | None:
    """Why the segment resolver's part of ``seg`` (before ``@``) is a fragment, or None."""
    part = seg.split("@", 1)[0].removeprefix("~")
    if not seg.startswith("~") or not part:
        return None  # a segment of the lexicon, or a share of a whole with no part named
    if not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", part):
        return "punctuation"
    if (part[0] in PARTICLES and not part.startswith(_yaml_words("segment_words.yaml", "keep"))) or "的" in part:
        return "particle"  # 其他 and 在线 are nouns (the `keep` words of segment_words.yaml)
    if PERIOD_FORMS.search(part):
        return "period"
    for kind, words in _forbidden().items():
        if any(w in part for w in words):
            return kind
    return None


def _segments(corpus: Path) -> list[tuple[str, str]]:
    r = subprocess.run([sys.executable, "-m", "audit", "claims", str(corpus), "--format", "json"], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert r.returncode == 0, r.stderr
    return [(c["segment"], f"{c['doc']}:{c['line']}") for c in json.loads(r.stdout)["claims"] if c["segment"]]


@pytest.mark.parametrize("corpus", ["seeds", "real-news", "dev-news"])
def test_no_fragment_segments(corpus):
    path = SEEDS if corpus == "seeds" else shared_or_skip("corpus", corpus)
    bad = [(seg, where, fragment(seg)) for seg, where in _segments(path) if fragment(seg)]
    assert not bad, f"{len(bad)} fragment segments, e.g. {bad[:8]}"


@pytest.mark.parametrize("seg,why", [("~国通用会计准则", "gaap"), ("~用在净营收中所", "verb"),
                                     ("~财年第二季度", "period"), ("~该公司直播电商", "particle"),
                                     ("~程无忧第三季度", "period"), ("~其中,核心", "punctuation"),
                                     ("~核心电商", None), ("~其他服务", None), ("~核心电商@总营收", None), ("smartphone", None)])
def test_the_scan_knows_a_fragment(seg, why):
    assert fragment(seg) == why


def test_a_malformed_word_file_is_named(monkeypatch):
    monkeypatch.setattr(segment, "_load", lambda name: {"max_chars": "eight"})
    with pytest.raises(LexiconError, match=r"^audit/data/segment_words\.yaml: max_chars: "):
        segment._words_of.__wrapped__()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="的其中该公司核心电商直播第三季度实现按美国通用会计准则净总业务服务,。5GAI", max_size=20),
       st.integers(-1, 20))
def test_a_phrase_is_whole_and_bounded(before, start):
    """Whatever the characters before a metric word, the phrase read is a run of them of 2 to
    max_chars word characters with no particle 的 inside, or nothing."""
    start = min(start, len(before))
    found = segment._noun_phrase(before, start)
    if found is not None:
        assert found in before[max(start, 0):] and 2 <= len(found) <= segment._words_of().max_chars
        assert re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", found) and "的" not in found
