"""Text from a case made safe to print: control characters shown, never obeyed.

A case's id, an unknown key or a file name may hold terminal escape sequences (ESC [ ... , the C1
CSI byte) or line breaks that would forge lines of an answer. Renderers of text and Markdown pass
every such string through `printable`; JSON keeps them as \\u escapes.
"""

from __future__ import annotations

import re

# C0 controls (line breaks and tabs included), DEL, C1 controls, the bidirectional overrides and
# isolates that reorder what a reader sees, and lone surrogates (a file name that is not UTF-8, read
# by Python with surrogateescape), which cannot even be written out.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character written as an escape (ESC becomes the four characters \\x1b)."""
    return _UNSAFE.sub(_shown, text)


def has_surrogate(text: str) -> bool:
    """Whether `text` holds a lone surrogate: not a character, and not writable as UTF-8."""
    return _SURROGATE.search(text) is not None


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate written as an escape: an id taken from a file name that is
    not UTF-8 can then be written in every format."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def escape_json_controls(text: str) -> str:
    """JSON text with C1 controls and bidirectional overrides as \\u escapes (json.dumps with
    ensure_ascii=False escapes only C0): the same JSON value, safe to show on a terminal."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
