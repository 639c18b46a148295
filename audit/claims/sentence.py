"""One sentence as the readers of its own arithmetic see it (:mod:`.arithmetic`, :mod:`.wholes`):
its value figures, the text around each, and the relations read between them, by index."""
from __future__ import annotations

import re
from typing import NamedTuple

from ..model import Quantity
from .arithmetic_words import Words, words
from .frame import clause_start


class Link(NamedTuple):
    """One relation read in a sentence, by the indexes of its figures in the sentence's values."""
    kind: str  # growth | difference | compare | part | enumeration | sum | share
    carrier: int  # the figure that carries the relations
    relations: tuple[tuple[str, int | None], ...]  # (relation, the other figure's index or None)
    change: tuple[str, int] | None = None  # (up | down, the rate's index) of a growth


_SEMICOLON = re.compile("[;；]")


class _Sentence(NamedTuple):
    text: str
    start: int  # of the sentence
    values: list[Quantity]
    memo: dict  # figure -> the change verb right before it (a match), or None: see change()
    clauses: list[int]  # where the clause of each figure starts, found once (see before())

    def change(self, i: int) -> re.Match | None:
        """The change verb right before figure ``i`` (增长, 跌), read once per figure."""
        if i not in self.memo:
            self.memo[i] = words().direction.search(self.before(i, 8))
        return self.memo[i]

    def before(self, i: int, n: int = 12) -> str:
        """The text right before figure ``i``, within its clause, at most ``n`` characters."""
        at = self.values[i].nstart
        return self.text[max(self.clauses[i], at - n):at]

    def same(self, i: int, j: int) -> bool:
        """Figures ``i`` and ``j`` are of one unit (84.6美元/股 is not of 147亿美元's)."""
        a, b = self.values[i], self.values[j]
        return _same_unit(a, b) and self.text.startswith("/", a.nend) == self.text.startswith("/", b.nend)

    def gap(self, i: int, j: int) -> str:
        return self.text[self.values[i].nend:self.values[j].nstart]


def sentence(text: str, start: int, values: list[Quantity], marks: list[int]) -> _Sentence:
    """The sentence of ``values`` (its value figures, in order) that starts at ``start``, with
    ``marks`` the document's clause marks (audit.claims)."""
    return _Sentence(text, start, values, {},
                     [clause_start(marks, start, q.nstart) for q in values])


def _same_unit(a: Quantity, b: Quantity) -> bool:
    return a.unit == b.unit and a.kind not in ("percent", "percentage_point") and a.value is not None \
        and b.value is not None


def _delta(s: _Sentence, w: Words, i: int) -> bool:
    """Whether figure ``i`` is stated as a change or a difference (增加1.7亿元, 相差20亿元)."""
    before = s.before(i, 8)
    return bool(s.change(i) or w.difference.search(before) or w.compare_end.search(before))


def _prior(s: _Sentence, w: Words, i: int) -> bool:
    return bool(w.prior.search(s.before(i, w.prior_window)))
