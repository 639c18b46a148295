#!/usr/bin/env python3
"""Accuracy on real writing: the audit's findings scored against a hand-made gold.

    python bench/accuracy.py [--corpus DIR] [--gold FILE] [--verbose] [--inject] [--causes] [--json FILE]

Defaults: ../shared/corpus/dev-news and bench/gold/dev-news.yaml. The gold (DESIGN.md section 9,
form checked by bench/goldform.py) lists errors a careful reader finds and relationships that hold.
The corpus is audited once, as a user would (`audit run --format json`, a configuration with no
baseline, facts or additions), and each finding is placed by where its figures stand: a finding
*matches* a gold relationship when its claims cover at least min(2, n) of the relationship's n
quotes (a one-quote relationship: that quote) or two of its claims stand in one quote, and it counts as the relationship it covers best
(the largest share of its quotes). Printed: recall by kind and confidence; error
findings that match a gold error (true), sit on a consistent relationship (false) or match nothing
(to read); warnings on consistent relationships; the false-alarm rate (gold articles without a
gold error that get an error finding).

`--inject` also turns every single-article consistent relationship into a recall test, the method
of FinVerBench: one figure of the relationship is multiplied by 1.37 (same decimals, a value found
nowhere else in the article), the copy is audited alone, and the change is caught when a warning or
error quotes the new figure (and did not quote it before the change). Not every change is an
error: 86.5亿 raised to 118.5亿 still 超出 an 83.6亿 estimate. The gold records for each planned
change whether it breaks the text (`injected: {change, breaks, why}`, bench/goldform.py; a change
breaks when the relationship, or another figure the changed one is tied to in the text, no longer
holds). So the rule: injected errors caught counts only the changes that break (caught / such
changes, by kind); a change that holds is no error, and a warning or error quoting its new figure is
a false alarm on a change that holds. Changes the gold does not record (or records for an older
plan) are counted apart as not judged. The old figure, caught over all changes, is printed too.

`--causes` names, for every missed error (gold or injected), the first step of the reading that
lost it: the figure, its claim (no metric word), its entity, a key part the two claims do not
share (entity, metric, segment, period), the change not attached, evidence too weak to accuse, or
the check itself.

With a corpus and no gold (`--corpus ../shared/corpus/real-news`), it prints the findings by code
and severity, for reading.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import re
import io
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
DEFAULT_CORPUS = SHARED / "dev-news"
GOLD_DIR = ROOT / "bench" / "gold"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SEVERE = ("error", "warning")
CORPUS_META = {"SOURCES.md", "README.md"}  # the corpus's own description, not an article
FACTORS = ("1.37", "1.43", "1.29", "1.51", "1.23")


# --- where figures stand ---------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """A stretch of one line of a raw file: 1-based line, 1-based columns [col, end) in code points."""
    file: str
    line: int
    col: int
    end: int

    def overlaps(self, o: "Span") -> bool:
        return self.file == o.file and self.line == o.line and self.col < o.end and o.col < self.end


@functools.lru_cache(maxsize=None)
def read_text(path: Path) -> str:
    """A corpus file's raw text, read once however many relations, findings and causes ask."""
    return path.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def lines_of(path: Path) -> list[str]:
    return read_text(path).split("\n")


def articles(corpus: Path) -> list[str]:
    """The names of a corpus folder's articles (its own SOURCES.md or README.md is none)."""
    return sorted(p.name for p in corpus.iterdir() if p.suffix in (".txt", ".md", ".html")
                  and p.name not in CORPUS_META)


def spans_of(text: str, file: str, needle: str) -> list[Span]:
    """Every place ``needle`` stands in ``text`` (a quote never crosses a line: quotes are short)."""
    out, start = [], 0
    while (i := text.find(needle, start)) >= 0:
        line = text.count("\n", 0, i) + 1
        col = i - (text.rfind("\n", 0, i) + 1) + 1
        out.append(Span(file, line, col, col + len(needle)))
        start = i + 1
    return out


@dataclass
class Relation:
    """A gold error or consistent relationship, with where each of its quotes stands."""
    id: str
    section: str  # errors | consistent
    kind: str
    confidence: str
    files: list[str]
    quotes: list[str]
    explanation: str
    where: list[list[Span]]  # per quote, its places in the relation's files
    injected: dict | None = None  # the gold's record of the planned change: {change, breaks, why}

    @property
    def need(self) -> int:
        return min(2, len(self.quotes))


def relations(gold: dict, corpus: Path) -> list[Relation]:
    out = []
    for section in ("errors", "consistent"):
        for r in gold.get(section) or []:
            where = []
            for q in r["quotes"]:
                spans = []
                for f in r["files"]:
                    spans += spans_of(read_text(corpus / f), f, str(q))
                where.append(spans)
            out.append(Relation(str(r["id"]), section, r["kind"], r["confidence"], list(r["files"]),
                                [str(q) for q in r["quotes"]], str(r.get("explanation", "")), where,
                                r.get("injected") if section == "consistent" else None))
    return out


def finding_spans(f: dict) -> list[Span]:
    return [Span(Path(c["file"]).name, c["line"], c["col"], c["col"] + max(1, len(c.get("snippet") or "")))
            for c in f.get("claims") or []]


def covered(f: dict, rel: Relation) -> int:
    """How many of the relation's quotes the finding's claims stand in."""
    spans = finding_spans(f)
    return sum(1 for places in rel.where if any(s.overlaps(p) for s in spans for p in places))


def inside(f: dict, rel: Relation) -> int:
    """How many of the finding's claims stand in one of the relation's quotes."""
    places = [p for ps in rel.where for p in ps]
    return sum(1 for s in finding_spans(f) if any(s.overlaps(p) for p in places))


def matches(f: dict, rel: Relation) -> bool:
    """The finding's figures are the relation's: it covers two of its quotes (the one, for a
    one-quote relation), or two of its claims stand in one quote (851.48亿元(约合123.98亿美元))."""
    return covered(f, rel) >= rel.need or inside(f, rel) >= 2


# --- running the audit -----------------------------------------------------------------------

@contextlib.contextmanager
def bare_config():
    """A configuration with nothing of the user's: the tool's own lexicons and tolerances."""
    with tempfile.TemporaryDirectory(prefix="accuracy-") as d:
        p = Path(d) / "expectations.yaml"
        p.write_text("version: 1\n", encoding="utf-8")
        yield p


def _audit_json(corpus: Path, *args: str) -> dict:
    """An `audit` command's JSON on the corpus's articles, run from inside it (so that findings
    and claims name files as the gold does), with a bare configuration."""
    with bare_config() as cfg:
        out = subprocess.run([sys.executable, "-m", "audit", *args, "--format", "json", "--config", str(cfg),
                              *articles(corpus)], cwd=corpus, capture_output=True, text=True, encoding="utf-8")
    if out.returncode != 0:
        raise SystemExit(f"accuracy: audit {args[0]} failed (exit {out.returncode}): {out.stderr.strip()[:500]}")
    return json.loads(out.stdout)


def audit_corpus(corpus: Path) -> dict:
    """`audit run --format json` on the corpus."""
    return _audit_json(corpus, "run", "--exit-zero", "--no-color")


def audit_alone(path: Path, cfg: Path) -> list[dict]:
    """The findings of one file audited alone, in this process (the injections audit hundreds)."""
    from audit.cli import main as audit_main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
        audit_main(["run", str(path), "--format", "json", "--config", str(cfg), "--exit-zero"])
    return json.loads(buf.getvalue())["findings"]


# --- scoring ---------------------------------------------------------------------------------

@dataclass
class Score:
    articles: list[str]
    rels: list[Relation]
    findings: list[dict]                     # findings that name a gold article
    outside: int = 0                         # findings naming no gold article
    found: dict[str, list[dict]] = field(default_factory=dict)  # gold error id -> findings
    verdict: list[tuple[dict, str, list[str]]] = field(default_factory=list)  # finding, class, ids

    def errors(self) -> list[Relation]:
        return [r for r in self.rels if r.section == "errors"]

    def consistent(self) -> list[Relation]:
        return [r for r in self.rels if r.section == "consistent"]

    def recall(self, pick=lambda r: True, severities=SEVERE) -> tuple[int, int]:
        rels = [r for r in self.errors() if pick(r)]
        hit = [r for r in rels if any(f["severity"] in severities for f in self.found.get(r.id, []))]
        return len(hit), len(rels)

    def count(self, severity: str, cls: str) -> int:
        return sum(1 for f, c, _ in self.verdict if f["severity"] == severity and c == cls)

    def false_alarm(self) -> tuple[int, int]:
        """(gold articles with no gold error that get an error finding, such articles)."""
        with_error = {f for r in self.errors() for f in r.files}
        clean = [a for a in self.articles if a not in with_error]
        flagged = {Path(c["file"]).name for f in self.findings if f["severity"] == "error"
                   for c in f["claims"]}
        return sum(1 for a in clean if a in flagged), len(clean)


def score(gold: dict, report: dict, corpus: Path) -> Score:
    rels = relations(gold, corpus)
    articles = [a["file"] for a in gold.get("articles") or []] or sorted({f for r in rels for f in r.files})
    in_gold = set(articles)
    mine = [f for f in report["findings"]
            if any(Path(c["file"]).name in in_gold for c in f.get("claims") or [])]
    s = Score(articles, rels, mine, outside=len(report["findings"]) - len(mine))
    for f in mine:
        v = _verdict(f, [(covered(f, r) / len(r.quotes), r) for r in rels if matches(f, r)])
        if v[1] == "true":
            for rid in v[2]:
                s.found.setdefault(rid, []).append(f)
        s.verdict.append(v)
    return s


def _verdict(f: dict, hits: list[tuple[float, Relation]]) -> tuple[dict, str, list[str]]:
    """A finding is true when the relationship it covers best (the largest share of its quotes;
    an error on a tie) is a gold error, false when it is a consistent one."""
    if not hits:
        return f, "unmatched", []
    best = max(share for share, _ in hits)
    top = [r for share, r in hits if share == best]
    errs = [r.id for r in top if r.section == "errors"]
    if errs:
        return f, "true", errs
    return f, "on-consistent", [r.id for r in top]


# --- injected errors -------------------------------------------------------------------------

@dataclass(frozen=True)
class Injection:
    rel: str
    kind: str
    file: str
    old: str
    new: str
    span: Span       # where the new figure stands in the copy
    offset: int      # its character offset in the text


def _digits(fig_text: str):
    """The one Arabic number inside a figure's text (None for mixed, ranged or separated ones)."""
    runs = re.findall(r"\d+(?:\.\d+)?", fig_text)
    if len(runs) != 1 or "," in fig_text or "，" in fig_text:
        return None
    return runs[0]


def _scaled(number: str, factor: str) -> str:
    places = len(number.split(".")[1]) if "." in number else 0
    q = Decimal(1).scaleb(-places)
    return str((Decimal(number) * Decimal(factor)).quantize(q, rounding=ROUND_HALF_UP))


def _free(text: str, number: str) -> bool:
    """The number stands nowhere in the text as a number of its own."""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", text) is None


def plan_injection(rel: Relation, text: str) -> Injection | None:
    """Change the first figure (not a date or period) of the relation's quotes, in its first place."""
    from audit import parse_quantities

    for q, places in zip(rel.quotes, rel.where):
        if not places:
            continue
        for item in parse_quantities(q):
            if item["kind"] in ("date", "period", "rank") or item.get("qualifier") == "range":
                continue
            number = _digits(item["text"])
            if number is None:
                continue
            inner = item["text"].find(number)
            at = places[0]
            offset = _offset(text, at) + item["start"] + inner
            if text[offset:offset + len(number)] != number:
                continue
            for factor in FACTORS:
                new = _scaled(number, factor)
                if new != number and _free(text, new):
                    span = Span(at.file, at.line, at.col + item["start"] + inner,
                                at.col + item["start"] + inner + len(new))
                    return Injection(rel.id, rel.kind, at.file, number, new, span, offset)
    return None


def _offset(text: str, s: Span) -> int:
    start = 0
    for _ in range(s.line - 1):
        start = text.index("\n", start) + 1
    return start + s.col - 1


def _quotes_figure(findings: list[dict], span: Span, file: str) -> bool:
    for f in findings:
        if f["severity"] in SEVERE and any(Span(file, x.line, x.col, x.end).overlaps(span)
                                            for x in finding_spans(f)):
            return True
    return False


def judged(rel: Relation, plan: Injection) -> bool | None:
    """Whether the gold says the planned change breaks the relation (None: not recorded, or
    recorded for another change than the plan)."""
    rec = rel.injected or {}
    if str(rec.get("change")) != f"{plan.old} -> {plan.new}" or not isinstance(rec.get("breaks"), bool):
        return None
    return rec["breaks"]


# How one change ends, by whether it breaks the relation and whether a finding quotes it.
OUTCOME = {(True, True): "caught", (True, False): "missed", (False, True): "false alarm",
           (False, False): "held", (None, True): "unjudged, flagged", (None, False): "unjudged, missed"}


def inject(s: Score, corpus: Path) -> dict[str, Counter]:
    """By kind: total / caught over all changes (the old figure), breaks / breaks_caught, holds /
    holds_flagged (false alarms), unjudged, already (flagged before the change), skipped."""
    tally: dict[str, Counter] = defaultdict(Counter)
    s.injections = []
    with bare_config() as cfg, tempfile.TemporaryDirectory(prefix="inject-") as tmp:
        before: dict[str, list[dict]] = {}
        for rel in s.consistent():
            if len(rel.files) != 1:
                continue
            name = rel.files[0]
            text = read_text(corpus / name)
            plan = plan_injection(rel, text)
            if plan is None:
                tally[rel.kind]["skipped"] += 1
                continue
            copy = Path(tmp) / name
            if name not in before:
                copy.write_text(text, encoding="utf-8")
                before[name] = audit_alone(copy, cfg)
            old_span = Span(name, plan.span.line, plan.span.col, plan.span.col + len(plan.old))
            if _quotes_figure(before[name], old_span, name):
                tally[rel.kind]["already"] += 1
                s.injections.append((plan, "already"))
                continue
            copy.write_text(text[:plan.offset] + plan.new + text[plan.offset + len(plan.old):], encoding="utf-8")
            hit = _quotes_figure(audit_alone(copy, cfg), plan.span, name)
            breaks = judged(rel, plan)
            _count(tally[rel.kind], breaks, hit)
            s.injections.append((plan, OUTCOME[breaks, hit]))
    return tally


def _count(t: Counter, breaks: bool | None, hit: bool) -> None:
    """One change into its kind's tally: the old all-changes count, and the count of its class."""
    t["total"] += 1
    t["caught"] += hit
    key = {True: "breaks", False: "holds", None: "unjudged"}[breaks]
    t[key] += 1
    t[{True: "breaks_caught", False: "holds_flagged", None: "unjudged_caught"}[breaks]] += hit


# --- causes of misses ------------------------------------------------------------------------

def audit_claims(corpus: Path) -> dict[str, list[dict]]:
    """`audit claims --format json` on the corpus, by file name."""
    by: dict[str, list[dict]] = defaultdict(list)
    for c in _audit_json(corpus, "claims")["claims"]:
        by[Path(c["doc"]).name].append(c)
    return by


def _covering(claims: list[dict], lo: int, hi: int) -> list[dict]:
    """Claims whose figure, or whose stated change, stands in the raw range [lo, hi)."""
    def inside(q):
        return q is not None and lo <= q["start"] < hi
    return [c for c in claims if inside(c["quantity"]) or inside((c.get("change") or {}).get("quantity"))]


KEYED_KINDS = set("ahi")  # the claims of these relations share one key when read right


def cause(rel: Relation, claims: list[dict], text: str) -> str:
    """The first step at which the reading of a relation's figures went wrong, in pipeline order:
    the figure, its claim (metric), its entity, the key the claims share, the evidence a check
    needs to accuse, and last the check itself."""
    from audit import parse_quantities

    read = []
    for q, places in zip(rel.quotes, rel.where):
        figs = [f for f in parse_quantities(q) if f["kind"] not in ("date", "period")]
        if places and figs:
            lo = _offset(text, places[0])
            read.append((figs, _covering(claims, lo, lo + len(q))))
    if not read:
        return "figure: not read (parser)"
    for figs, cov in read:
        if not cov:
            return f"metric: no claim for a figure of kind {figs[0]['kind']} (no metric word read)"
    first = [cov[0] for _, cov in read]
    if any("metric:none" in c["evidence"] for c in first):  # a claim only by its sentence's words
        return "metric: none read; the figure's relation in its sentence does not tie these"
    if any(not c["entity"] for c in first):
        return "entity: none read"
    if rel.kind in KEYED_KINDS and len(first) > 1:
        for key in ("entity", "metric", "segment", "period"):
            if len({c[key] for c in first}) > 1:
                return f"{key}: the two claims differ"
    if rel.kind == "b" and not any(c.get("change") for _, cov in read for c in cov):
        return "change: the rate is not attached to a value"
    if any(c["period"] is None for c in first) and rel.kind not in "g":
        return "period: none read"
    ev = {e for c in first for e in c["evidence"]}
    for weak in ("entity:carried", "entity:document", "period:paragraph", "metric:sentence"):
        if weak in ev:
            return f"evidence: {weak.replace(':', ' ')} (not accused)"
    return f"check: kind {rel.kind} read but not related"


# What the words just before a figure say about it, for naming why a false finding joined two
# figures that are not one fact: (cause, words). The first cause whose words stand before one
# figure of the finding and not before another is named.
FALSE_CAUSES = (
    ("basis: guidance or consensus vs actual", ("预计", "预期", "指引", "展望", "目标", "一致", "分析师", "估计", "预测")),
    ("basis: GAAP vs non-GAAP", ("非美国通用会计准则", "非通用会计准则", "non-GAAP", "Non-GAAP", "经调整", "调整后")),
    ("period: a prior period read as the current one", ("上年同期", "去年同期", "上一季度", "上季度", "上一财年", "上年", "去年", "同期")),
    ("period: a quarter vs a year or a half", ("季度", "财季", "季")),
    ("period: fiscal vs calendar", ("财年", "财季")),
    ("period: cumulative or balance vs a flow", ("前三季度", "累计", "截至", "末", "年初至今")),
)


_RANGE_END = re.compile(r"\d\s*[亿万千百]?[美港]?元?\s*(?:到|至|-|~|—|－)\s*$")


def false_cause(f: dict, corpus: Path) -> str:
    """A first guess at why a finding that the gold calls false (or does not know) joined its
    figures, from the words of the sentence before each of them: a word that stands before one
    figure and not another names the difference the claims missed. A guess to read, not a verdict."""
    before = []
    for c in f.get("claims") or []:
        line = lines_of(corpus / Path(c["file"]).name)[c["line"] - 1]
        head = line[max(0, c["col"] - 1 - 48):c["col"] - 1]
        before.append(head[head.rfind("。") + 1:])  # the sentence so far, at most 48 characters
    for name, words in FALSE_CAUSES:
        has = [any(w in b for w in words) for b in before]
        if any(has) and not all(has):
            return name
    if any(_RANGE_END.search(b) for b in before):
        return "range: the ends of one range read as two values"
    snippets = [c.get("snippet") or "" for c in f.get("claims") or []]
    if len(snippets) > 1 and all(x.endswith("%") for x in snippets):
        return "percent meaning: shares or rates of different wholes"
    return f"{f['code']}: to read"


def causes(s: Score, corpus: Path) -> tuple[Counter, Counter]:
    """Causes of the gold errors and injected errors missed; causes of the error findings that
    are false or match nothing."""
    claims = audit_claims(corpus)
    out: Counter = Counter()
    false: Counter = Counter()
    missed = [r for r in s.errors() if not any(f["severity"] in SEVERE for f in s.found.get(r.id, []))]
    rel_of = {r.id: r for r in s.rels}
    missed += [rel_of[plan.rel] for plan, how in getattr(s, "injections", [])
               if how in ("missed", "unjudged, missed")]
    s.causes = []
    s.false_causes = {}
    for f, cls, _ in s.verdict:
        if cls != "true" and f["severity"] == "error":
            s.false_causes[id(f)] = false_cause(f, corpus)
            false[s.false_causes[id(f)]] += 1
    for r in missed:
        f = r.files[0]
        c = cause(r, claims.get(f, []), read_text(corpus / f))
        s.causes.append((r, c))
        out[c] += 1
    return out, false


# --- printing --------------------------------------------------------------------------------

def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "0/0 (-)"


def summary(s: Score, tally: dict[str, Counter] | None = None) -> dict:
    """The figures of the Accuracy table, as plain data (the guard test reads them)."""
    errs = [f for f, _, _ in s.verdict if f["severity"] == "error"]
    out = {
        "articles": len(s.articles),
        "gold_errors": len(s.errors()),
        "gold_consistent": len(s.consistent()),
        "recall_high": s.recall(lambda r: r.confidence == "high"),
        "recall_medium": s.recall(lambda r: r.confidence == "medium"),
        "recall_high_as_error": s.recall(lambda r: r.confidence == "high", ("error",)),
        "error_findings": len(errs),
        "errors_true": s.count("error", "true"),
        "errors_on_consistent": s.count("error", "on-consistent"),
        "errors_unmatched": s.count("error", "unmatched"),
        "warnings": sum(1 for f, _, _ in s.verdict if f["severity"] == "warning"),
        "warnings_true": s.count("warning", "true"),
        "warnings_on_consistent": s.count("warning", "on-consistent"),
        "warnings_unmatched": s.count("warning", "unmatched"),
        "false_alarm": s.false_alarm(),
        "recall_by_kind": {k: s.recall(lambda r, k=k: r.kind == k)
                           for k in sorted({r.kind for r in s.errors()})},
    }
    if tally is not None:
        out.update(_injected_summary(tally))
    return out


def _injected_summary(tally: dict[str, Counter]) -> dict:
    """The injected figures: over the changes that break (the recall test), false alarms over the
    changes that hold, and the old figure over all changes (`injected`, `injected_all`)."""
    def total(key: str) -> int:
        return sum(c[key] for c in tally.values())

    return {
        "injected": {k: (c["caught"], c["total"]) for k, c in sorted(tally.items())},
        "injected_all": (total("caught"), total("total")),
        "injected_breaks": {k: (c["breaks_caught"], c["breaks"]) for k, c in sorted(tally.items())},
        "injected_breaks_all": (total("breaks_caught"), total("breaks")),
        "injected_holds": total("holds"),
        "injected_false_alarms": (total("holds_flagged"), total("holds")),
        "injected_unjudged": (total("unjudged_caught"), total("unjudged")),
        "injected_already": total("already"),
        "injected_skipped": total("skipped"),
    }


def print_table(s: Score, m: dict) -> None:
    from goldform import KINDS

    print(f"gold: {m['articles']} articles, {m['gold_errors']} errors, {m['gold_consistent']} consistent; "
          f"{len(s.findings)} findings name a gold article ({s.outside} name none)")
    print("\nrecall (a gold error matched by an error or warning finding)")
    print(f"  high confidence    {pct(*m['recall_high'])}   (as error: {pct(*m['recall_high_as_error'])})")
    print(f"  medium confidence  {pct(*m['recall_medium'])}")
    for k, (a, b) in m["recall_by_kind"].items():
        print(f"  kind {k} {KINDS[k]:<36} {pct(a, b)}")
    e = m["error_findings"]
    print(f"\nerror findings: {e}")
    print(f"  match a gold error          {pct(m['errors_true'], e)}   <- error precision")
    print(f"  on a consistent relation    {pct(m['errors_on_consistent'], e)}   (false)")
    print(f"  match nothing (to read)     {pct(m['errors_unmatched'], e)}")
    w = m["warnings"]
    print(f"warning findings: {w}: {m['warnings_true']} match a gold error, "
          f"{m['warnings_on_consistent']} on a consistent relation, {m['warnings_unmatched']} match nothing")
    print(f"false-alarm rate (gold articles without a gold error that get an error finding): "
          f"{pct(*m['false_alarm'])}")
    by = Counter(f["code"] for f, c, _ in s.verdict if c != "true" and f["severity"] in SEVERE)
    if by:
        print("false or unmatched warnings and errors by check: "
              + ", ".join(f"{k} x{v}" for k, v in sorted(by.items())))
    if "injected" in m:
        print_injected(m)


def print_injected(m: dict) -> None:
    from goldform import KINDS

    print(f"\ninjected errors caught (a figure of a consistent relation x1.37, article audited alone; "
          f"only the changes that break it, as the gold records): {pct(*m['injected_breaks_all'])}")
    for k, (a, b) in m["injected_breaks"].items():
        print(f"  kind {k} {KINDS[k]:<36} {pct(a, b)}")
    print(f"changes that hold (the text stays right): {m['injected_holds']}; "
          f"false alarms on them (a warning or error quotes the new figure): {pct(*m['injected_false_alarms'])}")
    if m["injected_unjudged"][1]:
        print(f"changes the gold does not judge (no `injected`, or one for an older plan): "
              f"{m['injected_unjudged'][1]}, {m['injected_unjudged'][0]} flagged")
    print(f"all changes (the old figure): {pct(*m['injected_all'])}; {m['injected_already']} already "
          f"flagged before the change, {m['injected_skipped']} with no Arabic figure to change")


def _where(f: dict) -> str:
    return "; ".join(f"{c['file']}:{c['line']}:{c['col']} {c['snippet']}" for c in f["claims"])


def print_verbose(s: Score) -> None:
    print("\n--- gold errors missed ---")
    for r in s.errors():
        if not any(f["severity"] in SEVERE for f in s.found.get(r.id, [])):
            print(f"[{r.kind} {r.confidence}] {r.id}: {' | '.join(r.quotes)}")
            print(f"    {r.explanation.strip()[:300]}")
    for cls, title in (("on-consistent", "findings on consistent relationships"),
                       ("unmatched", "findings that match nothing")):
        print(f"\n--- {title} ---")
        for f, c, ids in s.verdict:
            if c == cls and f["severity"] in SEVERE:
                extra = f"  <- {', '.join(ids)}" if ids else ""
                if id(f) in getattr(s, "false_causes", {}):
                    extra += f"  [cause: {s.false_causes[id(f)]}]"
                print(f"{f['severity']} {f['code']} {f['slug']}{extra}\n    {_where(f)}\n    = {f['message'][:300]}")
    for r, c in getattr(s, "causes", []):
        print(f"cause of a miss: {r.id} [{r.kind}]: {c}")
    for plan, how in getattr(s, "injections", []):
        if how in ("missed", "false alarm", "unjudged, missed"):
            print(f"injected, {how}: {plan.rel} [{plan.kind}] {plan.file}:{plan.span.line}:{plan.span.col} "
                  f"{plan.old} -> {plan.new}")


def print_by_code(report: dict) -> None:
    by = Counter((f["code"], f["slug"], f["severity"]) for f in report["findings"])
    print(f"{len(report['documents'])} documents, {report.get('claims_count', '?')} claims, "
          f"{len(report['findings'])} findings, by code and severity:")
    for (code, slug, sev), n in sorted(by.items()):
        print(f"  {code} {slug:<24} {sev:<8} {n}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 2)[2])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of articles (default: dev-news)")
    ap.add_argument("--gold", type=Path, help="gold YAML (default: bench/gold/<corpus folder name>.yaml if present)")
    ap.add_argument("--verbose", action="store_true", help="list every miss and every false or unmatched finding")
    ap.add_argument("--inject", action="store_true", help="also inject an error into every consistent relationship")
    ap.add_argument("--causes", action="store_true",
                    help="name the step where each missed error (gold or injected) was lost")
    ap.add_argument("--json", type=Path, help="write the table's figures as JSON to this file")
    a = ap.parse_args(argv)
    if not a.corpus.is_dir():
        print(f"accuracy: {a.corpus} is not present (the corpus lives in ../shared/corpus/)", file=sys.stderr)
        return 2
    gold_path = a.gold or GOLD_DIR / f"{a.corpus.resolve().name}.yaml"
    report = audit_corpus(a.corpus)
    if not gold_path.is_file():
        if a.gold:
            print(f"accuracy: {a.gold}: no such gold file", file=sys.stderr)
            return 2
        print_by_code(report)
        return 0
    from goldform import injection_problems, load, problems

    gold = load(gold_path)
    bad = problems(gold, a.corpus, injections=False)
    if bad:
        print(f"accuracy: {gold_path}: {bad[0]} ({len(bad)} problems; run bench/goldform.py)", file=sys.stderr)
        return 2
    stale = injection_problems(gold, a.corpus) if a.inject else []
    if stale:  # counted as not judged; the gold test names them all
        print(f"accuracy: {gold_path}: {stale[0]} ({len(stale)} injected records to update; "
              f"run bench/goldform.py --plan)", file=sys.stderr)
    print_by_code(report)
    print()
    s = score(gold, report, a.corpus)
    tally = inject(s, a.corpus) if a.inject else None
    m = summary(s, tally)
    print_table(s, m)
    if a.causes:
        miss, false = causes(s, a.corpus)
        m["causes_of_misses"], m["causes_of_false"] = dict(miss.most_common()), dict(false.most_common())
        for title, c in ((f"the {sum(miss.values())} misses (gold and injected errors)", miss),
                         (f"the {sum(false.values())} error findings that are false or match nothing", false)):
            print(f"\ncauses of {title}, most frequent first")
            for name, n in c.most_common():
                print(f"  {n:4}  {name}")
    if a.verbose:
        print_verbose(s)
    if a.json:
        a.json.write_text(json.dumps(m, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
