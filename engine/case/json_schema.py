"""The case format as a JSON Schema (draft 2020-12), generated from the one table (traslado.case.schema).

For forms and other programs that write cases. It says what validation says about each field's type
and values, and the cross-checks between fields that a schema can express; the one it cannot (the two
states must differ) is stated in its description. `traslado schema` prints it.
"""

from __future__ import annotations

from typing import Any

from traslado.case.limits import MAX_MONTHS
from traslado.case.schema import FIELDS, SENTENCE_KINDS
from traslado.case.states import iso_states

SCHEMA_ID = "https://w3id.org/traslado/case.schema.json"


def field_schema(kind: str, doc: str, choices: tuple[str, ...] = ()) -> dict[str, Any]:
    """The JSON Schema of one field's value; null always means unknown."""
    codes = sorted(iso_states())
    by_type: dict[str, dict[str, Any]] = {
        "bool": {"type": ["boolean", "null"]},
        "date": {"type": ["string", "null"], "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "state": {"enum": [*codes, None]},
        "residence": {"enum": [*codes, None]},
        "choice": {"enum": [*choices, None]},
        "states": {"type": ["array", "null"], "items": {"enum": codes}},
        "kind": {"enum": [*SENTENCE_KINDS, None]},
        "months": {"type": ["number", "null"], "minimum": 0, "exclusiveMaximum": MAX_MONTHS},
        "text": {"type": ["string", "integer", "null"]},
    }
    if kind not in by_type:
        raise ValueError(f"the case schema has a field of type {kind!r}, which the JSON Schema does not know")
    return {"description": doc, **by_type[kind]}


def _not_both(a: str, b: str) -> dict[str, Any]:
    """Not both fields given (non-null)."""
    present = {"not": {"type": "null"}}
    return {"not": {"required": [a, b], "properties": {a: present, b: present}}}


def _cross_checks(section: str) -> list[dict[str, Any]]:
    """traslado.case.validation's cross-checks between fields, where a schema can say them."""
    if section != "sentence":
        return []
    true = {"const": True}
    return [
        _not_both("end_date", "remaining_months"),
        {
            "if": {"required": ["indeterminate"], "properties": {"indeterminate": true}},
            "then": {"properties": {"end_date": {"type": "null"}, "remaining_months": {"type": "null"}}},
        },
        {"not": {"required": ["final", "appeal_pending"], "properties": {"final": true, "appeal_pending": true}}},
    ]


def case_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {}
    sections: dict[str, dict[str, Any]] = {}
    for f in FIELDS:
        head, _, tail = f.path.partition(".")
        if not tail:
            properties[head] = field_schema(f.type, f.doc, f.choices)
            continue
        section = sections.setdefault(
            head, {"type": ["object", "null"], "properties": {}, "additionalProperties": False}
        )
        section["properties"][tail] = field_schema(f.type, f.doc, f.choices)
    for name, section in sections.items():
        checks = _cross_checks(name)
        if checks:
            section["allOf"] = checks
        properties[name] = section
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Traslado case",
        "description": (
            "The facts of a case (docs/case-format.md). Every fact is optional: absent or null means unknown. "
            "Dates are ISO dates (YYYY-MM-DD), states ISO 3166-1 alpha-2 codes. Also checked by traslado, and "
            "not expressible here: administering_state must differ from sentencing_state; a date must be a day "
            "of the calendar (not 2026-02-29) in the years 1000 to 8999; sentence.end_date may not be before "
            "request_date."
        ),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
