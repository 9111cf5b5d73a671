"""Typed results: what the engine decided and why. Renderers read these; they decide nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from traslado.knowledge.citation import Citation
from traslado.knowledge.documents import Document

DECISIONS = ("eligible", "blocked", "undetermined", "not_applicable", "replaced")
STATUSES = ("met", "failed", "unknown", "not_applicable")


@dataclass(frozen=True)
class Exception_:
    """An exception the instrument allows to a requirement, and the fact that would establish it."""

    condition: str
    citation: Citation
    applied: bool


@dataclass(frozen=True)
class MissingText:
    """A text a source says exists and the KB does not hold, which could change a requirement: a
    declaration by `state` under `instrument`, made (possibly) under `concerns` (e.g. CETS 112 Art. 3(4)).
    Where the KB holds the declaration only in part, `held_in_part` is its id (kb declarations) and
    `not_held` says, in English, which part is missing (the catalogue of the declaration has it in
    each language)."""

    kind: str  # declaration
    instrument: str
    state: str
    concerns: Citation | None
    source: str
    held_in_part: str | None = None
    not_held: str | None = None


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
    # remaining_term: the case date the time left was counted from (request_date, or the instrument's
    # own moment where the case gives it: request.received_date, ...); None for other requirements.
    counted_from: str | None = None
    missing_texts: list[MissingText] = field(default_factory=list)

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
    # For people and other languages: what the reason says as a catalogue key with its values (the
    # renderer words it), the documents it rests on (a citation: title, date, address), the provision
    # of the KB it rests on, and the KB's working note about it (shown with --verbose and in JSON).
    key: str = ""
    params: tuple[tuple[str, str], ...] = ()
    documents: tuple[Document, ...] = ()
    provision: Citation | None = None
    note: str = ""


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
    status: str  # binds | does_not_bind | unknown | replaced (by FD 2008/909 between Member States)
    reasons: list[Reason] = field(default_factory=list)


@dataclass(frozen=True)
class Deadline:
    """The last date on which a minimum remaining term is still met, given the sentence's end date."""

    latest: date  # the last date the requirement is met
    counts_from: str  # the case field the term is counted from (request_date unless the instrument says)
    citation: Citation
    months: int
    comparison: str  # at_least | more_than
    end_date: date
    exceptions: tuple[Citation, ...] = ()  # provisions that may admit a request after that date
    passed: bool | None = None  # the case's date is after it (None where the case gives no such date)


@dataclass
class InstrumentResult:
    instrument: str
    decision: str
    requirements: list[RequirementResult]
    considerations: list[Note] = field(default_factory=list)
    effects: list[Note] = field(default_factory=list)
    applicability: Applicability = field(default_factory=lambda: Applicability("unknown"))
    declarations: list[Declaration] = field(default_factory=list)
    latest_request_date: Deadline | None = None
    # Whether the instrument binds the two states is unknown: its decision holds only if it applies
    # ("blocked, if it applies"); it ranks after the instruments that bind.
    conditional: bool = False
    conditional_reason: str | None = None  # applicability_unknown when conditional

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

    @property
    def missing_texts(self) -> list[MissingText]:
        """Texts not held that would decide an undetermined requirement, each once."""
        return list(dict.fromkeys(t for req in self.with_status("unknown") for t in req.missing_texts))


@dataclass
class CaseResult:
    case: str
    results: list[InstrumentResult]
    # --set hypotheticals: fact path -> {"original": the file's value (None if unknown), "value": the new one}
    hypothetical: dict[str, dict[str, Any]] = field(default_factory=dict)
