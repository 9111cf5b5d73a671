"""Side-by-side comparison of instruments, generated from the rule base (traslado.knowledge.rulebase): rows are
requirement kinds and provision topics, columns instruments, each cell the rule in a few words with
its citations. Nothing here is written by hand per instrument: change a rule and the cell changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from traslado.knowledge.citation import Citation
from traslado.knowledge.rulebase import RuleBase, load_rulebase
from traslado.knowledge.store import KnowledgeBase

WORDS = {
    "en": {
        "not_required": "not required",
        "not_provided": "not provided",
        "required": "required",
        "months": "months",
        "indeterminate": "or indeterminate",
        "considered": "weighed by the authorities",
        "as_in": "as in {name}, where compatible",
        "not_encoded": "not encoded: the KB lacks the text of its conditions",
    },
    "es": {
        "not_required": "no exigido",
        "not_provided": "no previsto",
        "required": "exigido",
        "months": "meses",
        "indeterminate": "o indeterminada",
        "considered": "lo ponderan las autoridades",
        "as_in": "como en {name}, en lo compatible",
        "not_encoded": "no codificado: la base no tiene el texto de sus condiciones",
    },
}

# How an exception reads in a cell, by the fact that establishes it.
EXCEPTIONS = {
    "en": {
        "exceptional_agreement": "less by agreement",
        "financial.insolvency_proven": "unless insolvency is proven",
        "financial.obligations_prescribed": "or time-barred",
        "representative_consented": "or the legal representative's, for a minor or incapable person",
    },
    "es": {
        "exceptional_agreement": "menos por acuerdo",
        "financial.insolvency_proven": "salvo insolvencia acreditada",
        "financial.obligations_prescribed": "o prescritas",
        "representative_consented": "o la del representante legal, si es menor o incapaz",
    },
}

SENTENCE_KIND_WORDS = {
    "en": {"imprisonment": "imprisonment", "security_measure": "security measures", "supervision": "supervision"},
    "es": {"imprisonment": "prisión", "security_measure": "medidas de seguridad", "supervision": "vigilancia"},
}


@dataclass
class Cell:
    text: str
    citations: list[Citation] = field(default_factory=list)
    present: bool = True
    notes: list[str] = field(default_factory=list)  # the KB's readings of the provisions cited


@dataclass
class Row:
    id: str
    category: str  # requirement | provision | consideration
    label: str
    cells: dict[str, Cell]

    @property
    def differs(self) -> bool:
        return len({c.text for c in self.cells.values()}) > 1


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
    words = WORDS[lang]
    rules = rb.of(inst, "requirement", kind)
    if not rules:
        return Cell(words["not_required"], present=False)
    rule = rules[0]
    if kind == "remaining_term" and inst in rb.min_term:
        months, mode = rb.min_term[inst]
        text = f"{'≥' if mode == 'at_least' else '>'} {months} {words['months']}"
        if not rb.of(inst, "requirement", "determinate_sentence"):  # else indeterminate is out of scope
            text += f", {words['indeterminate']}"
    elif kind == "sentence_kind" and inst in rb.covers:
        names = SENTENCE_KIND_WORDS[lang]
        text = ", ".join(names.get(k, k) for k in rb.covers[inst])
    else:
        text = words["required"]
    for fact, _ in rule.exceptions:
        phrase = EXCEPTIONS[lang].get(fact)
        if phrase:
            text += f"; {phrase}"
    return Cell(text, _dedupe([rule.citation, *rule.also, *(c for _, c in rule.exceptions)]))


def _provision_cell(kb: KnowledgeBase, rb: RuleBase, inst: str, topic: str, lang: str) -> Cell:
    rules = rb.of(inst, "provision", topic)
    if not rules and inst in rb.provisions_of:
        base, because = rb.provisions_of[inst]
        inherited = rb.of(base, "provision", topic)
        if inherited:  # the protocol is silent: its convention's provisions apply where compatible
            text = WORDS[lang]["as_in"].format(name=kb.short_name(base, lang))
            return Cell(text, _dedupe([because, *(r.citation for r in inherited)]))
    if not rules:
        return Cell(WORDS[lang]["not_provided"], present=False)
    labels = list(dict.fromkeys(kb.concept_label(r.value, lang) for r in rules))
    notes = [r.note for r in rules if r.note]
    return Cell("; ".join(labels), _dedupe([r.citation for r in rules]), notes=notes)


def _consideration_cell(kb: KnowledgeBase, rb: RuleBase, inst: str, ident: str, lang: str) -> Cell:
    rules = rb.of(inst, "consideration", ident)
    if not rules:
        return Cell(WORDS[lang]["not_provided"], present=False)
    return Cell(WORDS[lang]["considered"], _dedupe([r.citation for r in rules]))


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
            else Cell(WORDS[lang]["not_encoded"], present=False)  # silence is not "not required"
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
