"""SPARQL results as a terminal table."""

from __future__ import annotations

from traslado.render.terminal import plain_text


def query_table(columns: list[str], rows: list[list[str | None]], width: int = 120) -> str:
    """SPARQL results for a terminal: IRIs compacted to the declared prefixes, long values folded."""
    from rich.table import Table
    from rich.text import Text
    from traslado.research.sparql import compact

    table = Table(expand=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(Text(compact(v)) for v in row))
    return plain_text(table, width)
