"""SPARQL over the knowledge graph, run by Oxigraph (pyoxigraph) on the cached export.

Queries are the user's own text: nothing from a case is ever spliced into them, and nothing is
prepended to them either (the project's prefixes are handed to the parser as defaults, which a
query's own PREFIX overrides), so every position in an error is the user's own line and column.
A query is checked first (traslado.research.sparql_guard) and then evaluated in a child process
that is stopped at the time limit: Oxigraph cannot be interrupted from Python.
"""

from __future__ import annotations

import multiprocessing
import re
from pathlib import Path
from typing import Any

from traslado.research.identifiers import PREFIXES
from traslado.research.sparql_guard import refusal

DEFAULT_TIMEOUT = 10.0
MAX_ROWS = 100_000  # more is a runaway join, not an answer: the child would fill memory before the time limit
Rows = list[list[str | None]]


class QueryError(ValueError):
    pass


def compact(value: str | None) -> str:
    """An IRI under one of the project's prefixes written as prefix:name, for the terminal table."""
    if value is None:
        return ""
    under = [iri for iri in PREFIXES.values() if value.startswith(iri) and len(value) > len(iri)]
    best = max(under, key=len, default="")
    if not best:
        return value
    name = next(prefix for prefix, iri in PREFIXES.items() if iri == best)
    return name + ":" + value[len(best) :]


def run_query(text: str, root: Path | None = None, timeout: float = DEFAULT_TIMEOUT) -> tuple[list[str], Rows]:
    """(column names, rows as strings) of a SELECT or ASK query over the whole graph."""
    from traslado.research.graph_cache import exported_ntriples

    refused = refusal(text)
    if refused:
        raise QueryError(f"the SPARQL query was refused: {refused}")
    ntriples = exported_ntriples(root)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_evaluate, args=(ntriples, text, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(f"the SPARQL query ran past its time limit of {timeout:g} s and was stopped")
        try:
            outcome = receiver.recv()
        except EOFError:
            raise QueryError("the SPARQL query could not run: its evaluation stopped unexpectedly") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if outcome[0] == "error":
        raise QueryError(outcome[1])
    return outcome[1], outcome[2]


def _evaluate(ntriples: str, text: str, sender: Any) -> None:
    """In the child: load the graph into an in-memory store, run the query, send the rows."""
    try:
        sender.send(("rows", *_rows(ntriples, text)))
    except QueryError as error:
        sender.send(("error", str(error)))
    except Exception as error:  # Oxigraph's own evaluation errors, reported, never a traceback
        sender.send(("error", f"the SPARQL query could not run: {error}"))
    finally:
        sender.close()


def _rows(ntriples: str, text: str) -> tuple[list[str], Rows]:
    import pyoxigraph as ox

    store = ox.Store()
    # lenient: the cached export is the project's own canonical N-Triples, checked when written
    store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    try:
        result = store.query(text, prefixes=dict(PREFIXES))
    except SyntaxError as error:
        raise QueryError(f"the SPARQL query could not run: {_position(str(error))}") from None
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [[str(bool(result)).lower()]]
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries are supported; use `traslado export` for the whole graph")
    columns = [variable.value for variable in result.variables]
    rows = []
    for solution in result:
        if len(rows) == MAX_ROWS:
            raise QueryError(f"the SPARQL query returned more than {MAX_ROWS:,} rows; narrow it or add a LIMIT")
        rows.append([None if term is None else _text(term) for term in solution])
    return columns, rows


def _text(term: Any) -> str:
    import pyoxigraph as ox

    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _position(message: str) -> str:
    """Oxigraph's "error at 3:2: expected X" as "line 3, column 2: expected X"."""
    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not match:
        return message
    line, column, detail = match.groups()
    if detail.startswith("expected one of Prefix not found"):
        detail = (
            "a prefix the query does not declare; declare it with PREFIX ("
            + ", ".join(f"{p}:" for p in PREFIXES)
            + " are declared for you)"
        )
    return f"line {line}, column {column}: {detail}"
