"""AU500 damaged-text: text damaged by encoding, where figures or dates can no longer be read.

Rule: every span that :func:`audit.damage.find_damage` reports (replacement characters, Latin-1 or
GBK readings of UTF-8, characters lost where ``?`` stands fused to punctuation or markup, and the
misread run that follows) is a finding that quotes the raw span. Figures and dates that touch a
damaged span are not read at all, so no other check ever sees them.
"""
from __future__ import annotations

import re
from typing import Iterable

from audit.model import Finding

CODE = "AU500"
SLUG = "damaged-text"
SCOPE = "document"  # reads the document's text: runs where the document is read
SEVERITY = "warning when the damaged span held digits or a date word (a figure was lost), else info"

BAD = "“我们对此充满信心?!?月21日,公司在官方账号发文。"
GOOD = "“我们对此充满信心。”6月21日,公司在官方账号发文。"

_FIGURE_LOST = re.compile(r"[0-9年月日号%亿万]")

_WHAT = {
    "replacement-char": "replacement characters (U+FFFD): bytes that could not be decoded",
    "latin1-mojibake": "UTF-8 text read as Latin-1",
    "gbk-mojibake": "UTF-8 text read as GBK",
    "lost-characters": "characters lost in an encoding round trip",
}


def check(ctx) -> Iterable[Finding]:
    for a in ctx.docs:
        for d in a.damage:
            lost = bool(_FIGURE_LOST.search(d.text))
            message = _WHAT[d.kind] + ("; a figure or date here can no longer be read" if lost else "")
            yield Finding(CODE, SLUG, "warning" if lost else "info", message,
                          (a.location(d.start, d.end),), (("kind", d.kind), ("text", d.text)),
                          (a.doc.ident,))
