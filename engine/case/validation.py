"""Validate a parsed case against the case format (traslado.case.schema).

Every problem is collected and reported at once, each with its field path and what was expected,
so that a user fixes a file in one pass. Nothing is guessed: an unknown key, a lower-case state code
or a date in another format is an error, not a silent correction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from traslado.case.limits import MAX_MONTHS, MAX_YEAR, MIN_YEAR
from traslado.case.model import Case, CaseError, Problem
from traslado.case.months import days_in_month
from traslado.case.printable import without_surrogates
from traslado.case.schema import BY_PATH, SECTIONS, SENTENCE_KINDS
from traslado.case.states import iso_states


def _suggest(key: str, candidates: list[str]) -> str:
    import difflib  # only for a misspelt field: a valid case never pays for it

    match = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
    return f' (did you mean "{match[0]}"?)' if match else ""


def _flatten(data: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    """Nested mapping -> {dotted path: raw value}; unknown keys and wrong shapes are problems."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        if "\x00" in key:
            problems.append(Problem(key.replace("\x00", "\\x00"), "a key cannot hold a NUL character"))
            continue
        if key in SECTIONS:
            if value is None:
                continue
            if not isinstance(value, dict):
                problems.append(Problem(key, f"expected a mapping of {key} facts, got {_kind(value)}"))
                continue
            for sub, subvalue in value.items():
                sub = str(sub)
                path = f"{key}.{sub}"
                if "\x00" in sub:
                    problems.append(Problem(path.replace("\x00", "\\x00"), "a key cannot hold a NUL character"))
                elif path not in BY_PATH:
                    inner = sorted(p.split(".", 1)[1] for p in BY_PATH if p.startswith(key + "."))
                    problems.append(Problem(_short(path, 80), "unknown field" + _suggest(sub, inner)))
                else:
                    flat[path] = subvalue
        elif key in BY_PATH:
            flat[key] = value
        else:
            everything = sorted({p.split(".")[0] for p in BY_PATH}) + [p for p in BY_PATH if "." in p]
            problems.append(Problem(_short(key, 80), "unknown field" + _suggest(key, everything)))
    return flat


def _short(text: str, limit: int = 60) -> str:
    """A value quoted in a message, cut short: a message names what is wrong, it does not echo a file."""
    return text if len(text) <= limit else text[:limit] + "…"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{_short(value)}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _state(value: Any, path: str, problems: list[Problem]) -> str | None:
    if not isinstance(value, str):
        problems.append(Problem(path, f"expected an ISO 3166-1 alpha-2 state code such as MX, got {_kind(value)}"))
        return None
    if value in iso_states():
        return value
    hint = f' (did you mean "{value.upper()}"?)' if value.upper() in iso_states() else ""
    problems.append(
        Problem(path, f'unknown state code "{_short(value)}": expected an ISO 3166-1 alpha-2 code such as MX{hint}')
    )
    return None


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")  # ASCII digits only
_YAML_11_BOOLEANS = frozenset({"yes", "no", "on", "off", "y", "n"})


def _date(value: Any, path: str, problems: list[Problem]) -> date | None:
    """A calendar date written YYYY-MM-DD (a date object from the Python API is checked the same way);
    a timestamp, 2026-1-5 or 20260105 is refused, and so is a day the calendar does not have."""
    if isinstance(value, date) and not isinstance(value, datetime):
        value = value.isoformat()  # a date from the Python API: checked like one written in a file
    if not isinstance(value, str):
        problems.append(Problem(path, f"expected an ISO date YYYY-MM-DD, got {_kind(value)}"))
        return None
    match = _ISO_DATE.fullmatch(value)
    if not match:
        problems.append(Problem(path, f'bad date "{_short(value)}": expected an ISO date YYYY-MM-DD'))
        return None
    year, month, day = map(int, match.groups())
    try:
        day_given = date(year, month, day)
    except ValueError:
        problems.append(Problem(path, f'no such date "{value}": {_impossible(year, month, day)}'))
        return None
    if not MIN_YEAR <= year <= MAX_YEAR:
        problems.append(Problem(path, f'"{value}" is outside the years {MIN_YEAR} to {MAX_YEAR} the engine counts in'))
        return None
    return day_given


def _impossible(year: int, month: int, day: int) -> str:
    if year == 0:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    return f"{year}-{month:02d} has {days_in_month(year, month)} days"


def _boolean_problem(value: Any) -> str:
    if isinstance(value, str) and value.lower() in _YAML_11_BOOLEANS:
        return f'expected true or false (or null for unknown), got the text "{value}": write true or false'
    return f"expected true or false (or null for unknown), got {_kind(value)}"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _convert(path: str, value: Any, problems: list[Problem]) -> Any:
    kind = BY_PATH[path].type
    if any("\x00" in text for text in _strings(value)):
        problems.append(Problem(path, "holds a NUL character: remove it"))
        return None
    if kind == "bool":
        if isinstance(value, bool):
            return value
        problems.append(Problem(path, _boolean_problem(value)))
    elif kind == "date":
        return _date(value, path, problems)
    elif kind in ("state", "residence"):
        return _state(value, path, problems)
    elif kind == "states":
        if not isinstance(value, list):
            problems.append(Problem(path, f"expected a list of state codes such as [PE], got {_kind(value)}"))
            return None
        codes = [_state(item, f"{path}[{i}]", problems) for i, item in enumerate(value)]
        return sorted(set(codes)) if None not in codes else None
    elif kind == "kind":
        if value in SENTENCE_KINDS:
            return value
        hint = _suggest(str(value), list(SENTENCE_KINDS))
        problems.append(Problem(path, f"expected one of {', '.join(SENTENCE_KINDS)}, got {_kind(value)}{hint}"))
    elif kind == "choice":
        choices = BY_PATH[path].choices
        if value in choices:
            return value
        hint = _suggest(str(value), list(choices))
        problems.append(Problem(path, f"expected one of {', '.join(choices)}, got {_kind(value)}{hint}"))
    elif kind == "months":
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < MAX_MONTHS:
            return value
        problems.append(
            Problem(path, f"expected a number of months (0 or more, below {MAX_MONTHS}), got {_kind(value)}")
        )
    elif kind == "text":
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return str(value)
        problems.append(Problem(path, f"expected a text, got {_kind(value)}"))
    return None


def _cross_checks(facts: dict[str, Any], problems: list[Problem]) -> None:
    if "sentence.end_date" in facts and "sentence.remaining_months" in facts:
        problems.append(
            Problem("sentence.remaining_months", "give either sentence.end_date or sentence.remaining_months, not both")
        )
    if facts.get("sentence.indeterminate") is True:
        for path in ("sentence.end_date", "sentence.remaining_months"):
            if path in facts:
                problems.append(
                    Problem(path, "an indeterminate sentence has no end: remove this or set indeterminate: false")
                )
    if facts.get("financial.obligations_imposed") is False and facts.get("financial.obligations_settled") is False:
        problems.append(
            Problem(
                "financial.obligations_settled",
                "false, but financial.obligations_imposed is false: with nothing imposed nothing is unpaid; "
                "correct one of the two",
            )
        )
    if facts.get("sentence.final") is True and facts.get("sentence.appeal_pending") is True:
        problems.append(
            Problem("sentence.appeal_pending", "a final judgment has no appeal pending: set sentence.final to false")
        )
    request, end = facts.get("request_date"), facts.get("sentence.end_date")
    if request and end and end < request:
        problems.append(
            Problem(
                "sentence.end_date",
                f"{end.isoformat()} is before request_date {request.isoformat()}: a sentence that has ended "
                "cannot be transferred; check both dates",
            )
        )
    made, received = facts.get("request.made_date"), facts.get("request.received_date")
    if made and received and received < made:
        problems.append(
            Problem(
                "request.received_date",
                f"{received.isoformat()} is before request.made_date {made.isoformat()}: a request is received "
                "after it is made; check both dates",
            )
        )
    if (
        facts.get("person.domiciled_in_sentencing_state") is True
        and facts.get("person.resident_in_sentencing_state") is False
    ):
        problems.append(
            Problem(
                "person.resident_in_sentencing_state",
                "false says neither domicile nor residence there, but person.domiciled_in_sentencing_state is true",
            )
        )
    sentencing, administering = facts.get("sentencing_state"), facts.get("administering_state")
    if sentencing and sentencing == administering:
        problems.append(Problem("administering_state", "must differ from sentencing_state"))


def case_from_mapping(data: Any, source: str, default_id: str = "case") -> Case:
    """Validate a parsed case; raise CaseError listing every problem."""
    if not isinstance(data, dict):
        raise CaseError(
            source,
            [
                Problem(
                    "",
                    f"expected a mapping of case facts, got {_kind(data) if data is not None else 'an empty document'}",
                )
            ],
        )
    problems: list[Problem] = []
    facts: dict[str, Any] = {}
    for path, raw in _flatten(data, problems).items():
        if raw is None:
            continue  # null means unknown
        value = _convert(path, raw, problems)
        if value is not None:
            facts[path] = value
    _cross_checks(facts, problems)
    if problems:
        raise CaseError(source, problems)
    case_id = facts.pop("id", None) or without_surrogates(default_id)
    return Case(id=case_id, facts=facts, source=source)
