"""Does a case turn on an interpretation? For each contested reading, the case decided under each
alternative (the others kept as they are in force), and where the answers differ, side by side."""

from __future__ import annotations

from dataclasses import dataclass, field

from traslado.case import Case
from traslado.decide.evaluate import evaluate
from traslado.decide.results import InstrumentResult
from traslado.knowledge.citation import Citation
from traslado.knowledge.readings import in_force, switchable, with_readings
from traslado.knowledge.store import KnowledgeBase


@dataclass
class Outcome:
    """One instrument's answer under one alternative: the decision and what it rests on."""

    decision: str
    failed: list[Citation]
    unknown: list[Citation]
    considerations: list[str]


@dataclass
class InstrumentDiff:
    instrument: str
    by_alternative: dict[str, Outcome]

    @property
    def decision_changes(self) -> bool:
        return len({o.decision for o in self.by_alternative.values()}) > 1


@dataclass
class ReadingDiff:
    reading: str
    in_force: str
    alternatives: list[str]
    instruments: list[InstrumentDiff] = field(default_factory=list)

    @property
    def decisive(self) -> bool:
        """Some decision changes with the alternative."""
        return any(i.decision_changes for i in self.instruments)


def _outcome(result: InstrumentResult) -> Outcome:
    return Outcome(
        result.decision,
        [r.citation for r in result.with_status("failed")],
        [r.citation for r in result.with_status("unknown")],
        [n.id for n in result.considerations],
    )


def readings_diff(case: Case, instruments: list[str] | None, kb: KnowledgeBase, lang: str = "en") -> list[ReadingDiff]:
    """Every switchable reading under which some instrument's answer (decision, failed or unknown
    requirements, considerations) differs between alternatives; decisive ones first."""
    current = in_force(kb)
    out = []
    for ident, reading in switchable(kb).items():
        alternatives = [a["id"] for a in reading["alternatives"]]
        answers = {
            alt: {
                r.instrument: _outcome(r)
                for r in evaluate(case, instruments, with_readings(kb, {ident: alt}), lang).results
            }
            for alt in alternatives
        }
        diff = ReadingDiff(ident, current[ident], alternatives)
        for inst in answers[alternatives[0]]:
            outcomes = {alt: answers[alt][inst] for alt in alternatives}
            if len({repr(o) for o in outcomes.values()}) > 1:
                diff.instruments.append(InstrumentDiff(inst, outcomes))
        if diff.instruments:
            out.append(diff)
    return sorted(out, key=lambda d: (not d.decisive, d.reading))
