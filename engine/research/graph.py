"""The whole knowledge graph: the RDF files (vocabulary, case facts, instruments, parties,
declarations) plus the rules read from ASP (traslado.knowledge.rulebase) as RDF, so that SPARQL, the export and
the SHACL shapes see exactly what `check` and `compare` use.
"""

from __future__ import annotations

from typing import Any

from traslado.knowledge.rdf_compiler import TR, load_graph
from traslado.knowledge.rulebase import load_rulebase
from traslado.knowledge.store import KnowledgeBase

RULE = "https://w3id.org/traslado/rule/"
LRML = "http://docs.oasis-open.org/legalruleml/ns/v1.0/"


def knowledge_graph(kb: KnowledgeBase) -> Any:
    from rdflib import RDF, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, SKOS, XSD

    graph = load_graph(kb.root)
    tr = Namespace(TR)
    lrml = Namespace(LRML)
    graph.bind("tr", tr)
    graph.bind("lrml", lrml)
    graph.bind("rule", Namespace(RULE))
    concept = {str(n): s for s, n in graph.subject_objects(SKOS.notation)}

    def subdivision(citation) -> URIRef:
        return URIRef(f"https://w3id.org/traslado/id/{citation.instrument}/{citation.eid}")

    rulebase = load_rulebase(kb)
    for rule in rulebase.rules:
        tail = f"{rule.instrument}/{rule.category}/{rule.kind}" + (f"/{rule.value}" if rule.value else "")
        node = URIRef(RULE + tail)
        graph.add((node, RDF.type, tr.Rule))
        graph.add((node, RDF.type, lrml.PrescriptiveStatement))
        graph.add((node, tr.instrument, URIRef(f"https://w3id.org/traslado/id/{rule.instrument}")))
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
        here = URIRef(f"https://w3id.org/traslado/id/{inst}")
        graph.add((here, tr.appliesProvisionsOf, URIRef(f"https://w3id.org/traslado/id/{base}")))
        graph.add((here, tr.appliesProvisionsBy, subdivision(citation)))
    return graph
