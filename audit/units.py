"""The one pint UnitRegistry of the process, defined from the data of ``audit/data``.

The checks' unit algebra goes through it: a rate per month against one per year (10万元/月 is
120万元/年), a duration in another unit, never two currencies into each other. Units, currencies
and counts are defined in ``measures.yaml`` and ``units.yaml``, not in code. pint costs about
0.15 s to import and the full default registry 0.25 s more to build, which would double a cold
start: the registry holds only our definitions, is built on the first conversion a check asks
for (most runs on a few files never ask), and once per process.
"""
from __future__ import annotations

import functools
from decimal import Decimal
from importlib import resources
from typing import Any

import yaml

from .lexicon import LexiconError, lexicon


@functools.cache
def _definitions() -> tuple[str, ...]:
    data = yaml.safe_load(resources.files("audit.data").joinpath("measures.yaml").read_text(encoding="utf-8"))
    lines = data.get("definitions") if isinstance(data, dict) else None
    if not isinstance(lines, list) or not all(isinstance(x, str) and "=" in x for x in lines):
        raise LexiconError("audit/data/measures.yaml: definitions: expected a list of pint definition lines")
    return tuple(lines)


def _pint():
    """pint, imported without Dask: pint imports ``dask.base`` whenever Dask is installed (for
    its dask arrays, which nothing here uses), some 0.2 s of every start once the dask extra is
    in (issue 24). Dask already imported (``--engine dask``) is left as it is."""
    import sys

    if "pint" in sys.modules or "dask" in sys.modules:
        import pint

        return pint
    sys.modules["dask"] = None  # importlib.util.find_spec("dask") reads this as "not installed"
    try:
        import pint
    finally:
        del sys.modules["dask"]
    return pint


@functools.cache
def registry() -> Any:
    """The registry, built once, on first need."""
    pint = _pint()

    ureg = pint.UnitRegistry(None, non_int_type=Decimal)
    lx = lexicon()
    for line in _definitions():
        try:
            ureg.define(line)
        except Exception as ex:  # pint raises several kinds for a bad line
            raise LexiconError(f"audit/data/measures.yaml: definitions: {line!r}: {ex}") from None
    for code in sorted({c.code for c in lx.currencies}):
        ureg.define(f"{code} = [currency_{code}]")
    for name in sorted(lx.counts):
        ureg.define(f"{name} = []")
    for name in (*lx.time, *lx.rates):
        if name not in ureg:
            raise LexiconError(f"audit/data/units.yaml: unit {name!r} is not defined in measures.yaml")
    return ureg


def to_pint(unit: str | None) -> Any:
    """The pint unit of a contract unit name ('CNY', 'CNY/month', 'percent', None)."""
    ureg = registry()
    if unit is None:
        return ureg.dimensionless
    return ureg.parse_units(unit.replace("/", " / "))


@functools.lru_cache(maxsize=1024)  # a few pairs of units recur across all claims
def factor(src: str | None, dst: str | None) -> Decimal | None:
    """What one ``src`` is in ``dst`` ('CNY/month' -> 'CNY/year': 12, 'day' -> 'month': 12/365);
    None when the two measure different things (two currencies, money and a count)."""
    pint = _pint()

    try:
        value = registry().Quantity(Decimal(1), to_pint(src)).to(to_pint(dst)).magnitude
    except pint.DimensionalityError:
        return None
    return Decimal(value).normalize()
