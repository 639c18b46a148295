"""A run never passes in silence: no reference corpus, nothing read, entries of expectations.yaml
that match nothing, figures about a subject the lexicon does not know (issue 19)."""
from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from audit.subjects import _grammar, name_before

from .conftest import ROOT
from .test_cli import audit
from .test_workflow import _project

CLEAN_DRAFT = "小米2022年营收为2800亿元。\n"  # agrees with the seeds: no finding of its own
UNKNOWN = ("2023年云帆科技营收为12亿元,同比增长20%。云帆科技净利润为1.5亿元。\n\n"
           "据了解,云帆科技员工人数为1200人,研发人员为300人。\n")


def _one_line_error(r, *expect: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    for e in expect:
        assert e in r.stderr, r.stderr


def test_against_a_mistyped_directory_is_an_error_not_a_pass(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(CLEAN_DRAFT, encoding="utf-8")
    _one_line_error(audit("run", str(draft), "--against", "seedz", "--quiet"), "--against seedz", "no such file")


def test_against_a_directory_with_no_documents_is_an_error(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(CLEAN_DRAFT, encoding="utf-8")
    (tmp_path / "ref").mkdir()
    (tmp_path / "ref" / "notes.docx.tmp").write_text("x", encoding="utf-8")
    _one_line_error(audit("run", str(draft), "--against", str(tmp_path / "ref"), "--quiet"), "no documents")


def test_a_missing_draft_is_an_error(tmp_path):
    _one_line_error(audit("run", str(tmp_path / "draft.md"), "--against", "seeds", "--quiet"), "draft.md", "draft")


def test_a_draft_folder_with_no_documents_is_an_error(tmp_path):
    (tmp_path / "drafts").mkdir()
    _one_line_error(audit("run", str(tmp_path / "drafts"), "--against", "seeds", "--quiet"), "no documents in it")


def test_a_baseline_of_no_documents_is_an_error_and_keeps_the_file(tmp_path):
    p = _project(tmp_path)
    (p / "empty").mkdir()
    before = (p / "expectations.yaml").read_text(encoding="utf-8")
    _one_line_error(audit("baseline", "empty", cwd=p), "no documents read")
    assert (p / "expectations.yaml").read_text(encoding="utf-8") == before


def test_a_run_that_reads_no_document_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    _one_line_error(audit("run", str(tmp_path / "empty"), "--quiet"), "no documents read")


def test_a_run_of_only_empty_documents_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.md").write_text(" \n\n\t\n", encoding="utf-8")
    (tmp_path / "c.html").write_text("<html><body><p> </p></body></html>", encoding="utf-8")
    _one_line_error(audit("run", str(tmp_path), "--quiet"), "3 documents read, every one empty")


def test_figures_about_an_unknown_company_name_it_once(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(UNKNOWN, encoding="utf-8")
    for strict in ((), ("--strict", "--jobs", "2")):  # the names cross from worker processes too
        r = audit("run", str(tmp_path), "--quiet", *strict)
        assert r.returncode == 0, r.stderr
        lines = [line for line in r.stderr.splitlines() if "no known entity" in line]
        assert len(lines) == 1, r.stderr
        assert "8 figures name 云帆科技, which the lexicon does not know: add it under entities:" in lines[0]


def test_known_subjects_say_nothing():
    r = audit("run", "--quiet")
    assert r.returncode == 0 and "warning" not in r.stderr, r.stderr


def _with(p, block: str) -> None:
    cfg = p / "expectations.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("findings:", block + "findings:", 1), encoding="utf-8")


def test_a_fact_that_matches_no_claim_warns_and_fails_with_strict(tmp_path):
    p = _project(tmp_path)
    _with(p, "facts:\n  - {entity: xiaomi, metric: revenue, period: '2022', value: 2800亿元, source: annual report}\n"
             "  - {entity: xiaomi, metric: revenue, period: '2019', value: 2058亿元, source: annual report}\n")
    r = audit("run", "--quiet", cwd=p)
    assert r.returncode == 0, r.stderr
    assert "facts[1] (xiaomi · revenue · 2019) matches no claim" in r.stderr and "facts[0]" not in r.stderr
    assert audit("run", "--quiet", "--strict", cwd=p).returncode == 1


def test_an_ignore_entry_that_matches_nothing_warns_and_fails_with_strict(tmp_path):
    p = _project(tmp_path)
    _with(p, "ignore:\n  - {code: AU250, path: seeds/004_e30cb15d560eed10.txt, reason: stale}\n")
    r = audit("run", "--quiet", cwd=p)
    assert r.returncode == 0 and "ignore[0]: suppression matches no finding" in r.stderr, r.stderr
    assert audit("run", "--quiet", "--strict", cwd=p).returncode == 1
    # a check that did not run could not have matched: not reported
    r = audit("run", "--quiet", "--strict", "--select", "AU100", cwd=p)
    assert r.returncode == 0 and "ignore[0]" not in r.stderr, r.stderr


def test_a_lower_case_code_in_ignore_no_longer_silences_every_code(tmp_path):
    p = _project(tmp_path)
    _with(p, "ignore:\n  - {code: au220, path: seeds/004_e30cb15d560eed10.txt, reason: known}\n")
    _one_line_error(audit("run", "--quiet", cwd=p), "ignore[0].code: unknown check code 'au220'; did you mean AU220?")


def test_a_misspelt_entity_kind_is_an_error_not_a_dropped_entity(tmp_path):
    p = _project(tmp_path)
    _with(p, "entities:\n  - {id: yunfan, kind: compny, names: [云帆科技]}\n")
    _one_line_error(audit("run", "--quiet", cwd=p), "entities[0].kind: unknown entity kind 'compny'; did you mean company?")


def test_fx_mistakes_are_errors_not_crashes(tmp_path):
    p = _project(tmp_path)
    for fx in ("{USD/CNY: {rat: 7.2}}", "{USD/CNY: {rate: seven}}"):
        cfg = p / "expectations.yaml"
        text = (ROOT / "expectations.yaml").read_text(encoding="utf-8")
        cfg.write_text(text.replace("findings:", f"fx: {fx}\nfindings:", 1), encoding="utf-8")
        _one_line_error(audit("run", "--quiet", cwd=p), "fx.USD/CNY.rat")


ORG_NAMES = yaml.safe_load((ROOT / "tests" / "data" / "org_names.yaml").read_text(encoding="utf-8"))


def test_organisation_names_before_a_figure():
    for case in ORG_NAMES:
        assert name_before(case["text"], len(case["text"])) == case["name"], case["text"]


_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@given(st.text(_HAN, min_size=2, max_size=4), st.sampled_from(["科技", "集团", "医药", "有限公司"]),
       st.sampled_from(["", "据了解,", "2023年", "另外,"]), st.sampled_from(["营收为", "的净利润为", "全年收入达"]))
def test_a_name_after_a_break_is_found_whole(stem, suffix, before, after):
    rx, generic = _grammar()
    breaks = yaml.safe_load((ROOT / "audit" / "data" / "orgs.yaml").read_text(encoding="utf-8"))["breaks"]
    if any(ch in breaks for ch in stem) or stem in generic or rx.search(stem + suffix[:-1]):
        return  # not a name by the grammar, or a suffix inside the stem
    text = before + stem + suffix + after
    assert name_before(text, len(text)) == stem + suffix
