"""Look up the text of an article, paragraph or item, with its descendants, in treaty order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from traslado.knowledge.citation import Citation
from traslado.knowledge.store import KnowledgeBase


class NoSuchProvision(LookupError):
    pass


@dataclass(frozen=True)
class Provision:
    citation: Citation
    eid: str
    heading: dict[str, str]
    text: dict[str, str]
    notes: list[str]
    depth: int


def find(
    kb: KnowledgeBase, instrument: str, article: str, paragraph: str | None = None, item: str | None = None
) -> list[Provision]:
    """The provision and everything under it; NoSuchProvision says what exists instead."""
    if instrument not in kb.instruments:
        raise NoSuchProvision(f"unknown instrument {instrument}: expected one of {', '.join(kb.instruments)}")
    parts: dict[str, Any] = kb.instrument(instrument)["parts"]
    target = kb.citation(instrument, article, paragraph, item).eid
    if target not in parts:
        articles = [p["article"] for p in parts.values() if p["article"] and not p["paragraph"] and not p["item"]]
        if f"art_{article}" in parts:
            children = [e.removeprefix(f"art_{article}__") for e in parts if e.startswith(f"art_{article}__")]
            hint = f"{kb.citation(instrument, article).label} has: {', '.join(children) or 'no paragraphs'}"
        else:
            hint = f"articles are: {', '.join(dict.fromkeys(articles))}"
        raise NoSuchProvision(f"{instrument} has no {kb.citation(instrument, article, paragraph, item).label}; {hint}")
    found = []
    for eid, part in parts.items():
        if eid == target or eid.startswith(target + "__"):
            citation = kb.citation(instrument, part["article"], part["paragraph"], part["item"])
            notes = part["translation_notes"] + part["interpretation_notes"]
            found.append(
                Provision(citation, eid, part["heading"], part["text"], notes, eid.count("__") - target.count("__"))
            )
    return found
