"""The HTML report in a real browser (Debian's chromium driven by playwright, no browser
download): it loads without errors or network, its summary agrees with the JSON report, the
filters hide and show findings, a figure shows its value and key, a finding's link reaches its
figure, and a document's markup stays text. A screenshot of the seeds' report goes to build/.

Without chromium or playwright, every test here skips with one line (``pytest -rs`` shows it)."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_cli import audit

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# What a closed network needs: nothing that calls home, no GPU, no sandbox (containers).
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOT = ROOT / "build" / "html-report.png"

if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"browser tests skipped: no chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)",
                allow_module_level=True)
try:
    from playwright.sync_api import sync_playwright
except ImportError:
    pytest.skip("browser tests skipped: playwright is not installed (pip install -e '.[test]')",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    r = audit("run", "--format", "html", "--output", str(out))
    assert r.returncode == 0, r.stderr
    return out


def _open(browser, path: Path, errors: list[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("request", lambda q: errors.append(f"request: {q.url}") if not q.url.startswith(("file:", "data:"))
            else None)
    page.goto(path.as_uri())
    return page


def test_the_seeds_report_loads_without_errors_or_network_and_is_photographed(browser, seeds_report):
    errors: list[str] = []
    page = _open(browser, seeds_report, errors)
    page.set_viewport_size({"width": 1280, "height": 1400})
    assert page.title().startswith("claim-audit:")
    assert page.locator("#shown").inner_text() == "17 of 17 findings shown"
    SHOT.parent.mkdir(exist_ok=True)
    page.locator("mark.fig.hit").first.focus()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOT))
    assert SHOT.stat().st_size > 10_000 and not errors, errors


def test_the_summary_counts_are_the_json_reports(browser, seeds_report):
    doc = json.loads(audit("run", "--format", "json").stdout)
    page = _open(browser, seeds_report, [])
    count = lambda name: int(page.locator(f"dd[data-count={name}]").inner_text())  # noqa: E731
    statuses = [f["status"] for f in doc["findings"]]
    assert count("documents") == len(doc["documents"]) and count("claims") == doc["claims_count"]
    assert count("findings") == len(doc["findings"]) == page.locator("article.finding").count()
    assert (count("new"), count("expected"), count("stale")) \
        == (statuses.count("new"), statuses.count("expected"), len(doc["stale"]))
    by_check = {c: sum(1 for f in doc["findings"] if f["code"] == c) for c in {f["code"] for f in doc["findings"]}}
    for code, n in by_check.items():
        cells = page.locator(f"table.bycheck tr[data-code={code}] td").all_inner_texts()
        assert sum(map(int, cells[1:4])) == n


def test_a_filter_hides_and_shows_findings(browser, seeds_report):
    page = _open(browser, seeds_report, [])
    findings = page.locator("article.finding")
    info = page.locator("article.finding[data-sev=info]")
    n, n_info = findings.count(), info.count()
    assert n_info > 0
    page.locator("input.sev[value=info]").uncheck()
    assert all(not info.nth(i).is_visible() for i in range(n_info))
    assert page.locator("#shown").inner_text() == f"{n - n_info} of {n} findings shown"
    page.locator("input.sev[value=info]").check()
    assert all(info.nth(i).is_visible() for i in range(n_info))
    page.select_option("#code", "AU220")
    assert [f.get_attribute("data-code") for f in findings.all() if f.is_visible()] == ["AU220"]
    page.select_option("#code", "")
    docs = page.locator("#doc option").all()
    page.select_option("#doc", docs[1].get_attribute("value"))
    assert 0 < sum(f.is_visible() for f in findings.all()) < n
    assert page.locator("section.doc:visible").count() == 1


def test_a_figure_shows_its_value_and_key_on_hover_and_on_focus(browser, seeds_report):
    page = _open(browser, seeds_report, [])
    au220 = page.locator("article.finding[data-code=AU220]")
    target = au220.locator("a.loc").first.get_attribute("href")
    mark = page.locator(target)
    tip = mark.locator(".tip")
    assert not tip.is_visible()
    mark.hover()
    assert tip.is_visible()
    text = tip.inner_text()
    assert "10萬元" in text and "xiaoice-bot · income_monthly" in text and "entity:" in text
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    au220.locator("a.loc").first.focus()  # by keyboard: Enter on the finding's link
    page.keyboard.press("Enter")
    assert mark.evaluate("e => e === document.activeElement") and tip.is_visible() and _in_view(page, mark)
    page.keyboard.press("Tab")  # and on to the link back to the finding, inside the tip
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#" + au220.get_attribute("id")
    assert page.evaluate("[...document.querySelectorAll('mark.fig')].every(m => m.tabIndex === 0)")


def test_a_findings_link_scrolls_to_its_figure_and_back(browser, seeds_report):
    page = _open(browser, seeds_report, [])
    link = page.locator("article.finding[data-code=AU220] a.loc").first
    mark = page.locator(link.get_attribute("href"))
    assert not _in_view(page, mark)
    link.click()
    assert _in_view(page, mark) and "lit" in mark.get_attribute("class")
    back = mark.locator(".tip a[href^='#f']").first
    back.click()
    assert _in_view(page, page.locator("article.finding[data-code=AU220]"))


def test_the_print_stylesheet_leaves_out_the_controls(browser, seeds_report):
    page = _open(browser, seeds_report, [])
    assert page.locator("#filters").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible() and page.locator("article.finding").first.is_visible()


def _in_view(page, loc) -> bool:
    box = loc.bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_a_document_with_markup_shows_it_as_text(browser, tmp_path):
    evil = "<script>window.pwned=1</script><img src=x onerror='window.pwned=2'>"
    (tmp_path / "d.txt").write_text(f"{evil}\n2023年华为营收为7042亿元。\n另据年报,2023年华为营收为7842亿元。\n",
                                    encoding="utf-8")
    out = tmp_path / "r.html"
    r = audit("run", str(tmp_path / "d.txt"), "--format", "html", "--output", str(out), "--exit-zero")
    assert r.returncode == 0, r.stderr
    errors: list[str] = []
    page = _open(browser, out, errors)
    assert page.evaluate("window.pwned") is None
    assert evil in page.locator("section.doc pre.text").inner_text()
    assert page.locator("section.doc img, section.doc script").count() == 0 and not errors, errors
