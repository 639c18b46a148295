"""claim-audit: a fact-audit linter for Chinese-language news and analyst writing."""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["parse_quantities", "__version__"]


def __getattr__(name: str):
    """``parse_quantities``, imported on first use (``audit --help`` and the checks need none of
    the parser's tables); the name then holds the function itself, so that later calls, and
    ``from audit import parse_quantities``, go straight to it."""
    if name != "parse_quantities":
        raise AttributeError(f"module 'audit' has no attribute {name!r}")
    from .quantities import parse_quantities

    globals()[name] = parse_quantities
    return parse_quantities
