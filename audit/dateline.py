"""The publication date of a document: configuration first, then a dateline near the top.

A dateline is a line of its own near the start that holds a date and little else
(``2023-08-17 10:23:24``, ``发布时间:2023年8月17日``), or a news-agency dateline (``8月17日电`` after a
year-bearing date). Without either the date stays unknown and relative dates stay unresolved:
a guess would be worse than nothing.
"""
from __future__ import annotations

import datetime as dt
import re

_LINE = re.compile(
    r"^[ \t]*(?:[^\d\n]{0,8}[::][ \t]*)?(?P<y>(?:19|20)\d{2})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
    r"(?:[ \tT]+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?[ \t]*(?:\S{0,12})?[ \t]*$",
    re.M,
)
_AGENCY = re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日电")
HEAD_LINES = 12


def find_dateline(text: str) -> dt.date | None:
    """The date of a dateline in the first lines of (normalized) ``text``, if any."""
    head = "\n".join(text.split("\n", HEAD_LINES)[:HEAD_LINES])
    for rx in (_LINE, _AGENCY):
        m = rx.search(head)
        if m is not None:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
    return None
