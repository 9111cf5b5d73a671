"""The date by which to act: the last day on which an instrument's minimum remaining term is still met.

"At least N months" is met while N calendar months from the date counted from still reach the end
date; "more than N months" needs a day beyond them. Months are counted as traslado.case.months counts
them (the engine's own arithmetic), so the date given here is the last one on which `check` finds the
requirement met; tests run the engine on it and on the day after.
"""

from __future__ import annotations

from datetime import date, timedelta

from traslado.case import Case
from traslado.case.months import add_months
from traslado.decide.results import Deadline, InstrumentResult
from traslado.knowledge.readings import in_force
from traslado.knowledge.rulebase import load_rulebase
from traslado.knowledge.store import KnowledgeBase

_DAY = timedelta(days=1)


def last_start(end: date, months: int, comparison: str) -> date:
    """The last date from which `months` calendar months still leave enough before `end`:
    for at_least, months from it reach no later than end; for more_than, they end before it."""

    def enough(start: date) -> bool:
        reached = add_months(start, months)
        return reached <= end if comparison == "at_least" else reached < end

    # add_months is monotone in its start, so `enough` holds up to one date and fails after it.
    start = add_months(end, -months)
    while enough(start + _DAY):
        start += _DAY
    while not enough(start):
        start -= _DAY
    return start


def latest_request_date(kb: KnowledgeBase, case: Case, result: InstrumentResult) -> Deadline | None:
    """The deadline of the instrument's minimum term, where the case gives the end of the sentence."""
    if result.decision == "not_applicable" or case.get("sentence.indeterminate") is True:
        return None
    end = case.get("sentence.end_date")
    requirement = next((r for r in result.requirements if r.id == "remaining_term"), None)
    rules = load_rulebase(kb)
    if end is None or requirement is None or requirement.status == "not_applicable":
        return None
    if result.instrument not in rules.min_term:
        return None
    months, comparison = rules.min_term[result.instrument]
    # The instrument's own moment (counts_from/2 in its rules, under the reading request_dates=own_dates):
    # the deadline is for that act (receipt, making, petition). Whether it has passed is judged on the
    # date the rules counted from: the own date where the case gives it, else request_date (the
    # requirement's counted_from says which). Under request_dates=one_date, request_date stands for
    # every instrument's moment, and the deadline is for the request.
    field = rules.term_counted_from(result.instrument)
    if in_force(kb).get("request_dates") == "one_date":
        field = "request_date"
    latest = last_start(end, months, comparison)
    counted_from = case.get(requirement.counted_from or field) or case.get(field)
    exceptions = tuple(
        citation
        for rule in rules.of(result.instrument, "requirement", "remaining_term")
        for _, citation in rule.exceptions
    )
    return Deadline(
        latest=latest,
        counts_from=field,
        citation=requirement.citation,
        months=months,
        comparison=comparison,
        end_date=end,
        exceptions=tuple(dict.fromkeys(exceptions)),
        passed=None if not isinstance(counted_from, date) else counted_from > latest,
    )
