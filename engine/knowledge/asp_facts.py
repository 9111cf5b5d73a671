"""The KB's RDF facts as clingo symbols (instruments, parties, declarations, dates), and cite(...)
terms read back into citations. Shared by the solver and by the rule base read without a case."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from traslado.knowledge.citation import Citation
from traslado.knowledge.store import KnowledgeBase


def symbol_value(symbol: Any) -> Any:
    """A string, a number or a constant's name, as the Python value the results use."""
    from clingo import SymbolType

    if symbol.type == SymbolType.String:
        return symbol.string
    if symbol.type == SymbolType.Number:
        return symbol.number
    return symbol.name


def read_citation(kb: KnowledgeBase, instrument: str, term: Any) -> Citation:
    """cite(Article, Paragraph, Item) of the instrument itself, or cite(Instrument, Article, Paragraph, Item)."""
    parts = [symbol_value(a) for a in term.arguments]
    if len(parts) == 4:
        instrument, parts = parts[0], parts[1:]
    article, paragraph, item = parts
    return kb.citation(
        instrument, article, None if paragraph == "none" else paragraph, None if item == "none" else item
    )


def day_number(value: Any) -> int:
    """A date as the integer YYYYMMDD."""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return value.year * 10000 + value.month * 100 + value.day


def first_binding_day(as_of: str | date, months: int | None) -> date:
    """The first day an instrument deposited the day after as_of could bind a state: for an instrument
    whose entry into force for a later party is "on the first day of the month following the
    expiration of a period of [months] months after the date of deposit" (CETS 112 Art. 18(3), 19(2);
    tr:accessionMonths), the first day of the month after the deposit day plus that many months (a day
    missing in a shorter month is its last day: 30 November + 3 months expires on 28 or 29 February);
    where the instrument's entry-into-force rule is not held (months None), the deposit day itself."""
    import calendar
    from datetime import timedelta

    if isinstance(as_of, str):
        as_of = date.fromisoformat(as_of)
    deposit = as_of + timedelta(days=1)
    if months is None:
        return deposit
    index = deposit.year * 12 + deposit.month - 1 + months
    year, month = divmod(index, 12)
    expires = date(year, month + 1, min(deposit.day, calendar.monthrange(year, month + 1)[1]))
    return date(expires.year + expires.month // 12, expires.month % 12 + 1, 1)


def non_party_until(inst: dict[str, Any]) -> dict[str, int]:
    """For each state a source names a non-party (tr:nonPartyAsOf), the first day (YYYYMMDD) it could be
    bound; before it the state is not a party, from it its status is unknown (kb/common.lp)."""
    months = (inst.get("accession") or {}).get("months")
    return {
        state: day_number(first_binding_day(info["as_of"], months))
        for state, info in inst.get("non_parties", {}).items()
        if info.get("as_of")
    }


def range_until(inst: dict[str, Any]) -> int | None:
    """The same first day for a state absent from a partial list's covered range (tr:partyListAsOf)."""
    covered = inst.get("party_range")
    if not covered or not covered.get("as_of"):
        return None
    return day_number(first_binding_day(covered["as_of"], (inst.get("accession") or {}).get("months")))


def kb_dates(kb: KnowledgeBase) -> tuple[int, ...]:
    """Every date the rules compare the request date with (entry into force, statutes' dates)."""
    cached = kb.cache.get("dates")
    if cached is None:
        days = set()
        for inst in kb.instruments.values():
            for party in inst.get("parties", {}).values():
                for when in (party.get("from"), party.get("by"), party.get("until")):
                    if when:
                        days.add(day_number(when))
            for decl in inst.get("declarations", {}).values():
                for when in (decl.get("keeps_before"), decl.get("not_from")):
                    if when:
                        days.add(day_number(when))
            days.update(non_party_until(inst).values())
            if range_until(inst):
                days.add(range_until(inst))
            if inst["kind"] == "DomesticLaw" and inst["signed"]:
                days.add(day_number(inst["signed"]))
        cached = kb.cache["dates"] = tuple(sorted(days))
    return cached


_EFFECTS = {
    "DefinesNational": "defines_national",
    "ExcludesProcedure": "excludes_procedure",
    "ExcludesArticle": "excludes_article",
    "ExcludesArticleIfHabitualResident": "excludes_article_if_resident",
    "Procedural": "procedural",
    "NationalIncludesStatelessResidents": "national_includes_stateless_residents",
    "TransitionalKeepsOldInstruments": "transitional",
}


def kb_symbols(kb: KnowledgeBase, forced: Iterable[str] = ()) -> list[Any]:
    """What the KB's RDF says about every instrument (kind, parties, declarations), as clingo facts,
    which instruments the user asked for by name, and the contested readings in force (reading/2)."""
    from clingo import Function, Number, String

    atoms = [Function("forced", [String(i)]) for i in forced]
    for ident, inst in kb.instruments.items():
        name = String(ident)
        atoms.append(Function("instrument", [name]))
        if inst["kind"] == "DomesticLaw":
            atoms.append(Function("domestic", [name, String(inst["law_of"])]))
            if inst["signed"]:
                atoms.append(Function("domestic_from", [name, Number(day_number(inst["signed"]))]))
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
                atoms.append(Function("party", [name, String(state), Number(day_number(party["from"]))]))
            elif party.get("by"):
                atoms.append(Function("party_by", [name, String(state), Number(day_number(party["by"]))]))
            if party.get("until"):
                atoms.append(Function("party_until", [name, String(state), Number(day_number(party["until"]))]))
        # A source says State is not a party; Day: the first day it could be bound (an undated one says nothing).
        atoms.extend(
            Function("non_party_until", [name, String(s), Number(d)]) for s, d in non_party_until(inst).items()
        )
        if range_until(inst):
            atoms.append(Function("listed_range_until", [name, Number(range_until(inst))]))
            atoms.extend(Function("in_listed_range", [name, String(s)]) for s in states_in_listed_range(inst))
        atoms.extend(
            Function("declaration_text_missing", [name, String(s)]) for s in inst.get("unread_declarations", {})
        )
        for ident_decl, decl in inst.get("declarations", {}).items():
            effect = Function(_EFFECTS.get(decl["effect"], "procedural"))
            if decl["effect"].startswith("ExcludesArticle"):
                effect = Function(_EFFECTS[decl["effect"]], [String(decl["concerns"] or "")])
            if decl["effect"] == "ExcludesProcedure":  # which procedure of Art. 9(1), as the text names it
                effect = Function(_EFFECTS[decl["effect"]], [String(decl.get("excluded_procedure") or "")])
            atoms.append(Function("declaration", [name, String(decl["state"]), effect, String(ident_decl)]))
            if decl.get("held_in_part"):  # its text is held only in part (tr:heldInPart)
                atoms.append(Function("declaration_held_in_part", [name, String(decl["state"]), String(ident_decl)]))
            if decl.get("keeps_before") and decl.get("not_from"):  # FD 2008/909 Art. 28(2)
                days = [Number(day_number(decl[k])) for k in ("keeps_before", "not_from")]
                atoms.append(Function("transitional", [name, String(decl["state"]), *days, String(ident_decl)]))
    from traslado.knowledge.readings import reading_symbols

    return atoms + reading_symbols(kb)


def sort_key(name: str) -> str:
    """A name as an alphabetical list orders it: case and diacritics ignored ("Albanië" = "albanie",
    "IJsland" after "Ierland", as the Verdragenbank orders them)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def states_in_listed_range(inst: dict[str, Any]) -> list[str]:
    """The states whose name (in the party list's language, from a source) sorts inside the range the
    partial list covers completely (tr:partyListCompleteThrough). The engine compares the names; the
    rules say what follows (common.lp: absent inside the range is not a party)."""
    covered = inst.get("party_range")
    if not covered:
        return []
    end = sort_key(covered["through"])
    return sorted(
        state
        for state, named in inst.get("source_names", {}).items()
        if named["lang"] == covered["lang"] and sort_key(named["name"]) <= end
    )
