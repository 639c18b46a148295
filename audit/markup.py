"""Remove markup from document text, keeping a map back to raw offsets.

HTML tags, comments, script/style content and entities are removed or decoded; stray tags inside
plain text (``</p>``, ``</span>`` left by a careless export) too. Markdown is reduced to its text
(emphasis marks, heading marks, link targets, image syntax). Removed characters simply vanish from
the normalized text: every kept character keeps its raw position, so line:col in reports is the
position in the original file.
"""
from __future__ import annotations

import html
import re

from .offsets import Edits, apply

_BLOCKS = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MD = re.compile(
    r"^[ \t]{0,3}#{1,6}[ \t]+"          # heading marks
    r"|^[ \t]{0,3}>[ \t]?"               # block quotes
    r"|^[ \t]*(?:```|~~~).*$"            # code fences
    r"|!?\[(?=[^\]\n]*\]\([^)\n]*\))"    # [ of a link or image
    r"|\]\([^)\n]*\)"                    # ](target)
    r"|\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|~~|`",
    re.M,
)


def strip_markup(text: str, kind: str = "text") -> tuple[str, Edits | None]:
    """(text, map back to the raw text; None when unchanged).

    ``kind`` is "html", "markdown" or "text" (plain text still loses stray tags and entities).
    """
    if "<" not in text and "&" not in text and kind != "markdown":
        return text, None
    spans: list[tuple[int, int, str]] = []  # (start, end, replacement)
    if kind == "html":
        spans += [(m.start(), m.end(), "") for m in _BLOCKS.finditer(text)]
    spans += [(m.start(), m.end(), "") for m in _TAG.finditer(text)]
    # a decoded entity stands for all of "&nbsp;"
    spans += [(m.start(), m.end(), html.unescape(m.group()).replace("\xa0", " ")) for m in _ENTITY.finditer(text)
              if html.unescape(m.group()) != m.group()]
    if kind == "markdown":
        spans += [(m.start(), m.end(), "") for m in _MD.finditer(text)]
    if not spans:
        return text, None
    spans.sort(key=lambda t: (t[0], -t[1]))  # the longest span first where two start together
    return apply(text, spans)  # a span inside one already removed (a tag in a script block) is skipped


def markup_kind(path: str) -> str:
    p = path.lower()
    if p.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if p.endswith((".md", ".markdown")):
        return "markdown"
    return "text"
