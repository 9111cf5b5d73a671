"""Case facts and KB facts as clingo symbols: the only way data reaches the solver.

Case strings never become program text: every fact is a clingo Symbol, so a case cannot inject
rules or scripts whatever its strings hold. Calendar arithmetic (months remaining, which KB dates
the request date has reached) is done here; what follows from it is in the rules.
"""

from __future__ import annotations

from typing import Any

from traslado.case import Case
from traslado.case.months import remaining_between
from traslado.case.schema import BY_PATH, TERM_DATES
from traslado.knowledge.asp_facts import day_number, kb_dates
from traslado.knowledge.store import KnowledgeBase

# Months remaining above this are given as REMAINING_CAP (with days beyond): every threshold in the
# KB is far below it, and it keeps the set of possible facts finite for the reusable solver.
REMAINING_CAP = 120


def case_symbols(case: Case, kb: KnowledgeBase) -> list[Any]:
    """The case as clingo symbols."""
    atoms = []
    for path, value in case.facts.items():
        atoms.append(fact_symbol("given_known", path))
        kind = BY_PATH[path].type
        if kind == "bool":
            atoms.append(fact_symbol("given", path, bool(value)))
        elif kind in ("kind", "choice"):
            atoms.append(fact_symbol("given", path, ("kind", value)))
        elif kind == "residence":
            atoms.append(fact_symbol("given_state", path, value))
        elif kind == "state":
            atoms.append(
                fact_symbol("state", ("role", "sentencing" if path == "sentencing_state" else "administering"), value)
            )
        elif kind == "states":
            atoms.extend(fact_symbol("nationality", code) for code in value)
    if "request_date" in case.facts:
        atoms.extend(_reached(kb, day_number(case.facts["request_date"])))
    if "sentence.final_date" in case.facts:  # FD 2008/909 Art. 28(2): judgments final before a declared date
        final = day_number(case.facts["sentence.final_date"])
        atoms.extend(fact_symbol("final_before", d) for d in kb_dates(kb) if final < d)
    remaining = case.remaining
    if remaining is not None:
        months, beyond = remaining.months, remaining.beyond
        if months > REMAINING_CAP:
            months, beyond = REMAINING_CAP, True
        atoms.append(fact_symbol("remaining", months, 1 if beyond else 0))
    atoms.extend(remaining_at_symbols(case))
    return atoms


def remaining_at_symbols(case: Case) -> list[Any]:
    """remaining_at(Field, M, R): the time left counted from each date an instrument may count from
    (traslado.case.schema.TERM_DATES) that the case gives. From the end date; with only the months
    left at the request date, only for a date equal to the request date."""
    atoms = []
    for path in TERM_DATES:
        start = case.get(path)
        if start is None:
            continue
        if case.known("sentence.end_date"):
            remaining = remaining_between(start, case.get("sentence.end_date"))
        elif case.known("sentence.remaining_months") and start == case.get("request_date"):
            remaining = case.remaining
        else:
            continue
        months, beyond = remaining.months, remaining.beyond
        if months > REMAINING_CAP:
            months, beyond = REMAINING_CAP, True
        atoms.append(fact_symbol("remaining_at", path, months, 1 if beyond else 0))
    return atoms


def _reached(kb: KnowledgeBase, day: int) -> tuple[Any, ...]:
    """reached(D) for every date of the KB on or before day: the same for every case of that day."""
    memo = kb.cache.setdefault("reached", {})
    found = memo.get(day)
    if found is None:
        if len(memo) > 20_000:
            memo.clear()
        found = memo[day] = tuple(fact_symbol("reached", d) for d in kb_dates(kb) if d <= day)
    return found


# Making a clingo symbol costs calls through cffi; a case's facts come from a small set, each made once.
_SYMBOLS: dict[tuple, Any] = {}


def fact_symbol(name: str, *args: Any) -> Any:
    """name(args): str -> String, int -> Number, bool -> true/false, (tag, name) -> a constant."""
    key = (name, *args, *map(type, args))  # True == 1 in Python; the symbols true and 1 differ
    found = _SYMBOLS.get(key)
    if found is None:
        from clingo import Function, Number, String

        def term(value: Any) -> Any:
            if isinstance(value, bool):
                return Function("true" if value else "false")
            if isinstance(value, int):
                return Number(value)
            if isinstance(value, tuple):
                return Function(value[1])
            return String(value)

        found = _SYMBOLS[key] = Function(name, [term(a) for a in args])
    return found
