"""Whitespace and markup normalisation used to compare KB quotes with the source texts.

The sources are conversions (PDF or HTML to text/markdown): line breaks, page breaks, bold markers
and end-of-line hyphen breaks are layout, not wording. Everything else must match to the letter.
"""

from __future__ import annotations

import re

_BOLD = re.compile(r"\*\*|__")
_QUOTE_MARK = re.compile(r"(?m)^[ \t]*>[ \t]?")
_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=\w)")
_SPACE = re.compile(r"\s+")


def normalise(text: str, *, rejoin: str = "-") -> str:
    """Collapse whitespace, drop bold and block-quote markers, and rejoin words hyphen-broken at a line end.

    A hyphen at a line end is either a compound's own hyphen ("no-miembros") or a syllable
    break ("coopera-tion"); the text cannot tell which, so `rejoin` says what replaces it.
    """
    text = _BOLD.sub("", text)
    text = _QUOTE_MARK.sub("", text)  # markdown block quotes in the party-data files
    text = _HYPHEN_BREAK.sub(rejoin, text)
    return _SPACE.sub(" ", text).strip()


def source_readings(text: str) -> tuple[str, str]:
    """The two readings of a source: line-end hyphens kept, and syllable breaks joined."""
    return normalise(text, rejoin="-"), normalise(text, rejoin="")


def appears_in(quote: str, readings: tuple[str, ...]) -> bool:
    """True when the quote, normalised, stands word for word in one reading of its source."""
    wanted = normalise(quote)
    return any(wanted in reading for reading in readings)
