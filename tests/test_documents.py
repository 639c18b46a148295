"""Documents: decoding, markup, normalization with raw offsets, damage, datelines, segmentation."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.analysis import analyze
from audit.damage import find_damage
from audit.dateline import find_dateline
from audit.ingest import Document, ReadError, decode, read_corpus
from audit.normalize import normalize
from audit.segment import sentences

from .conftest import SEEDS

PINYIN_LEFT = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[1-5]?\)")
TONED = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


def seed_texts():
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


# --- decoding -------------------------------------------------------------------------------------

@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_decodes_each_encoding(enc):
    text = "小米2022年营收2800亿元,同比下滑14.7%"
    assert decode(text.encode(enc))[0] == text


def test_big5_is_not_mistaken_for_gb18030():
    text = "小米2022年營收2800億元,同比下滑14.7%,淨利潤85.18億元"
    assert decode(text.encode("big5")) == (text, "big5")


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"abc\x00def", b"\xff\xfe\x00\xd8"])
def test_binary_is_not_text(data):
    assert decode(data) is None


def test_unreadable_file_is_an_error_not_a_skip(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "b.txt").write_text("营收2800亿元", encoding="utf-8")
    got = list(read_corpus([str(tmp_path)]))
    assert isinstance(got[0], ReadError) and "a.txt" in got[0].path
    assert isinstance(got[1], Document)


def test_same_article_in_three_encodings_normalizes_the_same():
    for name, text in seed_texts().items():
        lines = []
        for line in text.split("\n"):
            try:
                line.encode("big5")
                line.encode("gb18030")
            except UnicodeEncodeError:
                continue
            lines.append(line)
        article = "\n".join(lines)
        readings = {enc: decode(article.encode(enc)) for enc in ("utf-8", "gb18030", "big5")}
        texts = {enc: normalize(r[0]).text for enc, r in readings.items() if r}
        assert len(set(texts.values())) == 1, name


# --- pinyin annotations and real parentheses --------------------------------------------------------

def test_no_pinyin_annotation_survives_in_any_seed():
    for name, text in seed_texts().items():
        left = [m.group() for m in PINYIN_LEFT.finditer(normalize(text).text) if TONED.search(m.group())]
        assert not left, (name, left[:5])


def test_real_parentheses_are_kept_in_every_seed():
    for name, text in seed_texts().items():
        norm = normalize(text).text
        for m in re.finditer(r"\(([^()\n]{1,20})\)", text):
            inner = m.group(1)
            if re.fullmatch(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}", inner):
                continue  # a pinyin annotation
            assert "(" + normalize(inner).text + ")" in norm, (name, m.group())


@pytest.mark.parametrize("raw,want", [
    ("互聯(lián)網(wǎng)", "互联网"), ("萬(wàn)億級(jí)", "万亿级"), ("對(duì)于", "对于"),
    ("东芝(中国)研究院", "东芝(中国)研究院"), ("讓(AI)行業", "让(AI)行业"), ("平均售價(ASP)", "平均售价(ASP)"),
    ("(来源:受访者提供)", "(来源:受访者提供)"), ("大跨越(方式)", "大跨越(方式)"), ("以O(shè)penAI為例", "以OpenAI为例"),
])
def test_pinyin_removal(raw, want):
    assert normalize(raw).text == want


# --- markup ---------------------------------------------------------------------------------------

def test_html_markup_removed_and_offsets_kept():
    raw = "<html><head><style>p{x:1}</style><script>var a=99;</script></head><body>\n<p>营收&nbsp;<b>2800亿元</b></p>\n</body>"
    doc = Document("x.html", raw, "utf-8")
    a = analyze(doc)
    assert "99" not in a.nt.text and "<" not in a.nt.text
    (q,) = [q for q in a.quantities if q.kind == "amount"]
    loc = a.location(q.start, q.end)
    assert (loc.line, loc.col, loc.snippet) == (2, raw.split("\n")[1].index("2800") + 1, "2800亿元")


def test_markdown_reduced_to_text():
    raw = "# 标题\n营收**2800亿元**,详见[年报](http://example.com/2022)。"
    a = analyze(Document("x.md", raw, "utf-8"))
    assert a.nt.text == "标题\n营收2800亿元,详见年报。"
    assert [q.to_dict()["text"] for q in a.quantities] == ["2800亿元"]


def test_stray_tags_in_plain_text_removed():
    assert normalize("拥抱。”</p>小米</span>").text == "拥抱。”小米"


# --- damage ---------------------------------------------------------------------------------------

def test_damage_found_in_seeds_000_and_001_only():
    found = {name: find_damage(normalize(text)) for name, text in seed_texts().items()}
    assert found["000_32b57c4ec0c8dd22.txt"] and found["001_86a1c3c94e1e9183.txt"]
    for name in ("002_e07aa243f7067a1b.txt", "003_566fa8b1e22fcf55.txt", "004_e30cb15d560eed10.txt"):
        assert not found[name], (name, found[name])


def test_no_month_is_read_through_damage():
    a = analyze(Document("s.txt", "坚决拥抱?!?月14日,雷军在社交平台发文。", "utf-8"))
    assert not [q for q in a.quantities if "14" in q.text]
    assert a.damage and a.damage[0].text == "?!?月14日"


@pytest.mark.parametrize("make", [
    lambda s: s.encode("utf-8").decode("gbk", errors="replace"),
    lambda s: s.encode("utf-8").decode("latin-1"),
    lambda s: s[:3] + "\ufffd\ufffd" + s[5:],
])
def test_mojibake_kinds(make):
    clean = "发布会上小米宣布营收增长了百分之十"
    text = "据报道," + make(clean) + "。"
    assert find_damage(normalize(text))
    assert not find_damage(normalize("据报道," + clean + "。"))


# --- publication date -------------------------------------------------------------------------------

def test_dateline_found_in_seed_002_without_config():
    text = (SEEDS / "002_e07aa243f7067a1b.txt").read_text(encoding="utf-8")
    a = analyze(Document("seeds/002_e07aa243f7067a1b.txt", text, "utf-8"))
    assert (a.published, a.published_source) == ("2023-08-17", "dateline")


def test_config_date_wins_over_dateline():
    a = analyze(Document("d.txt", "2023-08-17 10:23:24\n今年4月", "utf-8"), "2024-01-02")
    assert a.published == "2024-01-02"
    assert [q.period for q in a.quantities if q.kind == "period"] == ["2024-04"]


@pytest.mark.parametrize("text,want", [
    ("标题\n2023年8月17日\n正文", "2023-08-17"), ("新华社北京2023年8月17日电 正文", "2023-08-17"),
    ("发布时间:2023-08-17 09:00", "2023-08-17"), ("2022年营收2800亿元", None),
])
def test_datelines(text, want):
    got = find_dateline(text)
    assert (got.isoformat() if got else None) == want


# --- segmentation ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,want", [
    ("营收1.15亿元。净利润85.18亿元。", ["营收1.15亿元。", "净利润85.18亿元。"]),
    ("他说:“我们很好。真的!”然后离开。", ["他说:“我们很好。真的!”", "然后离开。"]),
    ("他说:“营收1亿元,同比增长5%”,随后离开。", ["他说:“营收1亿元,同比增长5%”,随后离开。"]),
    ("报道称“在2011年投资100亿元。”此外还有3000万元。", ["报道称“在2011年投资100亿元。”", "此外还有3000万元。"]),
    ("(注:单位为亿元。)下一句", ["(注:单位为亿元。)", "下一句"]),
    ("需要 python 3.8+ 环境. 下一句", ["需要 python 3.8+ 环境.", " 下一句"]),
    ("第一段\n第二段?", ["第一段", "第二段?"]),
])
def test_sentences(text, want):
    assert [text[s:e] for s, e in sentences(text)] == want


# --- raw offsets, as properties -------------------------------------------------------------------

FILLER = st.lists(st.sampled_from(list("的是了在和有大模型營收網絡聯萬億兩") + ["聯(lián)", "網(wǎng)", "，", "：", "（注）", "</p>",
                                                                  "&amp;", "１２", " "]), max_size=12).map("".join)


@settings(max_examples=120, deadline=None)
@given(st.lists(FILLER, min_size=1, max_size=6), st.data())
def test_reported_line_col_points_at_the_figure(lines, data):
    at = data.draw(st.integers(0, len(lines) - 1))
    figure = data.draw(st.sampled_from(["2800億元", "85.18亿元", "１２３億元", "64亿美元"]))
    lines = list(lines)
    col = data.draw(st.integers(0, len(lines[at])))
    lines[at] = lines[at][:col] + "，营收" + figure + "，" + lines[at][col:]
    raw = "\n".join(lines)
    a = analyze(Document("p.txt", raw, "utf-8"))
    hits = [q for q in a.quantities if q.text == figure]
    assert hits, (raw, [q.text for q in a.quantities])
    loc = a.location(hits[-1].start, hits[-1].end)
    assert raw.split("\n")[loc.line - 1][loc.col - 1:].startswith(figure)


@settings(max_examples=150, deadline=None)
@given(st.lists(FILLER, max_size=5).map("".join))
def test_each_normalized_character_comes_from_its_raw_span(raw):
    nt = normalize(raw)
    for i, ch in enumerate(nt.text):
        rs, re_ = nt.raw_span(i, i + 1)
        piece = raw[rs:re_]
        grouping = piece == "，" and ch == ","  # context rule: a thousands separator in ４，５６５
        assert ch in normalize(piece).text or ch in piece or grouping, (raw, i, ch, piece)
