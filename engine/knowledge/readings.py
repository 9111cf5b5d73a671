"""Contested readings (kb/readings.ttl): which alternative of each is in force for a run.

The KB argues for one alternative of each reading (its default); a user may choose another with
--reading ID=ALT or a named profile. The choice belongs to the knowledge base as read, so a
KnowledgeBase carries it (`with_readings`) and every grounding of the rules gets the atoms
reading(Id, Alt) through clingo's API (asp_facts.kb_symbols), never as program text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from traslado.knowledge.store import KnowledgeBase


class ReadingError(ValueError):
    """An unknown reading, alternative or profile; the message lists the valid ones."""


def catalogue(kb: KnowledgeBase) -> dict[str, Any]:
    """Every reading the KB records, switchable or not."""
    return kb.data.get("readings", {}).get("readings", {})


def profiles(kb: KnowledgeBase) -> dict[str, Any]:
    return kb.data.get("readings", {}).get("profiles", {})


def switchable(kb: KnowledgeBase) -> dict[str, Any]:
    """The readings the rules read: those that do not await a case fact the format lacks."""
    return {ident: r for ident, r in catalogue(kb).items() if not r.get("awaits")}


def defaults(kb: KnowledgeBase) -> dict[str, str]:
    return {ident: r["default"] for ident, r in switchable(kb).items()}


def in_force(kb: KnowledgeBase) -> dict[str, str]:
    """The alternative of each switchable reading this knowledge base is read with."""
    return {**defaults(kb), **dict(kb.choices)}


def chosen(kb: KnowledgeBase) -> dict[str, str]:
    """The readings in force that differ from the KB's defaults."""
    base = defaults(kb)
    return {ident: alt for ident, alt in in_force(kb).items() if base.get(ident) != alt}


def _alternatives(reading: dict[str, Any]) -> list[str]:
    return [a["id"] for a in reading["alternatives"]]


def resolve(kb: KnowledgeBase, pairs: Iterable[str] = (), profile: str | None = None) -> dict[str, str]:
    """The choices a profile and --reading ID=ALT options make (the options win); ReadingError if bad."""
    out: dict[str, str] = {}
    if profile is not None:
        known = profiles(kb)
        if profile not in known:
            raise ReadingError(f"unknown profile {profile!r}: expected one of {', '.join(known) or '(none)'}")
        out.update(known[profile]["choices"])
    every, open_ = catalogue(kb), switchable(kb)
    for pair in pairs:
        ident, sep, alt = pair.partition("=")
        ident, alt = ident.strip(), alt.strip()
        if not sep or not ident or not alt:
            raise ReadingError(f"--reading {pair!r}: expected ID=ALT, e.g. lnep_firme=final_judgment")
        if ident in every and ident not in open_:
            raise ReadingError(
                f"reading {ident!r} is recorded but not switchable yet: it needs {every[ident]['awaits']}"
            )
        if ident not in open_:
            raise ReadingError(f"unknown reading {ident!r}: expected one of {', '.join(open_)}")
        if alt not in _alternatives(open_[ident]):
            valid = ", ".join(_alternatives(open_[ident]))
            raise ReadingError(f"reading {ident}: unknown alternative {alt!r}: expected one of {valid}")
        out[ident] = alt
    return {ident: alt for ident, alt in out.items() if ident in open_}


def with_readings(kb: KnowledgeBase, choices: dict[str, str]) -> KnowledgeBase:
    """The same knowledge base read with other readings: its own solver and rule base, the same data."""
    base = defaults(kb)
    wanted = tuple(sorted((i, a) for i, a in {**dict(kb.choices), **choices}.items() if base.get(i) != a))
    if wanted == kb.choices:
        return kb
    memo = kb.cache.setdefault("variants", {})
    if wanted not in memo:
        shared = {k: v for k, v in kb.cache.items() if k in _SHARED}
        memo[wanted] = KnowledgeBase(root=kb.root, data=kb.data, cache=shared, choices=wanted)
    return memo[wanted]


# Cached values that do not depend on the readings (the files' fingerprint, the rule text, the dates, the hashes).
_SHARED = (
    "fingerprint",
    "program",
    "dates",
    "kb_codes",
    "content_hash",
    "citations_read",
    "documents",
    "receipt",
    "variants",
)


def reading_symbols(kb: KnowledgeBase) -> list[Any]:
    """reading(Id, Alt) for every reading in force, as clingo symbols."""
    from clingo import Function

    return [Function("reading", [Function(i), Function(a)]) for i, a in sorted(in_force(kb).items())]


def label(kb: KnowledgeBase, ident: str, alt: str, lang: str = "en") -> str:
    for a in catalogue(kb).get(ident, {}).get("alternatives", []):
        if a["id"] == alt:
            return a["label"].get(lang) or a["label"].get("en") or alt
    return alt


def bearing_on(kb: KnowledgeBase, instrument: str) -> list[str]:
    """The readings (switchable or not) whose choice bears on the instrument."""
    return [i for i, r in catalogue(kb).items() if instrument in r["bears_on"]]
