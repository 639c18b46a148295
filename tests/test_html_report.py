"""The HTML report without a browser: self-contained, everything escaped, every finding linked
to its figure and back, and the documents' text carried only when the HTML report asks."""
from __future__ import annotations

import argparse
import dataclasses
import re
from html import unescape
from html.parser import HTMLParser

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from audit import config as cfgmod
from audit import pipeline, wire
from audit.cli.shared import findings, read
from audit.report import Result
from audit.report.html import render
from audit.report.html.anchors import Mark, _mark_for
from audit.report.html.documents import _text

from .conftest import ROOT, SEEDS

CASES = yaml.safe_load((ROOT / "tests" / "data" / "html_escape.yaml").read_text(encoding="utf-8"))
CONFLICT = "\n2023年华为营收为7042亿元。\n另据年报,2023年华为营收为7842亿元。\n"


class Page(HTMLParser):
    """Every element (tag, attributes) of a page, and the text of each document's view."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.views: list[str] = []
        self._in_view = 0
        self._in_tip = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag == "pre" and a.get("class") == "text":
            self._in_view = 1
            self.views.append("")
        elif self._in_view and tag == "span" and a.get("class") == "tip":
            self._in_tip = 1
        elif self._in_tip and tag == "span":
            self._in_tip += 1

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_view = 0
        elif self._in_tip and tag == "span":
            self._in_tip -= 1

    def handle_data(self, data):
        if self._in_view and not self._in_tip:
            self.views[-1] += data

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.elements if a.get("id")}


def _report(paths: list[str]) -> str:
    cfg = cfgmod.load(None)
    corpus = pipeline.read(paths, cfg, 1, pipeline.Wants(text=True))
    return render(Result(corpus.docs, findings(corpus), claims=len(corpus.claims), claim_list=corpus.claims))


def test_the_page_needs_nothing_from_outside():
    page = Page(_report([str(SEEDS)]))
    refs = [v for _, a in page.elements for k, v in a.items() if k in ("src", "href", "action", "srcset")]
    assert refs and all(v.startswith("#") or v.startswith("data:") for v in refs), refs
    tags = {t for t, _ in page.elements}
    assert not tags & {"img", "iframe", "object", "embed", "base"}
    assert [t for t, _ in page.elements].count("script") == 1


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_text_is_shown_as_text(case, tmp_path):
    doc = tmp_path / case.get("file", "d.txt")
    doc.write_text(case["text"] + CONFLICT, encoding="utf-8")
    text = _report([str(doc)])
    page = Page(text)
    assert page.views == [case["text"] + CONFLICT]
    assert [t for t, _ in page.elements].count("script") == 1
    assert not [k for _, a in page.elements for k in a if k.startswith("on")]
    assert "img" not in {t for t, _ in page.elements}
    if set("<>&\"'") & set(case["text"]):
        assert case["text"] not in text  # only its escaped form is in the page


def test_every_finding_links_to_its_figure_and_the_figure_back():
    page = Page(_report([str(SEEDS), str(ROOT / "tests" / "corpus")]))
    ids = page.ids()
    finding_ids = {i for i in ids if re.fullmatch(r"f\d+", i)}
    assert len(finding_ids) > 20
    marks = {a["id"]: set(a.get("data-findings", "").split()) for t, a in page.elements if t == "mark" and "id" in a}
    linked = [(a["href"][1:]) for t, a in page.elements if t == "a" and a.get("class") == "loc"]
    assert linked and all(target in marks for target in linked)
    assert set().union(*marks.values()) == finding_ids  # every finding is marked in its document
    assert all(f in finding_ids for refs in marks.values() for f in refs)


# (marks as (start, end), span a finding names) -> (start, end) of the mark it gets
SPANS = [
    ([(2, 6)], (2, 6), (2, 6)),  # the figure itself
    ([(2, 6)], (3, 5), (2, 6)),  # inside a figure
    ([(2, 6), (10, 12)], (5, 11), (2, 6)),  # across two: the first it overlaps
    ([(2, 6)], (7, 9), (7, 9)),  # beside: a mark of its own
    ([(2, 6)], (0, 0), (0, 1)),  # no span: the first character
]


@pytest.mark.parametrize("figures,span,expected", SPANS)
def test_a_span_a_finding_names_gets_the_mark_there(figures, span, expected):
    marks = [Mark(s, e, None) for s, e in figures]
    m = _mark_for(marks, *span)
    assert (m.start, m.end) == expected and marks == sorted(marks, key=lambda m: m.start)


@given(st.text(alphabet="ab<>&\"'营收亿\n ;#", max_size=60), st.lists(st.integers(0, 60), max_size=12))
def test_the_annotated_text_is_the_text(text, cuts):
    """Marks and escapes taken away, the view is the document's text, whatever it holds."""
    points = sorted({c for c in cuts if c <= len(text)})
    marks = [Mark(s, e, None) for s, e in zip(points[::2], points[1::2]) if e > s]
    out = _text(text, marks, "d0", "d.txt", [], {})
    plain = re.sub(r"<span class=tip role=tooltip></span>|<mark [^>]*>|</mark>", "", out)
    assert "<" not in plain.replace("&lt;", "") and unescape(plain) == text


@pytest.mark.parametrize("fmt", ["rich", "json", "sarif", "github", "html"])
def test_only_the_html_report_carries_the_documents_text(fmt):
    a = argparse.Namespace(command="run", format=fmt, paths=[str(SEEDS)], config=None, jobs=1, figures=False,
                           quiet=True)
    docs = read(a).docs
    if fmt != "html":
        assert all(d.text is None for d in docs)
        return
    for d in docs:
        assert d.text[0] == (ROOT / d.path).read_text(encoding="utf-8") and len(d.text[1]) == d.figures
        # and it crosses from a worker as it left (the compact contexts and packed claims are made after, on the driver)
        assert repr(wire.unpack(wire.pack(d))) == repr(dataclasses.replace(d, contexts=None, packed=None))
