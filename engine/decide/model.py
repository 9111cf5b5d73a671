"""Read the solver's model into typed results: nothing is re-derived in Python."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from traslado.case import Case
from traslado.case.schema import BY_PATH
from traslado.decide.applicability import _declarations, applicability
from traslado.decide.results import Exception_, InstrumentResult, MissingText, Note, RequirementResult
from traslado.decide.supersession import Supersession, supersede
from traslado.knowledge.asp_facts import read_citation, symbol_value
from traslado.knowledge.citation import Citation
from traslado.knowledge.store import KnowledgeBase

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
    return symbol_value(symbol)


def _citation_reader(kb: KnowledgeBase) -> Any:
    """read_citation, memoised per knowledge base."""
    memo: dict[tuple[str, Any], Citation] = kb.cache.setdefault("citations_read", {})

    def read(instrument: str, term: Any) -> Citation:
        key = (instrument, term)
        if key not in memo:
            memo[key] = read_citation(kb, instrument, term)
        return memo[key]

    return read


def read_results(kb: KnowledgeBase, case: Case, atoms: list[Any], lang: str) -> list[InstrumentResult]:
    """Build typed results from the model: nothing is re-derived in Python."""
    decisions: dict[str, str] = {}
    status: dict[tuple[str, str], str] = {}
    primary: dict[tuple[str, str], Citation] = {}
    also: dict[tuple[str, str], list[Citation]] = defaultdict(list)
    looked: dict[tuple[str, str], list[str]] = defaultdict(list)
    missing: dict[tuple[str, str], list[str]] = defaultdict(list)
    missing_texts: dict[tuple[str, str], list[Any]] = defaultdict(list)
    exceptions: dict[tuple[str, str], list[Exception_]] = defaultdict(list)
    notes: dict[str, dict[str, list[Note]]] = defaultdict(lambda: {"considered": [], "effective": []})
    binds: set[str] = set()
    unbound: dict[str, list[tuple[str, str]]] = defaultdict(list)
    party_unknown: dict[str, list[str]] = defaultdict(list)
    lapsed: dict[str, dict[str, str]] = defaultdict(dict)
    declared: dict[str, list[str]] = defaultdict(list)
    term_from: dict[str, str] = {}

    sup = Supersession()
    cite = _citation_reader(kb)
    for atom in atoms:
        name, args = _parse(atom)
        inst = args[0] if args else None
        if sup.read(name, args):
            continue
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
        elif name == "missing_text":
            missing_texts[(inst, args[1])].append(args[2])
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
        elif name == "lapsed":
            lapsed[inst][args[1]] = args[2]
        elif name == "treaty_governs":
            unbound[inst].append((args[1], "treaty_governs"))
        elif name == "declared":
            declared[inst].append(args[1])
        elif name == "term_from":
            term_from[inst] = args[1]
        elif name in ("considered", "effective"):
            citation = cite(inst, args[2])
            ident = args[1]
            notes[inst][name].append(Note(ident, citation, kb.concept_label(ident, lang), kb.quote(citation)))

    def _applies(inst: str):
        return applicability(kb, case, inst, inst in binds, unbound[inst], party_unknown[inst], lapsed[inst])

    results = []
    for inst in sorted(decisions):
        if decisions[inst] in ("not_applicable", "replaced"):
            # An instrument that does not bind the two states says nothing about the case.
            results.append(
                InstrumentResult(
                    instrument=inst,
                    decision=decisions[inst],
                    requirements=[],
                    applicability=supersede(
                        kb,
                        inst,
                        _applies(inst),
                        sup,
                    ),
                    declarations=_declarations(kb, inst, declared[inst]),
                )
            )
            continue
        reqs = []
        # Requirements in the treaty's order; those sharing a provision by requirement id, never in the
        # solver's atom order.
        for (i, req), citation in sorted(primary.items(), key=lambda kv: (_order(kb, kv[1]), kv[0][1])):
            if i != inst or (i, req) not in status:
                continue
            reqs.append(
                RequirementResult(
                    id=req,
                    status=status[(i, req)],
                    citation=citation,
                    label=kb.concept_label(req, lang),
                    quote=kb.quote(citation),
                    facts=_facts(case, req, looked[(i, req)], sorted(binds - {inst}), term_from.get(i)),
                    also_cited=sorted(also.get((i, req), []), key=lambda c: (_order(kb, c), c.label)),
                    exceptions=sorted(exceptions[(i, req)], key=lambda e: (_order(kb, e.citation), e.condition)),
                    missing=_ordered_paths(missing[(i, req)]),
                    missing_texts=_missing_texts(kb, missing_texts[(i, req)]),
                    counted_from=term_from.get(i) if req == "remaining_term" else None,
                )
            )
        results.append(
            InstrumentResult(
                instrument=inst,
                decision=decisions[inst],
                requirements=reqs,
                considerations=sorted(notes[inst]["considered"], key=lambda n: (_order(kb, n.citation), n.id)),
                effects=sorted(notes[inst]["effective"], key=lambda n: (_order(kb, n.citation), n.id)),
                applicability=supersede(
                    kb,
                    inst,
                    _applies(inst),
                    sup,
                ),
                declarations=_declarations(kb, inst, declared[inst]),
            )
        )
        last = results[-1]
        if last.applicability.status == "unknown":
            last.conditional, last.conditional_reason = True, "applicability_unknown"
    return sorted(results, key=lambda r: (result_group(r), r.instrument))


def result_group(result: InstrumentResult) -> int:
    """The one order of results, which every format (text, Markdown, HTML, JSON) follows as given:
    0 the instruments that bind; 1 those that may bind (conditional); 2 those another instrument
    replaces between these states (after the one that governs); 3 those asked for by name that do not
    bind; 4 those that do not apply. Within each group, by identifier (docs/case-format.md)."""
    if result.decision == "not_applicable":
        return 4
    if result.decision == "replaced" or result.applicability.status == "replaced":
        return 2
    return {"binds": 0, "unknown": 1}.get(result.applicability.status, 3)


def _missing_texts(kb: KnowledgeBase, terms: list[Any]) -> list[MissingText]:
    """declaration(J, S) terms: the unread declarations of state S under instrument J, with their source,
    or the part not held of a declaration the KB holds only in part (tr:heldInPart)."""
    out = []
    for term in terms:
        ident, state = (a.string for a in term.arguments)
        inst = kb.instrument(ident)
        unread = inst.get("unread_declarations", {}).get(state, {})
        partial = next(
            (
                (d_id, d)
                for d_id, d in sorted(inst.get("declarations", {}).items())
                if d["state"] == state and d.get("held_in_part")
            ),
            None,
        )
        raw = unread.get("concerns") or ([partial[1]["concerns"]] if partial and partial[1].get("concerns") else [])
        concerns = [_concerns_citation(kb, ident, c) for c in raw]
        source = unread.get("source") or (partial[1].get("source") if partial else None) or ""
        out.append(
            MissingText(
                "declaration",
                ident,
                state,
                concerns[0] if concerns else None,
                source,
                held_in_part=partial[0] if partial else None,
                not_held=partial[1]["held_in_part"].get("en") if partial else None,
            )
        )
    return sorted(set(out), key=lambda t: (t.instrument, t.state))


def _concerns_citation(kb: KnowledgeBase, ident: str, concerns: str) -> Citation:
    from traslado.decide.applicability import _split_concerns

    return kb.citation(ident, *_split_concerns(concerns))


def _order(kb: KnowledgeBase, citation: Citation) -> int:
    part = kb.part(citation)
    return part["order"] if part else 10**9


_PATH_ORDER = {path: n for n, path in enumerate(BY_PATH)}


def _ordered_paths(paths: list[str]) -> list[str]:
    return sorted(set(paths), key=lambda p: _PATH_ORDER.get(p, 10**6))


def _facts(
    case: Case, requirement: str, paths: list[str], binding: list[str], term_from: str | None = None
) -> dict[str, Any]:
    """The case facts a requirement looked at (None where unknown), the time left if counted (from
    the date the rules counted it from), and the instruments binding the two states where the
    requirement is that a treaty binds them."""
    facts = {p: _fact_value(case, p) for p in _ordered_paths(paths)}
    if requirement == "treaty_in_force":
        facts["binding_instruments"] = binding
    if requirement == "remaining_term":
        remaining = _remaining_from(case, term_from)
        if remaining is not None:
            facts["remaining"] = remaining.describe()
    return facts


def _remaining_from(case: Case, term_from: str | None) -> Any:
    """The time left as the rules counted it: from request_date, or from the instrument's own date."""
    from traslado.case.months import remaining_between

    if term_from in (None, "request_date"):
        return case.remaining
    start, end = case.get(term_from), case.get("sentence.end_date")
    if start is not None and end is not None:
        return remaining_between(start, end)
    if start is not None and start == case.get("request_date"):
        return case.remaining
    return None


def _fact_value(case: Case, path: str) -> Any:
    value = case.get(path)
    return value.isoformat() if hasattr(value, "isoformat") else value
