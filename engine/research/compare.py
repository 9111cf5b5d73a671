"""Side-by-side comparison of instruments, generated from the rule base (traslado.knowledge.rulebase): rows are
requirement kinds and provision topics, columns instruments, each cell the rule in a few words with
its citations. Nothing here is written by hand per instrument: change a rule and the cell changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from traslado.knowledge.citation import Citation
from traslado.knowledge.rulebase import RuleBase, load_rulebase
from traslado.knowledge.store import KnowledgeBase


@dataclass
class Cell:
    """What one instrument says on one row, as data: the renderer words it in the reader's language
    (traslado.render.comparison), so this module holds no interface words.

    kind: not_encoded | not_required | not_provided | required | considered | min_term (values: months, comparison,
    indeterminate) | kinds (values: kinds) | labels (values: labels, from the KB in the asked
    language) | as_in (values: instrument); exceptions: the facts that establish each exception."""

    kind: str
    citations: list[Citation] = field(default_factory=list)
    present: bool = True
    notes: list[str] = field(default_factory=list)  # the KB's readings of the provisions cited
    values: dict[str, Any] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)

    @property
    def signature(self) -> tuple:
        """Equal for two cells that say the same thing."""
        return (self.kind, repr(sorted(self.values.items())), tuple(self.exceptions))


@dataclass
class Row:
    id: str
    category: str  # requirement | provision | consideration
    label: str
    cells: dict[str, Cell]

    @property
    def differs(self) -> bool:
        return len({c.signature for c in self.cells.values()}) > 1


@dataclass
class Comparison:
    instruments: list[str]
    rows: list[Row]
    lang: str
    # Instruments in the KB whose rules are not encoded (too little of their text is held): a reader
    # must be told they exist, since no cell can say what they require.
    not_encoded: list[str] = field(default_factory=list)


def _dedupe(citations: list[Citation]) -> list[Citation]:
    return list(dict.fromkeys(citations))


def cite_text(kb: KnowledgeBase, column: str, citations: list[Citation]) -> str:
    """'Art. 3(1)(c), 3(2)': the first label in full, the rest without the repeated prefix; another
    instrument's provisions carry its short name once ('CETS 112 Art. 7(1), 7(2)')."""
    out, prefix = [], None
    for c in citations:
        own = c.instrument == column
        label = c.label if own else kb.cite_label(c)
        lead = c.prefix if own else f"{kb.short_name(c.instrument)} {c.prefix}"
        if prefix == lead and label.startswith(lead + " "):
            label = label[len(lead) + 1 :]
        prefix = lead
        out.append(label)
    return ", ".join(out)


def _requirement_cell(kb: KnowledgeBase, rb: RuleBase, inst: str, kind: str, lang: str) -> Cell:
    rules = rb.of(inst, "requirement", kind)
    if not rules:
        return Cell("not_required", present=False)
    rule = rules[0]
    citations = _dedupe([rule.citation, *rule.also, *(c for _, c in rule.exceptions)])
    exceptions = [fact for fact, _ in rule.exceptions]
    if kind == "remaining_term" and inst in rb.min_term:
        months, mode = rb.min_term[inst]
        # An indeterminate sentence qualifies unless another requirement puts it out of scope.
        indeterminate = not rb.of(inst, "requirement", "determinate_sentence")
        values = {"months": months, "comparison": mode, "indeterminate": indeterminate}
        return Cell("min_term", citations, values=values, exceptions=exceptions)
    if kind == "sentence_kind" and inst in rb.covers:
        return Cell("kinds", citations, values={"kinds": list(rb.covers[inst])}, exceptions=exceptions)
    return Cell("required", citations, exceptions=exceptions)


def _provision_cell(kb: KnowledgeBase, rb: RuleBase, inst: str, topic: str, lang: str) -> Cell:
    rules = rb.of(inst, "provision", topic)
    if not rules and inst in rb.provisions_of:
        base, because = rb.provisions_of[inst]
        inherited = rb.of(base, "provision", topic)
        if inherited:  # the protocol is silent: its convention's provisions apply where compatible
            return Cell("as_in", _dedupe([because, *(r.citation for r in inherited)]), values={"instrument": base})
    if not rules:
        return Cell("not_provided", present=False)
    labels = list(dict.fromkeys(kb.concept_label(r.value, lang) for r in rules))
    notes = [r.note for r in rules if r.note]
    return Cell("labels", _dedupe([r.citation for r in rules]), notes=notes, values={"labels": labels})


def _consideration_cell(kb: KnowledgeBase, rb: RuleBase, inst: str, ident: str, lang: str) -> Cell:
    rules = rb.of(inst, "consideration", ident)
    if not rules:
        return Cell("not_provided", present=False)
    return Cell("considered", _dedupe([r.citation for r in rules]))


def compare(
    kb: KnowledgeBase,
    instruments: list[str] | None = None,
    topics: list[str] | None = None,
    only_differences: bool = False,
    lang: str = "en",
) -> Comparison:
    rb = load_rulebase(kb)
    columns = instruments or [i for i, inst in kb.instruments.items() if inst["encoded"]]
    rows: list[Row] = []
    seen: set[tuple[str, str]] = set()
    for rule in rb.rules:  # in treaty order, so rows come in the order the texts raise them
        key = (rule.category, rule.kind)
        if key in seen or rule.category == "effect":
            continue
        seen.add(key)
        if topics and rule.kind not in topics:
            continue
        make = {"requirement": _requirement_cell, "provision": _provision_cell, "consideration": _consideration_cell}
        cells = {
            inst: make[rule.category](kb, rb, inst, rule.kind, lang)
            if kb.instrument(inst)["encoded"]
            else Cell("not_encoded", present=False)  # silence is not the same as no requirement
            for inst in columns
        }
        if not any(c.present for c in cells.values()):
            continue
        rows.append(Row(rule.kind, rule.category, kb.concept_label(rule.kind, lang), cells))
    order = {"requirement": 0, "consideration": 1, "provision": 2}
    rows.sort(key=lambda r: order[r.category])
    if only_differences:
        rows = [r for r in rows if r.differs]
    not_encoded = [i for i, inst in kb.instruments.items() if not inst["encoded"]]
    return Comparison(columns, rows, lang, not_encoded)
