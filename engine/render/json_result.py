"""The JSON result contract of DESIGN.md, extended (never broken) with cited extras."""

from __future__ import annotations

from typing import Any

from traslado.decide.results import (
    Applicability,
    CaseResult,
    Deadline,
    InstrumentResult,
    MissingText,
    Note,
    RequirementResult,
)
from traslado.knowledge.store import KnowledgeBase


def requirement_json(req: RequirementResult) -> dict[str, Any]:
    return {
        "id": req.id,
        "status": req.status,
        "citation": req.citation.to_json(),
        "label": req.label,
        "quote": req.quote,
        "facts": req.facts,
        # extensions
        "also_cited": [c.to_json() for c in req.also_cited],
        "exceptions": [
            {"condition": e.condition, "applied": e.applied, "citation": e.citation.to_json()} for e in req.exceptions
        ],
        "missing_facts": req.missing,
        **({"counted_from": req.counted_from} if req.counted_from else {}),
        "missing_texts": [missing_text_json(t) for t in req.missing_texts],
    }


def missing_text_json(text: MissingText) -> dict[str, Any]:
    """A text a source says exists and the KB lacks, which could change the requirement."""
    return {
        "kind": text.kind,
        "instrument": text.instrument,
        "state": text.state,
        "concerns": text.concerns.to_json() if text.concerns else None,
        "source": text.source,
        # A declaration held only in part: its id and which part is not held (null otherwise).
        "held_in_part": None
        if text.held_in_part is None
        else {"declaration": text.held_in_part, "not_held": text.not_held},
    }


def applicability_json(app: Applicability) -> dict[str, Any]:
    return {
        "status": app.status,
        "reasons": [
            {
                "state": r.state or None,
                "kind": r.kind,
                "text": r.text,
                "source": r.source,
                # extensions: the source as citations, the provision it rests on, the KB's note on it
                "documents": [d.to_json() for d in r.documents],
                "provision": r.provision.to_json() if r.provision else None,
                "note": r.note or None,
            }
            for r in app.reasons
        ],
    }


def note_json(note: Note) -> dict[str, Any]:
    return {"id": note.id, "citation": note.citation.to_json(), "label": note.label, "quote": note.quote}


def instrument_json(result: InstrumentResult, kb: KnowledgeBase | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "instrument": result.instrument,
        "decision": result.decision,
        "requirements": [requirement_json(r) for r in result.requirements],
        "considerations": [note_json(n) for n in result.considerations],
        # extensions
        "effects": [note_json(n) for n in result.effects],
        "failed": [r.citation.to_json() for r in result.with_status("failed")],
        "missing_facts": result.missing_facts,
        "missing_texts": [missing_text_json(t) for t in result.missing_texts],
        "conditional": result.conditional,
        "conditional_reason": result.conditional_reason,
        "applicability": applicability_json(result.applicability),
        "declarations": [
            {
                "id": d.id,
                "state": d.state,
                "concerns": d.concerns.to_json(),
                "effect": d.effect,
                "text": d.text,
                "source": d.source,
                "note": d.note or None,
            }
            for d in result.declarations
        ],
    }
    out["latest_request_date"] = deadline_json(result.latest_request_date)
    if kb is not None and result.instrument in kb.instruments:
        out["authentic_languages"] = kb.instrument(result.instrument)["authentic"]
    return out


def deadline_json(deadline: Deadline | None) -> dict[str, Any] | None:
    if deadline is None:
        return None
    return {
        "date": deadline.latest.isoformat(),
        "counts_from": deadline.counts_from,
        "citation": deadline.citation.to_json(),
        "months": deadline.months,
        "comparison": deadline.comparison,
        "end_date": deadline.end_date.isoformat(),
        "exceptions": [c.to_json() for c in deadline.exceptions],
        "passed": deadline.passed,
    }


def case_json(
    result: CaseResult, kb: KnowledgeBase | None = None, receipt: dict[str, Any] | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {"case": result.case, "results": [instrument_json(r, kb) for r in result.results]}
    out["hypothetical"] = hypothetical_json(result.hypothetical)
    if receipt is not None:
        out["receipt"] = receipt  # what the answer rested on (traslado.decide.receipt)
    return out


def hypothetical_json(hypothetical: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """--set: the answer is about changed facts, and says which, with the file's values (null otherwise)."""
    if not hypothetical:
        return None
    return {"changed": [{"fact": path, **change} for path, change in hypothetical.items()]}
