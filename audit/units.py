"""The one pint UnitRegistry of the process, defined from the lexicon data.

Currencies are independent dimensions (they never convert into each other without an explicit
``fx:`` rate); counts (person, device, parameter, token, item) are dimensionless; FLOPS is per
second. Checks use the registry to convert durations and rates (10万元/月 x 12 -> 年).
"""
from __future__ import annotations

import functools

from .lexicon import lexicon

COUNT_UNITS = ("person", "device", "parameter", "token", "item")


@functools.cache
def registry():
    import pint

    ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    for cur in sorted({c.code for c in lexicon().currencies}):
        ureg.define(f"{cur} = [currency_{cur}]")
    for name in COUNT_UNITS:
        ureg.define(f"{name} = []")
    ureg.define("percentage_point = 0.01 = pp")
    ureg.define("multiple = [] ")
    ureg.define("score = []")
    ureg.define("FLOPS = 1 / second")
    return ureg


def to_pint(unit: str | None):
    """The pint unit of a contract unit name ('CNY', 'CNY/month', 'percent', None)."""
    ureg = registry()
    if unit is None:
        return ureg.dimensionless
    return ureg.parse_units(unit.replace("/", " / "))
