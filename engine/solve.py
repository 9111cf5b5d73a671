"""Decide a case: case facts -> clingo atoms (through the API), ground with the KB rules, read back.

Case strings never become program text: every fact is a clingo Symbol added through the backend,
so a case cannot inject rules or scripts whatever its strings hold.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from engine.case import Case
from engine.case_schema import BY_PATH
from engine.citation import Citation
from engine.facts import case_symbols
from engine.kb import KnowledgeBase, load_kb
from engine.results import (
    Applicability,
    CaseResult,
    Declaration,
    Exception_,
    InstrumentResult,
    Note,
    Reason,
    RequirementResult,
)
from engine.solver import solve_case


class UnknownInstrument(ValueError):
    pass


def _text(symbol: Any) -> Any:
    from clingo import SymbolType

    if symbol.type == SymbolType.String:
        return symbol.string
    if symbol.type == SymbolType.Number:
        return symbol.number
    return symbol.name


def _citation(kb: KnowledgeBase, instrument: str, term: Any) -> Citation:
    """cite(Article, Paragraph, Item) of the instrument itself, or cite(Instrument, Article, Paragraph, Item)."""
    parts = [_text(a) for a in term.arguments]
    if len(parts) == 4:
        instrument, parts = parts[0], parts[1:]
    article, paragraph, item = parts
    return kb.citation(
        instrument, article, None if paragraph == "none" else paragraph, None if item == "none" else item
    )


# Reading a clingo symbol costs several calls through cffi; the atoms a model can show are a finite set
# (the ground program's), so each is read once per process.
_PARSED: dict[Any, tuple[str, tuple[Any, ...]]] = {}


def _parse(atom: Any) -> tuple[str, tuple[Any, ...]]:
    """(name, arguments as Python values); cite(...) terms stay symbols for the citation reader."""
    found = _PARSED.get(atom)
    if found is None:
        args = tuple(_argument(a) for a in atom.arguments)
        found = _PARSED[atom] = (atom.name, args)
    return found


def _argument(symbol: Any) -> Any:
    from clingo import SymbolType

    if symbol.type == SymbolType.Function and symbol.arguments:
        return symbol  # a cite(...) term
    return _text(symbol)


def _citation_reader(kb: KnowledgeBase) -> Any:
    """_citation, memoised per knowledge base."""
    memo: dict[tuple[str, Any], Citation] = kb.cache.setdefault("citations_read", {})

    def read(instrument: str, term: Any) -> Citation:
        key = (instrument, term)
        if key not in memo:
            memo[key] = _citation(kb, instrument, term)
        return memo[key]

    return read


def evaluate(
    case: Case, instruments: list[str] | None = None, kb: KnowledgeBase | None = None, lang: str = "en"
) -> CaseResult:
    """Evaluate the case under the given instruments (all in the KB by default)."""
    kb = kb or load_kb()
    chosen = list(instruments) if instruments else list(kb.instruments)
    unknown = [i for i in chosen if i not in kb.instruments]
    if unknown:
        raise UnknownInstrument(f"unknown instrument {', '.join(unknown)}: expected one of {', '.join(kb.instruments)}")
    atoms = solve_case(kb, case_symbols(case, kb), chosen, forced=bool(instruments))
    return CaseResult(case=case.id, results=[r for r in read_results(kb, case, atoms, lang) if r.instrument in chosen])


def read_results(kb: KnowledgeBase, case: Case, atoms: list[Any], lang: str) -> list[InstrumentResult]:
    """Build typed results from the model: nothing is re-derived in Python."""
    decisions: dict[str, str] = {}
    status: dict[tuple[str, str], str] = {}
    primary: dict[tuple[str, str], Citation] = {}
    also: dict[tuple[str, str], list[Citation]] = defaultdict(list)
    looked: dict[tuple[str, str], list[str]] = defaultdict(list)
    missing: dict[tuple[str, str], list[str]] = defaultdict(list)
    exceptions: dict[tuple[str, str], list[Exception_]] = defaultdict(list)
    notes: dict[str, dict[str, list[Note]]] = defaultdict(lambda: {"considered": [], "effective": []})
    binds: set[str] = set()
    unbound: dict[str, list[tuple[str, str]]] = defaultdict(list)
    party_unknown: dict[str, list[str]] = defaultdict(list)
    declared: dict[str, list[str]] = defaultdict(list)

    cite = _citation_reader(kb)
    for atom in atoms:
        name, args = _parse(atom)
        inst = args[0] if args else None
        if name == "decision":
            decisions[inst] = args[1]
        elif name in ("met", "failed", "unknown", "not_applicable"):
            status[(inst, args[1])] = name
        elif name == "requirement":
            primary[(inst, args[1])] = cite(inst, args[2])
        elif name == "also_cites":
            also[(inst, args[1])].append(cite(inst, args[2]))
        elif name == "looked_at":
            looked[(inst, args[1])].append(args[2])
        elif name == "missing":
            missing[(inst, args[1])].append(args[2])
        elif name == "met_by_exception":
            exceptions[(inst, args[1])].append(Exception_(args[2], cite(inst, args[3]), True))
        elif name == "unless":
            exceptions[(inst, args[1])].append(Exception_(args[2], cite(inst, args[3]), False))
        elif name == "binds":
            binds.add(inst)
        elif name == "not_bound":
            unbound[inst].append((args[1], args[2]))
        elif name == "party_unknown":
            party_unknown[inst].append(args[1])
        elif name == "treaty_governs":
            unbound[inst].append((args[1], "treaty_governs"))
        elif name == "declared":
            declared[inst].append(args[1])
        elif name in ("considered", "effective"):
            citation = cite(inst, args[2])
            ident = args[1]
            notes[inst][name].append(Note(ident, citation, kb.concept_label(ident, lang), kb.quote(citation)))

    results = []
    for inst in sorted(decisions):
        if decisions[inst] == "not_applicable":
            # An instrument that does not bind the two states says nothing about the case.
            results.append(
                InstrumentResult(
                    instrument=inst,
                    decision="not_applicable",
                    requirements=[],
                    applicability=applicability(kb, case, inst, inst in binds, unbound[inst], party_unknown[inst]),
                    declarations=_declarations(kb, inst, declared[inst]),
                )
            )
            continue
        reqs = []
        for (i, req), citation in sorted(primary.items(), key=lambda kv: _order(kb, kv[1])):
            if i != inst or (i, req) not in status:
                continue
            reqs.append(
                RequirementResult(
                    id=req,
                    status=status[(i, req)],
                    citation=citation,
                    label=kb.concept_label(req, lang),
                    quote=kb.quote(citation),
                    facts=_facts(case, req, looked[(i, req)], sorted(binds - {inst})),
                    also_cited=sorted(also.get((i, req), []), key=lambda c: _order(kb, c)),
                    exceptions=exceptions[(i, req)],
                    missing=_ordered_paths(missing[(i, req)]),
                )
            )
        results.append(
            InstrumentResult(
                instrument=inst,
                decision=decisions[inst],
                requirements=reqs,
                considerations=sorted(notes[inst]["considered"], key=lambda n: _order(kb, n.citation)),
                effects=sorted(notes[inst]["effective"], key=lambda n: _order(kb, n.citation)),
                applicability=applicability(kb, case, inst, inst in binds, unbound[inst], party_unknown[inst]),
                declarations=_declarations(kb, inst, declared[inst]),
            )
        )
    return results


def _order(kb: KnowledgeBase, citation: Citation) -> int:
    part = kb.part(citation)
    return part["order"] if part else 10**9


_PATH_ORDER = {path: n for n, path in enumerate(BY_PATH)}


def _ordered_paths(paths: list[str]) -> list[str]:
    return sorted(set(paths), key=lambda p: _PATH_ORDER.get(p, 10**6))


def _facts(case: Case, requirement: str, paths: list[str], binding: list[str]) -> dict[str, Any]:
    """The case facts a requirement looked at (None where unknown), the time left if counted, and
    the instruments binding the two states where the requirement is that a treaty binds them."""
    facts = {p: _fact_value(case, p) for p in _ordered_paths(paths)}
    if requirement == "treaty_in_force":
        facts["binding_instruments"] = binding
    if requirement == "remaining_term" and case.remaining is not None:
        facts["remaining"] = case.remaining.describe()
    return facts


def _fact_value(case: Case, path: str) -> Any:
    value = case.get(path)
    return value.isoformat() if hasattr(value, "isoformat") else value


def applicability(
    kb: KnowledgeBase, case: Case, ident: str, binds: bool, unbound: list[tuple[str, str]], unknown: list[str]
) -> Applicability:
    """Whether the instrument binds the two states on the request date, each reason with its source."""
    inst = kb.instrument(ident)
    reasons = []
    for state, why in sorted(set(unbound)):
        if why == "not_concerned":
            reasons.append(
                Reason(
                    state,
                    why,
                    f"the law of {state}: the transfer is not to or from {state}",
                    inst["title"].get("en") or ident,
                )
            )
        elif why == "treaty_governs":
            reasons.append(
                Reason(
                    "",
                    why,
                    f"{kb.short_name(state)} ({state}) binds the two states: this statute applies only without one",
                    _note_of(kb, inst),
                )
            )
        elif why == "not_party":
            info = inst["non_parties"].get(state) or {}
            source = info.get("source") or f"the complete party list of {ident}: {inst.get('party_list_note') or ''}"
            reasons.append(Reason(state, "not_party", f"{state} is not a party to {kb.short_name(ident)}", source))
        elif inst["kind"] == "DomesticLaw":
            text = f"the statute dates from {inst['signed']}, after the request date"
            reasons.append(Reason(state, "not_yet_in_force", text, _note_of(kb, inst)))
        else:
            party = inst["parties"][state]
            reasons.append(
                Reason(
                    state,
                    "not_yet_in_force",
                    f"in force for {state} only from {party['from']}, after the request date",
                    party["source"],
                )
            )
    if binds and inst["kind"] == "DomesticLaw":
        state = inst["law_of"]
        text = f"the law of {state}, and the transfer is to or from {state}"
        if inst["only_without_treaty"]:
            text += "; no treaty binds the two states"
        reasons.append(Reason(state, "domestic_law", text, _note_of(kb, inst)))
        return Applicability("binds", reasons)
    if binds:
        for role in ("sentencing_state", "administering_state"):
            state = case.get(role)
            party = inst["parties"][state]
            when = f"from {party['from']}" if party["from"] else f"by {party['by']} (start date not in the sources)"
            reasons.append(Reason(state, "party", f"in force for {state} {when}", party["source"]))
        if not inst["encoded"]:
            reasons.append(Reason("", "not_encoded", "its conditions are not encoded", inst["encoding_note"] or ""))
        return Applicability("binds", reasons)
    if reasons:
        return Applicability("does_not_bind", reasons)
    for state in sorted(set(unknown)):
        party = inst["parties"].get(state)
        if party and party.get("by"):
            text = f"in force for {state} by {party['by']}; whether it was on the request date is not in the sources"
            reasons.append(Reason(state, "unknown", text, party["source"]))
            continue
        note = inst.get("party_list_note") or "the party data is partial"
        reasons.append(Reason(state, "unknown", f"whether {state} is a party is not in the sources held", note))
    if inst["kind"] == "DomesticLaw" and inst["only_without_treaty"] and not reasons:
        reasons.append(
            Reason(
                "",
                "unknown",
                "whether a treaty binds the two states is unknown, and this statute applies only where none does",
                _note_of(kb, inst),
            )
        )
    if not case.known("request_date"):
        reasons.append(Reason("", "unknown", "no request date: entry into force cannot be checked", "request_date"))
    for role in ("sentencing_state", "administering_state"):
        if not case.known(role):
            reasons.append(Reason("", "unknown", f"{role} is unknown", role))
    return Applicability("unknown", reasons)


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
