"""The whole knowledge graph: the RDF files (vocabulary, case facts, instruments, parties,
declarations) plus the rules read from ASP (traslado.knowledge.rulebase) as RDF, so that SPARQL, the export and
the SHACL shapes see exactly what `check` and `compare` use.

Building it also links the graph to identifiers other teams use (traslado.research.identifiers):
states as IRIs of the EU country table beside their ISO codes, addresses named in source notes as
IRIs, and an instrument's ELI as its IRI. The literals stay, and the engine never reads this graph.
"""

from __future__ import annotations

from typing import Any

from traslado.knowledge.rdf_compiler import ELI as ELI_NS
from traslado.knowledge.rdf_compiler import TR, load_graph
from traslado.knowledge.rulebase import load_rulebase
from traslado.knowledge.store import KnowledgeBase
from traslado.research.identifiers import ELI, PREFIXES, addresses, country_iri, project_iri

RULE = PREFIXES["rule"]
LRML = PREFIXES["lrml"]


def knowledge_graph(kb: KnowledgeBase) -> Any:
    from rdflib import RDF, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, SKOS, XSD

    graph = Graph(bind_namespaces="none")  # the project's prefixes only: no ns1:, default1: ...
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph += load_graph(kb.root)
    tr = Namespace(TR)
    lrml = Namespace(LRML)
    concept = {str(n): s for s, n in graph.subject_objects(SKOS.notation)}
    nodes, parts = _instrument_nodes(graph)

    def instrument(ident: str) -> URIRef:
        return nodes.get(ident, URIRef(project_iri(ident)))

    def subdivision(citation) -> URIRef:
        return parts.get((citation.instrument, citation.eid), URIRef(project_iri(citation.instrument, citation.eid)))

    rulebase = load_rulebase(kb)
    for rule in rulebase.rules:
        tail = f"{rule.instrument}/{rule.category}/{rule.kind}" + (f"/{rule.value}" if rule.value else "")
        node = URIRef(RULE + tail)
        graph.add((node, RDF.type, tr.Rule))
        graph.add((node, RDF.type, lrml.PrescriptiveStatement))
        graph.add((node, tr.instrument, instrument(rule.instrument)))
        graph.add((node, tr.ruleCategory, Literal(rule.category)))
        if rule.kind in concept:
            graph.add((node, tr.about, concept[rule.kind]))
        graph.add((node, tr.kindNotation, Literal(rule.kind)))
        if rule.value:
            graph.add((node, tr.valueNotation, Literal(rule.value)))
            if rule.value in concept:
                graph.add((node, tr.value, concept[rule.value]))
        for citation in (rule.citation, *rule.also):
            graph.add((node, tr.cites, subdivision(citation)))
            graph.add((node, DCTERMS.references, subdivision(citation)))
        graph.add((node, lrml.appliesSource, subdivision(rule.citation)))
        for fact, citation in rule.exceptions:
            graph.add((node, tr.exceptionCondition, Literal(fact)))
            graph.add((node, tr.cites, subdivision(citation)))
        if rule.kind == "remaining_term" and rule.instrument in rulebase.min_term:
            months, mode = rulebase.min_term[rule.instrument]
            graph.add((node, tr.minimumMonths, Literal(months, datatype=XSD.integer)))
            graph.add((node, tr.minimumComparison, Literal(mode)))
        if rule.note:
            graph.add((node, tr.interpretationNote, Literal(rule.note, lang="en")))
    for inst, (base, citation) in rulebase.provisions_of.items():
        graph.add((instrument(inst), tr.appliesProvisionsOf, instrument(base)))
        graph.add((instrument(inst), tr.appliesProvisionsBy, subdivision(citation)))
    _link_states(graph)
    _link_sources(graph)
    _name_by_eli(graph, nodes)
    return graph


def _instrument_nodes(graph) -> tuple[dict[str, Any], dict[tuple[str, str], Any]]:
    """Each instrument's node by id, and each part's node by (instrument id, eid), as the files name them."""
    from rdflib import URIRef

    tr_id, tr_eid, part_of = URIRef(TR + "instrumentId"), URIRef(TR + "eid"), URIRef(ELI_NS + "is_part_of")
    nodes = {str(ident): node for node, ident in graph.subject_objects(tr_id)}
    owner = {node: ident for ident, node in nodes.items()}
    parent = dict(graph.subject_objects(part_of))
    parts = {}
    for node, eid in graph.subject_objects(tr_eid):
        top, seen = node, set()
        while top in parent and top not in owner and top not in seen:
            seen.add(top)
            top = parent[top]
        if top in owner:
            parts[(owner[top], str(eid))] = node
    return nodes, parts


def _link_states(graph) -> None:
    """Beside each ISO code (tr:state, tr:lawOf), the state as an IRI of the EU country table."""
    from rdflib import URIRef

    for predicate, link in (("state", TR + "country"), ("lawOf", ELI_NS + "jurisdiction")):
        for subject, code in list(graph.subject_objects(URIRef(TR + predicate))):
            iri = country_iri(str(code))
            if iri is not None:
                graph.add((subject, URIRef(link), URIRef(iri)))


def _link_sources(graph) -> None:
    """Every address a source or source note names, as a dcterms:source IRI of the same subject."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS

    for predicate in (DCTERMS.source, URIRef(TR + "sourceNote")):
        for subject, text in list(graph.subject_objects(predicate)):
            if isinstance(text, Literal):
                for address in addresses(str(text)):
                    graph.add((subject, DCTERMS.source, URIRef(address)))


def _name_by_eli(graph, nodes: dict[str, Any]) -> None:
    """An instrument with an ELI is named by it; its project IRI stays reachable through owl:sameAs."""
    from rdflib import URIRef
    from rdflib.namespace import OWL

    for ident, eli in ELI.items():
        old, new = nodes.get(ident), URIRef(eli)
        if old is None or old == new:
            continue
        for _, predicate, value in list(graph.triples((old, None, None))):
            graph.remove((old, predicate, value))
            graph.add((new, predicate, value))
        for subject, predicate, _ in list(graph.triples((None, None, old))):
            graph.remove((subject, predicate, old))
            graph.add((subject, predicate, new))
        graph.add((new, OWL.sameAs, old))
