"""The batch compiler decides exactly as the per-case solver: the same shown atoms and byte-identical
`check` records on thousands of seeded random cases (stand-in states, every sentence kind, what-ifs,
named instruments), and a compiler that mishandles one rule is caught."""

from __future__ import annotations

import random
import sys
from itertools import groupby
from pathlib import Path

import orjson
import pytest
from traslado.decide.batch_program import CASE_VAR, classify, compile_program
from traslado.decide.batch_solver import BatchSolver
from traslado.decide.evaluate import evaluate, evaluate_many, result_from_atoms
from traslado.decide.solver import solve_case
from traslado.decide.symbols import case_symbols
from traslado.knowledge.inputs import HeaderError, declared_inputs, parse_inputs
from traslado.knowledge.store import KnowledgeBase, load_kb
from traslado.render.json_result import case_json

sys.path.insert(0, str(Path(__file__).parent))
from random_cases import random_case, random_instruments  # noqa: E402

SEED, CASES = 1983, 2000


@pytest.fixture(scope="module")
def population():
    kb = load_kb()
    rng = random.Random(SEED)
    drawn = [(random_case(rng, n), random_instruments(rng, list(kb.instruments))) for n in range(CASES)]
    return kb, drawn


def per_case(kb, case, instruments):
    chosen = instruments or list(kb.instruments)
    atoms = solve_case(kb, case_symbols(case, kb), chosen, forced=bool(instruments))
    return atoms, orjson.dumps(case_json(result_from_atoms(kb, case, chosen, atoms), kb))


def batched(kb, solver, drawn):
    """Shown atoms and records of every case, the cases grouped by the instruments asked for."""
    out = {}
    order = sorted(range(len(drawn)), key=lambda n: str(drawn[n][1]))
    for _instruments, group in groupby(order, key=lambda n: str(drawn[n][1])):
        numbers = list(group)
        chosen = drawn[numbers[0]][1] or list(kb.instruments)
        forced = drawn[numbers[0]][1] is not None
        for start in range(0, len(numbers), 1000):  # chunks of 1,000 (the batch runs 200 by default)
            part = numbers[start : start + 1000]
            shown = solver.solve_chunk([(case_symbols(drawn[n][0], kb), chosen, forced) for n in part])
            for n, atoms in zip(part, shown, strict=True):
                record = orjson.dumps(case_json(result_from_atoms(kb, drawn[n][0], chosen, atoms), kb))
                out[n] = (atoms, record)
    return out


def differences(kb, solver, drawn):
    got = batched(kb, solver, drawn)
    bad = []
    for n, (case, instruments) in enumerate(drawn):
        atoms, record = per_case(kb, case, instruments)
        if sorted(map(str, atoms)) != sorted(map(str, got[n][0])) or record != got[n][1]:
            bad.append(case.id)
    return bad


def test_the_population_covers_what_it_claims(population):
    kb, drawn = population
    from traslado.case.schema import SENTENCE_KINDS
    from traslado.decide.solver import kb_codes

    cases = [c for c, _ in drawn]
    assert {c.facts.get("sentence.kind") for c in cases} >= set(SENTENCE_KINDS)
    assert any(c.hypothetical for c in cases)
    assert any(i for _, i in drawn)
    unnamed = {c.facts.get("administering_state") for c in cases} - kb_codes(kb) - {None}
    assert unnamed  # states the per-case solver renames to stand-ins
    decisions = {r.decision for c, i in drawn[:300] for r in evaluate(c, i, kb).results}
    assert decisions == {"eligible", "blocked", "undetermined", "not_applicable"}


def test_batch_and_per_case_solver_agree_on_every_case(population):
    kb, drawn = population
    assert differences(kb, BatchSolver(kb), drawn) == []


def test_evaluate_many_gives_the_results_of_evaluate(population):
    kb, drawn = population
    cases = [c for c, i in drawn[:200] if i is None]
    many = evaluate_many(cases, None, kb)
    assert [orjson.dumps(case_json(r, kb)) for r in many] == [
        orjson.dumps(case_json(evaluate(c, None, kb), kb)) for c in cases
    ]


def _mutated(kb, old: str, new: str) -> BatchSolver:
    fresh = KnowledgeBase(kb.root, kb.data)
    solver = BatchSolver(fresh)
    assert old in solver.program
    solver.program = solver.program.replace(old, new, 1)
    return solver


def test_a_rule_that_loses_its_case_argument_is_caught(population):
    """One rule of the compiled program reads every case's nationality, not its own: cases leak."""
    kb, drawn = population
    rule = f"national({CASE_VAR}) :- state({CASE_VAR},administering,S); nationality({CASE_VAR},S)"
    solver = _mutated(kb, rule, rule.replace(f"nationality({CASE_VAR},S)", "nationality(_,S)"))
    assert differences(kb, solver, drawn[:300])


def test_a_rule_that_loses_its_date_argument_is_caught(population):
    """One rule reads every request date's reached/1, not the case's own."""
    kb, drawn = population
    rule = "in_force_for(TrasladoDate,I,S) :- treaty(I); party(I,S,From); reached(TrasladoDate,From)"
    solver = _mutated(kb, rule, rule.replace("reached(TrasladoDate,From)", "reached(_,From)"))
    assert differences(kb, solver, drawn[:300])


def test_inputs_are_read_from_the_head_of_common_lp():
    inputs = declared_inputs(load_kb())
    assert ("given", 2) in inputs.case and ("remaining", 2) in inputs.case and ("forced", 1) in inputs.case
    assert inputs.date == (("reached", 1),)


HEADER = """% A toy rule file.
%
% Input (added by the engine):
%   seen(Path)                a fact the case gives
%   tally(N, Kind)            a count the case gives; continued
%                             on a second line
%
% Input that depends only on the request date (the same for every case with that date):
%   after(Day)                the request date is on or after Day
%
"""


def test_a_newly_declared_input_flows_through_the_compiler_unchanged():
    program = (
        HEADER
        + """
limit(3).
big(P) :- tally(N, P), limit(L), N > L.
late(D) :- after(D), not early(D).
early(1).
open(P) :- big(P), late(20260101).
unused(X) :- limit(X).
#show open/1.
#show limit/1.
"""
    )
    inputs = parse_inputs(program)
    assert inputs.case == (("seen", 1), ("tally", 2)) and inputs.date == (("after", 1),)
    text = compile_program(program, inputs)
    assert f"big({CASE_VAR},P) :- tally({CASE_VAR},N,P)" in text
    assert "late(TrasladoDate,D) :- after(TrasladoDate,D)" in text
    assert "limit(3)." in text  # static: no argument added
    assert "unused" not in text  # no shown atom needs it
    assert f"#show ({CASE_VAR},limit(X0)) : limit(X0); batch_case({CASE_VAR})." in text
    from clingo.ast import parse_string

    statements = []
    parse_string(program, statements.append)
    case, date = classify(statements, inputs)
    assert ("open", 1) in case and ("late", 1) in date and ("limit", 1) not in case | date


def test_a_header_without_inputs_is_refused():
    with pytest.raises(HeaderError, match="no input predicates"):
        parse_inputs("% no inputs here\np.\n")


def test_the_screening_program_shows_the_same_atoms_but_those_it_hides(population):
    """Screening leaves looked_at and declared ungrounded: every other shown atom is the same."""
    from traslado.batch.records import SCREENING_HIDES

    kb, drawn = population
    solver = BatchSolver(kb, SCREENING_HIDES)
    cases = [(c, i) for c, i in drawn[:500] if i is None]
    shown = solver.solve_chunk([(case_symbols(c, kb), list(kb.instruments), False) for c, _ in cases])
    for (case, _), atoms in zip(cases, shown, strict=True):
        expected = [a for a in per_case(kb, case, None)[0] if (a.name, len(a.arguments)) not in SCREENING_HIDES]
        assert sorted(map(str, atoms)) == sorted(map(str, expected)), case.id


def test_the_solver_declares_external_every_input_the_header_declares():
    from traslado.decide.solver import externals

    kb = load_kb()
    declared = externals(kb)
    for name, _arity in declared_inputs(kb).all:
        assert f"#external {name}(" in declared


def test_a_table_that_a_case_can_extend_is_grounded_once_not_per_case():
    """note/1 has unconditional facts and a rule that reads the case: the facts become
    batch_static_note/1 (no case argument), and a rule reading note/1 reads either part."""
    program = HEADER + "note(a).\nnote(P) :- seen(P).\nopen(P) :- note(P), tally(_, P).\n#show open/1.\n"
    text = compile_program(program, parse_inputs(program))
    assert "batch_static_note(a)." in text
    assert f"open({CASE_VAR},P) :- note({CASE_VAR},P); tally({CASE_VAR},_,P)" in text
    assert f"open({CASE_VAR},P) :- batch_static_note(P); tally({CASE_VAR},_,P)" in text


def test_an_atom_of_no_declared_input_is_refused_not_dropped():
    """The batch program reads a case only through the declared inputs: an atom of any other
    predicate would be silently ignored, so the solver refuses it."""
    from clingo import Function, String

    kb = load_kb()
    solver = BatchSolver(kb)
    case = random_case(random.Random(3), 0)
    with pytest.raises(ValueError, match="no input declared"):
        atoms = [*case_symbols(case, kb), Function("undeclared_fact", [String("x")])]
        solver.solve_chunk([(atoms, ["coe-cets-112"], False)])


def test_every_declared_input_has_its_unpacking_rule():
    kb = load_kb()
    program = BatchSolver(kb).program
    inputs = declared_inputs(kb)
    for name, _arity in inputs.case:
        assert f"{name}({CASE_VAR}" in program and f":- batch_input({CASE_VAR},{name}" in program
    for name, _arity in inputs.date:
        assert f":- batch_date_input(TrasladoDate,{name}" in program
