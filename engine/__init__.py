"""Traslado engine: load the knowledge base, validate a case, solve, explain, compare."""
