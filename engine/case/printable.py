"""Text from a case made safe to print: control characters shown, never obeyed.

A case's id, an unknown key or a file name may hold terminal escape sequences (ESC [ ... , the C1
CSI byte) or line breaks that would forge lines of an answer. Renderers of text and Markdown pass
every such string through `printable`; JSON keeps them as \\u escapes.
"""

from __future__ import annotations

import re

# C0 controls (line breaks and tabs included), DEL, C1 controls, and the bidirectional overrides and
# isolates that reorder what a reader sees.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character written as an escape (ESC becomes the four characters \\x1b)."""
    return _UNSAFE.sub(_shown, text)


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def escape_json_controls(text: str) -> str:
    """JSON text with C1 controls and bidirectional overrides as \\u escapes (json.dumps with
    ensure_ascii=False escapes only C0): the same JSON value, safe to show on a terminal."""
    return re.sub("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text)
