"""Why an instrument binds or does not bind, in the reader's language, and its sources as citations.

Reasons that say the same thing about several states on the same source are said once ("MX and PE
are not parties"), and each source is cited once: document, date, address. The KB's own sentences
about a source and its working notes (trust, how a list was judged complete) are for --verbose.
"""

from __future__ import annotations

from dataclasses import dataclass

from traslado.decide.results import Applicability, Reason
from traslado.knowledge.citation import Citation
from traslado.knowledge.documents import Document, document
from traslado.knowledge.store import KnowledgeBase
from traslado.render import i18n


@dataclass
class ReasonGroup:
    """One statement about one or more states, on one set of sources."""

    text: str
    documents: tuple[Document, ...]
    provision: Citation | None
    reasons: list[Reason]


def join_states(states: list[str], lang: str) -> str:
    if len(states) <= 1:
        return "".join(states)
    return ", ".join(states[:-1]) + i18n.text(lang, "words.and") + states[-1]


def reason_text(kb: KnowledgeBase, reason: Reason, lang: str, states: list[str] | None = None) -> str:
    """The reason in the reader's language (the engine's English text where it has no catalogue key)."""
    if not reason.key or not i18n.has(reason.key):
        return reason.text
    values = dict(reason.params)
    key = reason.key
    if states and len(states) > 1:
        values["state"] = join_states(states, lang)
        if i18n.has(key + "_many"):
            key += "_many"
    if "treaty" in values:
        values["treaty"] = kb.short_name(values["treaty"], lang)
    if "chart" in values:  # the document that would settle it (tr:partyChart; cited among the sources)
        chart = document(kb, values["chart"]) if values["chart"] else None
        values["chart"] = chart.title(lang) if chart else i18n.text(lang, "applicability.later_list")
    if "role" in values:
        values["role"] = i18n.text(lang, f"role.{values['role']}")
    return i18n.text(lang, key, **values)


def grouped(kb: KnowledgeBase, app: Applicability, lang: str) -> list[ReasonGroup]:
    """The reasons, those differing only in their state merged; in the engine's order."""
    groups: dict[tuple, list[Reason]] = {}
    for reason in app.reasons:
        params = tuple(p for p in reason.params if p[0] != "state")
        key = (reason.key or reason.text, params, reason.documents, reason.provision)
        groups.setdefault(key, []).append(reason)
    out = []
    for members in groups.values():
        states = [r.state for r in members if r.state]
        first = members[0]
        out.append(ReasonGroup(reason_text(kb, first, lang, states), first.documents, first.provision, members))
    return out


def document_citation(doc: Document, lang: str) -> str:
    """'Title, date, address': the date as the source gives it, or says it gives none."""
    date = doc.date or i18n.text(lang, "source.undated")
    if doc.date and doc.date_kind:
        date = i18n.text(lang, f"source.date.{doc.date_kind}", date=doc.date)
    parts = [doc.title(lang), date]
    if doc.address:
        parts.append(doc.address)
    return ", ".join(parts)


def source_citations(kb: KnowledgeBase, documents, provision: Citation | None, lang: str) -> list[str]:
    """Each source once: the provision of the KB a reason rests on, then the documents."""
    out = [document_citation(doc, lang) for doc in dict.fromkeys(documents)]
    if provision:  # the provision, in the document that holds it
        label = kb.cite_label(provision, lang)
        out = [f"{label}, {out[0]}", *out[1:]] if out else [label]
    return out


def all_sources(kb: KnowledgeBase, groups: list[ReasonGroup], lang: str) -> list[str]:
    """Every source of the groups, once."""
    return list(dict.fromkeys(s for g in groups for s in source_citations(kb, g.documents, g.provision, lang)))
