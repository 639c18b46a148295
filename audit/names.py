"""Sizes written into model names: Qwen-7B -> 7e9 parameters, GPT-3 175B -> 1.75e11.

A name is not a figure (the quantity parser skips it), but the size it implies is a claim that
later checks compare with the stated size (AU120). The suffix letters and their powers of ten are
data in ``audit/data/names.yaml``.
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal

from .lexicon import lexicon
from .model import Quantity


@functools.cache
def _pattern() -> re.Pattern[str]:
    letters = "".join(sorted(lexicon().model_size_suffixes))
    # The size stands after a separator or at the end of a name token: Qwen-7B, Llama-2-13b, 175B.
    return re.compile(rf"(?:(?<=[-_ ])|(?<![A-Za-z0-9.]))(?P<n>\d+(?:\.\d+)?)(?P<s>[{letters}])(?![A-Za-z0-9])")


def implied_size(name: str) -> Quantity | None:
    """The parameter count a model name implies, with the rounding interval of its digits."""
    m = None
    for m in _pattern().finditer(name):
        pass  # the last size in the name wins (Llama-2-13B: 13B, not 2)
    if m is None:
        return None
    digits = m.group("n")
    power = lexicon().model_size_suffixes[m.group("s")]
    value = Decimal(digits).scaleb(power)
    frac = len(digits) - digits.index(".") - 1 if "." in digits else 0
    half = Decimal(5).scaleb(power - frac - 1)
    return Quantity(m.group(), m.start(), m.end(), "count", value, value - half, value + half,
                    "parameter", "exact", False, m.start(), m.end())
