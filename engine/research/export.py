"""The knowledge graph written out: N-Triples, Turtle and JSON-LD, each byte for byte the same from
run to run, so that an export can be diffed, checksummed and cached.

N-Triples is the canonical form: Oxigraph writes canonical N-Triples, the lines are sorted, and any
blank node is first given its RDF canonical label (RDFC-1.0) and then a skolem IRI under
/.well-known/genid/ (RDF 1.1, 3.5). Turtle and JSON-LD are written by rdflib from that form, with
the project's prefixes (traslado.research.identifiers.PREFIXES) bound and nothing generated; the
JSON-LD's nodes and values are sorted after rdflib writes them.
"""

from __future__ import annotations

import json
from typing import Any

from traslado.research.identifiers import PREFIXES

GENID = "https://w3id.org/traslado/.well-known/genid/"


def canonical_ntriples(graph: Any) -> str:
    """An rdflib graph as sorted canonical N-Triples, blank nodes skolemised deterministically."""
    import pyoxigraph as ox

    data = graph.serialize(format="nt", encoding="utf-8")
    triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    if any(isinstance(term, ox.BlankNode) for t in triples for term in (t.subject, t.object)):
        triples = _skolemised(triples)
    lines = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8").splitlines()
    return "".join(line + "\n" for line in sorted(set(lines)))


def _skolemised(triples: list[Any]) -> list[Any]:
    import pyoxigraph as ox

    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)

    def skolem(term: Any) -> Any:
        return ox.NamedNode(GENID + term.value) if isinstance(term, ox.BlankNode) else term

    return [ox.Triple(skolem(q.subject), q.predicate, skolem(q.object)) for q in dataset]


def _graph(ntriples: str) -> Any:
    """The canonical N-Triples in rdflib, with the project's prefixes bound and no others."""
    import rdflib

    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph.parse(data=ntriples, format="nt")


def turtle(ntriples: str) -> str:
    """Turtle with the project's prefixes (rdflib sorts subjects, predicates and objects; a name
    whose local part would need escaping, such as inst:mx-pe-2002/art_III, is written in full)."""
    return _graph(ntriples).serialize(format="turtle")


def json_ld(ntriples: str) -> str:
    """JSON-LD compacted with an @context of the project's prefixes; nodes and values sorted."""
    document = json.loads(_graph(ntriples).serialize(format="json-ld", context=dict(PREFIXES)))
    nodes = document.get("@graph", [])
    if isinstance(nodes, dict):
        nodes = [nodes]
    document["@graph"] = sorted((_sorted_values(node) for node in nodes), key=lambda n: n.get("@id", ""))
    document["@context"] = dict(PREFIXES)
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _sorted_values(node: dict[str, Any]) -> dict[str, Any]:
    def key(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    return {name: sorted(value, key=key) if isinstance(value, list) else value for name, value in node.items()}
