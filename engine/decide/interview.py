"""Which fact to ask next: the one whose answer can change the most decisions, found with the engine.

Every fact the case format has (traslado.case.schema) and the case leaves unknown is a candidate. For
each, the engine decides the case again under each value the fact can take (for dates, states and
months: the values at which the rules change, such as entry-into-force dates and the minimum terms);
a fact none of whose values changes any instrument's decision is not worth asking, unless the engine
names it as missing for an undetermined instrument (it may matter together with another fact).
The most decisive comes first: the one that settles the most undetermined instruments whatever the
answer, then under some answer, then that changes the most decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from traslado.case import Case, CaseError, case_from_mapping
from traslado.case.months import add_months
from traslado.case.reading import ALTERNATIVES
from traslado.case.schema import BY_PATH, FIELDS, SENTENCE_KINDS, TERM_DATES
from traslado.case.states import iso_states
from traslado.decide.evaluate import evaluate
from traslado.decide.results import CaseResult, RequirementResult
from traslado.knowledge.asp_facts import kb_dates
from traslado.knowledge.citation import Citation
from traslado.knowledge.rulebase import load_rulebase
from traslado.knowledge.store import KnowledgeBase, load_kb

# Field types whose values are asked for (a case id is not a fact about the transfer).
ASKED_TYPES = ("bool", "kind", "state", "states", "date", "months", "residence", "choice")
_DAY = timedelta(days=1)
_FAR = date(2100, 1, 1)


@dataclass
class Settled:
    """A requirement an answer would settle, with its citation and text."""

    instrument: str
    requirement: str
    citation: Citation
    label: str
    quote: dict[str, str]


@dataclass
class Question:
    path: str
    type: str
    allowed: list[Any]  # the values to choose from (bool, kind); [] where any value of the type goes
    decisions_if: dict[str, dict[str, str]]  # a value tried -> the decisions that differ from now
    settles: list[Settled] = field(default_factory=list)
    named_missing_by: list[str] = field(default_factory=list)  # instruments that name it as missing
    score: tuple[int, ...] = ()

    @property
    def instruments(self) -> list[str]:
        """The instruments whose decision this fact can change."""
        return sorted({i for changed in self.decisions_if.values() for i in changed} | set(self.named_missing_by))


@dataclass
class Interview:
    case: Case
    result: CaseResult
    questions: list[Question]  # most decisive first

    @property
    def next(self) -> Question | None:
        return self.questions[0] if self.questions else None


def candidate_paths(case: Case, skipped: set[str]) -> list[str]:
    """The facts the case leaves unknown that an interview may ask, in the order of the case format.
    Of two ways of stating one fact (an end date or the months left), the first is asked; the other
    only once the first is skipped."""
    out: list[str] = []
    for f in FIELDS:
        if f.type not in ASKED_TYPES or case.known(f.path) or f.path in skipped:
            continue
        # An instrument's own date (receipt, making, petition) refines the request date, which stands
        # in for it: asked only where the case gives no request date.
        if f.path in TERM_DATES and case.known("request_date"):
            continue
        other = ALTERNATIVES.get(f.path)
        if other and (case.known(other) or other in out):
            continue
        out.append(f.path)
    return out


def values_to_try(kb: KnowledgeBase, case: Case, path: str, kind: str) -> list[Any]:
    """The values at which the rules can change their answer, for one fact."""
    if kind == "bool":
        return [True, False]
    if kind == "kind":
        return list(SENTENCE_KINDS)
    if kind == "choice":
        return list(BY_PATH[path].choices)
    if kind == "residence":
        # The rules compare a residence only with a state of the case that made a declaration about
        # it (ETS 167, Belgium): the two states and one other code are every case there is.
        from traslado.decide.solver import kb_codes

        other = next(c for c in sorted(iso_states()) if c not in kb_codes(kb))
        return [c for c in (case.get("sentencing_state"), case.get("administering_state")) if c] + [other]
    if kind in ("state", "states"):
        from traslado.decide.solver import kb_codes

        named = sorted(kb_codes(kb))
        unnamed = next(c for c in sorted(iso_states()) if c not in named)
        if kind == "state":
            return named + [unnamed]
        target = case.get("administering_state")
        return [[target], [unnamed], []] if target else [[named[0]], []]
    terms = {months for months, _ in load_rulebase(kb).min_term.values()}
    if kind == "months":
        return sorted({0, *terms, *(n + 0.5 for n in terms), 121})
    if kind == "date":
        days = {date(d // 10000, d // 100 % 100, d % 100) for d in kb_dates(kb)}
        for other in (v for v in case.facts.values() if isinstance(v, date)):
            days |= {other - _DAY, other + _DAY}
            for months in terms:
                for edge in (add_months(other, months), add_months(other, -months)):
                    days |= {edge - _DAY, edge, edge + _DAY}
        return sorted(days | {_FAR})
    return []


def _variant(case: Case, path: str, value: Any) -> Case | None:
    """The case with the fact set, validated like a file (None where that is a contradiction)."""
    try:
        return answered(case, path, value)
    except CaseError:
        return None


def _statuses(result: CaseResult) -> dict[tuple[str, str], RequirementResult]:
    return {(r.instrument, q.id): q for r in result.results for q in r.requirements}


def interview(
    case: Case,
    instruments: list[str] | None = None,
    kb: KnowledgeBase | None = None,
    skipped: set[str] | None = None,
    lang: str = "en",
) -> Interview:
    """The questions still worth asking about the case, most decisive first (labels in `lang`)."""
    kb = kb or load_kb()
    skipped = skipped or set()
    now = evaluate(case, instruments, kb, lang)
    decisions = {r.instrument: r.decision for r in now.results}
    open_ = {i for i, d in decisions.items() if d == "undetermined"}
    statuses = _statuses(now)
    named: dict[str, list[str]] = {}
    for r in now.results:  # only an undetermined answer can still wait on a fact
        if r.decision != "undetermined":
            continue
        for path in r.missing_facts:
            named.setdefault(path, []).append(r.instrument)
    kinds = {f.path: f.type for f in FIELDS}
    order = {f.path: n for n, f in enumerate(FIELDS)}
    questions = []
    for path in candidate_paths(case, skipped):
        changed: dict[str, dict[str, str]] = {}
        settled_by: list[set[str]] = []
        settles: dict[tuple[str, str], Settled] = {}
        for value in values_to_try(kb, case, path, kinds[path]):
            variant = _variant(case, path, value)
            if variant is None:
                continue
            result = evaluate(variant, instruments, kb, lang)
            after = {r.instrument: r.decision for r in result.results}
            differs = {i: d for i, d in after.items() if decisions.get(i) != d}
            if differs:
                changed[_key(value)] = differs
            settled_by.append({i for i in open_ if after.get(i) not in (None, "undetermined")})
            for key, req in _statuses(result).items():
                before = statuses.get(key)
                cited = (req.citation.instrument, req.citation.eid)
                if before is not None and before.status != req.status and cited not in settles:
                    settles[cited] = Settled(key[0], req.id, req.citation, req.label, req.quote)
        if not changed and path not in named:
            continue
        always = set.intersection(*settled_by) if settled_by else set()
        some = set.union(*settled_by) if settled_by else set()
        changes = {i for d in changed.values() for i in d}
        score = (len(always), len(some), len(changes), len(named.get(path, [])), -order[path])
        allowed = (
            [True, False]
            if kinds[path] == "bool"
            else list(SENTENCE_KINDS)
            if kinds[path] == "kind"
            else list(BY_PATH[path].choices)
        )
        questions.append(
            Question(path, kinds[path], allowed, changed, list(settles.values()), named.get(path, []), score)
        )
    questions.sort(key=lambda q: q.score, reverse=True)
    return Interview(case, now, questions)


def _key(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return str(value)


def answered(case: Case, path: str, value: Any) -> Case:
    """The case with one more fact, validated like a file (CaseError says what is wrong with the answer)."""
    mapping = case.to_mapping()
    head, _, tail = path.partition(".")
    plain = value.isoformat() if isinstance(value, date) else value
    if tail:
        mapping.setdefault(head, {})[tail] = plain
    else:
        mapping[head] = plain
    return case_from_mapping(mapping, case.source, default_id=case.id)
