"""Renderers of a comparison: a rich terminal table, Markdown, CSV, JSON and a self-contained HTML page
with the quoted text of every cited paragraph on hover and on expansion (usable offline)."""

from __future__ import annotations

import csv
import io
from typing import Any

from traslado.knowledge.store import KnowledgeBase
from traslado.render import i18n
from traslado.render.terminal import plain_text
from traslado.research.compare import Cell, Comparison, cite_text


def cell_text(kb: KnowledgeBase, cell: Cell, lang: str) -> str:
    """The rule of one cell in a few words of the reader's language."""
    values = cell.values
    if cell.kind == "min_term":
        sign = "≥" if values["comparison"] == "at_least" else ">"
        text = f"{sign} {values['months']} {i18n.text(lang, 'compare.months')}"
        if values["indeterminate"]:
            text += ", " + i18n.text(lang, "compare.indeterminate")
    elif cell.kind == "kinds":
        words = [
            i18n.text(lang, f"compare.kind.{k}") if i18n.has(f"compare.kind.{k}") else k.replace("_", " ")
            for k in values["kinds"]
        ]
        text = ", ".join(words)
    elif cell.kind == "labels":
        text = "; ".join(values["labels"])
    elif cell.kind == "as_in":
        text = i18n.text(lang, "compare.as_in", name=kb.short_name(values["instrument"], lang))
    else:
        text = i18n.text(lang, f"compare.{cell.kind}")
    for fact in cell.exceptions:
        if i18n.has(f"compare.exception.{fact}"):
            text += "; " + i18n.text(lang, f"compare.exception.{fact}")
    return text


def _cell(kb: KnowledgeBase, column: str, cell: Cell, lang: str) -> str:
    text = cell_text(kb, cell, lang)
    cites = cite_text(kb, column, cell.citations)
    return f"{text} — {cites}" if cites else text


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
                        "text": cell_text(kb, cell, comparison.lang),
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
            [
                row.id,
                row.category,
                row.label,
                *(_cell(kb, i, row.cells[i], comparison.lang) for i in comparison.instruments),
            ]
        )
    return out.getvalue()


def as_markdown(kb: KnowledgeBase, comparison: Comparison) -> str:
    head = ["", *(kb.short_name(i, comparison.lang) for i in comparison.instruments)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in comparison.rows:
        cells = [_cell(kb, i, row.cells[i], comparison.lang).replace("|", "\\|") for i in comparison.instruments]
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
            table.add_row(
                Text(row.label), *(Text(_cell(kb, i, row.cells[i], comparison.lang)) for i in comparison.instruments)
            )
    else:
        table = Table(show_lines=False, expand=True, show_header=False)
        table.add_column("instrument", ratio=1, overflow="fold")
        table.add_column("rule", ratio=4, overflow="fold")
        for row in comparison.rows:
            table.add_row(Text(row.label, style="bold"), "")
            for inst in comparison.instruments:
                table.add_row(
                    Text("  " + kb.short_name(inst, comparison.lang)),
                    Text(_cell(kb, inst, row.cells[inst], comparison.lang)),
                )
            table.add_section()
    return plain_text(table, width)


def as_html(kb: KnowledgeBase, comparison: Comparison, info=None) -> str:
    """The comparison page (render/html/comparison_page.py): self-contained, sticky header and first
    column, a legend, a CSS-only filter to the rows that differ, cards on a phone, quotes on hover and
    on click. `info` (a PageInfo) fixes the version, KB hash and date printed on it."""
    from traslado.render.html.comparison_page import render_comparison_page  # jinja2 only when asked

    return render_comparison_page(kb, comparison, info)
