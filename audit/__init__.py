"""claim-audit: a fact-audit linter for Chinese-language news and analyst writing."""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["parse_quantities", "normalize", "__version__"]


def parse_quantities(text: str, published=None) -> list[dict]:
    """The quantities, dates and periods in ``text`` (DESIGN.md section 3)."""
    global parse_quantities
    from .quantities import parse_quantities as _parse

    parse_quantities = _parse  # the import is paid once; later calls go straight to the parser
    return _parse(text, published)


def normalize(text: str):
    """``text`` normalized for reading figures, with a map back to raw offsets."""
    from .normalize import normalize as _normalize

    return _normalize(text)
