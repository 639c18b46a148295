"""``audit checks`` and ``audit explain CODE``: the checks of the registry, listed or explained."""
from __future__ import annotations

import argparse

from .shared import EXIT_OK, UsageError


def add(sub) -> None:
    sub.add_parser("checks", help="list the checks: code, slug, severity policy",
                   description="List every check with its code, slug and severity policy.")
    explain = sub.add_parser("explain", help="show one check's rule, severity policy and examples",
                             description="Show a check's rule, its severity policy and its bad/good examples.")
    explain.add_argument("code", metavar="CODE", help="a check code such as AU100")


def command(a: argparse.Namespace) -> int:
    from checks import REGISTRY, by_code

    if a.command == "checks":
        for mod in REGISTRY:
            summary = mod.__doc__.strip().splitlines()[0].split(":", 1)[1].strip()
            print(f"{mod.CODE}  {mod.SLUG:<20} {summary}")
        return EXIT_OK
    mod = by_code(a.code)
    if mod is None:
        raise UsageError(f"unknown check {a.code!r} (see 'audit checks')")
    print(mod.__doc__.strip())
    print(f"\nSeverity: {mod.SEVERITY}")
    print(f"\nBad:  {mod.BAD}\nGood: {mod.GOOD}")
    return EXIT_OK
