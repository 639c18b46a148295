"""Find text damaged by encoding accidents, where figures and dates can no longer be read.

Signals, each general (none keyed on a particular document):

- U+FFFD replacement characters, and ``锟斤拷`` (what U+FFFD becomes after a GBK round trip);
- Latin-1 readings of UTF-8 (``Ã©``, ``â€œ``);
- GBK readings of UTF-8: a run of Han characters whose GBK bytes are valid UTF-8 Chinese
  (``鍙戝竷`` is ``发布``);
- lost-character marks: ``?`` fused with punctuation or markup where a multi-byte character was
  cut (``?!``, ``?;``, ``?/p>``) or standing where an annotated character was (``?dòng)``), and
  runs of ``?`` inside a sentence. The run of rare characters that follows such a mark (a GBK text
  read one byte off: ``拔覀冋谘``) is part of the damage, and so is a figure fused to it
  (``?月14日``: the month is lost, so the date is unreadable).

"Rare" means outside the 3,755 characters of GB2312 level 1, which cover ordinary simplified
Chinese; the test runs on normalized (simplified) text.
"""
from __future__ import annotations

import bisect

import functools
import re
from dataclasses import dataclass

from .normalize import NormText


@dataclass(frozen=True, slots=True)
class Damage:
    nstart: int  # span in normalized text
    nend: int
    start: int  # span in raw text
    end: int
    kind: str  # replacement-char | latin1-mojibake | gbk-mojibake | lost-characters
    text: str  # the raw snippet


_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_REPLACEMENT = re.compile("(?:\ufffd|锟斤拷|烫烫烫|屯屯屯)+")
# UTF-8 multi-byte sequences read as Latin-1: a lead byte (C2-EF) and its continuation bytes.
_LATIN1 = re.compile("(?:[\u00c2-\u00df][\u0080-\u00bf]|[\u00e0-\u00ef][\u0080-\u00bf]{2}){2,}")
_LATIN1_LEAD = re.compile("[\u00c2-\u00ef]")  # a cheap test first: the pattern above has no literal to scan for
_PY = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# Every alternative opens with the "?", so the engine scans for it in C (a run of three or more is
# checked for the Han character before it once its first "?" is found).
_MARK = re.compile(rf"\?(?:!\??(?:/[A-Za-z]+>)?|;|/(?:[A-Za-z]+>)?|\(?[{_PY}]{{1,6}}\)"
                   rf"|(?<=[{_HAN}]\?)\?{{2,}}(?=[{_HAN}]))")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_WIDE_RUN = re.compile(f"[{_HAN}\uff01-\uff5e\ue000-\uf8ff\u3000-\u303f]{{4,}}")
_FIGURE_TAIL = re.compile(r"[0-9月年日号%亿万.]*[0-9][0-9月年日号%亿万.]*|[月年日号]")


def _two_byte_chars(codec: str, leads: range, trails: range) -> set[str]:
    out = set()
    for hi in leads:
        for lo in trails:
            try:
                out.add(bytes((hi, lo)).decode(codec))
            except UnicodeDecodeError:
                pass
    return out


@functools.cache
def common_chars() -> frozenset[str]:
    """GB2312 level 1: the 3,755 most common simplified characters."""
    return frozenset(_two_byte_chars("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)))


def _gbk_leads() -> str:
    """Characters whose GBK bytes open a UTF-8 sequence for Chinese (E4-E9 80-BF), as a class."""
    return "".join(sorted(_two_byte_chars("gbk", range(0xE4, 0xEA), range(0x80, 0xC0))))


@functools.cache
def _utf8_lead_pairs() -> re.Pattern[str]:
    """Two such characters close together: a cheap filter before the full re-decoding test."""
    cls = _gbk_leads()
    return re.compile(f"[{cls}][^{cls}]{{0,2}}[{cls}]")


def _gbk_reads_as_utf8(run: str) -> bool:
    """Do the GBK bytes of ``run`` read as UTF-8 Chinese? (Real GBK text almost never does.)"""
    try:
        data = run.encode("gbk")
    except UnicodeEncodeError:
        return False
    decoded = data.decode("utf-8", errors="replace")
    cjk = sum(1 for c in decoded if "\u4e00" <= c <= "\u9fff")
    return cjk >= 2 and cjk * 3 >= len(run)


# Every signal but the GBK one needs one of these characters (replacement marks, a Latin-1 lead
# byte, a question mark): text without any, and without a GBK lead pair, is whole.
_SUSPECT_CLASS = "\ufffd锟烫屯\u00c2-\u00ef?"
_SUSPECT = re.compile(f"[{_SUSPECT_CLASS}]")


@functools.cache
def _suspect_or_pair() -> re.Pattern[str]:
    """A suspect character or a GBK lead pair, found in one scan of the text (most texts have
    neither, and a scan tests every character)."""
    cls = _gbk_leads()
    return re.compile(f"[{_SUSPECT_CLASS}{cls}](?:(?<=[{_SUSPECT_CLASS}])|(?<=[{cls}])[^{cls}]{{0,2}}[{cls}])")


def find_damage(nt: NormText) -> list[Damage]:
    """Damaged spans of a normalized text, in order, not overlapping."""
    text = nt.text
    raw = nt.raw
    if not _suspect_or_pair().search(raw) and (raw is text or not _SUSPECT.search(text)):
        return []
    spans: list[tuple[int, int, str]] = []
    if "\ufffd" in text or "锟" in text or "烫烫" in text or "屯屯" in text:
        spans += [(m.start(), m.end(), "replacement-char") for m in _REPLACEMENT.finditer(text)]
    if _LATIN1_LEAD.search(raw) and _LATIN1.search(raw):
        # Tested on the raw text: NFKC rewrites some of these characters (¸ -> space + cedilla).
        for m in _LATIN1.finditer(raw):
            try:
                m.group().encode("latin-1").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            spans.append((nt.norm_offset(m.start()), nt.norm_offset(m.end()), "latin1-mojibake"))
    if "?" in text:
        common = common_chars()
        for m in _MARK.finditer(text):
            end = m.end()
            run = _HAN_RUN.match(text, end)
            if run is not None:
                head = run.group()[:12]
                rare = [i for i, c in enumerate(head) if c not in common]
                if len(rare) >= 2 or (rare and len(head) <= 3):
                    end = run.start() + rare[-1] + 1
                    nxt = _HAN_RUN.match(text, end)
                    if nxt is not None and len(run.group()) <= 12:
                        end = run.end()
            tail = _FIGURE_TAIL.match(text, end)
            if tail is not None and tail.end() > end:
                end = tail.end()
            spans.append((m.start(), end, "lost-characters"))
    if _utf8_lead_pairs().search(raw):
        # Tested on the raw text: t2s would change the very characters whose bytes tell.
        for m in _WIDE_RUN.finditer(raw):
            if _gbk_reads_as_utf8(m.group()):
                spans.append((nt.norm_offset(m.start()), nt.norm_offset(m.end()), "gbk-mojibake"))
    spans.sort()
    out: list[Damage] = []
    for s, e, kind in spans:
        if out and s < out[-1].nend:
            continue
        rs, re_ = nt.raw_span(s, e)
        out.append(Damage(s, e, rs, re_, kind, nt.raw[rs:re_]))
    return out


def overlaps(damage: list[Damage], start: int, end: int) -> bool:
    """Does the normalized span [start, end) touch a damaged span (adjacent counts)? The spans
    are in text order and do not overlap, so the first one ending at or after ``start`` decides."""
    k = bisect.bisect_left(damage, start, key=lambda d: d.nend)
    return k < len(damage) and damage[k].nstart <= end
