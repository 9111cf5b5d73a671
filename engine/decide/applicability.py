"""Whether an instrument binds the two states on the request date, each reason with its source, and
the declarations of either state: read from the model's atoms, worded for people."""

from __future__ import annotations

from typing import Any

from traslado.case import Case
from traslado.decide.results import Applicability, Declaration, Reason
from traslado.knowledge.asp_facts import first_binding_day
from traslado.knowledge.citation import Citation
from traslado.knowledge.documents import document, documents_cited_in, party_list_documents, text_documents
from traslado.knowledge.store import KnowledgeBase


def applicability(
    kb: KnowledgeBase,
    case: Case,
    ident: str,
    binds: bool,
    unbound: list[tuple[str, str]],
    unknown: list[str],
    lapsed: dict[str, str] | None = None,
) -> Applicability:
    """Whether the instrument binds the two states on the request date, each reason with its source.
    lapsed: the states whose dated non-party conclusion no longer holds on the request date (named: a
    source names them; in_range: absent from a partial list's covered range), by kind."""
    lapsed = lapsed or {}
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
        if state in lapsed:
            reasons.append(_lapsed_reason(kb, inst, state, lapsed[state]))
            continue
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
        if party:
            # Listed as a party (e.g. a deposit date only), but no source gives the date it is bound from.
            reasons.append(
                Reason(
                    state,
                    "unknown",
                    f"a source lists {state} as a party, without the date from which it is bound",
                    party["source"],
                    key="applicability.listed_party_undated",
                    params=(("state", state),),
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


def _lapsed_reason(kb: KnowledgeBase, inst: dict[str, Any], state: str, kind: str) -> Reason:
    """A state a dated source shows not a party, for a request made once a later deposit could bind it:
    unknown, naming the date the source is known for, the first day it could be bound, and the chart
    that would settle it (tr:partyChart)."""
    ident = inst["id"]
    if kind == "named":
        info = inst["non_parties"][state]
        as_of, months = info["as_of"], inst["accession"]["months"]
        documents = documents_cited_in(kb, info["source"]) if info.get("source") else ()
        source, note = info.get("source") or "", info.get("as_of_note") or info.get("note") or ""
    else:
        covered = inst["party_range"]
        as_of, months = covered["as_of"], inst["accession"]["months"]
        documents = party_list_documents(kb, ident)
        source, note = covered.get("source") or "", covered.get("as_of_note") or ""
    first = first_binding_day(as_of, months).isoformat()
    chart = document(kb, inst["party_chart"]) if inst.get("party_chart") else None
    settle = chart.title("en") if chart else "a party list of a later date"
    if chart:  # cited beside the source: the document that would settle it, with its address
        documents = (*documents, chart)
    eid = (inst.get("accession") or {}).get("provision")
    part = inst["parts"].get(eid) if eid else None
    label = kb.citation(ident, part["article"], part["paragraph"], part["item"]).label if part else ""
    rule = f" ({label})" if label else ""
    return Reason(
        state,
        "unknown",
        f"{state} was not a party on {as_of} but could be bound from {first}{rule}; to settle it: {settle}",
        source,
        key="applicability.non_party_lapsed" if label else "applicability.non_party_lapsed_no_rule",
        params=(
            ("state", state),
            ("as_of", as_of),
            ("from", first),
            ("rule", label),
            ("chart", chart.id if chart else ""),
        ),
        documents=documents,
        note=note,
    )


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
