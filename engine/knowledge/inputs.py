"""The input predicates, read from the comment block at the head of kb/common.lp.

The header lists what the engine adds to the rules from a case (one predicate a line: three spaces,
then name(Arguments)) in two blocks: the first ("Input ...") for facts that differ from case to case,
the second ("Input that depends only on the request date ...") for facts that are the same for every
case with the same request date. The solver's externals and the batch compiler both read this list,
so a predicate declared there flows through both without a change to the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from traslado.knowledge.store import KnowledgeBase

_ENTRY = re.compile(r"^%   ([a-z_][A-Za-z0-9_]*)\(([^)]*)\)")


@dataclass(frozen=True)
class Inputs:
    """(name, arity) of each declared input predicate."""

    case: tuple[tuple[str, int], ...]
    date: tuple[tuple[str, int], ...]

    @property
    def all(self) -> tuple[tuple[str, int], ...]:
        return self.case + self.date


class HeaderError(ValueError):
    pass


def parse_inputs(text: str, source: str = "common.lp") -> Inputs:
    """The two input blocks of the header (the leading comment lines of common.lp)."""
    blocks: dict[str, list[tuple[str, int]]] = {"case": [], "date": []}
    current: str | None = None
    for line in text.splitlines():
        if not line.startswith("%"):
            break  # the header ends at the first line that is not a comment
        if line.startswith("% Input"):
            current = "date" if "request date" in line.split(":")[0] else "case"
            continue
        if current is None:
            continue
        match = _ENTRY.match(line)
        if match:
            arguments = [a for a in match.group(2).split(",") if a.strip()]
            blocks[current].append((match.group(1), len(arguments)))
        elif not line.startswith("%    "):  # not a continuation of the entry above
            current = None
    if not blocks["case"]:
        raise HeaderError(f"{source}: no input predicates declared at its head (expected '% Input ...:' lines)")
    clash = {s for s in blocks["case"]} & {s for s in blocks["date"]}
    if clash:
        raise HeaderError(f"{source}: declared both per case and per date: {sorted(clash)}")
    return Inputs(tuple(blocks["case"]), tuple(blocks["date"]))


def declared_inputs(kb: KnowledgeBase) -> Inputs:
    """The input predicates of this knowledge base, read once."""
    if "inputs" not in kb.cache:
        common = kb.root / "common.lp"
        kb.cache["inputs"] = parse_inputs(common.read_text(encoding="utf-8"), str(common))
    return kb.cache["inputs"]
