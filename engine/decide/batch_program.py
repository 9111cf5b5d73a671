"""The batch program: the KB's rules rewritten at load time so that one grounding decides many cases.

The rule files stay as lawyers read them. This compiler reads them with clingo's AST and rewrites:
- every predicate that depends (by fixpoint over the rules) on an input declared per case at the head
  of common.lp gets a first argument, the case (a number within the chunk);
- every predicate that depends only on the inputs declared per request date gets a first argument,
  the date key (cases with the same request date share those atoms);
- every shown atom is shown as the pair (Case, Atom), Atom being exactly what the per-case solver shows;
- rules that no shown atom needs are dropped.
Domain atoms tie the new arguments together: batch_case(K), batch_date(D), batch_case_date(K, D).
Nothing of a case is in the program text. Its facts reach the grounder as clingo symbols, never as
text: the solver's context functions (@batch_cases, @batch_inputs, ...: traslado.decide.batch_solver)
return each case's input atoms, and one rule per declared input unpacks them, p(K, X1, ..., Xn) :-
batch_input(K, p(X1, ..., Xn)). So a chunk costs one call per case, not two backend calls per fact.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from traslado.knowledge.inputs import Inputs, declared_inputs
from traslado.knowledge.location import cache_dir, keep_in_cache
from traslado.knowledge.store import KnowledgeBase

COMPILER_VERSION = "6"  # bump when the rewriting changes: the cached program is keyed on it
CASE_VAR, DATE_VAR = "TrasladoCase", "TrasladoDate"
CASE_DOMAIN, DATE_DOMAIN, CASE_DATE = "batch_case", "batch_date", "batch_case_date"
CASE_INPUT, DATE_INPUT = "batch_input", "batch_date_input"

Signature = tuple[str, int]


class CompileError(ValueError):
    pass


def _atoms(node: Any, found: list[Any]) -> None:
    """Every symbolic atom under node (heads, bodies, conditions, aggregate elements)."""
    from clingo.ast import AST, ASTSequence, ASTType

    if isinstance(node, AST):
        if node.ast_type == ASTType.SymbolicAtom:
            found.append(node)
            return
        for key in node.keys():  # noqa: SIM118 (an AST node is not a dict)
            _atoms(getattr(node, key), found)
    elif isinstance(node, ASTSequence | list | tuple):
        for child in node:
            _atoms(child, found)


def _signatures(symbol: Any) -> list[Signature]:
    """name/arity of an atom's term; a pooled atom p(a;b) stands for several."""
    from clingo.ast import ASTType

    if symbol.ast_type == ASTType.Function:
        return [(symbol.name, len(symbol.arguments))]
    if symbol.ast_type == ASTType.Pool:
        return [s for t in symbol.arguments for s in _signatures(t)]
    if symbol.ast_type == ASTType.UnaryOperation:  # classical negation -p
        return [("-" + s[0], s[1]) for s in _signatures(symbol.argument)]
    return []


def _sigs(nodes: Iterable[Any]) -> set[Signature]:
    found: list[Any] = []
    _atoms(list(nodes), found)
    return {s for atom in found for s in _signatures(atom.symbol)}


def _parts(statement: Any) -> tuple[set[Signature], set[Signature]] | None:
    """(head signatures, body signatures) of a rule-like statement; None for the others."""
    from clingo.ast import ASTType

    kind = statement.ast_type
    if kind == ASTType.Rule:
        return _sigs([statement.head]), _sigs(statement.body)
    if kind == ASTType.External:
        return _sigs([statement.atom]), _sigs(statement.body)
    if kind in (ASTType.Minimize, ASTType.ShowTerm):
        return set(), _sigs(statement.body)
    return None


def classify(statements: list[Any], inputs: Inputs) -> tuple[set[Signature], set[Signature]]:
    """(predicates that depend on a case, predicates that depend only on the request date), by fixpoint."""
    case, date = set(inputs.case), set(inputs.date)
    rules = [p for p in (_parts(s) for s in statements) if p is not None]
    changed = True
    while changed:
        changed = False
        for head, body in rules:
            for target, seeds in ((case, case), (date, date)):
                if body & seeds and not head <= target:
                    target |= head
                    changed = True
    return case, date - case


def _needed(statements: list[Any], case: set[Signature]) -> set[Signature]:
    """The predicates a shown atom (or a constraint) rests on, by fixpoint backwards."""
    from clingo.ast import ASTType

    needed: set[Signature] = set()
    for s in statements:
        if s.ast_type == ASTType.ShowSignature:
            needed.add((s.name, s.arity))
    rules = [p for p in (_parts(s) for s in statements) if p is not None]
    for head, body in rules:
        if not head:  # constraints, weak constraints, show terms: always kept
            needed |= body
    changed = True
    while changed:
        changed = False
        for head, body in rules:
            if head & needed and not body <= needed:
                needed |= body
                changed = True
    return needed


def _hidden(statement: Any, hide: frozenset[Signature]) -> bool:
    """A #show of a predicate the caller does not read (and so need not be grounded)."""
    from clingo import ast

    if statement.ast_type == ast.ASTType.ShowSignature:
        return (statement.name, statement.arity) in hide
    if statement.ast_type == ast.ASTType.ShowTerm and statement.term.ast_type == ast.ASTType.Function:
        return (statement.term.name, len(statement.term.arguments)) in hide
    return False


STATIC_PREFIX = "batch_static_"


def _plain_head(statement: Any) -> Any:
    """The head atom's term of a rule whose head is one plain atom; None otherwise."""
    from clingo import ast

    head = statement.head
    plain = head.ast_type == ast.ASTType.Literal and head.atom.ast_type == ast.ASTType.SymbolicAtom
    return head.atom.symbol if plain and head.atom.symbol.ast_type == ast.ASTType.Function else None


def _split_mixed(statements: list[Any], case: set[Signature], date: set[Signature], inputs: Inputs) -> list[Any]:
    """A case predicate some of whose rules depend on no case (input/2's table, an instrument's
    unconditional considerations) is split: those rules define batch_static_p, without a case
    argument, and each body that reads p reads either. So the table is grounded once, not per case."""
    from itertools import product

    from clingo import ast

    dynamic = case | date
    static_rules: dict[Signature, list[int]] = {}
    nested: set[Signature] = set()
    for n, st in enumerate(statements):
        kind = st.ast_type
        if kind in (ast.ASTType.ShowSignature, ast.ASTType.Defined):
            nested.add((st.name, st.arity))
            continue
        if kind == ast.ASTType.Rule:
            head = _plain_head(st)
            if head is None:
                nested |= _sigs([st.head])
            elif (sig := (head.name, len(head.arguments))) in case and not _sigs(st.body) & dynamic:
                static_rules.setdefault(sig, []).append(n)
        elif kind == ast.ASTType.External:
            nested |= _sigs([st.atom])
        if kind in (ast.ASTType.Rule, ast.ASTType.External, ast.ASTType.Minimize, ast.ASTType.ShowTerm):
            for element in st.body:
                plain = element.ast_type == ast.ASTType.Literal and element.atom.ast_type == ast.ASTType.SymbolicAtom
                if not plain or element.sign == ast.Sign.DoubleNegation:
                    nested |= _sigs([element])
    mixed = {sig for sig in static_rules if sig not in nested and sig not in set(inputs.all)}
    if not mixed:
        return statements

    def static(term: Any) -> Any:
        return term.update(name=STATIC_PREFIX + term.name)

    out = []
    for n, st in enumerate(statements):
        if st.ast_type == ast.ASTType.Rule and any(n in static_rules.get(sig, ()) for sig in mixed):
            out.append(st.update(head=st.head.update(atom=st.head.atom.update(symbol=static(st.head.atom.symbol)))))
            continue
        if st.ast_type not in (ast.ASTType.Rule, ast.ASTType.External, ast.ASTType.Minimize, ast.ASTType.ShowTerm):
            out.append(st)
            continue
        choices = []
        for element in st.body:
            symbol = (
                element.atom.symbol
                if element.ast_type == ast.ASTType.Literal and element.atom.ast_type == ast.ASTType.SymbolicAtom
                else None
            )
            if (
                symbol is None
                or symbol.ast_type != ast.ASTType.Function
                or (symbol.name, len(symbol.arguments)) not in mixed
            ):
                choices.append([[element]])
                continue
            other = element.update(atom=element.atom.update(symbol=static(symbol)))
            if element.sign == ast.Sign.Negation:
                choices.append([[element, other]])  # neither part holds
            else:
                choices.append([[element], [other]])  # either part holds
        for picked in product(*choices):
            out.append(st.update(body=[e for part in picked for e in part]))
    return out


def compile_program(program: str, inputs: Inputs, hide: frozenset[Signature] = frozenset()) -> str:
    """The batch program for the given rule text (common.lp and every rules.lp, concatenated), without
    the shown predicates in hide and the rules only they need."""
    from clingo import ast

    statements: list[Any] = []
    ast.parse_string(program, lambda s: None if _hidden(s, hide) else statements.append(s))
    for name in (CASE_DOMAIN, DATE_DOMAIN, CASE_DATE, CASE_INPUT, DATE_INPUT):
        if any(
            s[0] == name or s[0].startswith(STATIC_PREFIX)
            for st in statements
            if (p := _parts(st))
            for s in p[0] | p[1]
        ):
            raise CompileError(f"the rules use {name}, which the batch compiler reserves")
    for s in statements:
        if s.ast_type == ast.ASTType.Script:
            raise CompileError("the rules contain a script; the batch compiler refuses it")
    case, date = classify(statements, inputs)
    statements = _split_mixed(statements, case, date, inputs)
    needed = _needed(statements, case)
    loc = statements[0].location if statements else None
    case_var, date_var = ast.Variable(loc, CASE_VAR), ast.Variable(loc, DATE_VAR)

    def rewrite(node: Any, state: dict[str, bool]) -> Any:
        """The node with the case or date argument added to every atom of a case or date predicate."""

        class Adder(ast.Transformer):
            def visit_SymbolicAtom(self, atom: Any) -> Any:  # noqa: N802 (clingo's visitor naming)
                return atom.update(symbol=self._term(atom.symbol))

            def _term(self, term: Any) -> Any:
                if term.ast_type == ast.ASTType.Pool:
                    return term.update(arguments=[self._term(t) for t in term.arguments])
                if term.ast_type != ast.ASTType.Function:
                    return term
                sig = (term.name, len(term.arguments))
                if sig in case:
                    state["case"] = True
                    return term.update(arguments=[case_var, *term.arguments])
                if sig in date:
                    state["date"] = True
                    return term.update(arguments=[date_var, *term.arguments])
                return term

        return Adder()(node)

    def domain(state: dict[str, bool], force_case: bool = False) -> list[Any]:
        """The body literals that bind the added variables."""

        def lit(name: str, *args: Any) -> Any:
            return ast.Literal(loc, ast.Sign.NoSign, ast.SymbolicAtom(ast.Function(loc, name, list(args), 0)))

        uses_case, uses_date = state.get("case") or force_case, state.get("date")
        if uses_case and uses_date:
            return [lit(CASE_DOMAIN, case_var), lit(CASE_DATE, case_var, date_var)]
        if uses_case:
            return [lit(CASE_DOMAIN, case_var)]
        if uses_date:
            return [lit(DATE_DOMAIN, date_var)]
        return []

    out: list[str] = []
    for s in statements:
        kind = s.ast_type
        if kind == ast.ASTType.Comment:
            continue
        parts = _parts(s)
        if kind == ast.ASTType.Rule and parts[0] and not parts[0] & needed:
            continue  # no shown atom rests on it
        if kind == ast.ASTType.ShowSignature:
            sig = (s.name, s.arity)
            if not s.name:
                continue
            args = [ast.Variable(loc, f"X{n}") for n in range(s.arity)]
            shown = ast.Function(loc, s.name, args, 0)
            state: dict[str, bool] = {}
            body = rewrite(ast.Literal(loc, ast.Sign.NoSign, ast.SymbolicAtom(shown)), state)
            term = ast.Function(loc, "", [case_var, shown], 0)
            out.append(str(ast.ShowTerm(loc, term, [body, *domain(state, force_case=True)])))
            continue
        if kind == ast.ASTType.ShowTerm:
            state = {}
            body = [rewrite(b, state) for b in s.body]
            term = ast.Function(loc, "", [case_var, s.term], 0)
            out.append(str(ast.ShowTerm(loc, term, [*body, *domain(state, force_case=True)])))
            continue
        if kind == ast.ASTType.Defined:
            sig = (s.name, s.arity)
            out.append(str(s.update(arity=s.arity + 1)) if sig in case or sig in date else str(s))
            continue
        if kind in (ast.ASTType.Rule, ast.ASTType.External, ast.ASTType.Minimize):
            state = {}
            new = rewrite(s, state)
            extra = domain(state)
            if extra:
                new = new.update(body=[*new.body, *extra])
            out.append(str(new))
            continue
        out.append(str(s))
    out.extend(_unpacking(inputs))
    out.append("#show.")  # only the pairs: no atom is shown by its signature
    return "\n".join(out) + "\n"


def _unpacking(inputs: Inputs) -> list[str]:
    """The rules through which the cases' facts enter: the domains from the solver's context
    functions, and each declared input from the atoms they return."""
    out = [
        f"{CASE_DOMAIN}({CASE_VAR}) :- {CASE_VAR} = @batch_cases().",
        f"{DATE_DOMAIN}({DATE_VAR}) :- {DATE_VAR} = @batch_dates().",
        f"{CASE_DATE}({CASE_VAR},{DATE_VAR}) :- {CASE_DOMAIN}({CASE_VAR}), {DATE_VAR} = @batch_date_of({CASE_VAR}).",
        f"{CASE_INPUT}({CASE_VAR},A) :- {CASE_DOMAIN}({CASE_VAR}), A = @batch_inputs({CASE_VAR}).",
        f"{DATE_INPUT}({DATE_VAR},A) :- {DATE_DOMAIN}({DATE_VAR}), A = @batch_date_inputs({DATE_VAR}).",
    ]
    for (name, arity), var, source in [
        *((sig, CASE_VAR, CASE_INPUT) for sig in inputs.case),
        *((sig, DATE_VAR, DATE_INPUT) for sig in inputs.date),
    ]:
        args = [f"X{n}" for n in range(arity)]
        atom = f"{name}({','.join(args)})" if arity else name
        out.append(f"{name}({','.join([var, *args])}) :- {source}({var},{atom}).")
    return out


def batch_program(kb: KnowledgeBase, hide: frozenset[Signature] = frozenset()) -> str:
    """The compiled program of this KB: in memory once per process, on disk beside the KB cache."""
    programs = kb.cache.setdefault("batch_programs", {})
    if hide in programs:
        return programs[hide]
    inputs = declared_inputs(kb)
    key = hashlib.sha256(f"{COMPILER_VERSION}|{inputs}|{sorted(hide)}|{kb.program}".encode()).hexdigest()[:20]
    cached = cache_dir() / f"batch-{key}.lp"
    try:
        text = cached.read_text(encoding="utf-8")
    except OSError:
        text = compile_program(kb.program, inputs, hide)
        keep_in_cache(cached, text)
    programs[hide] = text
    return text
