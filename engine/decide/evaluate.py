"""Decide a case: case facts -> clingo atoms (through the API), ground with the KB rules, read back.

Case strings never become program text: every fact is a clingo Symbol added through the backend,
so a case cannot inject rules or scripts whatever its strings hold.
"""

from __future__ import annotations

from traslado.case import Case
from traslado.decide.model import read_results
from traslado.decide.results import CaseResult
from traslado.decide.solver import solve_case
from traslado.decide.symbols import case_symbols
from traslado.knowledge.store import KnowledgeBase, load_kb


class UnknownInstrument(ValueError):
    pass


def _chosen(kb: KnowledgeBase, instruments: list[str] | None) -> list[str]:
    chosen = list(instruments) if instruments else list(kb.instruments)
    unknown = [i for i in chosen if i not in kb.instruments]
    if unknown:
        raise UnknownInstrument(f"unknown instrument {', '.join(unknown)}: expected one of {', '.join(kb.instruments)}")
    return chosen


def evaluate(
    case: Case, instruments: list[str] | None = None, kb: KnowledgeBase | None = None, lang: str = "en"
) -> CaseResult:
    """Evaluate the case under the given instruments (all in the KB by default)."""
    kb = kb or load_kb()
    chosen = _chosen(kb, instruments)
    atoms = solve_case(kb, case_symbols(case, kb), chosen, forced=bool(instruments))
    return result_from_atoms(kb, case, chosen, atoms, lang)


def evaluate_many(
    cases: list[Case], instruments: list[str] | None = None, kb: KnowledgeBase | None = None, lang: str = "en"
) -> list[CaseResult]:
    """Evaluate many cases in one grounding (traslado.decide.batch_solver): the same results as
    evaluate() on each, at a fraction of the cost per case."""
    from traslado.decide.batch_solver import batch_solver_for

    kb = kb or load_kb()
    chosen = _chosen(kb, instruments)
    forced = bool(instruments)
    shown = batch_solver_for(kb).solve_chunk([(case_symbols(c, kb), chosen, forced) for c in cases])
    return [result_from_atoms(kb, case, chosen, atoms, lang) for case, atoms in zip(cases, shown, strict=True)]


def solve_many(
    kb: KnowledgeBase, cases: list[Case], instruments: list[str] | None = None, hide: frozenset = frozenset()
) -> list[list]:
    """The shown atoms of each case, from one grounding (for callers that read the atoms themselves);
    hide: shown predicates the caller does not read, left ungrounded."""
    from traslado.decide.batch_solver import batch_solver_for

    chosen = _chosen(kb, instruments)
    return batch_solver_for(kb, hide).solve_chunk([(case_symbols(c, kb), chosen, bool(instruments)) for c in cases])


def result_from_atoms(kb: KnowledgeBase, case: Case, chosen: list[str], atoms: list, lang: str = "en") -> CaseResult:
    """The case's result from the shown atoms of its model (whichever solver found them)."""
    results = [r for r in read_results(kb, case, atoms, lang) if r.instrument in chosen]
    if case.known("sentence.end_date"):
        from traslado.decide.deadlines import latest_request_date

        for result in results:
            result.latest_request_date = latest_request_date(kb, case, result)
    return CaseResult(case=case.id, results=results, hypothetical=dict(case.hypothetical))
