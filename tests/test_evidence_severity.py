"""The severity-by-evidence rule every claim-comparing check calls (checks/_evidence.py), on
table cases (tests/data/evidence_severity.yaml), and the checks that call it."""
from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from audit.claims import Claim, default_lexicons
from audit.model import Quantity
from checks import REGISTRY
from checks._evidence import by_evidence

ROOT = Path(__file__).parent.parent
CASES = yaml.safe_load((ROOT / "tests" / "data" / "evidence_severity.yaml").read_text(encoding="utf-8"))


def _claim(i: int, spec: dict) -> Claim:
    v = Decimal(100 + i)
    q = Quantity(f"{v}", 0, 3, "amount", v, v, v, spec.get("unit", "CNY"), "exact", False)
    return Claim(f"d.txt#{i}", "d.txt", "baidu", spec.get("metric", "revenue"), None, "2023", q, None, q.text,
                 1, 1, entity_inferred=spec.get("inferred", False), evidence=tuple(spec["evidence"]), stop=i)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["why"][:50])
def test_severity_by_evidence(case):
    claims = [_claim(i, c) for i, c in enumerate(case["claims"])]
    got = by_evidence(case["proposed"], claims, default_lexicons(), timeless=case.get("timeless", False),
                      sentence=case.get("sentence", False))
    assert got == case["expect"]


# Checks that compare no claims: the text's damage, a conversion's rate (figures, not claims),
# an event's dates, a count against its list, a bound and a day's levels (figures its words tie),
# a headline's figures against the body's (a warning by its words; a claim's metric only names
# which body figure a headline figure restates), a figure per unit x its count and a magnitude slip
# (figures their words tie).
NO_CLAIMS_COMPARED = {"AU500", "AU260", "AU265", "AU400", "AU250", "AU290", "AU245", "AU246", "AU130", "AU140", "AU225"}  # AU290 reads dates of the text


@pytest.mark.parametrize("mod", [m for m in REGISTRY if m.CODE not in NO_CLAIMS_COMPARED], ids=lambda m: m.CODE)
def test_every_claim_comparing_check_calls_the_rule(mod):
    tree = ast.parse(Path(mod.__file__).read_text(encoding="utf-8"))
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert "by_evidence" in called, mod.CODE
