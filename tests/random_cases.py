"""Random valid cases from a seed, for the batch equivalence test and the benchmarks.

Every field of the case schema is drawn (true, false or left unknown; every sentence kind; end dates
and months remaining around every minimum term; request dates before, between and after the KB's
entry-into-force dates or none; the dates a term may count from, request.*, around it; final dates
around the FD 2008/909 Art. 28(2) boundary; a habitual residence at arrest; who made the request),
between the states the KB names (EU Member States among them) and states it never names (which the
per-case solver renames to stand-ins), with some cases asked for named instruments and some marked
as what-ifs (`--set`)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from traslado.case import case_from_mapping
from traslado.case.reading import mark_hypothetical
from traslado.case.schema import BY_PATH, SENTENCE_KINDS, TERM_DATES

NAMED = ["MX", "PE", "SV", "ES", "US", "DE", "CO", "IE", "AL", "CR", "CA", "GB", "PA", "BO", "FR", "PL", "NL"]
UNNAMED = ["ZW", "NP", "MN", "LA", "KH", "BT", "FJ", "TO"]  # no instrument of the KB names these
FINAL_DATES = ["1990-01-01", "2004-06-30", "2011-12-04", "2011-12-06", "2016-01-01", "2026-01-15"]
REQUEST_DATES = ["1975-01-01", "1993-06-01", "2000-01-01", "2005-03-15", "2010-07-01", "2026-03-01", None]


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    node = data
    *heads, last = path.split(".")
    for head in heads:
        node = node.setdefault(head, {})
    node[last] = value


def random_mapping(rng: random.Random, n: int) -> dict[str, Any]:
    """One valid case as a mapping (the JSON a batch input line would hold)."""
    data: dict[str, Any] = {"id": f"rand-{n}"}
    pool = NAMED + UNNAMED[: rng.choice([0, 0, 1, 2, 8])]
    sentencing, administering = rng.sample(pool, 2)
    if rng.random() < 0.95:
        data["sentencing_state"] = sentencing
    if rng.random() < 0.95:
        data["administering_state"] = administering
    request = rng.choice(REQUEST_DATES)
    if request:
        data["request_date"] = request
    nationality = rng.random()
    if nationality < 0.6:
        _set(data, "person.nationalities", [administering])
    elif nationality < 0.7:
        _set(data, "person.nationalities", [])
    elif nationality < 0.85:
        _set(data, "person.nationalities", rng.sample(pool, rng.randint(1, 3)))
    for path, spec in BY_PATH.items():
        if spec.type == "bool" and rng.random() < 0.75:
            _set(data, path, rng.choice([True, True, False]))
    if rng.random() < 0.9:
        _set(data, "sentence.kind", rng.choice(SENTENCE_KINDS))
    sentence = data.get("sentence", {})
    if sentence.get("final") is True and sentence.get("appeal_pending") is True:
        del sentence["appeal_pending"]  # a contradiction validation rejects
    if rng.random() < 0.3:
        _set(data, "person.habitual_residence_at_arrest", rng.choice(pool))
    if rng.random() < 0.4:
        _set(data, "sentence.final_date", rng.choice(FINAL_DATES))
    if rng.random() < 0.5:
        _set(data, "request.by", rng.choice(BY_PATH["request.by"].choices))
    _request_dates(rng, data, request)
    _consistent(data)
    term = rng.random()
    if sentence.get("indeterminate") is True:
        pass  # no end: neither an end date nor months remaining
    elif term < 0.5 and request:
        year = int(request[:4]) + rng.choice([0, 0, 1, 1, 2, 5, 12])
        end = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        _set(data, "sentence.end_date", max(end, request))  # validation rejects an end before the request
    elif term < 0.8:
        _set(data, "sentence.remaining_months", rng.choice([0, 1, 5, 6, 7, 11, 12, 13, 24, 119, 120, 121, 500]))
    return data


def near_eligible(rng: random.Random, n: int) -> dict[str, Any]:
    """A case meeting every requirement of one route (tests/conftest.py), with up to two facts changed
    or left unknown, so that eligible cases and single-fact blocks are drawn too."""
    from conftest import ROUTES, baseline

    data = baseline(rng.choice(sorted(ROUTES)))
    data["id"] = f"rand-{n}"
    for path in rng.sample([p for p in BY_PATH if BY_PATH[p].type == "bool"], rng.choice([0, 0, 1, 2])):
        _set(data, path, rng.choice([True, False, None]))
    sentence = data["sentence"]
    if sentence.get("final") is True and sentence.get("appeal_pending") is True:
        del sentence["appeal_pending"]
    if sentence.get("indeterminate") is True:
        sentence.pop("end_date", None)
    _consistent(data)
    return data


def _request_dates(rng: random.Random, data: dict[str, Any], request: str | None) -> None:
    """The dates an instrument may count its minimum term from (schema TERM_DATES), around the
    request date, a request received on or after it was made."""
    base = date.fromisoformat(request or rng.choice([d for d in REQUEST_DATES if d]))
    made = base - timedelta(days=rng.choice([0, 0, 30, 200]))
    dates = {
        "request.made_date": made,
        "request.received_date": made + timedelta(days=rng.choice([0, 10, 100])),
        "request.sentencing_state_request_date": base - timedelta(days=rng.choice([0, 60])),
        "request.petition_date": base - timedelta(days=rng.choice([0, 15, 400])),
    }
    for path in TERM_DATES:
        if rng.random() < 0.3:
            _set(data, path, dates[path].isoformat())


def _consistent(data: dict[str, Any]) -> None:
    """Drop what validation rejects as contradicting another fact (traslado.case.validation): domiciled
    in the sentencing state but false for "neither domicile nor residence there"; nothing imposed but
    something unpaid."""
    person = data.get("person", {})
    if person.get("domiciled_in_sentencing_state") is True and person.get("resident_in_sentencing_state") is False:
        del person["resident_in_sentencing_state"]
    financial = data.get("financial", {})
    if financial.get("obligations_imposed") is False and financial.get("obligations_settled") is False:
        del financial["obligations_imposed"]  # nothing imposed, yet something unpaid


def random_case(rng: random.Random, n: int) -> Any:
    """A validated Case; one in ten a what-if (some facts marked as changed by --set)."""
    data = near_eligible(rng, n) if rng.random() < 0.3 else random_mapping(rng, n)
    case = case_from_mapping(data, f"<random {n}>", default_id=f"rand-{n}")
    if rng.random() < 0.1:
        paths = rng.sample([p for p in BY_PATH if BY_PATH[p].type == "bool"], 2)
        case = mark_hypothetical(case, {p: rng.choice([True, False, None]) for p in paths})
    return case


def random_instruments(rng: random.Random, instruments: list[str]) -> list[str] | None:
    """None (all, as `check` without -i) for most cases; one or two named instruments for some."""
    if rng.random() < 0.8:
        return None
    return sorted(rng.sample(instruments, rng.choice([1, 2])))
