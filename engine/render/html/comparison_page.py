"""The comparison as a page that reads like a chart: a header row and first column that stay in place,
a legend, a filter to the rows that differ (CSS only), rows that become cards on a phone, and every
cited paragraph's text on hover and on click. It lays out research.compare's Comparison; it decides
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from traslado.knowledge.citation import Citation
from traslado.knowledge.store import KnowledgeBase
from traslado.render.comparison import cell_text
from traslado.render.html import PageInfo, Text, environment, language_name, provision_texts, translator
from traslado.research.compare import Comparison

CATEGORY_ORDER = ("requirement", "consideration", "provision")


@dataclass(frozen=True)
class CitedText:
    """A cited paragraph in a cell: its label, and its text in the languages to read it in."""

    key: str  # instrument:eid, unique per paragraph
    label: str
    hover: str
    texts: list[Text]


@dataclass
class CellView:
    instrument: str
    text: str
    present: bool
    citations: list[CitedText]
    notes: list[str]


@dataclass
class RowView:
    id: str
    label: str
    differs: bool
    cells: list[CellView]


@dataclass
class Group:
    category: str
    rows: list[RowView] = field(default_factory=list)


def _cited(kb: KnowledgeBase, column: str, citation: Citation, lang: str) -> CitedText:
    texts = provision_texts(kb, citation.instrument, kb.quote(citation), lang)
    in_lang = [x for x in texts if x.lang == lang]
    label = citation.label if citation.instrument == column else kb.cite_label(citation, lang)
    hover = (in_lang or texts)[0].text if texts else ""
    return CitedText(f"{citation.instrument}:{citation.eid}", label, hover, texts)


def groups_of(kb: KnowledgeBase, comparison: Comparison) -> list[Group]:
    lang = comparison.lang
    groups = {category: Group(category) for category in CATEGORY_ORDER}
    for row in comparison.rows:
        cells = [
            CellView(
                inst,
                cell_text(kb, row.cells[inst], lang),
                row.cells[inst].present,
                [_cited(kb, inst, c, lang) for c in row.cells[inst].citations],
                list(row.cells[inst].notes),
            )
            for inst in comparison.instruments
        ]
        groups.setdefault(row.category, Group(row.category)).rows.append(RowView(row.id, row.label, row.differs, cells))
    return [g for g in groups.values() if g.rows]


def render_comparison_page(kb: KnowledgeBase, comparison: Comparison, info: PageInfo | None = None) -> str:
    lang = comparison.lang
    groups = groups_of(kb, comparison)
    rows = [r for g in groups for r in g.rows]
    template = environment().get_template("comparison.html.j2")
    return template.render(
        lang=lang,
        t=translator(lang),
        kb=kb,
        info=info or PageInfo.of(kb),
        comparison=comparison,
        columns=[kb.instrument(i) for i in comparison.instruments],
        groups=groups,
        row_count=len(rows),
        differing=sum(r.differs for r in rows),
        not_encoded=[kb.instrument(i) for i in comparison.not_encoded],
        language_name=lambda code: language_name(lang, code),
        short_name=lambda ident: kb.short_name(ident, lang),
        title_of=lambda inst: inst["title"].get(lang) or next(iter(inst["title"].values()), ""),
    )
