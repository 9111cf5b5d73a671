"""Integrity of the KB: every citation in the rules resolves to text, every kind is in the vocabulary,
every quote stands verbatim in its source. Used by the tests; cheap enough to run any time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from traslado.knowledge.citation import Citation
from traslado.knowledge.store import KnowledgeBase
from traslado.knowledge.verbatim import appears_in, normalise, source_readings


@dataclass(frozen=True)
class CitedTerm:
    """A fact of a rules.lp that names an instrument, a kind or id, and a cite(...) term."""

    predicate: str
    instrument: str
    name: str
    citation: Citation
    file: str
    line: int
    value: str | None = None  # a provision's value


def cited_terms(kb: KnowledgeBase) -> list[CitedTerm]:
    """Every requirement/also_cites/exception/consideration/effect head in the rule files."""
    from clingo import ast

    found: list[CitedTerm] = []
    paths = [path for path in kb.rule_files() if path.exists()]
    # Constants are global in the grounded program: provisions.lp uses the name rules.lp defines.
    consts: dict[str, str] = {}

    def define(statement) -> None:
        if statement.ast_type == ast.ASTType.Definition:
            consts[statement.name] = str(statement.value).strip('"')

    for path in paths:
        ast.parse_string(path.read_text(encoding="utf-8"), define)
    for path in paths:
        text = path.read_text(encoding="utf-8")

        def visit(statement, path=path) -> None:
            if statement.ast_type != ast.ASTType.Rule:
                return
            head = statement.head
            if head.ast_type != ast.ASTType.Literal or head.atom.ast_type != ast.ASTType.SymbolicAtom:
                return
            term = head.atom.symbol
            if term.ast_type != ast.ASTType.Function or term.name not in _CITING:
                return
            args = [str(a) for a in term.arguments]
            cite = term.arguments[-1]
            if cite.ast_type != ast.ASTType.Function or cite.name != "cite":
                return
            parts = [str(a).strip('"') for a in cite.arguments]
            instrument = consts.get(args[0], args[0].strip('"'))
            cited = parts.pop(0) if len(parts) == 4 else instrument  # cite(Instrument, ...) names another
            article, paragraph, item = parts
            found.append(
                CitedTerm(
                    term.name,
                    instrument,
                    args[1],
                    Citation(
                        cited,
                        article,
                        None if paragraph == "none" else paragraph,
                        None if item == "none" else item,
                    ),
                    str(path),
                    statement.location.begin.line,
                    args[2] if term.name == "provision" else None,
                )
            )

        ast.parse_string(text, visit)
    return found


_CITING = {"requirement", "also_cites", "exception", "consideration", "effect", "provision", "provisions_of"}


def unresolved_citations(kb: KnowledgeBase) -> list[str]:
    """Citations in the rules with no paragraph, or a paragraph with no text, in the RDF."""
    problems = []
    for term in cited_terms(kb):
        part = kb.part(term.citation)
        where = f"{Path(term.file).name}:{term.line}"
        if part is None:
            problems.append(
                f"{where}: {term.citation.instrument} {term.citation.label} ({term.citation.eid}) not in the RDF"
            )
        elif not part["text"]:
            problems.append(f"{where}: {term.citation.label} has no text in the RDF")
        else:
            authentic = kb.instrument(term.citation.instrument)["authentic"]
            if not any(lang in part["text"] for lang in authentic):
                problems.append(f"{where}: {term.citation.label} has no text in an authentic language")
    return problems


def undefined_kinds(kb: KnowledgeBase) -> list[str]:
    """Requirement kinds, considerations and effects used in ASP but not defined in vocab.ttl."""
    concepts = kb.data["concepts"]
    problems = []
    for term in cited_terms(kb):
        if term.predicate in {"requirement", "consideration", "effect", "provision"} and term.name not in concepts:
            problems.append(f"{Path(term.file).name}:{term.line}: {term.name} is not a skos:notation in kb/vocab.ttl")
        if term.value is not None and term.value not in concepts:
            problems.append(
                f"{Path(term.file).name}:{term.line}: value {term.value} is not a skos:notation in kb/vocab.ttl"
            )
    return problems


def unquoted_texts(kb: KnowledgeBase) -> list[str]:
    """Texts in the RDF that do not stand word for word in their kb/sources file."""
    problems = []
    for ident, inst in kb.instruments.items():
        readings: dict[str, tuple[str, ...]] = {}
        for lang, name in inst["source_files"].items():
            readings[lang] = source_readings((kb.root / "sources" / name).read_text(encoding="utf-8"))
        for eid, part in inst["parts"].items():
            for field in ("text", "heading"):
                for lang, text in part[field].items():
                    if lang not in readings:
                        problems.append(f"{ident} {eid} {field}@{lang}: no source file for {lang}")
                    elif not appears_in(text, readings[lang]):
                        problems.append(f"{ident} {eid} {field}@{lang}: not verbatim in {inst['source_files'][lang]}")
        for decl_id, decl in inst.get("declarations", {}).items():
            name = decl.get("source_file")
            if not name:
                problems.append(f"{ident} declaration {decl_id}: no tr:sourceFile")
                continue
            decl_readings = source_readings((kb.root / "sources" / name).read_text(encoding="utf-8"))
            for lang, text in decl["text"].items():
                if not appears_in(text, decl_readings):
                    problems.append(f"{ident} declaration {decl_id} text@{lang}: not verbatim in {name}")
        for lang, title in inst["title"].items():
            if lang in readings and not appears_in(title, readings[lang]):
                problems.append(f"{ident} title@{lang}: not verbatim in its source")
    return problems


def misquoted_comments(kb: KnowledgeBase) -> list[str]:
    """Words quoted in a rules.lp comment ("...") that are not in the instrument's sources.

    A comment block is joined into one text; each double-quoted passage, cut at "[...]" elisions,
    must stand verbatim in one of the instrument's source files. Keeps the reviewable comments honest.
    """
    import re

    problems = []
    for path in sorted((kb.root / "instruments").glob("*/*.lp")):
        ident = path.parent.name
        if ident not in kb.instruments:
            continue
        readings = [
            r
            for name in set(kb.instrument(ident)["source_files"].values())
            for r in source_readings((kb.root / "sources" / name).read_text(encoding="utf-8"))
        ]
        block: list[str] = []
        lines = path.read_text(encoding="utf-8").splitlines() + [""]
        for number, line in enumerate(lines, 1):
            if line.lstrip().startswith("%"):
                block.append(line.lstrip()[1:].strip())
                continue
            text = " ".join(block)
            block = []
            for passage in re.findall(r'"([^"]+)"', text):
                for fragment in passage.split("[...]"):
                    fragment = fragment.strip(" ,;")
                    if fragment and not appears_in(fragment, tuple(readings)):
                        problems.append(
                            f'{path.parent.name}/{path.name} (before line {number}): "{fragment}" not in the sources'
                        )
    return problems


def reading_problems(kb: KnowledgeBase) -> list[str]:
    """Contested readings (kb/readings.ttl): each quote stands verbatim in the provision it cites, the
    default is one of the alternatives, each profile chooses existing alternatives."""
    from traslado.knowledge.readings import catalogue, profiles

    problems = []
    every = catalogue(kb)
    for ident, reading in every.items():
        alternatives = [a["id"] for a in reading["alternatives"]]
        if reading["default"] not in alternatives:
            problems.append(f"reading {ident}: default {reading['default']!r} is not one of its alternatives")
        for inst in reading["bears_on"]:
            if inst not in kb.instruments:
                problems.append(f"reading {ident}: bears on unknown instrument {inst}")
        for words in reading["words"]:
            part = kb.instruments.get(words["instrument"], {}).get("parts", {}).get(words["eid"])
            where = f"reading {ident}: {words['instrument']} {words['eid']}"
            if part is None:
                problems.append(f"{where}: no such provision")
            elif words["lang"] not in part["text"]:
                problems.append(f"{where}: no text in {words['lang'] or '(no language)'}")
            elif not appears_in(words["quote"], (normalise(part["text"][words["lang"]]),)):
                problems.append(f"{where}@{words['lang']}: quote not verbatim: {words['quote'][:60]}")
    for name, profile in profiles(kb).items():
        for ident, alt in profile["choices"].items():
            if ident not in every or alt not in [a["id"] for a in every[ident]["alternatives"]]:
                problems.append(f"profile {name}: {ident}={alt} is not a reading's alternative")
    return problems
