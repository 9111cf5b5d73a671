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
    results = [r for r in read_results(kb, case, atoms, lang) if r.instrument in chosen]
    if case.known("sentence.end_date"):
        from traslado.decide.deadlines import latest_request_date

        for result in results:
            result.latest_request_date = latest_request_date(kb, case, result)
    return CaseResult(case=case.id, results=results, hypothetical=dict(case.hypothetical))
