"""Renderers of a comparison: a rich terminal table, Markdown, CSV, JSON and a self-contained HTML page
with the quoted text of every cited paragraph on hover and on expansion (usable offline)."""

from __future__ import annotations

import csv
import io
from typing import Any

from traslado.knowledge.store import KnowledgeBase
from traslado.render.terminal import plain_text
from traslado.research.compare import Comparison, cite_text


def _cell(kb: KnowledgeBase, column: str, cell) -> str:
    cites = cite_text(kb, column, cell.citations)
    return f"{cell.text} — {cites}" if cites else cell.text


def as_json(kb: KnowledgeBase, comparison: Comparison) -> dict[str, Any]:
    return {
        "instruments": comparison.instruments,
        "lang": comparison.lang,
        "rows": [
            {
                "id": row.id,
                "category": row.category,
                "label": row.label,
                "cells": {
                    inst: {
                        "text": cell.text,
                        "present": cell.present,
                        "citations": [c.to_json() for c in cell.citations],
                        "notes": cell.notes,
                    }
                    for inst, cell in row.cells.items()
                },
            }
            for row in comparison.rows
        ],
    }


def as_csv(kb: KnowledgeBase, comparison: Comparison) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "category", "label", *comparison.instruments])
    for row in comparison.rows:
        writer.writerow(
            [row.id, row.category, row.label, *(_cell(kb, i, row.cells[i]) for i in comparison.instruments)]
        )
    return out.getvalue()


def as_markdown(kb: KnowledgeBase, comparison: Comparison) -> str:
    head = ["", *(kb.short_name(i, comparison.lang) for i in comparison.instruments)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in comparison.rows:
        cells = [_cell(kb, i, row.cells[i]).replace("|", "\\|") for i in comparison.instruments]
        lines.append(f"| **{row.label}** | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# Beyond this many instruments a grid at 100 columns gets too narrow to read: each row is then shown
# as its own block, one line per instrument.
GRID_MAX_INSTRUMENTS = 4


def as_rich(kb: KnowledgeBase, comparison: Comparison, width: int = 100) -> str:
    """The terminal table. Words are folded, never cut off with an ellipsis."""
    from rich.table import Table
    from rich.text import Text

    if len(comparison.instruments) <= GRID_MAX_INSTRUMENTS:
        table = Table(show_lines=True, expand=True)
        table.add_column("", style="bold", ratio=2, overflow="fold")
        for inst in comparison.instruments:
            table.add_column(kb.short_name(inst, comparison.lang), ratio=3, overflow="fold")
        for row in comparison.rows:
            table.add_row(Text(row.label), *(Text(_cell(kb, i, row.cells[i])) for i in comparison.instruments))
    else:
        table = Table(show_lines=False, expand=True, show_header=False)
        table.add_column("instrument", ratio=1, overflow="fold")
        table.add_column("rule", ratio=4, overflow="fold")
        for row in comparison.rows:
            table.add_row(Text(row.label, style="bold"), "")
            for inst in comparison.instruments:
                table.add_row(Text("  " + kb.short_name(inst, comparison.lang)), Text(_cell(kb, inst, row.cells[inst])))
            table.add_section()
    return plain_text(table, width)


def as_html(kb: KnowledgeBase, comparison: Comparison, info=None) -> str:
    """The comparison page (render/html/comparison_page.py): self-contained, sticky header and first
    column, a legend, a CSS-only filter to the rows that differ, cards on a phone, quotes on hover and
    on click. `info` (a PageInfo) fixes the version, KB hash and date printed on it."""
    from traslado.render.html.comparison_page import render_comparison_page  # jinja2 only when asked

    return render_comparison_page(kb, comparison, info)
