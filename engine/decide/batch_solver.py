"""Many cases in one grounding: the batch program (traslado.decide.batch_program), each case's facts
handed to the grounder as symbols under its own case number (the context functions of _ChunkInputs),
and each request date's under its date key.

A chunk of cases is one fresh Control: ground once, solve once (the program is stratified, so the model
is unique), read each case's shown atoms back by its number. Cases whose facts are identical are solved
once. The shown atoms are exactly those the per-case solver shows for the same case.
"""

from __future__ import annotations

from typing import Any

from traslado.decide.batch_program import batch_program
from traslado.decide.memo import BoundedMemo
from traslado.knowledge.asp_facts import kb_symbols
from traslado.knowledge.inputs import declared_inputs
from traslado.knowledge.store import KnowledgeBase

# Shown (Case, Atom) pairs remembered by handle, so that the common ones are not taken apart case after
# case (screening is about a sixth slower without it): a case number (200 a chunk) times a shown atom
# (about 460 in the benchmark's cases) is about 90,000 pairs, some 23 MiB if all were kept, and the
# rare ones kept coming (71,000 pairs seen in the first 10,000 cases, 88,000 in 60,000), so memory
# grew with the run. The 40,000 most recently used fill within the first 10,000 cases.
_PAIR_LIMIT = 40_000


class BatchSolver:
    def __init__(self, kb: KnowledgeBase, hide: frozenset[tuple[str, int]] = frozenset()):
        inputs = declared_inputs(kb)
        self.kb = kb
        self.program = batch_program(kb, hide)
        self.case_inputs = set(inputs.case)
        self.date_inputs = set(inputs.date)
        self.static = kb_symbols(kb)
        self.on_date = BoundedMemo(50_000)  # an input atom's handle -> whether it is per request date
        self.chosen: dict[tuple, list[Any]] = {}
        self.pairs = BoundedMemo(_PAIR_LIMIT)  # a shown (Case, Atom) pair's handle -> (case number, atom)

    def _is_date_input(self, atom: Any) -> bool:
        """Whether the atom is declared per request date; an atom of no declared input is refused
        (the program would not read it: the case would be decided without it)."""
        found = self.on_date.get(atom._rep)
        if found is None:
            sig = (atom.name, len(atom.arguments))
            if sig not in self.case_inputs and sig not in self.date_inputs:
                raise ValueError(f"{atom} is no input declared at the head of common.lp")
            found = self.on_date.put(atom._rep, sig in self.date_inputs)
        return found

    def _chosen(self, instruments: tuple[str, ...], forced: bool) -> list[Any]:
        """evaluate(I) for each instrument, and forced(I) where they were asked for by name."""
        found = self.chosen.get((instruments, forced))
        if found is None:
            from clingo import Function, String

            found = [Function("evaluate", [String(i)]) for i in instruments]
            if forced:
                found += [Function("forced", [String(i)]) for i in instruments]
            self.chosen[(instruments, forced)] = found
        return found

    def solve_chunk(self, cases: list[tuple[list[Any], list[str], bool]]) -> list[list[Any]]:
        """For each (case atoms, instruments, forced): the shown atoms, as the per-case solver shows them."""
        import clingo

        slot_of: dict[frozenset, int] = {}  # identical facts: one slot
        slots: list[int] = []
        inputs: list[list[Any]] = []  # per slot: its input atoms, but those per request date
        date_of: list[int] = []  # per slot: its date key
        dates: dict[frozenset, int] = {}
        date_inputs: list[list[Any]] = []  # per date key: the inputs per request date
        for atoms, instruments, forced in cases:
            every = atoms + self._chosen(tuple(instruments), forced)
            key = frozenset(a._rep for a in every)
            slot = slot_of.get(key)
            if slot is None:
                slot = slot_of[key] = len(slot_of)
                own, on_date = [], []
                for atom in every:
                    (on_date if self._is_date_input(atom) else own).append(atom)
                day_key = frozenset(a._rep for a in on_date)
                day = dates.get(day_key)
                if day is None:
                    day = dates[day_key] = len(dates)
                    date_inputs.append(on_date)
                inputs.append(own)
                date_of.append(day)
            slots.append(slot)
        control = clingo.Control(["--warn=none"])
        control.add("base", [], self.program)
        with control.backend() as backend:
            add_atom, add_rule = backend.add_atom, backend.add_rule
            for symbol in self.static:
                add_rule([add_atom(symbol)])
        control.ground([("base", [])], context=_ChunkInputs(inputs, date_of, date_inputs))
        shown: list[list[Any]] = [[] for _ in slot_of]
        pairs = self.pairs

        def on_model(model: Any) -> None:
            for pair in model.symbols(shown=True):
                parts = pairs.recall(pair._rep)  # clingo interns symbols: equal symbols, equal handle
                if parts is None:
                    number, atom = pair.arguments
                    parts = pairs.put(pair._rep, (number.number, atom))
                shown[parts[0]].append(parts[1])

        control.solve(on_model=on_model)
        return [shown[slot] for slot in slots]


class _ChunkInputs:
    """The grounder's context for one chunk: its cases' facts as symbols (batch_program._unpacking
    reads them), so nothing of a case is ever program text. Case and date keys are small numbers,
    reused chunk after chunk: clingo never frees a symbol, so they must come from a bounded set."""

    def __init__(self, inputs: list[list[Any]], date_of: list[int], date_inputs: list[list[Any]]):
        from clingo import Number

        self.inputs, self.date_of, self.date_inputs = inputs, date_of, date_inputs
        self.numbers = [Number(n) for n in range(max(len(inputs), len(date_inputs)))]

    def batch_cases(self) -> list[Any]:
        return self.numbers[: len(self.inputs)]

    def batch_dates(self) -> list[Any]:
        return self.numbers[: len(self.date_inputs)]

    def batch_date_of(self, case: Any) -> Any:
        return self.numbers[self.date_of[case.number]]

    def batch_inputs(self, case: Any) -> list[Any]:
        return self.inputs[case.number]

    def batch_date_inputs(self, day: Any) -> list[Any]:
        return self.date_inputs[day.number]


def batch_solver_for(kb: KnowledgeBase, hide: frozenset[tuple[str, int]] = frozenset()) -> BatchSolver:
    """One batch solver per knowledge base per process and per set of hidden shows (compiled once).
    hide: shown predicates the caller does not read (screening reads neither looked_at nor declared)."""
    solvers = kb.cache.setdefault("batch_solvers", {})
    if hide not in solvers:
        solvers[hide] = BatchSolver(kb, hide)
    return solvers[hide]
