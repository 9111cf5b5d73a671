"""Many cases in one grounding: the batch program (traslado.decide.batch_program) with each case's
facts added through the backend under its own case number, and each request date's under its date key.

A chunk of cases is one fresh Control: ground once, solve once (the program is stratified, so the model
is unique), read each case's shown atoms back by its number. Cases whose facts are identical are solved
once. The shown atoms are exactly those the per-case solver shows for the same case.
"""

from __future__ import annotations

from typing import Any

from traslado.decide.batch_program import CASE_DATE, CASE_DOMAIN, DATE_DOMAIN, batch_program
from traslado.knowledge.asp_facts import kb_symbols
from traslado.knowledge.inputs import declared_inputs
from traslado.knowledge.store import KnowledgeBase


class BatchSolver:
    def __init__(self, kb: KnowledgeBase, hide: frozenset[tuple[str, int]] = frozenset()):
        inputs = declared_inputs(kb)
        self.kb = kb
        self.program = batch_program(kb, hide)
        self.date_inputs = {name for name, _ in inputs.date}
        self.static = kb_symbols(kb)
        self.tagged: dict[tuple[int, int], Any] = {}  # (case number, input atom) -> the atom with it
        self.names: dict[int, str] = {}
        self.chosen: dict[tuple, list[Any]] = {}
        self.pairs: dict[int, tuple[int, Any]] = {}  # a shown (Case, Atom) pair -> its parts (bounded)

    def _name(self, atom: Any) -> str:
        name = self.names.get(atom._rep)
        if name is None:
            if len(self.names) > 50_000:
                self.names.clear()
            name = self.names[atom._rep] = atom.name
        return name

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

    def _tagged(self, slot: int, number: Any, atom: Any) -> Any:
        """The input atom with the case's number first. Made once per (number, atom): numbers run
        within a chunk and atoms come from a finite set, so this memo, like clingo's own table of
        symbols (which never frees one), stays bounded however many cases pass."""
        key = (slot, atom._rep)
        found = self.tagged.get(key)
        if found is None:
            from clingo import Function

            if len(self.tagged) > 100_000:
                self.tagged.clear()
            found = self.tagged[key] = Function(atom.name, [number, *atom.arguments])
        return found

    def solve_chunk(self, cases: list[tuple[list[Any], list[str], bool]]) -> list[list[Any]]:
        """For each (case atoms, instruments, forced): the shown atoms, as the per-case solver shows them."""
        import clingo
        from clingo import Function, Number

        control = clingo.Control(["--warn=none"])
        control.add("base", [], self.program)
        slot_of: dict[frozenset, int] = {}  # identical facts: one slot
        slots: list[int] = []
        dates: dict[frozenset, int] = {}
        numbers = [Number(n) for n in range(len(cases) + 1)]
        date_inputs = self.date_inputs
        with control.backend() as backend:
            add_atom, add_rule = backend.add_atom, backend.add_rule

            def fact(symbol: Any) -> None:
                add_rule([add_atom(symbol)])

            for symbol in self.static:
                fact(symbol)
            for atoms, instruments, forced in cases:
                chosen = self._chosen(tuple(instruments), forced)
                key = frozenset(a._rep for a in atoms + chosen)
                slot = slot_of.get(key)
                if slot is None:
                    slot = slot_of[key] = len(slot_of)
                    number = numbers[slot]
                    fact(Function(CASE_DOMAIN, [number]))
                    by_name: dict[str, list[Any]] = {}
                    for atom in atoms + chosen:
                        by_name.setdefault(self._name(atom), []).append(atom)
                    on_date = frozenset(a for name in date_inputs for a in by_name.pop(name, ()))
                    day = dates.get(on_date)
                    if day is None:
                        day = dates[on_date] = len(dates)
                        fact(Function(DATE_DOMAIN, [Number(day)]))
                        for atom in on_date:
                            fact(Function(atom.name, [Number(day), *atom.arguments]))
                    fact(Function(CASE_DATE, [number, Number(day)]))
                    for members in by_name.values():
                        for atom in members:
                            fact(self._tagged(slot, number, atom))
                slots.append(slot)
        control.ground([("base", [])])
        shown: list[list[Any]] = [[] for _ in slot_of]
        pairs = self.pairs

        def on_model(model: Any) -> None:
            for pair in model.symbols(shown=True):
                parts = pairs.get(pair._rep)  # clingo interns symbols: equal symbols, equal handle
                if parts is None:
                    number, atom = pair.arguments
                    parts = (number.number, atom)
                    if len(pairs) > 100_000:
                        pairs.clear()
                    pairs[pair._rep] = parts
                shown[parts[0]].append(parts[1])

        control.solve(on_model=on_model)
        return [shown[slot] for slot in slots]


def batch_solver_for(kb: KnowledgeBase, hide: frozenset[tuple[str, int]] = frozenset()) -> BatchSolver:
    """One batch solver per knowledge base per process and per set of hidden shows (compiled once).
    hide: shown predicates the caller does not read (screening reads neither looked_at nor declared)."""
    solvers = kb.cache.setdefault("batch_solvers", {})
    if hide not in solvers:
        solvers[hide] = BatchSolver(kb, hide)
    return solvers[hide]
