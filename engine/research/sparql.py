"""SPARQL over the knowledge graph. Queries are the user's own text, run by rdflib against an
in-memory graph: nothing from a case is ever spliced into them."""

from __future__ import annotations

from traslado.knowledge.store import KnowledgeBase
from traslado.research.graph import knowledge_graph


class QueryError(ValueError):
    pass


PREFIXES = """PREFIX tr: <https://w3id.org/traslado/vocab#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX inst: <https://w3id.org/traslado/id/>
PREFIX lrml: <http://docs.oasis-open.org/legalruleml/ns/v1.0/>
"""


def compact(value: str | None) -> str:
    """An IRI under one of the declared prefixes written as prefix:name, for the terminal table."""
    if value is None:
        return ""
    for line in PREFIXES.splitlines():
        _, name, iri = line.split()
        iri = iri.strip("<>")
        if value.startswith(iri) and len(value) > len(iri):
            return name + value[len(iri) :]
    return value


def run_query(kb: KnowledgeBase, text: str) -> tuple[list[str], list[list[str | None]]]:
    """(column names, rows as strings); the common prefixes are declared for the user."""
    graph = knowledge_graph(kb)
    try:
        result = graph.query(PREFIXES + text)
    except Exception as error:  # rdflib raises pyparsing and its own errors
        raise QueryError(f"the SPARQL query could not run: {error}") from None
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    if result.type != "SELECT":
        raise QueryError("only SELECT and ASK queries are supported; use `traslado export` for the whole graph")
    columns = [str(v) for v in result.vars]
    rows = [[None if value is None else str(value) for value in row] for row in result]
    return columns, rows
