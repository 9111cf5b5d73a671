"""The solver: the KB's rules grounded once per process and reused for every case.

Every fact a case can state is declared an external atom; solving a case switches its facts on,
solves, and switches them off again. Grounding happens once, so a case costs one solve. A case with a
fact outside that finite set (only possible for a Case built without validation) is solved by
grounding afresh, with the same rules and the same result.
"""

from __future__ import annotations

from typing import Any

from traslado.case.schema import BY_PATH, SENTENCE_KINDS, TERM_DATES
from traslado.case.states import iso_states
from traslado.decide.symbols import REMAINING_CAP
from traslado.knowledge.asp_facts import kb_dates, kb_symbols
from traslado.knowledge.store import KnowledgeBase


def solve_atoms(kb: KnowledgeBase, symbols: list[Any], extra_program: str = "") -> list[Any]:
    """Ground the KB (and any extra program) with the given facts; the shown atoms of the unique model."""
    import clingo

    control = clingo.Control(["--warn=none"])
    control.add("base", [], kb.program + extra_program)
    with control.backend() as backend:
        for symbol in symbols:
            backend.add_rule([backend.add_atom(symbol)])
    control.ground([("base", [])])
    shown: list[Any] = []
    control.solve(on_model=lambda model: shown.extend(model.symbols(shown=True)))
    return shown


# The domain over which each input predicate declared at the head of common.lp is external: every
# fact a validated case can state (traslado.decide.symbols.case_symbols makes exactly these), over
# domains given as facts. Program text with no case data in it. A declared input with no domain here
# is not external: a case stating it is solved by grounding afresh (Solver.solve), never wrongly.
_DOMAINS = {
    ("given_known", 1): "given_known(P) : case_path(P)",
    ("given", 2): "given(P, V) : case_value(P, V)",
    ("state", 2): "state(R, S) : case_role(R), iso_code(S)",
    ("nationality", 1): "nationality(S) : iso_code(S)",
    ("reached", 1): "reached(D) : kb_date(D)",
    ("final_before", 1): "final_before(D) : kb_date(D)",
    ("remaining", 2): "remaining(M, R) : remaining_cap(C), M = 0..C, R = 0..1",
    ("remaining_at", 3): "remaining_at(F, M, R) : term_date(F), remaining_cap(C), M = 0..C, R = 0..1",
    ("given_state", 2): "given_state(P, S) : case_state_path(P), iso_code(S)",
    ("evaluate", 1): "evaluate(I) : instrument(I)",
    ("forced", 1): "forced(I) : instrument(I)",
}


def externals(kb: KnowledgeBase) -> str:
    """#external declarations for the inputs the head of common.lp declares."""
    from traslado.knowledge.inputs import declared_inputs

    return "".join(f"#external {_DOMAINS[s]}.\n" for s in declared_inputs(kb).all if s in _DOMAINS)


# A state the KB never names (in a party list, a declaration or a statute's scope) can only be told
# apart from the case's other states: the rules compare codes for equality and look them up in the KB,
# nothing else. So the solver declares the KB's codes and a few stand-ins, and each case's other states
# are renamed to stand-ins on the way in and back on the way out. Fewer externals, faster solves.
STAND_INS = tuple(f"~{n}" for n in range(1, 7))


def kb_codes(kb: KnowledgeBase) -> frozenset[str]:
    """The state codes the KB's facts name, and any written in the rules as a string."""
    cached = kb.cache.get("kb_codes")
    if cached is None:
        import re

        from clingo import SymbolType

        codes = iso_states()
        found = {code for code in re.findall(r'"([A-Z]{2})"', kb.program) if code in codes}

        def walk(symbol: Any) -> None:
            if symbol.type == SymbolType.String and symbol.string in codes:
                found.add(symbol.string)
            elif symbol.type == SymbolType.Function:
                for argument in symbol.arguments:
                    walk(argument)

        for symbol in kb_symbols(kb):
            walk(symbol)
        cached = kb.cache["kb_codes"] = frozenset(found)
    return cached


def _domains(kb: KnowledgeBase) -> list[Any]:
    from clingo import Function, Number, String

    atoms = [Function("remaining_cap", [Number(REMAINING_CAP)])]
    atoms += [Function("case_role", [Function(r)]) for r in ("sentencing", "administering")]
    atoms += [Function("iso_code", [String(c)]) for c in sorted(kb_codes(kb)) + list(STAND_INS)]
    atoms += [Function("kb_date", [Number(d)]) for d in kb_dates(kb)]
    for path, spec in BY_PATH.items():
        atoms.append(Function("case_path", [String(path)]))
        if spec.type == "bool":
            atoms += [Function("case_value", [String(path), Function(v)]) for v in ("true", "false")]
        elif spec.type == "kind":
            atoms += [Function("case_value", [String(path), Function(k)]) for k in SENTENCE_KINDS]
        elif spec.type == "choice":
            atoms += [Function("case_value", [String(path), Function(k)]) for k in spec.choices]
        elif spec.type == "residence":
            atoms.append(Function("case_state_path", [String(path)]))
    atoms += [Function("term_date", [String(path)]) for path in TERM_DATES]
    return atoms


class Solver:
    def __init__(self, kb: KnowledgeBase):
        import clingo

        self.kb = kb
        self.control = clingo.Control(["--warn=none"])
        self.control.add("base", [], kb.program + externals(kb))
        with self.control.backend() as backend:
            for symbol in kb_symbols(kb) + _domains(kb):
                backend.add_rule([backend.add_atom(symbol)])
        self.control.ground([("base", [])])
        self.literal = {a.symbol: a.literal for a in self.control.symbolic_atoms if a.is_external}
        self.on: set[int] = set()
        self.codes = kb_codes(kb)
        self.state_of: dict[Any, tuple[str, str, str | None] | None] = {}  # case atom -> its unnamed state
        self.mentions_stand_in: dict[Any, bool] = {}  # shown atom -> names a stand-in

    def _unnamed(self, atom: Any) -> tuple[str, str, str | None] | None:
        """(name, code, role) of a state/nationality atom whose code the KB never names; else None."""
        if atom not in self.state_of:
            found = None
            if atom.name in ("state", "nationality", "given_state"):
                code = atom.arguments[-1].string
                if code not in self.codes:
                    role = atom.arguments[0].name if atom.name == "state" else None
                    if atom.name == "given_state":
                        role = atom.arguments[0].string
                    found = (atom.name, code, role)
            self.state_of[atom] = found
        return self.state_of[atom]

    def _rename(self, case_atoms: list[Any]) -> tuple[list[Any], dict[str, str]] | None:
        """The case with unnamed states as stand-ins, and the way back; None if it has too many."""
        from traslado.decide.symbols import fact_symbol

        stand_in: dict[str, str] = {}
        out = []
        for atom in case_atoms:
            unnamed = self._unnamed(atom)
            if unnamed is None:
                out.append(atom)
                continue
            name, code, role = unnamed
            if code not in stand_in:
                if len(stand_in) == len(STAND_INS):
                    return None
                stand_in[code] = STAND_INS[len(stand_in)]
            if name == "given_state":
                out.append(fact_symbol(name, role, stand_in[code]))
            elif role:
                out.append(fact_symbol(name, ("role", role), stand_in[code]))
            else:
                out.append(fact_symbol(name, stand_in[code]))
        return out, {v: k for k, v in stand_in.items()}

    def _restore(self, atom: Any, back: dict[str, str]) -> Any:
        from clingo import Function, String, SymbolType

        if atom not in self.mentions_stand_in:
            self.mentions_stand_in[atom] = any(
                a.type == SymbolType.String and a.string in STAND_INS for a in atom.arguments
            )
        if not self.mentions_stand_in[atom]:
            return atom
        return Function(
            atom.name,
            [String(back[a.string]) if a.type == SymbolType.String and a.string in back else a for a in atom.arguments],
        )

    def solve(self, case_atoms: list[Any], instruments: list[str], forced: bool) -> list[Any]:
        from clingo import Function, String

        chosen = [Function("evaluate", [String(i)]) for i in instruments]
        if forced:
            chosen += [Function("forced", [String(i)]) for i in instruments]
        renamed = self._rename(case_atoms)
        try:
            if renamed is None:
                raise KeyError("more unnamed states than stand-ins")
            literals = [self.literal[a] for a in renamed[0] + chosen]
        except KeyError:  # a fact no validated case can state: ground afresh
            return solve_atoms(self.kb, case_atoms + chosen + kb_symbols(self.kb))
        now = set(literals)
        for literal in self.on - now:  # switch only what differs from the previous case
            self.control.assign_external(literal, False)
        for literal in now - self.on:
            self.control.assign_external(literal, True)
        self.on = now
        shown: list[Any] = []
        self.control.solve(on_model=lambda model: shown.extend(model.symbols(shown=True)))
        back = renamed[1]
        return [self._restore(a, back) for a in shown] if back else shown


def solve_case(kb: KnowledgeBase, case_atoms: list[Any], instruments: list[str], forced: bool) -> list[Any]:
    """Solve one case. The first case of a process is grounded on its own (cheapest for a single
    `check`); from the second on, the reusable solver pays for itself."""
    from clingo import Function, String

    kb.cache["cases"] = kb.cache.get("cases", 0) + 1
    if kb.cache["cases"] == 1 and "solver" not in kb.cache:
        chosen = [Function("evaluate", [String(i)]) for i in instruments]
        return solve_atoms(kb, case_atoms + chosen + kb_symbols(kb, instruments if forced else ()))
    return solver_for(kb).solve(case_atoms, instruments, forced)


def solver_for(kb: KnowledgeBase) -> Solver:
    """One solver per knowledge base per process."""
    if "solver" not in kb.cache:
        kb.cache["solver"] = Solver(kb)
    return kb.cache["solver"]
