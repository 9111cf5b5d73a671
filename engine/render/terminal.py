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
