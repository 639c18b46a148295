"""The planted corpus: every planted document gives exactly its finding, every twin none —
in simplified characters as written and converted to traditional."""
from __future__ import annotations

import opencc
import pytest

from audit import config
from audit.analysis import analyze
from audit.engine import build_context, run_checks
from audit.ingest import Document

from .conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
FILES = sorted(CORPUS.glob("*.txt"))


def expected_codes(name: str) -> set[str]:
    return {name.split("_")[0]} if name.endswith("_planted.txt") else set()


def audit_texts(texts: dict[str, str], cfg=None):
    docs = [analyze(Document(name, text, "utf-8"), "2023-06-01") for name, text in texts.items()]
    found: dict[str, set[str]] = {name: set() for name in texts}
    for f in run_checks(build_context(docs, cfg)):
        for loc in f.locations:
            found[loc.path].add(f.code)
    return found


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_exactly_the_planted_findings(path, script):
    conv = opencc.OpenCC("s2t").convert if script == "traditional" else (lambda s: s)
    found = audit_texts({path.name: conv(path.read_text(encoding="utf-8"))})
    assert found[path.name] == expected_codes(path.name)


def test_twins_together_clean_side_is_only_flagged_with_the_planted_side():
    """Audited as one corpus, a planted document and its twin may disagree with each other (one
    fact stated two ways across documents is what AU100 is for): every finding that touches the
    clean twin must also touch the planted document, and the planted finding is still there."""
    for planted in [p for p in FILES if p.name.endswith("_planted.txt")]:
        twin = planted.with_name(planted.name.replace("_planted", "_clean"))
        docs = [analyze(Document(p.name, p.read_text(encoding="utf-8"), "utf-8"), "2023-06-01") for p in (planted, twin)]
        findings = run_checks(build_context(docs))
        for f in findings:
            paths = {loc.path for loc in f.locations}
            assert twin.name not in paths or planted.name in paths, (f.code, f.message)
        assert expected_codes(planted.name) <= {f.code for f in findings}


def test_every_check_but_facts_has_a_planted_pair():
    from checks import REGISTRY

    planted = {p.name.split("_")[0] for p in FILES if p.name.endswith("_planted.txt")}
    clean = {p.name.split("_")[0] for p in FILES if p.name.endswith("_clean.txt")}
    codes = {m.CODE for m in REGISTRY} - {"AU300"}
    assert planted == clean == codes


def test_facts_from_expectations(tmp_path):
    cfg_file = tmp_path / "expectations.yaml"
    cfg_file.write_text(
        "version: 1\nfacts:\n  - {entity: xiaomi, metric: revenue, period: '2022', value: 2800.4亿元, source: annual report}\n",
        encoding="utf-8")
    cfg = config.load(cfg_file)
    assert audit_texts({"bad.txt": "2022年小米营收为2900亿元。"}, cfg) == {"bad.txt": {"AU300"}}
    assert audit_texts({"good.txt": "2022年小米營收為2800億元。"}, cfg) == {"good.txt": set()}


def test_fx_rate_from_expectations(tmp_path):
    cfg_file = tmp_path / "expectations.yaml"
    cfg_file.write_text("version: 1\nfx: {USD/CNY: {rate: 7.2, as_of: 2023-06-30}}\n", encoding="utf-8")
    cfg = config.load(cfg_file)
    assert audit_texts({"bad.txt": "营收为720亿元(约合1000亿美元)。"}, cfg) == {"bad.txt": {"AU260"}}
    assert audit_texts({"good.txt": "营收为720亿元(约合100亿美元)。"}, cfg) == {"good.txt": set()}


def test_elapsed_time_against_the_publication_date():
    bad = audit_texts({"b.txt": "公司自2015年成立以来的3年里发展迅速。"})
    good = audit_texts({"g.txt": "公司自2015年成立以来的8年里发展迅速。"})
    over = audit_texts({"o.txt": "公司自2015年成立以来的超过5年里发展迅速。"})
    assert (bad, good, over) == ({"b.txt": {"AU400"}}, {"g.txt": set()}, {"o.txt": set()})


def test_shares_of_one_whole_over_100_percent():
    # shares of one named whole (issue 22: two market shares of one company with no whole named
    # are no enumeration of parts, and are no longer summed)
    bad = audit_texts({"b.txt": "2023年苹果的手机收入占总营收的62%,服务收入占总营收的45%。"})
    good = audit_texts({"g.txt": "2023年苹果的手机收入占总营收的62%。服务收入占海外营收的45%。"})
    assert bad == {"b.txt": {"AU230"}}, bad
    assert "AU230" not in good["g.txt"], good


def test_events_dated_across_documents_conflict_through_notes():
    """AU400 compares dates gathered per document (its notes), as a streaming run does."""
    found = audit_texts({"a.txt": "3月16日,百度正式发布文心一言。", "b.txt": "百度于3月28日发布文心一言,引发关注。"})
    assert found == {"a.txt": {"AU400"}, "b.txt": {"AU400"}}
