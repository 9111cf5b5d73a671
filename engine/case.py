"""Load a case file (YAML or JSON) and validate it against the case format.

Every problem is collected and reported at once, each with its field path and what was expected,
so that a user fixes a file in one pass. Nothing is guessed: an unknown key, a lower-case state code
or a date in another format is an error, not a silent correction.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from engine.case_schema import BY_PATH, SECTIONS, SENTENCE_KINDS
from engine.months import Remaining, remaining_between, remaining_from_months

_DATA = Path(__file__).resolve().parent / "data"


@cache
def iso_states() -> frozenset[str]:
    lines = (_DATA / "iso3166-1-alpha2.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class CaseError(ValueError):
    """A case that cannot be evaluated, with every problem found in it."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [f"{self.source}: {len(self.problems)} problem(s) in the case"]
        lines += [f"  {self.source}: {p}" for p in self.problems]
        return "\n".join(lines)

    def to_json(self) -> list[dict[str, str]]:
        return [{"field": p.path, "message": p.message} for p in self.problems]


@dataclass(frozen=True)
class Case:
    """A validated case: facts by dotted path; a path that is absent is unknown."""

    id: str
    facts: dict[str, Any] = field(default_factory=dict)
    source: str = "<case>"

    def get(self, path: str) -> Any:
        return self.facts.get(path)

    def known(self, path: str) -> bool:
        return path in self.facts

    @property
    def remaining(self) -> Remaining | None:
        """Time left at the request date, from the dates or from remaining_months."""
        if "sentence.remaining_months" in self.facts:
            return remaining_from_months(self.facts["sentence.remaining_months"])
        if "sentence.end_date" in self.facts and "request_date" in self.facts:
            return remaining_between(self.facts["request_date"], self.facts["sentence.end_date"])
        return None

    def to_mapping(self) -> dict[str, Any]:
        """The case back in the nested case format (dates as ISO strings)."""
        out: dict[str, Any] = {"id": self.id}
        for path, value in self.facts.items():
            if isinstance(value, date):
                value = value.isoformat()
            head, _, tail = path.partition(".")
            if tail:
                out.setdefault(head, {})[tail] = value
            else:
                out[head] = value
        return out


# ------------------------------------------------------------------------------------------------
# Reading files
# ------------------------------------------------------------------------------------------------


def load_case_file(path: str | Path, overrides: tuple[str, ...] = ()) -> Case:
    """Read a YAML or JSON case file, apply `--set PATH=VALUE` hypotheticals, and validate.

    Raise CaseError naming the file (or the --set) for anything wrong.
    """
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseError(source, [Problem("", "no such file")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise CaseError(source, [Problem("", f"cannot read the file: {error}")]) from None
    data = parse_text(text, source, json_only=path.suffix.lower() == ".json")
    if overrides:
        data = apply_overrides(data, overrides, source)
    return case_from_mapping(data, source, default_id=path.stem)


# Two ways of stating the same fact: a hypothetical given one way replaces the file's other way.
_ALTERNATIVES = {
    "sentence.end_date": "sentence.remaining_months",
    "sentence.remaining_months": "sentence.end_date",
}


def apply_overrides(data: Any, overrides: tuple[str, ...], source: str) -> Any:
    """Set dotted paths to YAML scalar values (`offence.political=false`; `null` makes a fact unknown).

    `--set sentence.remaining_months=5` on a case that gives an end date asks "what if five months
    were left": the end date gives way (and the reverse). Both set at once stay a contradiction.
    """
    import copy

    if not isinstance(data, dict):
        return data  # validation reports the shape
    data = copy.deepcopy(data)
    problems = []
    for item in overrides:
        path, sep, raw = item.partition("=")
        path = path.strip()
        if not sep or not path:
            problems.append(Problem(f"--set {item}", "expected PATH=VALUE, e.g. --set offence.political=false"))
            continue
        value = parse_text(raw, f"--set {path}") if raw.strip() else None
        other = _ALTERNATIVES.get(path)
        if other and not any(o.partition("=")[0].strip() == other for o in overrides):
            *parents, leaf = other.split(".")
            holder = data
            for head in parents:
                holder = holder.get(head) if isinstance(holder, dict) else None
            if isinstance(holder, dict):
                holder.pop(leaf, None)
        *heads, last = path.split(".")
        node = data
        for head in heads:
            if not isinstance(node.get(head), dict):
                node[head] = {}
            node = node[head]
        node[last] = value
    if problems:
        raise CaseError(source, problems)
    return data


def parse_text(text: str, source: str, *, json_only: bool = False) -> Any:
    """Parse YAML (safe loading; JSON is a subset) or strict JSON."""
    if json_only:
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise CaseError(
                source, [Problem("", f"not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}")]
            ) from None
    import yaml  # deferred: JSON-only paths never pay for it

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise CaseError(source, [Problem("", f"not valid YAML{where}: {reason}")]) from None


# ------------------------------------------------------------------------------------------------
# Validation
# ------------------------------------------------------------------------------------------------


def _suggest(key: str, candidates: list[str]) -> str:
    match = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
    return f' (did you mean "{match[0]}"?)' if match else ""


def _flatten(data: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    """Nested mapping -> {dotted path: raw value}; unknown keys and wrong shapes are problems."""
    flat: dict[str, Any] = {}
    top_keys = sorted({p.split(".")[0] for p in BY_PATH})
    for key, value in data.items():
        key = str(key)
        if key in SECTIONS:
            if value is None:
                continue
            if not isinstance(value, dict):
                problems.append(Problem(key, f"expected a mapping of {key} facts, got {_kind(value)}"))
                continue
            inner = sorted(p.split(".", 1)[1] for p in BY_PATH if p.startswith(key + "."))
            for sub, subvalue in value.items():
                sub = str(sub)
                path = f"{key}.{sub}"
                if path not in BY_PATH:
                    problems.append(Problem(path, "unknown field" + _suggest(sub, inner)))
                else:
                    flat[path] = subvalue
        elif key in BY_PATH:
            flat[key] = value
        else:
            everything = top_keys + [p for p in BY_PATH if "." in p]
            problems.append(Problem(key, "unknown field" + _suggest(key, everything)))
    return flat


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"'
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
        Problem(path, f'unknown state code "{value}": expected an ISO 3166-1 alpha-2 code such as MX{hint}')
    )
    return None


def _date(value: Any, path: str, problems: list[Problem]) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
        problems.append(Problem(path, f'bad date "{value}": expected an ISO date YYYY-MM-DD'))
        return None
    problems.append(Problem(path, f"expected an ISO date YYYY-MM-DD, got {_kind(value)}"))
    return None


def _convert(path: str, value: Any, problems: list[Problem]) -> Any:
    kind = BY_PATH[path].type
    if kind == "bool":
        if isinstance(value, bool):
            return value
        problems.append(Problem(path, f"expected true or false (or null for unknown), got {_kind(value)}"))
    elif kind == "date":
        return _date(value, path, problems)
    elif kind == "state":
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
    elif kind == "months":
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            return value
        problems.append(Problem(path, f"expected a number of months (0 or more), got {_kind(value)}"))
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
    if facts.get("sentence.final") is True and facts.get("sentence.appeal_pending") is True:
        problems.append(
            Problem("sentence.appeal_pending", "a final judgment has no appeal pending: set sentence.final to false")
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
    case_id = facts.pop("id", None) or default_id
    return Case(id=case_id, facts=facts, source=source)
