"""Every report format, --output (atomic), and what a CI reads from them."""
from __future__ import annotations

import json
import os

import jsonschema
import pytest

from .conftest import ROOT
from .test_cli import audit

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_the_official_schema():
    r = audit("run", "--format", "sarif")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} >= {"AU100", "AU220", "AU500"}
    au100 = next(res for res in run["results"] if res["ruleId"] == "AU100")
    assert au100["relatedLocations"] and au100["partialFingerprints"]["claimAudit/v2"].startswith("v2:")
    region = au100["locations"][0]["physicalLocation"]["region"]
    assert region["snippet"]["text"] in ("60億級", "64亿") and region["startLine"] > 0


def test_github_annotations():
    lines = audit("run", "--format", "github").stdout.splitlines()
    assert any(l.startswith("::notice file=seeds/004_e30cb15d560eed10.txt,line=7,col=128,"
                            "title=AU220 rate-mismatch (expected)") for l in lines)
    assert all(l.startswith(("::error ", "::warning ", "::notice ")) for l in lines)
    assert not any(l.startswith("::error") for l in lines)  # everything is in the baseline
    assert lines[-1].startswith("::notice title=claim-audit::passed")


def test_github_quiet_leaves_out_expected_findings_and_names_stale_entries(tmp_path):
    import shutil

    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    cfg = tmp_path / "expectations.yaml"
    cfg.write_text((ROOT / "expectations.yaml").read_text(encoding="utf-8")
                   + '  - {code: AU230, fingerprint: "v2:0123456789abcdef", files: ["seeds/x.txt"], note: "gone"}\n',
                   encoding="utf-8")
    r = audit("run", "--format", "github", "--quiet", cwd=tmp_path)
    lines = r.stdout.splitlines()
    assert r.returncode == 0 and len(lines) == 2, r.stdout  # one stale entry, the verdict
    assert lines[0].startswith("::warning file=seeds/x.txt,title=AU230 stale baseline entry::")
    r = audit("run", "--format", "github", "--quiet", "--strict", cwd=tmp_path)
    lines = r.stdout.splitlines()
    assert r.returncode == 1 and lines[0].startswith("::error file=seeds/x.txt,title=AU230 stale baseline entry::")
    assert lines[-1].startswith("::error title=claim-audit::failed: 1 stale baseline entry (--strict)")


def test_html_is_self_contained():
    page = audit("run", "--format", "html").stdout
    assert page.startswith("<!doctype html>") and "<mark>60億級</mark>" in page
    assert "http://" not in page.replace("http://json", "") and "https://" not in page
    assert "AU220" in page and "<section id=documents>" in page  # the rest: test_html_report.py, test_html_browser.py


def test_json_schema_fields():
    doc = json.loads(audit("run", "--format", "json").stdout)
    assert doc["version"] == 1 and len(doc["documents"]) == 5
    f = doc["findings"][0]
    assert set(f) >= {"code", "slug", "severity", "message", "claims", "computed", "fingerprint", "status"}
    assert set(f["claims"][0]) == {"file", "line", "col", "snippet"}
    assert f["key"] is None and f["keys"] == []  # AU500: about text, not claims
    au110 = next(f for f in doc["findings"] if f["code"] == "AU110")
    assert au110["key"] == {"entity": "xiaomi", "metric": "adjusted_net_profit", "segment": None,
                            "period": "2022", "basis": None}
    assert [k["metric"] for k in au110["keys"]] == ["adjusted_net_profit", "net_profit"]
    assert all(f["fingerprint"].startswith("v2:") for f in doc["findings"])


def test_output_is_written_atomically_and_keeps_nothing_else(tmp_path):
    out = tmp_path / "report.sarif"
    out.write_text("old", encoding="utf-8")
    r = audit("run", "--format", "sarif", "--output", str(out))
    assert r.returncode == 0 and r.stdout == ""
    json.loads(out.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]  # no temporary file left


def test_output_refuses_a_symlink_leaving_the_project(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    link = ROOT / "tests" / "_link_out.txt"
    try:
        os.symlink(outside, link)
        r = audit("run", "--format", "json", "--output", str(link))
        assert r.returncode == 2 and "symbolic link" in r.stderr
        assert outside.read_text(encoding="utf-8") == "keep me"
    finally:
        if link.is_symlink():
            link.unlink()


def test_output_into_a_missing_folder_is_one_line(tmp_path):
    r = audit("run", "--output", str(tmp_path / "no" / "such" / "r.txt"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "does not exist" in r.stderr


@pytest.mark.parametrize("fmt", ["rich", "json", "sarif", "github", "html"])
def test_every_format_exits_like_the_others(fmt, tmp_path):
    (tmp_path / "d.txt").write_text("2023年华为营收为7042亿元。另据年报,2023年华为营收为7842亿元。", encoding="utf-8")
    assert audit("run", str(tmp_path / "d.txt"), "--format", fmt).returncode == 1


def test_console_report_is_diff_style_plain_and_fits_80_columns():
    from rich.cells import cell_len

    out = audit("run", "--no-color", columns=80).stdout
    assert "\x1b[" not in out
    assert max(cell_len(l) for l in out.splitlines()) <= 80
    assert "milm-6b · parameters · (no period)" in out.replace("\n", "")
    assert "[60億級]" in out and "[64亿]" in out and "  = " in out and "findings by check" in out
    again = audit("run", "--no-color", columns=80).stdout
    strip = lambda s: [l for l in s.splitlines() if " s." not in l]  # noqa: E731 - the timing line differs
    assert strip(out) == strip(again)


@pytest.mark.parametrize("figures", [False, True])
def test_json_is_the_same_whether_texts_were_written_where_documents_were_read(figures):
    """A JSON run writes each document's entry and findings as the document is read (in parallel
    under --jobs); the report must be what writing them all at the end gives."""
    from audit import config as cfgmod
    from audit import pipeline
    from audit.cli.shared import findings as _findings
    from audit.report import Result, json_report

    cfg = cfgmod.load(None)
    paths = [str(ROOT / "seeds"), str(ROOT / "tests" / "corpus")]
    texts = pipeline.Wants(figures, json_report.finding_text, False, json_report.entry_text)
    out = []
    for wants in (pipeline.Wants(figures), texts):
        corpus = pipeline.read(paths, cfg, 1, wants)
        assert all((d.entry_text is not None) == (wants is texts) for d in corpus.docs)
        findings = _findings(corpus)
        out.append(json_report.render(Result(corpus.docs, findings, {0}, [], [], 0.0, len(corpus.claims)), figures))
    assert out[0] == out[1]
    doc = json.loads(out[1])
    assert ("figures" in doc["documents"][0]) == figures
    assert [f["status"] for f in doc["findings"][:2]] == ["expected", "new"]


def test_json_layout_puts_each_deeper_value_on_one_line():
    """Readable and diffable: two levels laid out, each deeper value on one line, and texts
    already written (a finding made where its document was read) put in as they are."""
    from audit.report import Raw, Written, dumps

    obj = {"a": 1, "b": [1, {"x": [2, 3]}], "c": Written(['{"k": 1}', ('{"k": 2', "}")]), "d": [],
           "e": Written([]), "f": Raw("null"), "g": "中文"}
    assert dumps(obj, end="\n") == ('{\n  "a": 1,\n  "b": [\n    1,\n    {"x": [2, 3]}\n  ],\n  "c": [\n'
                                    '    {"k": 1},\n    {"k": 2}\n  ],\n  "d": [],\n  "e": [],\n  "f": null,\n'
                                    '  "g": "中文"\n}\n')
