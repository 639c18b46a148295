"""Hypothesis properties of the quantity parser and the normalizer."""
from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from audit import parse_quantities
from audit.normalize import normalize

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CN_DIGITS = "零一二三四五六七八九"
WIDE = str.maketrans("0123456789.", "０１２３４５６７８９．")


def chinese(n: int) -> str:
    """An integer 0 < n < 10^16 in Chinese numerals (一千二百零五万...)."""
    def section(v: int) -> str:
        out, zero = "", False
        for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = v // place % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += CN_DIGITS[d] + name
        return out

    secs = []
    while n:
        n, sec = divmod(n, 10000)
        secs.append(sec)
    big = ["", "万", "亿", "万亿"]
    out = ""
    for i in range(len(secs) - 1, -1, -1):  # high sections first
        sec = secs[i]
        if sec == 0:
            if out and not out.endswith("零"):
                out += "零"
            continue
        if out and sec < 1000 and not out.endswith("零"):
            out += "零"
        out += section(sec) + big[i]
    return out.rstrip("零")


@st.composite
def rounded(draw):
    """(rendered value, place of its last digit, true value, mantissa text, magnitude power)."""
    k = draw(st.integers(1, 6))
    d = draw(st.integers(10 ** (k - 1), 10**k - 1).filter(lambda v: v % 10 != 0 or v < 10))
    shift = draw(st.integers(0, min(3, k - 1)))
    power = draw(st.sampled_from([0, 4, 8]))
    mantissa = Decimal(d).scaleb(-shift)
    place = Decimal(1).scaleb(power - shift)
    value = mantissa.scaleb(power)
    u = draw(st.floats(-0.49, 0.49))
    true = value + Decimal(str(u)) * place
    return value, place, true, format(mantissa, "f"), power


def _check(text: str, value: Decimal, place: Decimal, true: Decimal, unit=None):
    items = [q for q in parse_quantities(text) if q["kind"] not in ("date", "period")]
    assert len(items) == 1, (text, items)
    q = items[0]
    assert Decimal(str(q["value"])) == value or abs(q["value"] - float(value)) <= 1e-9 * float(value), (text, q)
    assert q["low"] <= float(true) <= q["high"], (text, q, true)
    if unit is not None:
        assert q["unit"] == unit, (text, q)


MAGNITUDES = {"simplified": ("营收", {0: "", 4: "万", 8: "亿"}), "traditional": ("營收", {0: "", 4: "萬", 8: "億"})}


@pytest.mark.parametrize("style", sorted(MAGNITUDES))
@SETTINGS
@given(r=rounded(), cur=st.sampled_from(["", "元", "美元"]))
def test_arabic_with_magnitude(style, r, cur):
    value, place, true, mant, power = r
    prefix, words = MAGNITUDES[style]
    _check(prefix + mant + words[power] + cur, value, place, true, {"": None, "元": "CNY", "美元": "USD"}[cur])


@SETTINGS
@given(rounded(), st.booleans())
def test_fullwidth_digits(r, with_currency):
    value, place, true, mant, power = r
    text = "收入" + mant.translate(WIDE) + {0: "", 4: "万", 8: "亿"}[power] + ("元" if with_currency else "")
    _check(text, value, place, true, "CNY" if with_currency else None)


@SETTINGS
@given(st.integers(1, 10**12 - 1), st.floats(-0.49, 0.49), st.booleans())
def test_chinese_numerals(n, u, with_currency):
    digits = str(n)
    zeros = len(digits) - len(digits.rstrip("0"))
    place = Decimal(10) ** zeros
    true = Decimal(n) + Decimal(str(u)) * place
    text = "共有" + chinese(n) + ("元" if with_currency else "人")
    _check(text, Decimal(n), place, true, "CNY" if with_currency else "person")


@SETTINGS
@given(st.integers(1000, 10**12).filter(lambda v: v % 10 != 0), st.floats(-0.49, 0.49), st.booleans())
def test_thousands_separators(n, u, with_currency):
    true = Decimal(n) + Decimal(str(u))
    text = "金额为" + f"{n:,}" + ("美元" if with_currency else "")
    _check(text, Decimal(n), Decimal(1), true, "USD" if with_currency else None)


@SETTINGS
@given(st.integers(1, 99_999), st.sampled_from(["位", "比特", "字节", "赫", "瓦", "帕"]), st.sampled_from(["", " "]))
@example(360, "位", "")  # 360 before a word is the company's name (names.yaml), but not before 兆位
def test_a_unit_prefix_is_no_magnitude(n, word, space):
    """兆 before a unit word is mega (100兆瓦), and stays 10^12 before anything else (100兆元)."""
    prefixed = [f for f in parse_quantities(f"功率为{n}{space}兆{word}。") if f["kind"] != "period"]
    assert [(f["text"], f["value"]) for f in prefixed] == [(str(n), float(n))]
    magnitude = parse_quantities(f"总额为{n}兆元。")
    assert [f["value"] for f in magnitude] == [float(n) * 1e12]


@SETTINGS
@given(st.integers(0, 99), st.integers(0, 59), st.sampled_from(["小时", "个小时", "钟头"]), st.sampled_from(["", " "]))
def test_minutes_after_hours_are_a_duration(h, m, hour, space):
    """5小时59分: 分 right after a figure in hours is minutes; 59分 alone stays a score."""
    found = [(f["kind"], f["unit"], f["value"]) for f in parse_quantities(f"用时{h}{hour}{space}{m}分。")]
    assert found == [("duration", "hour", float(h)), ("duration", "minute", float(m))]
    assert [f["kind"] for f in parse_quantities(f"考试得了{m}分。")] == ["score"]


ALPHABET = st.sampled_from(list("0123456789.,%-~+/ 一二三四五六七八九十百千万亿两零〇几数多余点负第年月日号季度上下半约超过近以个元美人倍成折分之級億萬兩（）()“”\n") + ["\u0301", "\ufffd", "ā", "?"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=ALPHABET, max_size=60)))
def test_never_raises_and_spans_are_exact(text):
    for q in parse_quantities(text):
        assert 0 <= q["start"] <= q["end"] <= len(text)
        assert text[q["start"]:q["end"]] == q["text"]


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=ALPHABET, max_size=60)))
def test_normalization_is_idempotent_and_maps_back(text):
    nt = normalize(text)
    assert normalize(nt.text).text == nt.text
    for i in range(len(nt.text)):
        rs, re_ = nt.raw_span(i, i + 1)
        assert 0 <= rs < re_ <= len(text)


NFKC_ALPHABET = st.sampled_from(list("年万元的上a e1２３，,（）：；％…²㎡①ｱ\u3000\xa0ﬁ") + ["\u0301", "\u0308", "\u1100", "\u1161",
                                                                     "\uf900", "\U0001d7d1"])


@SETTINGS
@example("５，０００…。")
@example("e\u0301…")
@example("e\u0301e\u0301…")  # two compositions and an expansion: the same length, NFKC itself
@given(st.text(alphabet=NFKC_ALPHABET, max_size=30))
def test_nfkc_step_is_nfkc_with_the_comma_kept(text):
    """The NFKC step's shortcuts give NFKC itself, the full-width comma kept (a thousands
    separator only between full-width digits), composition across characters included."""
    import re
    import unicodedata

    from audit.normalize import _COMMA_MARK, _nfkc

    t = re.sub("(?<=[０-９])，(?=[０-９])", ",", text)
    full = unicodedata.normalize("NFKC", t.replace("，", _COMMA_MARK)).replace(_COMMA_MARK, "，")
    assert _nfkc(text)[0] == full


def test_adversarial_inputs_finish_quickly():
    cases = ["9" * 100_000, "亿" * 20_000, "一二三" * 20_000, "1亿" * 20_000, "(" * 50_000 + "1" + ")" * 50_000,
             "1." * 50_000, "一千" * 30_000, "百分之" * 20_000, "-" * 100_000 + "5"]
    for text in cases:
        t = time.perf_counter()
        parse_quantities(text)
        assert time.perf_counter() - t < 2.0, text[:20]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab", min_size=0, max_size=30),
       st.lists(st.tuples(st.integers(0, 29), st.integers(1, 3), st.text(alphabet="XY", max_size=3)), max_size=6))
def test_offset_maps_agree_with_a_per_character_table(text, edits):
    """The region maps of audit.offsets against the obvious per-character table."""
    from audit.offsets import apply

    # every step replaces a non-empty span (a tag, an entity, an expanded character)
    spans = sorted({(s, min(s + n, len(text)), rep) for s, n, rep in edits if s < len(text)}, key=lambda t: (t[0], -t[1]))
    out, m = apply(text, spans)
    # the reference: kept characters map to themselves, a replacement's characters to its span
    starts, ends, pieces, pos = [], [], [], 0
    for s, e, rep in spans:
        if s < pos:
            continue
        starts += range(pos, s)
        ends += range(pos + 1, s + 1)
        starts += [s] * len(rep)
        ends += [e] * len(rep)
        pieces += [text[pos:s], rep]
        pos = e
    starts += range(pos, len(text))
    ends += range(pos + 1, len(text) + 1)
    assert out == "".join(pieces) + text[pos:]
    if m is None:
        assert starts == list(range(len(text)))
        return
    assert [m.start(p) for p in range(len(out))] == starts
    assert [m.end(p) for p in range(len(out))] == ends
    for r in range(len(text) + 1):
        assert m.inverse(r) == next((i for i, s in enumerate(starts) if s >= r), len(out))


# The parser's guards (lookaheads, dispatch by first character) only make it faster: the parser
# built without them must read every text the same way.
GUARDED_ALPHABET = ("0123456789.,:/-~ 年月日号财度分之又第几数半两十百千万亿〇零一二三四五六七八九"
                    "季上下今去当次首同比增长元美人个%约超过折成据字本对翌明来后前QH"
                    "\U000104a3\U000104a5\U0001f600\U00020000")  # decimal digits past the BMP, and other characters there


@pytest.fixture(scope="module")
def plain_grammar():
    from audit.quantities.grammar import build_grammar

    return build_grammar(guarded=False)


GUARDED_TOKENS = st.one_of(st.integers(0, 99999).map(str), st.sampled_from(
    ["二十", "三十一", "二〇二三", "十二", "几", "数", "百分之", "分之", "又", "年", "月", "日", "号", "财年", "季度",
     "上半年", "今年", "第", "半", "万", "亿", ".", "/", "-", ":", " ", "元", "%", "折", "人", "据", "长"]))


@SETTINGS
@given(st.one_of(st.text(alphabet=GUARDED_ALPHABET, max_size=40),
                 st.lists(GUARDED_TOKENS, max_size=12).map("".join)))
def test_the_guards_change_no_reading(plain_grammar, text):
    from audit.quantities import _extract

    nt = normalize(text)
    assert _extract(nt, "2024-05-01", plain_grammar) == _extract(nt, "2024-05-01")


def test_the_guards_change_no_reading_of_the_seeds_and_the_planted_corpus(plain_grammar):
    from audit.quantities import _extract

    from .conftest import ROOT

    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").rglob("*.txt"))
    assert len(files) > 10
    for f in files:
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            nt = normalize(line)
            assert _extract(nt, "2024-05-01", plain_grammar) == _extract(nt, "2024-05-01"), line


# Plain numerals (2800, 14.7, 1.5万亿) are read by a shortcut: it must give what the tokenizing
# reader gives, field for field and digit for digit (repr shows each Decimal's exponent).
PLAIN_NUMERALS = st.builds(
    lambda whole, frac, units: whole + ("." + frac if frac else "") + units,
    st.text(alphabet="0123456789", min_size=1, max_size=32),
    st.one_of(st.just(""), st.text(alphabet="0123456789", min_size=1, max_size=12)),
    st.text(alphabet="万亿兆", max_size=3),
)


@SETTINGS
@given(PLAIN_NUMERALS)
@example("12345678901234567890123456789012")  # past Decimal's 28 digits: rounded as the reader rounds
@example("007.50亿万")
def test_plain_numerals_read_as_the_tokenizer_reads_them(s):
    from audit.numerals import _general, parse_numeral

    assert repr(parse_numeral(s)) == repr(_general(s))


# Paths are shown relative to the working directory; the folder part is worked out once per
# folder. Whatever the path, that must be what os.path.relpath says of it.
PATH_PARTS = st.lists(st.sampled_from(["work", "main", "seeds", "..", ".", "", "x", "a.txt"]), min_size=1, max_size=6)


@SETTINGS
@given(st.sampled_from(["/", "", "../", "//", "./"]), PATH_PARTS)
def test_display_paths_are_what_relpath_gives(lead, parts):
    import os
    from pathlib import Path

    from audit.ingest import display_path

    raw = lead + "/".join(parts)
    if not raw:
        return
    s = os.fspath(Path(raw))
    expected = os.path.relpath(s) if os.path.isabs(s) or s.startswith("..") else os.path.normpath(s)
    assert display_path(Path(raw)) == expected


@SETTINGS
@given(st.sampled_from(["/", "", "../", "//", "./"]), PATH_PARTS, st.sampled_from(["a.txt", "x", "新闻.md"]))
def test_a_file_is_shown_as_its_folder_and_its_name(lead, parts, name):
    """A listing works out a folder's display path once, and each file's from it."""
    from pathlib import Path

    from audit.ingest import display_path, shown_prefix

    folder = Path(lead + "/".join(parts) or ".")
    assert shown_prefix(display_path(folder)) + name == display_path(folder / name)


# Entity, metric and segment words are found by one pattern per lexicon, written so that the
# engine scans for first characters in C. Whatever the words, it must find what a plain reading
# finds: at each position the longest non-Latin word, else the longest Latin word that is a
# whole word, and on from the end of what was found.
MENTION_WORDS = st.lists(st.text(alphabet="AIBo1收入营小米-", min_size=1, max_size=4), min_size=1, max_size=8)


def _plain_mentions(words: list[str], text: str) -> list[tuple[int, int]]:
    def whole(s: int, e: int) -> bool:
        return not (s > 0 and text[s - 1].isascii() and text[s - 1].isalnum()) \
            and not (e < len(text) and text[e].isascii() and text[e].isalnum())

    other = sorted({w for w in words if not w.isascii()}, key=len, reverse=True)
    latin = sorted({w for w in words if w.isascii()}, key=len, reverse=True)
    out, i = [], 0
    while i < len(text):
        hit = next((w for w in other if text.startswith(w, i)), None) or next(
            (w for w in latin if text.startswith(w, i) and whole(i, i + len(w))), None)
        if hit:
            out.append((i, i + len(hit)))
            i += len(hit)
        else:
            i += 1
    return out


@SETTINGS
@given(MENTION_WORDS, st.text(alphabet="AIBo1收入营小米- ,x", max_size=30))
@example(["IoT", "I"], "xIoT IoT")
@example(["小米", "小"], "小米小")
def test_mentions_are_what_a_plain_reading_finds(words, text):
    from audit.claims import _mention_re

    assert [m.span() for m in _mention_re(words).finditer(text)] == _plain_mentions(words, text)


@SETTINGS
@given(st.text(alphabet="。！？!?.“”「」()《》\n 1a收", max_size=40))
@example("。")
@example("“。”。\n\n.")
def test_sentences_cover_the_text_in_order_and_none_is_blank(text):
    from audit.segment import sentences

    spans = sentences(text)
    assert all(text[s:e].strip() for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    covered = {i for s, e in spans for i in range(s, e)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_the_scan_class_holds_every_decimal_digit():
    """The scan for candidates writes \\d out as a class, skipping the blocks that hold no digit:
    it must hold every character \\d matches in the BMP, and everything past it."""
    import re

    from audit.quantities.grammar import _decimals

    cls = re.compile(f"[{_decimals()}]")
    bmp = "".join(map(chr, range(0x10000)))
    assert re.findall(r"\d", bmp) == cls.findall(bmp)
    assert cls.fullmatch("\U000104a3") and cls.fullmatch("\U0001f600")


@given(st.integers(1, 9999), st.integers(1, 9999), st.sampled_from(["亿美元", "万元", "%", "元"]),
       st.sampled_from(["到", "至", "-", "~"]))
def test_a_range_written_with_two_units_is_one_range(a, b, unit, join):
    """45亿美元到53亿美元 is one range from its first end to its second (audit/quantities/ranges.py);
    a pair that falls, or the two ends of a move (从…到), stays two figures."""
    items = parse_quantities(f"营收为{a}{unit}{join}{b}{unit},")
    if a < b:
        assert [(q["qualifier"], q["low"], q["high"]) for q in items] == [("range", pytest.approx(float(a) * _scale(unit)),
                                                                          pytest.approx(float(b) * _scale(unit)))]
    else:
        assert len(items) == 2 and all(q["qualifier"] == "exact" for q in items)
    assert len(parse_quantities(f"营收从{a}{unit}{join}{b}{unit},")) == 2


def _scale(unit: str) -> int:
    return {"亿美元": 10**8, "万元": 10**4}.get(unit, 1)
