"""Whether an instrument binds the two states on the request date, each reason with its source, and
the declarations of either state: read from the model's atoms, worded for people."""

from __future__ import annotations

from typing import Any

from traslado.case import Case
from traslado.decide.results import Applicability, Declaration, Reason
from traslado.knowledge.citation import Citation
from traslado.knowledge.documents import documents_cited_in, party_list_documents, text_documents
from traslado.knowledge.store import KnowledgeBase


def applicability(
    kb: KnowledgeBase, case: Case, ident: str, binds: bool, unbound: list[tuple[str, str]], unknown: list[str]
) -> Applicability:
    """Whether the instrument binds the two states on the request date, each reason with its source."""
    inst = kb.instrument(ident)
    scope = _scope_citation(kb, inst)
    # Bound by both and yet kept out for this judgment (FD 2008/909 Art. 28(2)): it does not bind.
    binds = binds and not any(why == "transitional_declaration" for _, why in unbound)
    reasons = []
    for state, why in sorted(set(unbound)):
        if why == "not_concerned":
            reasons.append(
                Reason(
                    state,
                    why,
                    f"the law of {state}: the transfer is not to or from {state}",
                    inst["title"].get("en") or ident,
                    key="applicability.not_concerned",
                    params=(("state", state),),
                    documents=text_documents(kb, ident),
                    provision=scope,
                )
            )
        elif why == "no_treaty_in_force":
            reasons.append(
                Reason(
                    state,
                    why,
                    f"the law of {state}, applicable only when a transfer treaty is in force between the two "
                    "states, and none is",
                    _note_of(kb, inst),
                    key="applicability.no_treaty_in_force",
                    params=(("state", state),),
                    documents=text_documents(kb, ident),
                    provision=scope,
                )
            )
        elif why == "treaty_governs":
            reasons.append(
                Reason(
                    "",
                    why,
                    f"{kb.short_name(state)} ({state}) binds the two states: this statute applies only without one",
                    _note_of(kb, inst),
                    key="applicability.treaty_governs",
                    params=(("treaty", state),),
                    documents=text_documents(kb, ident),
                    provision=scope,
                )
            )
        elif why == "not_party_in_range":
            covered = inst["party_range"]
            named = inst["source_names"][state]
            reasons.append(
                Reason(
                    state,
                    "not_party",
                    f"{state} is not a party to {kb.short_name(ident)}: the list is complete through "
                    f"“{covered['through']}”, and “{named['name']}” sorts inside that range and is absent",
                    covered["source"] or "",
                    key="applicability.not_party_in_range",
                    params=(("state", state), ("name", named["name"]), ("through", covered["through"])),
                    documents=party_list_documents(kb, ident),
                    note=f"{covered['note'] or ''} {state} = “{named['name']}”: {named['source'] or ''}".strip(),
                )
            )
        elif why == "not_party":
            info = inst["non_parties"].get(state) or {}
            note = inst.get("party_list_note") or ""
            source = info.get("source") or f"the complete party list of {ident}: {note}"
            documents = (
                documents_cited_in(kb, info["source"]) if info.get("source") else party_list_documents(kb, ident)
            )
            reasons.append(
                Reason(
                    state,
                    "not_party",
                    f"{state} is not a party to {kb.short_name(ident)}",
                    source,
                    key="applicability.not_party",
                    params=(("state", state),),
                    documents=documents,
                    note=info.get("note") or ("" if info.get("source") else note),
                )
            )
        elif why == "transitional_declaration":  # FD 2008/909 Art. 28(2): engine/decide/supersession.py
            decl = next(d for d in inst["declarations"].values() if d["state"] == state)
            reasons.append(
                Reason(
                    state,
                    why,
                    f"{state}'s declaration under Art. 28(2) keeps the earlier instruments for this judgment",
                    decl["source"] or "",
                    key="applicability.transitional_declaration",
                    params=(("state", state),),
                    documents=documents_cited_in(kb, decl["source"]),
                    provision=kb.citation(ident, "26", "1"),
                    note=decl.get("note") or "",
                )
            )
        elif why == "no_longer_in_force":
            party = inst["parties"][state]
            reasons.append(
                Reason(
                    state,
                    why,
                    f"no longer in force for {state} from {party['until']}",
                    party["source"],
                    key="applicability.no_longer_in_force",
                    params=(("state", state), ("date", party["until"] or "")),
                    documents=documents_cited_in(kb, party["source"]),
                    note=party.get("note") or "",
                )
            )
        elif inst["kind"] == "DomesticLaw":
            text = f"the statute dates from {inst['signed']}, after the request date"
            reasons.append(
                Reason(
                    state,
                    "not_yet_in_force",
                    text,
                    _note_of(kb, inst),
                    key="applicability.statute_later",
                    params=(("date", inst["signed"] or ""),),
                    documents=text_documents(kb, ident),
                    provision=scope,
                )
            )
        else:
            party = inst["parties"][state]
            reasons.append(
                Reason(
                    state,
                    "not_yet_in_force",
                    f"in force for {state} only from {party['from']}, after the request date",
                    party["source"],
                    key="applicability.not_yet_in_force",
                    params=(("state", state), ("date", party["from"] or "")),
                    documents=documents_cited_in(kb, party["source"]),
                    note=party.get("note") or "",
                )
            )
    if binds and inst["kind"] == "DomesticLaw":
        state = inst["law_of"]
        text = f"the law of {state}, and the transfer is to or from {state}"
        key = "applicability.domestic_law"
        if inst["only_without_treaty"]:
            text += "; no treaty binds the two states"
            key = "applicability.domestic_law_without_treaty"
        reasons.append(
            Reason(
                state,
                "domestic_law",
                text,
                _note_of(kb, inst),
                key=key,
                params=(("state", state),),
                documents=text_documents(kb, ident),
                provision=scope,
            )
        )
        return Applicability("binds", reasons)
    if binds:
        for role in ("sentencing_state", "administering_state"):
            state = case.get(role)
            party = inst["parties"][state]
            if party["from"]:
                when = f"from {party['from']}"
                key, params = "applicability.party", (("state", state), ("date", party["from"]))
            else:
                when = f"by {party['by']} (start date not in the sources)"
                key, params = "applicability.party_by", (("state", state), ("date", party["by"] or ""))
            reasons.append(
                Reason(
                    state,
                    "party",
                    f"in force for {state} {when}",
                    party["source"],
                    key=key,
                    params=params,
                    documents=documents_cited_in(kb, party["source"]),
                    note=party.get("note") or "",
                )
            )
        if not inst["encoded"]:
            reasons.append(
                Reason(
                    "",
                    "not_encoded",
                    "its conditions are not encoded",
                    inst["encoding_note"] or "",
                    key="applicability.not_encoded",
                    documents=text_documents(kb, ident),
                    note=inst["encoding_note"] or "",
                )
            )
        return Applicability("binds", reasons)
    if reasons:
        return Applicability("does_not_bind", reasons)
    for state in sorted(set(unknown)):
        party = inst["parties"].get(state)
        if party and party.get("by"):
            text = f"in force for {state} by {party['by']}; whether it was on the request date is not in the sources"
            reasons.append(
                Reason(
                    state,
                    "unknown",
                    text,
                    party["source"],
                    key="applicability.unknown_party_by",
                    params=(("state", state), ("date", party["by"])),
                    documents=documents_cited_in(kb, party["source"]),
                    note=party.get("note") or "",
                )
            )
            continue
        note = inst.get("party_list_note") or "the party data is partial"
        reasons.append(
            Reason(
                state,
                "unknown",
                f"whether {state} is a party is not in the sources held",
                note,
                key="applicability.unknown_party",
                params=(("state", state),),
                documents=party_list_documents(kb, ident),
                note=inst.get("party_list_note") or "",
            )
        )
    if inst["kind"] == "DomesticLaw" and inst["only_without_treaty"] and not reasons:
        reasons.append(
            Reason(
                "",
                "unknown",
                "whether a treaty binds the two states is unknown, and this statute applies only where none does",
                _note_of(kb, inst),
                key="applicability.unknown_treaty",
                documents=text_documents(kb, ident),
                provision=scope,
            )
        )
    if not case.known("request_date"):
        reasons.append(
            Reason(
                "",
                "unknown",
                "no request date: entry into force cannot be checked",
                "request_date",
                key="applicability.no_request_date",
            )
        )
    for role in ("sentencing_state", "administering_state"):
        if not case.known(role):
            reasons.append(
                Reason(
                    "",
                    "unknown",
                    f"{role} is unknown",
                    role,
                    key="applicability.role_unknown",
                    params=(("role", role),),
                )
            )
    return Applicability("unknown", reasons)


def _scope_citation(kb: KnowledgeBase, inst: dict[str, Any]) -> Citation | None:
    """The provision that says which transfers a domestic law governs."""
    eid = inst.get("scope_provision")
    part = inst["parts"].get(eid) if eid else None
    return kb.citation(inst["id"], part["article"], part["paragraph"], part["item"]) if part else None


def _note_of(kb: KnowledgeBase, inst: dict[str, Any]) -> str:
    """The provision that says which transfers a domestic law governs, cited and quoted."""
    eid = inst.get("scope_provision")
    part = inst["parts"].get(eid) if eid else None
    if not part:
        return inst["title"].get("en") or inst["title"].get("es") or inst["id"]
    citation = kb.citation(inst["id"], part["article"], part["paragraph"], part["item"])
    lang = inst["authentic"][0]
    return f"{kb.cite_label(citation)}: “{part['text'].get(lang, '')}”"


def _declarations(kb: KnowledgeBase, ident: str, ids: list[str]) -> list[Declaration]:
    """Declarations by either of the two states, verbatim, with their source and the effect given them."""
    out = []
    for decl_id in sorted(set(ids)):
        decl = kb.instrument(ident)["declarations"][decl_id]
        out.append(
            Declaration(
                id=decl_id,
                state=decl["state"],
                concerns=kb.citation(ident, *_split_concerns(decl["concerns"])),
                effect=decl["effect"],
                text=decl["text"],
                source=decl["source"] or "",
                note=decl.get("note") or "",
            )
        )
    return out


def _split_concerns(concerns: str | None) -> tuple[str, str | None]:
    """'3(4)' -> ('3', '4'); '3' -> ('3', None)."""
    article, _, rest = (concerns or "").partition("(")
    return article, rest.rstrip(")") or None
