"""The reusable solver (rules grounded once, case facts as externals) gives exactly the answers of
grounding each case afresh, case after case, in any order."""

import random

from conftest import BASE, with_
from traslado.case import case_from_mapping
from traslado.decide.solver import Solver, solve_atoms
from traslado.decide.symbols import case_symbols
from traslado.knowledge.asp_facts import kb_symbols
from traslado.knowledge.store import load_kb

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
        if case["sentence"]["end_date"] < case["request_date"]:  # an ended sentence is refused by validation
            case = with_(case, **{"sentence.end_date": None})
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


def test_states_the_kb_never_names_are_told_apart_as_fresh_grounding_does():
    # Kenya, Uganda, New Zealand and the others below appear nowhere in the KB: the reusable solver
    # renames them to stand-ins, and must still tell them apart and name them in its answers. Up to
    # ten codes per case, so that cases with more than the stand-ins fall back to fresh grounding.
    from clingo import Function, String
    from traslado.decide.solver import kb_codes

    kb = load_kb()
    unnamed = ["KE", "UG", "NZ", "TH", "ZA", "SG", "PH", "VN"]
    assert not set(unnamed) & kb_codes(kb)
    solver = Solver(kb)
    instruments = list(kb.instruments)
    chosen = [Function("evaluate", [String(i)]) for i in instruments]
    rng = random.Random(11)
    named_in_answers = set()
    for i in range(40):
        a, b = rng.sample(unnamed[:3] + ["MX", "ES"], 2)
        nationalities = rng.sample([a, b, *unnamed], rng.randint(1, 8))
        data = with_(BASE, id=f"u{i}", sentencing_state=a, administering_state=b)
        case = case_from_mapping(with_(data, **{"person.nationalities": nationalities}), "<unnamed>")
        atoms = case_symbols(case, kb)
        reused = sorted(map(str, solver.solve(atoms, instruments, forced=False)))
        fresh = sorted(map(str, solve_atoms(kb, atoms + chosen + kb_symbols(kb))))
        assert reused == fresh, (a, b, nationalities)
        named_in_answers |= {code for code in unnamed if f'"{code}"' in " ".join(reused)}
    assert {"KE", "UG", "NZ"} <= named_in_answers


def test_fact_symbols_made_once_keep_true_and_one_apart():
    from traslado.decide.symbols import fact_symbol

    assert str(fact_symbol("given", "sentence.final", True)) == 'given("sentence.final",true)'
    assert str(fact_symbol("remaining", 1, 1)) == "remaining(1,1)"
    assert fact_symbol("x", True) != fact_symbol("x", 1)
    assert fact_symbol("x", True) is fact_symbol("x", True)


def test_the_input_header_of_common_lp_names_exactly_the_solvers_externals():
    # The head of kb/common.lp declares the predicates the engine adds for a case; the reusable solver
    # declares the same ones external (another tool compiles batches from that header).
    import re

    from traslado.decide.solver import _DOMAINS, externals

    kb = load_kb()
    head = kb.program[: kb.program.index("% Instruments declare")]
    declared = set(re.findall(r"^%   ([a-z_]+)\(", head, re.M))
    external = set(re.findall(r"#external ([a-z_]+)\(", externals(kb)))
    assert declared == external == {name for name, _arity in _DOMAINS}
    assert "reading" not in declared  # a KB fact, the same for every case of a run
