"""The reusable solver (rules grounded once, case facts as externals) gives exactly the answers of
grounding each case afresh, case after case, in any order."""

import random

from conftest import BASE, with_

from engine.case import case_from_mapping
from engine.facts import case_symbols, kb_symbols
from engine.kb import load_kb
from engine.solver import Solver, solve_atoms

BOOLS = [
    "sentence.final",
    "offence.dual_criminality",
    "offence.political",
    "consent.person",
    "consent.in_writing",
    "consent.sentencing_state",
    "person.minor",
    "person.incapable",
    "financial.obligations_settled",
    "exceptional_agreement",
    "sentence.appeal_pending",
    "sentence.collateral_attack_pending",
]


def random_cases(n, seed=7):
    rng = random.Random(seed)
    states = ["MX", "PE", "SV", "ES", "US", "DE", "CO", "AL", "IE"]
    for i in range(n):
        a, b = rng.sample(states, 2)
        case = with_(
            BASE,
            id=f"r{i}",
            sentencing_state=a,
            administering_state=b,
            request_date=rng.choice(["1995-01-01", "2004-01-04", "2007-10-31", "2026-03-01"]),
        )
        case = with_(
            case,
            **{
                "person.nationalities": [rng.choice([a, b])],
                "sentence.end_date": rng.choice(["2026-09-01", "2026-08-31", "2030-01-01", "2008-01-01"]),
            },
        )
        for path in rng.sample(BOOLS, 4):
            case = with_(case, **{path: rng.choice([True, False, None])})
        if case["sentence"].get("final") is True and case["sentence"].get("appeal_pending") is True:
            case = with_(case, **{"sentence.appeal_pending": None})
        yield case_from_mapping(case, "<random>")


def test_reused_solver_equals_fresh_grounding():
    kb = load_kb()
    solver = Solver(kb)
    instruments = list(kb.instruments)
    for case in random_cases(60):
        atoms = case_symbols(case, kb)
        from clingo import Function, String

        chosen = [Function("evaluate", [String(i)]) for i in instruments]
        fresh = sorted(map(str, solve_atoms(kb, atoms + chosen + kb_symbols(kb))))
        reused = sorted(map(str, solver.solve(atoms, instruments, forced=False)))
        assert reused == fresh, case.id
