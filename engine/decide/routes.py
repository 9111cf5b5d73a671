"""Rank the instruments a transfer could go under: eligible first, then those that need the fewest
actionable changes or facts established, then those blocked for good."""

from __future__ import annotations

from dataclasses import dataclass, field

from traslado.case import Case
from traslado.decide.evaluate import evaluate
from traslado.decide.results import Deadline, Note
from traslado.decide.whatif import WhatIf, what_if
from traslado.knowledge.citation import Citation
from traslado.knowledge.rulebase import load_rulebase
from traslado.knowledge.store import KnowledgeBase, load_kb

GROUPS = ("eligible", "undetermined", "blocked_fixable", "blocked_for_good", "not_encoded", "not_applicable")


@dataclass
class Route:
    instrument: str
    group: str
    decision: str
    applicability: str
    changes: int | None  # size of the smallest change set, where one exists
    citations: list[Citation]
    whatif: WhatIf | None = None
    deadline: Deadline | None = None  # the last request date its minimum term allows, where it has one
    has_minimum_term: bool = False


@dataclass
class Routes:
    case: str
    routes: list[Route]
    choice: list[Note] = field(default_factory=list)  # the provisions that let the states choose
    layers: list[str] = field(default_factory=list)  # domestic law that conditions every route


def rank(case: Case, instruments: list[str] | None = None, kb: KnowledgeBase | None = None, lang: str = "en") -> Routes:
    """Each treaty (or treaty-less statute) a transfer could go under, ranked; domestic law that
    conditions every transfer to or from a state (18 U.S.C. § 4100) is a layer on every route, and
    the changes counted are those that make the route and its layers eligible together."""
    kb = kb or load_kb()
    checked = evaluate(case, instruments, kb, lang).results
    layers = [
        r.instrument
        for r in checked
        if kb.instrument(r.instrument)["kind"] == "DomesticLaw"
        and not kb.instrument(r.instrument)["only_without_treaty"]
        and r.applicability.status == "binds"
    ]
    routes: list[Route] = []
    choice: list[Note] = []
    for result in checked:
        if result.decision in ("not_applicable", "replaced") or result.instrument in layers:
            continue
        choice += [
            n for n in result.considerations if n.citation.instrument == "coe-cets-112" and n.citation.article == "22"
        ]
        if not kb.instrument(result.instrument)["encoded"]:
            routes.append(
                Route(result.instrument, "not_encoded", result.decision, result.applicability.status, None, [])
            )
            continue
        plan = what_if(case, result.instrument, kb, layers=layers, lang=lang)
        every = [plan.result, *plan.layers]
        open_ = [q.citation for r in every for q in r.requirements if q.status in ("failed", "unknown")]
        if plan.eligible_now:
            met = [q.citation for q in plan.result.requirements if q.status == "met"]
            routes.append(Route(result.instrument, "eligible", "eligible", result.applicability.status, 0, met, plan))
            continue
        size = len(plan.change_sets[0]) if plan.change_sets else None
        if any(r.decision == "blocked" for r in every):
            group = "blocked_for_good" if plan.permanent or not plan.change_sets else "blocked_fixable"
            cited = [q.citation for q in plan.permanent] or open_
        else:
            group, cited = "undetermined", open_
        routes.append(Route(result.instrument, group, result.decision, result.applicability.status, size, cited, plan))
    terms = load_rulebase(kb).min_term
    for route in routes:
        route.has_minimum_term = route.instrument in terms
        if route.whatif is not None:
            route.deadline = route.whatif.result.latest_request_date
    # Those that bind first; one whose applicability is unknown (conditional: it holds only if the
    # instrument applies) after every one that binds, whatever its group.
    routes.sort(
        key=lambda r: (
            r.applicability == "unknown",
            GROUPS.index(r.group),
            r.changes if r.changes is not None else 99,
            _time_to_act(r),
            r.instrument,
        )
    )
    return Routes(case.id, routes, choice, layers)


def _time_to_act(route: Route) -> tuple[int, int]:
    """Other things equal, the route that stays open longest first: one with no minimum term, then the
    latest request date, then one whose date cannot be told (the end of the sentence is unknown)."""
    if not route.has_minimum_term:
        return (0, 0)
    if route.deadline is not None:
        return (1, -route.deadline.latest.toordinal())
    return (2, 0)
