"""The knowledge base: where it lives, its RDF compiled for the engine, the rules read as data, and
the integrity checks (citations resolve, quotes are verbatim)."""
