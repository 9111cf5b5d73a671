"""Coverage: every article of every instrument is either encoded (a rule, provision, consideration or
effect cites it or one of its paragraphs), non-operative (preamble, signatures), or marked with the
reason it is not encoded (tr:notEncodedReason). Anything else is a gap, and `traslado coverage` says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from traslado.knowledge import integrity
from traslado.knowledge.store import KnowledgeBase


@dataclass(frozen=True)
class ArticleCoverage:
    instrument: str
    eid: str
    label: str
    status: str  # encoded | not_operative | not_encoded | gap
    detail: str  # why not encoded; for an encoded article held in part, what is not held


def coverage(kb: KnowledgeBase) -> list[ArticleCoverage]:
    cited: dict[str, set[str]] = {}
    for term in integrity.cited_terms(kb):
        cited.setdefault(term.citation.instrument, set()).add(term.citation.article)
    out = []
    for ident, inst in kb.instruments.items():
        for eid, part in inst["parts"].items():
            if part["paragraph"] or part["item"]:
                continue  # articles, preamble and conclusions only
            label = kb.cite_label(kb.citation(ident, part["article"])) if part["article"] else eid
            reason = part.get("not_encoded_reason")
            if not part["operative"]:
                status, detail = "not_operative", "preamble or signatures"
            elif part["article"] in cited.get(ident, set()):
                status, detail = "encoded", reason or ""  # a reason here says which paragraphs are not held
            elif not inst["encoded"]:
                status, detail = "not_encoded", inst["encoding_note"] or "the sources lack its conditions"
            elif reason:
                status, detail = "not_encoded", reason
            else:
                status, detail = "gap", "no rule or provision cites it and no reason is recorded"
            out.append(ArticleCoverage(ident, eid, label, status, detail))
    return out
