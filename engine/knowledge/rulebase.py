"""The rules as data: what each instrument requires and provides, read from the ASP files by grounding
them without a case. `compare`, `rules`, the RDF export and SPARQL all read this, so that they can
never disagree with the rules `check` applies.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from traslado.knowledge.citation import Citation
from traslado.knowledge.location import cache_dir, keep_in_cache
from traslado.knowledge.store import KnowledgeBase


@dataclass(frozen=True)
class Rule:
    """A requirement, provision, consideration or effect of an instrument, with its citations."""

    instrument: str
    category: str  # requirement | provision | consideration | effect
    kind: str  # requirement kind, provision topic, consideration id
    value: str | None  # provision value; None otherwise
    citation: Citation
    also: tuple[Citation, ...] = ()
    exceptions: tuple[tuple[str, Citation], ...] = ()
    note: str | None = None


@dataclass
class RuleBase:
    rules: list[Rule]
    min_term: dict[str, tuple[int, str]] = field(default_factory=dict)
    covers: dict[str, list[str]] = field(default_factory=dict)
    # A protocol that applies its convention's provisions where it says nothing (ETS 167 Art. 1(2)):
    # instrument -> (the instrument whose provisions apply, the article that says so).
    provisions_of: dict[str, tuple[str, Citation]] = field(default_factory=dict)
    # The case field an instrument counts its minimum remaining term from (counts_from/2 in its
    # rules.lp); an instrument that declares none counts from the request date.
    counts_from: dict[str, str] = field(default_factory=dict)

    def term_counted_from(self, instrument: str) -> str:
        """The date field the instrument's remaining term is counted from: request_date unless it says."""
        return self.counts_from.get(instrument, "request_date")

    def of(self, instrument: str | None = None, category: str | None = None, kind: str | None = None) -> list[Rule]:
        return [
            r
            for r in self.rules
            if (instrument is None or r.instrument == instrument)
            and (category is None or r.category == category)
            and (kind is None or r.kind == kind)
        ]


def load_rulebase(kb: KnowledgeBase) -> RuleBase:
    """Read once per knowledge base, and kept on disk beside the KB cache: reading it grounds the whole
    program, which a single `check` would otherwise pay twice (once for the case, once for this)."""
    if "rulebase" not in kb.cache:
        cache_file = _cache_file(kb)
        rulebase = None
        if cache_file is not None:
            try:
                rulebase = _from_json(json.loads(cache_file.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError, IndexError):
                rulebase = None
        if rulebase is None:
            rulebase = _load(kb, kb.program)
            if cache_file is not None:
                keep_in_cache(cache_file, json.dumps(_to_json(rulebase), ensure_ascii=False))
        kb.cache["rulebase"] = rulebase
    return kb.cache["rulebase"]


def _cache_file(kb: KnowledgeBase) -> Path | None:
    """Where this KB's rule base is cached: keyed by the fingerprint of its files (as the KB cache is),
    the readings it is read with, and the code that reads it. None for a KB built in memory, whose data
    need not be its files': it is read afresh."""
    fingerprint = kb.cache.get("fingerprint")
    if fingerprint is None:
        return None
    key = hashlib.sha256(f"{fingerprint}|{kb.choices}|{_code_digest()}".encode()).hexdigest()[:20]
    return cache_dir() / f"rules-{key}.json"


@cache
def _code_digest() -> str:
    """Changes with the code that reads the rule base (this folder's modules)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _citation_json(c: Citation) -> list[str | None]:
    return [c.instrument, c.article, c.paragraph, c.item, c.prefix]


def _to_json(rb: RuleBase) -> dict[str, Any]:
    return {
        "rules": [
            [
                r.instrument,
                r.category,
                r.kind,
                r.value,
                _citation_json(r.citation),
                [_citation_json(c) for c in r.also],
                [[condition, _citation_json(c)] for condition, c in r.exceptions],
                r.note,
            ]
            for r in rb.rules
        ],
        "min_term": rb.min_term,
        "covers": rb.covers,
        "provisions_of": {k: [base, _citation_json(c)] for k, (base, c) in rb.provisions_of.items()},
        "counts_from": rb.counts_from,
    }


def _from_json(data: dict[str, Any]) -> RuleBase:
    rules = [
        Rule(
            instrument,
            category,
            kind,
            value,
            Citation(*citation),
            tuple(Citation(*c) for c in also),
            tuple((condition, Citation(*c)) for condition, c in exceptions),
            note,
        )
        for instrument, category, kind, value, citation, also, exceptions, note in data["rules"]
    ]
    return RuleBase(
        rules,
        {k: (months, comparison) for k, (months, comparison) in data["min_term"].items()},
        data["covers"],
        {k: (base, Citation(*c)) for k, (base, c) in data["provisions_of"].items()},
        data["counts_from"],
    )


def _load(kb: KnowledgeBase, program: str) -> RuleBase:
    import clingo
    from clingo import Function, String
    from traslado.knowledge.asp_facts import kb_symbols, read_citation, symbol_value

    control = clingo.Control(["--warn=none"])
    control.add("base", [], program)
    with control.backend() as backend:
        for symbol in kb_symbols(kb) + [Function("evaluate", [String(i)]) for i in kb.instruments]:
            backend.add_rule([backend.add_atom(symbol)])
    control.ground([("base", [])])

    def facts(name: str, arity: int):
        return [a.symbol for a in control.symbolic_atoms.by_signature(name, arity) if a.is_fact]

    also: dict[tuple[str, str], list[Citation]] = {}
    for s in facts("also_cites", 3):
        inst = symbol_value(s.arguments[0])
        also.setdefault((inst, symbol_value(s.arguments[1])), []).append(read_citation(kb, inst, s.arguments[2]))
    exceptions: dict[tuple[str, str], list[tuple[str, Citation]]] = {}
    for s in facts("exception", 4):
        inst = symbol_value(s.arguments[0])
        key = (inst, symbol_value(s.arguments[1]))
        exceptions.setdefault(key, []).append((symbol_value(s.arguments[2]), read_citation(kb, inst, s.arguments[3])))
    notes = {
        (symbol_value(s.arguments[0]), symbol_value(s.arguments[1]), symbol_value(s.arguments[2])): symbol_value(
            s.arguments[3]
        )
        for s in facts("provision_note", 4)
    }
    rules: list[Rule] = []
    for s in facts("requirement", 3):
        inst, kind = symbol_value(s.arguments[0]), symbol_value(s.arguments[1])
        rules.append(
            Rule(
                inst,
                "requirement",
                kind,
                None,
                read_citation(kb, inst, s.arguments[2]),
                # the solver's atom order is not an order: by provision, then by name
                tuple(sorted(also.get((inst, kind), []), key=lambda c: (_part_order(kb, c), c.label))),
                tuple(sorted(exceptions.get((inst, kind), []), key=lambda e: (_part_order(kb, e[1]), e[0]))),
            )
        )
    for s in facts("provision", 4):
        inst, topic, value = (symbol_value(a) for a in s.arguments[:3])
        citation = read_citation(kb, inst, s.arguments[3])
        rules.append(Rule(inst, "provision", topic, value, citation, note=notes.get((inst, topic, value))))
    for category, name in (("consideration", "consideration"), ("effect", "effect")):
        for s in facts(name, 3):
            inst = symbol_value(s.arguments[0])
            rules.append(
                Rule(inst, category, symbol_value(s.arguments[1]), None, read_citation(kb, inst, s.arguments[2]))
            )
    min_term = {
        symbol_value(s.arguments[0]): (s.arguments[1].number, symbol_value(s.arguments[2]))
        for s in facts("min_term", 3)
    }
    covers: dict[str, list[str]] = {}
    for s in facts("covers", 2):
        covers.setdefault(symbol_value(s.arguments[0]), []).append(symbol_value(s.arguments[1]))
    provisions_of = {
        symbol_value(s.arguments[0]): (
            symbol_value(s.arguments[1]),
            read_citation(kb, symbol_value(s.arguments[0]), s.arguments[2]),
        )
        for s in facts("provisions_of", 3)
    }
    counts_from = {symbol_value(s.arguments[0]): symbol_value(s.arguments[1]) for s in facts("counts_from", 2)}
    order = {ident: n for n, ident in enumerate(kb.instruments)}

    def position(rule: Rule) -> tuple:
        part = kb.part(rule.citation)
        return (
            order.get(rule.instrument, 99),
            rule.category,
            part["order"] if part else 10**6,
            rule.kind,
            rule.value or "",
        )

    return RuleBase(
        sorted(rules, key=position), min_term, {k: sorted(v) for k, v in covers.items()}, provisions_of, counts_from
    )


def _part_order(kb: KnowledgeBase, citation: Citation) -> int:
    part = kb.part(citation)
    return part["order"] if part else 10**6
