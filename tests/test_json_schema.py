"""The JSON Schema of the case format, generated from the one table (traslado.case.schema): every
example validates, a wrong type fails, and it agrees with the validator on what it can express."""

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from traslado.case import CaseError, case_from_mapping
from traslado.case.json_schema import case_schema
from traslado.case.schema import FIELDS
from traslado.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
CASES = sorted((ROOT / "tests" / "cases").glob("*.yaml"))


def as_json(value):
    """What a YAML case is once written as JSON: dates become ISO strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


@pytest.fixture(scope="module")
def validator():
    schema = case_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_traslado_schema_prints_the_generated_schema(tmp_path):
    out = CliRunner().invoke(main, ["schema"])
    assert out.exit_code == 0 and json.loads(out.output) == case_schema()
    target = tmp_path / "case.schema.json"
    assert CliRunner().invoke(main, ["schema", "-o", str(target)]).exit_code == 0
    assert json.loads(target.read_text()) == case_schema()


def test_every_field_of_the_table_is_in_the_schema_with_its_meaning():
    schema = case_schema()
    for field in FIELDS:
        head, _, tail = field.path.partition(".")
        node = schema["properties"][head]["properties"][tail] if tail else schema["properties"][head]
        assert node["description"] == field.doc


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_validates(path, validator):
    validator.validate(as_json(yaml.safe_load(path.read_text(encoding="utf-8"))))


def test_every_case_of_the_case_tests_validates(validator):
    for path in CASES:
        validator.validate(as_json(yaml.safe_load(path.read_text(encoding="utf-8"))["case"]))


BASE = as_json(yaml.safe_load((ROOT / "examples" / "mx-pe-eligible.yaml").read_text(encoding="utf-8")))

WRONG = [
    ("sentence", "final", "yes"),  # a text for a yes/no fact
    ("sentence", "final", 1),
    ("sentence", "end_date", "1 September 2028"),
    ("sentence", "kind", "prison"),
    ("sentence", "remaining_months", -1),
    ("person", "nationalities", "PE"),  # not a list
    ("person", "nationalities", ["pe"]),  # not an ISO code as written
    (None, "administering_state", "Peru"),
    (None, "request_date", 20260301),
    ("sentence", "unknown_field", True),
    (None, "offence", "none"),
]


@pytest.mark.parametrize("section, key, value", WRONG, ids=[f"{s}.{k}={v!r}" for s, k, v in WRONG])
def test_a_wrong_value_fails_the_schema_and_the_validator(section, key, value, validator):
    data = json.loads(json.dumps(BASE))
    (data[section] if section else data)[key] = value
    assert list(validator.iter_errors(data))
    with pytest.raises(CaseError):
        case_from_mapping(data, "wrong")


CONTRADICTIONS = [
    {"sentence": {"end_date": "2028-09-01", "remaining_months": 5}},
    {"sentence": {"indeterminate": True, "end_date": "2028-09-01"}},
    {"sentence": {"final": True, "appeal_pending": True}},
]


@pytest.mark.parametrize("data", CONTRADICTIONS, ids=["end-and-months", "indeterminate-with-end", "final-appeal"])
def test_contradictions_between_fields_fail_both(data, validator):
    assert list(validator.iter_errors(data))
    with pytest.raises(CaseError):
        case_from_mapping(data, "contradiction")


def test_null_is_unknown_everywhere(validator):
    data = {f.path.split(".")[0]: None for f in FIELDS if "." not in f.path}
    data["sentence"] = {"final": None, "end_date": None}
    validator.validate(data)
    case_from_mapping(data, "nulls")
