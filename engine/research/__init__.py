"""Questions about the rules rather than a case: comparison, provision texts, rule search, coverage,
the RDF knowledge graph and SPARQL over it."""
