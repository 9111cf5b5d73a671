"""What would change the answer: the smallest sets of fact changes that make an instrument eligible,
found by clingo's optimisation over the same rules `check` uses (kb/whatif.lp), and for an
undetermined result, which unknown facts would block it either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from traslado.case import Case
from traslado.case.schema import BY_PATH, SENTENCE_KINDS
from traslado.decide.evaluate import evaluate
from traslado.decide.results import InstrumentResult, RequirementResult
from traslado.decide.symbols import case_symbols
from traslado.knowledge.asp_facts import kb_symbols, symbol_value
from traslado.knowledge.citation import Citation
from traslado.knowledge.store import KnowledgeBase, load_kb

ENOUGH = "enough"  # the value of the pseudo-change "enough of the sentence remains"


@dataclass(frozen=True)
class Candidate:
    path: str
    value: Any
    kind: str  # change | establish
    action: str | None


@dataclass
class Change:
    path: str
    value: Any
    kind: str
    action: str | None
    satisfies: list[Citation] = field(default_factory=list)


@dataclass
class UnknownFact:
    path: str
    outcomes: dict[str, str]  # value -> decision


@dataclass
class WhatIf:
    result: InstrumentResult
    change_sets: list[list[Change]]
    permanent: list[RequirementResult]
    unknown_facts: list[UnknownFact]
    bounded: int | None
    all_facts: bool
    layers: list[InstrumentResult] = field(default_factory=list)  # domestic law that must hold too

    @property
    def reachable(self) -> bool:
        return bool(self.change_sets)

    @property
    def eligible_now(self) -> bool:
        return all(r.decision == "eligible" for r in [self.result, *self.layers])


def candidates(case: Case, kb: KnowledgeBase, all_facts: bool = False) -> list[Candidate]:
    """The changes what-if may propose: actionable facts (all facts with all_facts), and any unknown
    fact established one way or the other."""
    kinds = kb.data["facts"]
    out: list[Candidate] = []
    for path, spec in BY_PATH.items():
        info = kinds.get(path, {})
        action = info.get("action")
        if spec.type == "bool":
            if not case.known(path):
                out += [Candidate(path, True, "establish", action), Candidate(path, False, "establish", action)]
            elif info.get("actionable") or all_facts:
                out.append(Candidate(path, not case.get(path), "change", action))
        elif spec.type == "kind":
            if not case.known(path):
                out += [Candidate(path, k, "establish", None) for k in SENTENCE_KINDS]
            elif all_facts:
                out += [Candidate(path, k, "change", None) for k in SENTENCE_KINDS if k != case.get(path)]
        elif spec.type == "states" and case.known("administering_state"):
            target = case.get("administering_state")
            if not case.known(path):
                out.append(Candidate(path, target, "establish", None))
            elif all_facts and target not in case.get(path):
                out.append(Candidate(path, target, "change", None))
    if case.remaining is None and case.get("sentence.indeterminate") is not True:
        out.append(Candidate("sentence.remaining_months", ENOUGH, "establish", None))
    return out


def _symbol(candidate: Candidate) -> Any:
    from clingo import Function, String

    value = candidate.value
    if isinstance(value, bool):
        term = Function("true" if value else "false")
    elif candidate.path in ("person.nationalities",):
        term = String(value)
    else:
        term = Function(value)
    return Function("candidate", [String(candidate.path), term])


def _value(symbol: Any) -> Any:
    text = symbol_value(symbol)
    return {"true": True, "false": False}.get(text, text) if not isinstance(text, int) else text


def minimal_change_sets(
    case: Case, targets: list[str], kb: KnowledgeBase, cands: list[Candidate], max_changes: int | None
) -> list[tuple[list[tuple[str, Any]], dict[str, list[tuple[str, str]]]]]:
    """Every optimal (fewest changes) set making every target eligible at once, each with the
    requirements ((instrument, id)) each change satisfies."""
    import clingo
    from clingo import Function, Number, String

    control = clingo.Control(["--warn=none", "--opt-mode=optN", "0"])
    control.add("base", [], kb.program + "\n" + (kb.root / "whatif.lp").read_text(encoding="utf-8"))
    facts = case_symbols(case, kb) + kb_symbols(kb, targets)
    facts += [Function("evaluate", [String(t)]) for t in targets]
    facts += [Function("target", [String(t)]) for t in targets]
    facts += [_symbol(c) for c in cands]
    if max_changes is not None:
        facts.append(Function("max_changes", [Number(max_changes)]))
    with control.backend() as backend:
        for symbol in facts:
            backend.add_rule([backend.add_atom(symbol)])
    control.ground([("base", [])])
    found: dict[tuple, dict[str, list[tuple[str, str]]]] = {}
    with control.solve(yield_=True) as handle:
        for model in handle:
            if not model.optimality_proven:
                continue
            changes, fixes = [], {}
            for atom in model.symbols(shown=True):
                if atom.name == "change":
                    changes.append((symbol_value(atom.arguments[0]), _value(atom.arguments[1])))
                elif atom.name == "fixes":
                    fixes.setdefault(symbol_value(atom.arguments[2]), []).append(
                        (symbol_value(atom.arguments[0]), symbol_value(atom.arguments[1]))
                    )
            key = tuple(sorted(changes, key=str))
            found[key] = fixes
    return [(list(key), fixes) for key, fixes in sorted(found.items(), key=lambda kv: str(kv[0]))]


def what_if(
    case: Case,
    instrument: str,
    kb: KnowledgeBase | None = None,
    *,
    layers: list[str] | None = None,
    all_facts: bool = False,
    max_changes: int | None = None,
    lang: str = "en",
) -> WhatIf:
    """The smallest change sets that make the instrument, and every domestic-law layer given, eligible."""
    kb = kb or load_kb()
    targets = [instrument, *(layers or [])]
    results = {r.instrument: r for r in evaluate(case, targets, kb, lang).results}
    current, layer_results = results[instrument], [results[t] for t in layers or []]
    cands = candidates(case, kb, all_facts)
    by_key = {(c.path, c.value): c for c in cands}
    unmet = {(r.instrument, q.id): q.citation for r in results.values() for q in r.requirements if q.status != "met"}
    sets = []
    encoded = all(kb.instrument(t)["encoded"] for t in targets)
    if encoded and any(r.decision != "eligible" for r in results.values()):
        for changes, fixes in minimal_change_sets(case, targets, kb, cands, max_changes):
            sets.append(
                [
                    Change(
                        path,
                        value,
                        by_key[(path, value)].kind,
                        by_key[(path, value)].action,
                        sorted(
                            {unmet[f] for f in fixes.get(path, []) if f in unmet}, key=lambda c: (c.instrument, c.eid)
                        ),
                    )
                    for path, value in changes
                ]
            )
    changeable = {c.path for c in cands}
    permanent = [
        r
        for result in results.values()
        for r in result.with_status("failed")
        if not (set(r.facts) | {e.condition for e in r.exceptions}) & changeable
        and not (r.id == "consent_person" and "consent.legal_representative" in changeable)
    ]
    unknown = _unknown_facts(case, instrument, kb, current, lang) if current.decision == "undetermined" else []
    return WhatIf(current, sets, permanent, unknown, max_changes, all_facts, layer_results)


def _unknown_facts(
    case: Case, instrument: str, kb: KnowledgeBase, current: InstrumentResult, lang: str
) -> list[UnknownFact]:
    """For each yes/no fact an undetermined result waits on: the decision under either value."""
    out = []
    for path in current.missing_facts:
        if BY_PATH.get(path) is None or BY_PATH[path].type != "bool":
            out.append(UnknownFact(path, {}))
            continue
        outcomes = {}
        for value in (True, False):
            variant = Case(case.id, {**case.facts, path: value}, case.source)
            (result,) = evaluate(variant, [instrument], kb, lang).results
            outcomes[str(value).lower()] = result.decision
        out.append(UnknownFact(path, outcomes))
    return out
