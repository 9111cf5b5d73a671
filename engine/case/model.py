"""A validated case, and the errors that name what is wrong with one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from traslado.case.months import Remaining, remaining_between, remaining_from_months
from traslado.case.printable import printable


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
        """For a terminal: a file name, key or value holding control characters is shown escaped."""
        source = printable(self.source)
        lines = [f"{source}: {len(self.problems)} problem(s) in the case"]
        lines += [f"  {source}: {printable(str(p))}" for p in self.problems]
        return "\n".join(lines)

    def to_json(self) -> list[dict[str, str]]:
        return [{"field": p.path, "message": p.message} for p in self.problems]


@dataclass(frozen=True)
class Case:
    """A validated case: facts by dotted path; a path that is absent is unknown."""

    id: str
    facts: dict[str, Any] = field(default_factory=dict)
    source: str = "<case>"
    # What --set changed: fact path -> {"original": the file's value (None: unknown), "value": the new one}.
    hypothetical: dict[str, dict[str, Any]] = field(default_factory=dict)

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
