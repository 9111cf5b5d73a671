"""The ISO 3166-1 alpha-2 codes a case may name, from the table shipped with the package."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"


@cache
def iso_states() -> frozenset[str]:
    lines = (_DATA / "iso3166-1-alpha2.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
