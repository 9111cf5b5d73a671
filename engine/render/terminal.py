"""Rich tables as plain text: output may go to a file or a pipe, so no colour codes are written."""

from __future__ import annotations

import io
from typing import Any


def plain_text(table: Any, width: int) -> str:
    """A rich table as plain text of the given width (no colour codes: output may be a file)."""
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), force_terminal=False)
    console.print(table)
    return console.export_text()


def wrap(text: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Fold a paragraph to the width. Ids and addresses never break: not at their hyphens
    (coe-cets-112), and a word longer than the line stays whole on a line of its own. A no-break
    space (KEEP) holds two words together ("[es, authentic]") and prints as a space."""
    import textwrap

    lines = textwrap.wrap(
        text,
        max(width, 20),
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_on_hyphens=False,
        break_long_words=False,
    ) or [indent.rstrip()]
    return [line.replace(KEEP, " ") for line in lines]


KEEP = "\u00a0"
