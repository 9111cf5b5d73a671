"""Renderers of a comparison: a rich terminal table, Markdown, CSV, JSON and a self-contained HTML page
with the quoted text of every cited paragraph on hover and on expansion (usable offline)."""

from __future__ import annotations

import csv
import html
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


_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.4em;vertical-align:top;text-align:left}
th{background:#eee}td.absent{color:#888;font-style:italic}details{margin-top:.3em}summary{cursor:pointer;color:#05a}
blockquote{margin:.3em 0 .3em .5em;padding-left:.5em;border-left:3px solid #ccc;font-size:.9em}
.lang{color:#666;font-size:.8em}
.note{font-style:italic;color:#333}
"""


def as_html(kb: KnowledgeBase, comparison: Comparison) -> str:
    lang = comparison.lang

    def quote_block(citation) -> str:
        texts = kb.quote(citation)
        authentic = kb.instrument(citation.instrument)["authentic"]
        order = [lang] + [a for a in authentic if a != lang]
        parts = []
        for code in order:
            if code in texts:
                tag = i18n.text(lang, "quote.authentic" if code in authentic else "quote.translation")
                parts.append(
                    f'<blockquote>{html.escape(texts[code])} <span class="lang">[{code}, {tag}]</span></blockquote>'
                )
        return "".join(parts)

    def cell_html(column: str, cell) -> str:
        text = cell_text(kb, cell, lang)
        if not cell.present:
            return f'<td class="absent">{html.escape(text)}</td>'
        details = []
        for c in cell.citations:
            label = kb.cite_label(c, lang)
            hover = html.escape(next(iter(kb.quote(c).values()), ""), quote=True)
            details.append(
                f'<details><summary title="{hover}">{html.escape(label)}</summary>{quote_block(c)}</details>'
            )
        notes = "".join(f'<p class="note">{html.escape(n)}</p>' for n in cell.notes)
        if notes:
            details.append(f"<details><summary>{i18n.text(lang, 'compare.reading')}</summary>{notes}</details>")
        return f"<td>{html.escape(text)}{''.join(details)}</td>"

    head = "".join(f"<th>{html.escape(kb.short_name(i, lang))}</th>" for i in comparison.instruments)
    body = "".join(
        f"<tr><th>{html.escape(row.label)}</th>"
        + "".join(cell_html(i, row.cells[i]) for i in comparison.instruments)
        + "</tr>"
        for row in comparison.rows
    )
    title = i18n.text(lang, "compare.title")
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_STYLE}</style></head><body><h1>{title}</h1>"
        f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table></body></html>\n"
    )
