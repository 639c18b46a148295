"""Checks, one module each (DESIGN.md section 5). Filled by the checks issue."""
