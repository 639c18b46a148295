"""The claims stage: link each figure to (entity, metric, segment, period, basis) and to the
change stated with it, reading each sentence as news sentences are built.

The package shows the reading. :mod:`.extract` finds a document's mentions once (:mod:`.frame`)
and walks its sentences; each figure is read by one resolver per part of its key, each a short
function with its words in ``audit/data``:

- :mod:`.metric` — the metric word of its clause, after it, or of its sentence (metrics.yaml);
- :mod:`.percent_meaning` — whether a percentage is a share of a named whole, a stake or unknown;
- :mod:`.entity` — the subject named before it, carried from the previous sentence, or the
  document's main company; :mod:`.unlisted` reads names outside the lexicon (~前程无忧);
- :mod:`.segment` — a segment of the lexicon or the modifier of the metric word (~核心电商);
- :mod:`.period` — the period of the sentence or paragraph, fiscal quarters, 上年同期, stocks;
- :mod:`.basis` — actual, guidance, consensus, estimate, adjusted (bases.yaml);
- :mod:`.relations` — changes, differences, comparisons, conversions, enumerations, moves
  (changes.yaml, relations.yaml);
- :mod:`.link` — what crosses documents: size classes (70亿级 -> Qwen-7B), the corpus driver.

:mod:`.model` holds the public values (Claim, Entity, Metric, Change), :mod:`.lexicons` the
compiled lexicons. A resolver reads the frame and the mentions, never another resolver's regexes.
"""
from __future__ import annotations

from .extract import extract_claims
from .lexicons import (NON_SUBJECT_KINDS, SUBJECT_KINDS, Lexicons, _load_list, _mention_re, build_lexicons,
                       default_lexicons, fiscal_year_end, lexicons_for)
from .link import corpus_claims, infer_unnamed, metric_mask
from .model import VALUE_KINDS, Change, Claim, Entity, Metric

__all__ = ["Change", "Claim", "Entity", "Lexicons", "Metric", "NON_SUBJECT_KINDS", "SUBJECT_KINDS", "VALUE_KINDS",
           "build_lexicons", "corpus_claims", "default_lexicons", "extract_claims", "fiscal_year_end",
           "infer_unnamed", "lexicons_for", "metric_mask"]
