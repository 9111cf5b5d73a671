"""The words of the interface, one catalogue per language (engine/render/catalogues/<lang>.toml).

Renderers never hold their own strings: they ask for a message by key, so a third language is one
more catalogue file, not a code change. A key missing from a catalogue falls back to English (a test
keeps the catalogues complete); a key missing from English is a programming error.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from traslado.case.printable import printable

_CATALOGUES = Path(__file__).resolve().parent / "catalogues"
FALLBACK = "en"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The messages of one language, flattened to dotted keys ("decision.eligible")."""
    path = _CATALOGUES / f"{lang}.toml"
    if not path.is_file():
        return {}
    flat: dict[str, str] = {}

    def walk(prefix: str, table: dict) -> None:
        for key, value in table.items():
            if isinstance(value, dict):
                walk(f"{prefix}{key}.", value)
            else:
                flat[prefix + key] = value

    walk("", tomllib.loads(path.read_text(encoding="utf-8")))
    return flat


def languages() -> list[str]:
    """The languages the interface speaks: one per catalogue file."""
    return sorted(p.stem for p in _CATALOGUES.glob("*.toml"))


def text(lang: str, key: str, **values: object) -> str:
    """The message `key` in `lang` (English where that catalogue lacks it), with {names} filled in.

    A value that is text (a case id, a file name, a fact) has its control characters escaped: what a
    case holds is shown, never obeyed by the terminal (traslado.case.printable)."""
    message = catalogue(lang).get(key)
    if message is None:
        message = catalogue(FALLBACK)[key]
    if not values:
        return message
    return message.format(**{name: printable(v) if isinstance(v, str) else v for name, v in values.items()})


def has(key: str) -> bool:
    """Whether the interface has a message `key` (in English, which has every message)."""
    return key in catalogue(FALLBACK)
