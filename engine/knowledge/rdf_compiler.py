"""Compile the RDF side of the KB into the plain data the engine needs.

rdflib parses the Turtle files once; the result is cached as JSON (traslado.knowledge.store) and rebuilt whenever
a file under kb/ changes, so that `traslado check` never pays for parsing the graph.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

TR = "https://w3id.org/traslado/vocab#"
ELI = "http://data.europa.eu/eli/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def load_graph(kb: Path):
    """The whole knowledge graph: vocabulary and every instrument."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(kb / "vocab.ttl", format="turtle")
    graph.parse(kb / "facts.ttl", format="turtle")
    for name in ("documents.ttl", "readings.ttl"):
        if (kb / name).is_file():
            graph.parse(kb / name, format="turtle")
    for ttl in sorted((kb / "instruments").glob("*/*.ttl")):
        graph.parse(ttl, format="turtle")
    return graph


def _by_lang(graph, subject, predicate) -> dict[str, str]:
    out: dict[str, str] = {}
    for literal in graph.objects(subject, predicate):
        out[getattr(literal, "language", None) or ""] = str(literal)
    return out


def _one(graph, subject, predicate) -> str | None:
    value = graph.value(subject, predicate)
    return None if value is None else str(value)


def compile_kb(kb: Path) -> dict[str, Any]:
    from rdflib import URIRef

    graph = load_graph(kb)

    def tr(name: str) -> URIRef:
        return URIRef(TR + name)

    def eli(name: str) -> URIRef:
        return URIRef(ELI + name)

    def skos(name: str) -> URIRef:
        return URIRef(SKOS + name)

    instruments: dict[str, Any] = {}
    for node in graph.subjects(tr("instrumentId"), None):
        ident = _one(graph, node, tr("instrumentId"))
        parts: dict[str, Any] = {}
        for sub in graph.subjects(tr("eid"), None):
            if not _belongs_to(graph, sub, node, eli("is_part_of")):
                continue
            eid = _one(graph, sub, tr("eid"))
            operative = graph.value(sub, tr("operative"))
            parts[eid] = {
                "article": _one(graph, sub, tr("article")),
                "paragraph": _one(graph, sub, tr("paragraph")),
                "item": _one(graph, sub, tr("item")),
                "order": int(graph.value(sub, tr("order")) or 0),
                "operative": operative is None or bool(operative.toPython()),
                "heading": _by_lang(graph, sub, tr("heading")),
                "text": _by_lang(graph, sub, tr("text")),
                "translation_notes": sorted(str(n) for n in graph.objects(sub, tr("translationNote"))),
                "interpretation_notes": sorted(str(n) for n in graph.objects(sub, tr("interpretationNote"))),
                "not_encoded_reason": _one(graph, sub, tr("notEncodedReason")),
            }
        instruments[ident] = {
            "id": ident,
            "iri": str(node),
            "title": _by_lang(graph, node, eli("title")),
            "short_name": _by_lang(graph, node, tr("shortName")),
            "signed": _one(graph, node, eli("date_document")),
            "place": _by_lang(graph, node, tr("placeOfSignature")),
            "in_force": _one(graph, node, eli("first_date_entry_in_force")),
            "unts": _one(graph, node, tr("untsNumber")),
            "series": _one(graph, node, tr("treatySeriesNumber")),
            # the primary language (tr:primaryLanguage) first: quoted where one authentic text is shown
            "authentic": _primary_first(graph, node, tr),
            "translations": sorted(str(x) for x in graph.objects(node, tr("translationLanguage"))),
            "source_files": _by_lang(graph, node, tr("sourceFile")),
            "parts": dict(sorted(parts.items(), key=lambda kv: kv[1]["order"])),
            "kind": str(graph.value(node, tr("kind")) or TR + "Treaty").rsplit("#", 1)[-1],
            "law_of": _one(graph, node, tr("lawOf")),
            "only_without_treaty": bool(graph.value(node, tr("onlyWithoutTreaty"))),
            "encoded": graph.value(node, tr("encoded")) is None or bool(graph.value(node, tr("encoded")).toPython()),
            "encoding_note": _one(graph, node, tr("encodingNote")),
            "article_prefix": _one(graph, node, tr("articlePrefix")) or "Art.",
            "scope_provision": _one(graph, graph.value(node, tr("scopeProvision")), tr("eid"))
            if graph.value(node, tr("scopeProvision")) is not None
            else None,
            **_parties(graph, node, tr),
        }

    concepts: dict[str, Any] = {}
    for node in graph.subjects(skos("notation"), None):
        notation = _one(graph, node, skos("notation"))
        concepts[notation] = {
            "label": _by_lang(graph, node, skos("prefLabel")),
            "definition": _by_lang(graph, node, skos("definition")),
            "scheme": str(graph.value(node, skos("inScheme")) or "").rsplit("#", 1)[-1],
        }
    facts: dict[str, Any] = {}
    for node in graph.subjects(tr("path"), None):
        actionable = graph.value(node, tr("actionable"))
        facts[_one(graph, node, tr("path"))] = {
            "actionable": bool(actionable is not None and actionable.toPython()),
            "action": _one(graph, node, tr("action")),
        }
    return {
        "instruments": dict(sorted(instruments.items())),
        "concepts": concepts,
        "facts": facts,
        "documents": _documents(graph, tr),
        "readings": _readings(graph, tr),
    }


def _readings(graph, tr) -> dict[str, Any]:
    """The contested readings (kb/readings.ttl): question, cited words, alternatives, default, profiles."""
    from rdflib.namespace import RDF, RDFS

    def alternative(node) -> dict[str, Any]:
        return {
            "id": _one(graph, node, tr("alternativeId")),
            "label": _by_lang(graph, node, RDFS.label),
            "argument": _by_lang(graph, node, tr("argument")),
            "authority": _by_lang(graph, node, tr("authorityNote")),
        }

    def words(node) -> dict[str, Any]:
        provision = str(graph.value(node, tr("cites")))
        instrument, eid = provision.rstrip("/").rsplit("/", 2)[-2:]
        quote = graph.value(node, tr("quote"))
        return {"instrument": instrument, "eid": eid, "quote": str(quote), "lang": quote.language or ""}

    readings: dict[str, Any] = {}
    for node in graph.subjects(RDF.type, tr("Reading")):
        default = graph.value(node, tr("defaultAlternative"))
        alternatives = sorted((alternative(a) for a in graph.objects(node, tr("alternative"))), key=lambda a: a["id"])
        default_id = _one(graph, default, tr("alternativeId"))
        alternatives.sort(key=lambda a: a["id"] != default_id)  # the default first
        readings[_one(graph, node, tr("readingId"))] = {
            "question": _by_lang(graph, node, tr("question")),
            "bears_on": sorted(
                str(graph.value(i, tr("instrumentId")) or i) for i in graph.objects(node, tr("bearsOn"))
            ),
            "words": sorted(
                (words(w) for w in graph.objects(node, tr("citedWords"))),
                key=lambda w: (w["instrument"], w["eid"], w["quote"]),
            ),
            "alternatives": alternatives,
            "default": default_id,
            "awaits": _one(graph, node, tr("awaitsFact")),
        }
    profiles: dict[str, Any] = {}
    for node in graph.subjects(RDF.type, tr("ReadingProfile")):
        choices = {}
        for alt in graph.objects(node, tr("choice")):
            reading = next(graph.subjects(tr("alternative"), alt))
            choices[_one(graph, reading, tr("readingId"))] = _one(graph, alt, tr("alternativeId"))
        profiles[_one(graph, node, tr("profileId"))] = {
            "label": _by_lang(graph, node, RDFS.label),
            "choices": dict(sorted(choices.items())),
        }
    return {"readings": dict(sorted(readings.items())), "profiles": dict(sorted(profiles.items()))}


def _documents(graph, tr) -> dict[str, Any]:
    """The source documents (kb/documents.ttl): title, date and address, and what they are cited as."""
    from rdflib.namespace import DCTERMS, RDF

    def instrument_ids(node, predicate) -> list[str]:
        return sorted(str(graph.value(i, tr("instrumentId")) or i) for i in graph.objects(node, predicate))

    out = {}
    for node in graph.subjects(RDF.type, tr("Document")):
        out[str(node).rsplit("/", 1)[-1]] = {
            "title": _by_lang(graph, node, DCTERMS.title),
            "date": _one(graph, node, DCTERMS.date),
            "date_kind": _one(graph, node, tr("dateKind")),
            "address": _one(graph, node, tr("address")),
            "cited_as": sorted(str(x) for x in graph.objects(node, tr("citedAs"))),
            "party_list_of": instrument_ids(node, tr("partyListOf")),
            "text_of": instrument_ids(node, tr("textOf")),
        }
    return dict(sorted(out.items()))


def _parties(graph, node, tr) -> dict[str, Any]:
    """Who is bound and from when, each fact with its source; partial lists say so."""
    from rdflib.namespace import DCTERMS

    parties = {}
    for party in graph.subjects(tr("partyTo"), node):
        parties[_one(graph, party, tr("state"))] = {
            "from": _one(graph, party, tr("inForceFrom")),
            "by": _one(graph, party, tr("inForceBy")),
            "until": _one(graph, party, tr("inForceUntil")),
            "source": _one(graph, party, DCTERMS.source),
            "note": _one(graph, party, tr("sourceNote")),
        }
    non_parties = {}
    for party in graph.subjects(tr("nonPartyTo"), node):
        non_parties[_one(graph, party, tr("state"))] = {
            "source": _one(graph, party, DCTERMS.source),
            "note": _one(graph, party, tr("sourceNote")),
            # The date the conclusion is known for (tr:nonPartyAsOf), and how it was read from the source.
            "as_of": _one(graph, party, tr("nonPartyAsOf")),
            "as_of_note": _one(graph, party, tr("asOfNote")),
        }
    declarations = {}
    for decl in graph.subjects(tr("declarationOf"), node):
        effect = str(graph.value(decl, tr("effect")) or "").rsplit("#", 1)[-1]
        declarations[str(decl).rsplit("/", 1)[-1]] = {
            "state": _one(graph, decl, tr("state")),
            "concerns": _one(graph, decl, tr("concerns")),
            "effect": effect,
            "text": _by_lang(graph, decl, tr("text")),
            "source_file": _one(graph, decl, tr("sourceFile")),
            "source": _one(graph, decl, DCTERMS.source),
            "note": _one(graph, decl, tr("interpretationNote")),
            "keeps_before": _one(graph, decl, tr("keepsForJudgmentsFinalBefore")),
            "not_from": _one(graph, decl, tr("notForJudgmentsFinalFrom")),
            "excluded_procedure": _one(graph, decl, tr("excludedProcedure")),  # CETS 112 Art. 3(3)
            # Held only in part: which part is not held, by language ({} for a text held whole).
            "held_in_part": _by_lang(graph, decl, tr("heldInPart")),
        }
    source_names = {}
    for party in [*graph.subjects(tr("partyTo"), node), *graph.subjects(tr("nameFor"), node)]:
        for name in graph.objects(party, tr("sourceName")):
            source_names[_one(graph, party, tr("state"))] = {
                "name": str(name),
                "lang": name.language or "",
                "source": _one(graph, party, DCTERMS.source),
            }
    unread = {}
    for node_ in graph.subjects(tr("unreadDeclarationsOf"), node):
        unread[_one(graph, node_, tr("state"))] = {
            "concerns": sorted(str(c) for c in graph.objects(node_, tr("mayConcern"))),
            "source": _one(graph, node_, DCTERMS.source),
        }
    through = graph.value(node, tr("partyListCompleteThrough"))
    party_range = None
    if through is not None:
        party_range = {
            "through": str(through),
            "lang": through.language or "",
            "source": _one(graph, node, tr("partyListRangeSource")),
            "note": _one(graph, node, tr("partyListRangeNote")),
            "as_of": _one(graph, node, tr("partyListAsOf")),
            "as_of_note": _one(graph, node, tr("asOfNote")),
        }
    complete = graph.value(node, tr("partyListComplete"))
    months = graph.value(node, tr("accessionMonths"))
    provision = graph.value(node, tr("accessionProvision"))
    chart = graph.value(node, tr("partyChart"))
    return {
        # How soon a later deposit can bind a state (tr:accessionMonths; None where the article is not held),
        # the paragraph that says so, and the chart that would settle a state's status (a tr:Document id).
        "accession": {
            "months": None if months is None else int(months.toPython()),
            "provision": None if provision is None else _one(graph, provision, tr("eid")),
        },
        "party_chart": None if chart is None else str(chart).rsplit("/", 1)[-1],
        "source_names": dict(sorted(source_names.items())),
        "unread_declarations": dict(sorted(unread.items())),
        "party_range": party_range,
        "declarations": dict(sorted(declarations.items())),
        "parties": dict(sorted(parties.items())),
        "non_parties": dict(sorted(non_parties.items())),
        "party_list_complete": None if complete is None else bool(complete.toPython()),
        "party_list_note": _one(graph, node, tr("partyListNote")),
    }


def _primary_first(graph, node, tr) -> list[str]:
    """The authentic languages, the primary one (tr:primaryLanguage) first: it is quoted where one is shown."""
    primary = _one(graph, node, tr("primaryLanguage"))
    return sorted((str(x) for x in graph.objects(node, tr("authenticLanguage"))), key=lambda x: (x != primary, x))


def _belongs_to(graph, sub, top, is_part_of) -> bool:
    seen = set()
    while sub is not None and sub not in seen:
        if sub == top:
            return True
        seen.add(sub)
        sub = graph.value(sub, is_part_of)
    return False
