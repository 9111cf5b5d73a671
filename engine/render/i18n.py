"""The words of the interface, one catalogue per language (engine/render/catalogues/<lang>.toml).

Renderers never hold their own strings: they ask for a message by key, so a third language is one
more catalogue file, not a code change. A key missing from a catalogue falls back to English (a test
keeps the catalogues complete); a key missing from English is a programming error.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from traslado.case.printable import printable

_CATALOGUES = Path(__file__).resolve().parent / "catalogues"
FALLBACK = "en"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The messages of one language, flattened to dotted keys ("decision.eligible"); kept in the cache
    folder as JSON between runs (parsing the TOML costs a start several milliseconds)."""
    path = _CATALOGUES / f"{lang}.toml"
    if not path.is_file():
        return {}
    from traslado.knowledge.location import cache_dir, cached_json

    # The key changes with the catalogue file and with this module (which flattens it).
    key = "|".join(f"{p}|{p.stat().st_size}|{p.stat().st_mtime_ns}" for p in (path, Path(__file__)))
    return cached_json(cache_dir() / f"catalogue-{lang}-{_key(key)}.json", lambda: _flattened(path))


def _key(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _flattened(path: Path) -> dict[str, str]:
    import tomllib

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


def kb_note(lang: str, note: str) -> str:
    """A note of the KB (interpretation, source or encoding note), which exists only in English:
    marked "[en]" on a page in another language, so it is not taken for a translation."""
    return text(lang, "source.kb_note", note=note)


def has(key: str) -> bool:
    """Whether the interface has a message `key` (in English, which has every message)."""
    return key in catalogue(FALLBACK)
