"""The entity resolver's word lists name what exists: an economy's measure is a metric of the lexicon."""
from __future__ import annotations

from audit.claims import default_lexicons
from audit.claims.entity import _economy_metrics


def test_every_economy_measure_is_a_metric():
    unknown = sorted(_economy_metrics() - set(default_lexicons().metrics))
    assert not unknown, f"audit/data/economies.yaml: metrics: not in metrics.yaml: {unknown}"
