"""What a query may ask of the knowledge graph, checked before it runs.

The graph is one read-only default graph, queried where it lives: a query may not call another
endpoint (SERVICE: Oxigraph would send the request), change anything (SPARQL Update), or name
graphs (FROM, FROM NAMED, GRAPH: there are none, and such a query would answer nothing without
saying why). Keywords are found outside comments, strings and IRIs, so `tr:service`, `?graph` or
"from" in a string are never mistaken for them; each refusal names the line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Order matters: comments, long strings before short ones, IRIs, then the words we look at.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<variable>[?$]\w+)
    | (?P<language>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<prefixed>(?:[A-Za-z_][\w.\-]*)?:[\w.\-%:]*)
    | (?P<word>[A-Za-z_]\w*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_UPDATE = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


@dataclass(frozen=True)
class Refusal:
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


def refusal(text: str) -> Refusal | None:
    """The first thing in the query the knowledge graph does not allow, or None."""
    for match in _TOKEN.finditer(text):
        word = match.group("word")
        if not word:
            continue  # a comment, string, IRI, variable, language tag or prefixed name: never a keyword
        keyword = word.upper()
        message = None
        if keyword == "SERVICE":
            message = "SERVICE is refused: a query may not send requests to another endpoint"
        elif keyword in _UPDATE:
            message = f"{keyword} is SPARQL Update, which is refused: the knowledge graph is read-only"
        elif keyword == "FROM":
            message = (
                "FROM and FROM NAMED are not supported: the knowledge graph is one default graph;"
                " drop the dataset clause"
            )
        elif keyword == "GRAPH":
            message = "GRAPH is not supported: the knowledge graph has no named graphs; query the default graph"
        if message:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            return Refusal(line, column, message)
    return None
