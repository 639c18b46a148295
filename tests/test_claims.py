"""Claims on the seed corpus (tests/data/claims.yaml) and extraction rules on small documents."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit import config
from audit.analysis import analyze
from audit.claims import corpus_claims, extract_claims
from audit.ingest import Document, read_corpus

from .conftest import ROOT

TABLE = yaml.safe_load((ROOT / "tests" / "data" / "claims.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_claims():
    cfg = config.load(ROOT / "expectations.yaml")
    docs = [analyze(d, cfg.published(d.path)) for d in read_corpus([str(ROOT / "seeds")])]
    return corpus_claims(docs)


def _fmt_change(c) -> str | None:
    if c.change is None:
        return None
    return f"{c.change.basis or '-'} {c.change.direction} {c.change.quantity.text}"


def _matching(claims, row):
    return [c for c in claims if Path(c.doc).name == row["doc"] and c.quote == str(row["text"])
            and ("line" not in row or c.line == row["line"])]


@pytest.mark.parametrize("row", TABLE["present"], ids=lambda r: f"{r['doc'][:3]}:{r['text']}")
def test_present(seed_claims, row):
    found = _matching(seed_claims, row)
    assert found, f"no claim for {row['text']} in {row['doc']}"
    c = found[0]
    for key in ("entity", "metric", "segment", "period"):
        if key in row:
            assert getattr(c, key) == (None if row[key] is None else str(row[key])), (key, c)
    if "inferred" in row:
        assert c.entity_inferred == row["inferred"], c
    if "change" in row:
        assert _fmt_change(c) == row["change"], c
    if "relation" in row:
        assert any(r == row["relation"] for r, _ in c.relations), c.relations


@pytest.mark.parametrize("row", TABLE["absent"], ids=lambda r: f"{r['doc'][:3]}:{r['text']}")
def test_absent(seed_claims, row):
    found = _matching(seed_claims, row)
    if row["entity"] == "any":
        assert not found, found
    else:
        assert not [c for c in found if c.entity == row["entity"]], found


def test_table_size():
    assert len(TABLE["present"]) >= 35 and len(TABLE["absent"]) >= 5


def _claims(text: str, published: str | None = None):
    return extract_claims(analyze(Document("t.txt", text, "utf-8"), published))


@pytest.mark.parametrize("text,entity,metric,period,change", [
    ("华为2023年营收为7042亿元,同比增长9.6%。", "huawei", "revenue", "2023", "yoy up 9.6%"),
    ("騰訊2023年淨利潤同比增長36%至1152億元。", "tencent", "net_profit", "2023", "yoy up 36%"),
    ("百度第二季度营收341亿元。", "baidu", "revenue", "????-Q2", None),  # no year given: the year unknown
    ("阿里巴巴2024财年收入9411亿元,同比增长8%。", "alibaba", "revenue", "FY2024", "yoy up 8%"),
    ("腾讯2024财年收入6603亿元。", "tencent", "revenue", "2024", None),  # a calendar fiscal year
    ("特斯拉2022年交付量超过131万辆,营收814.6亿美元。", "tesla", "revenue", "2022", None),
])
def test_extraction_rules(text, entity, metric, period, change):
    cs = [c for c in _claims(text) if c.metric == metric]
    assert cs, _claims(text)
    c = cs[-1]
    assert (c.entity, c.period, _fmt_change(c)) == (entity, period, change)


def test_subject_carries_within_a_paragraph_not_across():
    cs = _claims("以京东为例,业务发展很快。去年其营收为10462亿元。\n另一家公司营收为300亿元。")
    assert [(c.entity, c.quote) for c in cs] == [("jd", "10462亿元"), (None, "300亿元")]


def test_relative_period_needs_a_publication_date():
    assert _claims("小米去年营收2800亿元。")[0].period is None
    assert _claims("小米去年营收2800亿元。", "2023-05-01")[0].period == "2022"


def test_config_adds_entities_and_metric_words(tmp_path):
    from audit.claims import corpus_claims

    cfg_file = tmp_path / "expectations.yaml"
    cfg_file.write_text("version: 1\nentities:\n  - {id: acme, kind: company, names: [艾克米, ACME]}\n"
                        "metrics:\n  - {id: revenue, words: [进账]}\n", encoding="utf-8")
    cfg = config.load(cfg_file)
    a = analyze(Document("t.txt", "艾克米2023年进账为12亿元。", "utf-8"))
    (c,) = corpus_claims([a], cfg.lexicons())
    assert (c.entity, c.metric, c.period) == ("acme", "revenue", "2023")


def test_config_entities_are_validated(tmp_path):
    cfg_file = tmp_path / "expectations.yaml"
    cfg_file.write_text("version: 1\nentities:\n  - {id: acme, names: []}\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match="line 3.*names"):
        config.load(cfg_file)


def test_from_to_enumeration_and_share():
    cs = _claims("小米手机出货量从1.9亿台降至1.51亿台。")
    assert cs[1].relations == (("from", cs[0].id), ("move:down", cs[0].id))
    (e,) = _claims("一天内三个大模型争相官宣,包括百川智能、商汤科技的日日新、昆仑万维的天工。")
    assert ("enumeration:3", "") in e.relations
    (sh,) = _claims("苹果占全球智能手机市场的23%。")
    assert (sh.entity, sh.metric) == ("apple", "market_share")


@pytest.mark.parametrize("text", [
    "雷军提炼出了一个七字诀:专注、极致、口碑、快。",                      # 字 counts characters
    "平台上线了三个子类目,包括感冒灵、足光散、肾宝片、阿胶等药品。",        # 等: an open list
    "该公司有11条行政处罚记录,处罚原因包括虚假宣传、挪用资金和拖延付款。",  # another subject lists
    "APP上公示了两次检测的报告为:“手续齐全、无泡水、无事故”。",           # a colon opens a quote
    "技能平台目前拥有24000个技能,包括有声读物和儿童故事。",                # too many to spell out
])
def test_not_an_enumeration(text):
    assert not [c for c in _claims(text) if any(r.startswith("enumeration") for r, _ in c.relations)]


def test_an_enumeration_after_the_counts_comma():
    (e,) = [c for c in _claims("公司推出了四款新机,包括小米8、小米9、红米6和红米Note。") if c.relations]
    assert ("enumeration:4", "") in e.relations


@pytest.mark.parametrize("text,quote,metric,change,lone", [
    # a change with no value of its metric in the document: a claim of its own, of the change metric
    ("2023年华为净利润同比下降39.26%。", "39.26%", "net_profit:change", "yoy down 39.26%", 1),
    ("2023年华为营收同比增长20%,净利润同比增长5%。", "5%", "net_profit:change", "yoy up 5%", 2),
    # a change of a value of its sentence, or of the one value of its key stated apart: no claim of its own
    ("2023年华为净利润为364亿元,同比下降39.26%。", "364亿元", "net_profit", "yoy down 39.26%", 0),
    ("2023年华为营收为3.72亿元。2023年华为营收同比增长38.8%。", "3.72亿元", "revenue", "yoy up 38.8%", 0),
])
def test_a_change_of_no_value_is_a_claim(text, quote, metric, change, lone):
    cs = _claims(text)
    (c,) = [c for c in cs if c.quote == quote]
    assert (c.metric, _fmt_change(c), c.rate_only) == (metric, change, metric.endswith(":change"))
    assert len({c.id for c in cs}) == len(cs) and [c.quantity.nstart for c in cs] == sorted(c.quantity.nstart for c in cs)
    assert sum(c.rate_only for c in cs) == lone
