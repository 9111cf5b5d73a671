"""Case facts and KB facts as clingo symbols: the only way data reaches the solver.

Case strings never become program text: every fact is a clingo Symbol, so a case cannot inject
rules or scripts whatever its strings hold. Calendar arithmetic (months remaining, which KB dates
the request date has reached) is done here; what follows from it is in the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from engine.case import Case
from engine.case_schema import BY_PATH
from engine.kb import KnowledgeBase

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
        elif kind == "kind":
            atoms.append(fact_symbol("given", path, ("kind", value)))
        elif kind == "state":
            atoms.append(
                fact_symbol("state", ("role", "sentencing" if path == "sentencing_state" else "administering"), value)
            )
        elif kind == "states":
            atoms.extend(fact_symbol("nationality", code) for code in value)
    if "request_date" in case.facts:
        day = _day(case.facts["request_date"])
        atoms.extend(fact_symbol("reached", d) for d in kb_dates(kb) if d <= day)
    remaining = case.remaining
    if remaining is not None:
        months, beyond = remaining.months, remaining.beyond
        if months > REMAINING_CAP:
            months, beyond = REMAINING_CAP, True
        atoms.append(fact_symbol("remaining", months, 1 if beyond else 0))
    return atoms


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


def _day(value: Any) -> int:
    """A date as the integer YYYYMMDD."""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return value.year * 10000 + value.month * 100 + value.day


def kb_dates(kb: KnowledgeBase) -> tuple[int, ...]:
    """Every date the rules compare the request date with (entry into force, statutes' dates)."""
    cached = kb.cache.get("dates")
    if cached is None:
        days = set()
        for inst in kb.instruments.values():
            for party in inst.get("parties", {}).values():
                for when in (party.get("from"), party.get("by")):
                    if when:
                        days.add(_day(when))
            if inst["kind"] == "DomesticLaw" and inst["signed"]:
                days.add(_day(inst["signed"]))
        cached = kb.cache["dates"] = tuple(sorted(days))
    return cached


_EFFECTS = {
    "DefinesNational": "defines_national",
    "ExcludesProcedure": "excludes_procedure",
    "ExcludesArticle": "excludes_article",
    "ExcludesArticleIfHabitualResident": "excludes_article_if_resident",
    "Procedural": "procedural",
    "NationalIncludesStatelessResidents": "national_includes_stateless_residents",
}


def kb_symbols(kb: KnowledgeBase, forced: Iterable[str] = ()) -> list[Any]:
    """What the KB's RDF says about every instrument (kind, parties, declarations), as clingo facts,
    and which instruments the user asked for by name."""
    from clingo import Function, Number, String

    atoms = [Function("forced", [String(i)]) for i in forced]
    for ident, inst in kb.instruments.items():
        name = String(ident)
        atoms.append(Function("instrument", [name]))
        if inst["kind"] == "DomesticLaw":
            atoms.append(Function("domestic", [name, String(inst["law_of"])]))
            if inst["signed"]:
                atoms.append(Function("domestic_from", [name, Number(_day(inst["signed"]))]))
        else:
            atoms.append(Function("treaty", [name]))
        if inst["only_without_treaty"]:
            atoms.append(Function("only_without_treaty", [name]))
        if not inst["encoded"]:
            atoms.append(Function("not_encoded", [name]))
        if inst.get("party_list_complete"):
            atoms.append(Function("party_list_complete", [name]))
        for state, party in inst.get("parties", {}).items():
            if party["from"]:
                atoms.append(Function("party", [name, String(state), Number(_day(party["from"]))]))
            elif party.get("by"):
                atoms.append(Function("party_by", [name, String(state), Number(_day(party["by"]))]))
        atoms.extend(Function("non_party", [name, String(s)]) for s in inst.get("non_parties", {}))
        for ident_decl, decl in inst.get("declarations", {}).items():
            effect = Function(_EFFECTS.get(decl["effect"], "procedural"))
            if decl["effect"].startswith("ExcludesArticle"):
                effect = Function(_EFFECTS[decl["effect"]], [String(decl["concerns"] or "")])
            atoms.append(Function("declaration", [name, String(decl["state"]), effect, String(ident_decl)]))
    return atoms
