"""Typed results: what the engine decided and why. Renderers read these; they decide nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from traslado.knowledge.citation import Citation

DECISIONS = ("eligible", "blocked", "undetermined", "not_applicable")
STATUSES = ("met", "failed", "unknown", "not_applicable")


@dataclass(frozen=True)
class Exception_:
    """An exception the instrument allows to a requirement, and the fact that would establish it."""

    condition: str
    citation: Citation
    applied: bool


@dataclass
class RequirementResult:
    id: str
    status: str
    citation: Citation
    label: str
    quote: dict[str, str]
    facts: dict[str, Any]
    also_cited: list[Citation] = field(default_factory=list)
    exceptions: list[Exception_] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def applied_exception(self) -> Exception_ | None:
        return next((e for e in self.exceptions if e.applied), None)


@dataclass
class Note:
    """A consideration for the authorities, or an effect of the transfer: cited, never deciding."""

    id: str
    citation: Citation
    label: str
    quote: dict[str, str]


@dataclass(frozen=True)
class Reason:
    """One reason an instrument does or does not bind a state, and the source that says so."""

    state: str
    kind: str  # party | not_party | not_yet_in_force | unknown
    text: str
    source: str


@dataclass(frozen=True)
class Declaration:
    """A declaration or reservation by one of the two states, verbatim, and the effect given to it."""

    id: str
    state: str
    concerns: Citation
    effect: str
    text: dict[str, str]
    source: str
    note: str = ""


@dataclass
class Applicability:
    status: str  # binds | does_not_bind | unknown
    reasons: list[Reason] = field(default_factory=list)


@dataclass
class InstrumentResult:
    instrument: str
    decision: str
    requirements: list[RequirementResult]
    considerations: list[Note] = field(default_factory=list)
    effects: list[Note] = field(default_factory=list)
    applicability: Applicability = field(default_factory=lambda: Applicability("unknown"))
    declarations: list[Declaration] = field(default_factory=list)

    def with_status(self, status: str) -> list[RequirementResult]:
        return [r for r in self.requirements if r.status == status]

    @property
    def missing_facts(self) -> list[str]:
        """Facts that would decide an undetermined result, in order of first need."""
        seen: dict[str, None] = {}
        for req in self.with_status("unknown"):
            for path in req.missing:
                seen.setdefault(path, None)
        return list(seen)


@dataclass
class CaseResult:
    case: str
    results: list[InstrumentResult]
