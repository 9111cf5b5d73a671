"""Bad input: every problem reported at once, with its field and what was expected; nothing guessed."""

import json

import pytest
from traslado.case import CaseError, case_from_mapping, load_case_file


def problems(data):
    with pytest.raises(CaseError) as info:
        case_from_mapping(data, "case.yaml")
    return {p.path: p.message for p in info.value.problems}


def test_unknown_field_suggests_the_right_one():
    found = problems({"sentence": {"end_dte": "2027-01-01"}})
    assert 'did you mean "end_date"' in found["sentence.end_dte"]


def test_unknown_top_level_field():
    found = problems({"request_dat": "2026-01-01"})
    assert 'did you mean "request_date"' in found["request_dat"]


def test_wrong_types_are_all_reported_at_once():
    found = problems({"sentence": {"final": "yes please", "remaining_months": -3}, "consent": {"person": 1}})
    assert set(found) == {"sentence.final", "sentence.remaining_months", "consent.person"}
    assert "expected true or false" in found["sentence.final"]


def test_bad_date():
    found = problems({"request_date": "01/03/2026"})
    assert "expected an ISO date YYYY-MM-DD" in found["request_date"]


def test_unknown_state_code_and_lower_case():
    found = problems({"sentencing_state": "XX", "administering_state": "pe"})
    assert 'unknown state code "XX"' in found["sentencing_state"]
    assert 'did you mean "PE"' in found["administering_state"]


def test_bad_nationality_in_list():
    assert "person.nationalities[1]" in problems({"person": {"nationalities": ["PE", "Peru"]}})


def test_sentence_kind_must_be_known():
    found = problems({"sentence": {"kind": "prison"}})
    assert "expected one of imprisonment" in found["sentence.kind"]


def test_contradictions_are_rejected():
    found = problems({"sentence": {"indeterminate": True, "end_date": "2030-01-01"}})
    assert "indeterminate" in found["sentence.end_date"]
    found = problems({"sentence": {"end_date": "2030-01-01", "remaining_months": 3}})
    assert "not both" in found["sentence.remaining_months"]
    found = problems({"sentence": {"final": True, "appeal_pending": True}})
    assert "final" in found["sentence.appeal_pending"]
    found = problems({"sentencing_state": "MX", "administering_state": "MX"})
    assert "must differ" in found["administering_state"]


def test_null_means_unknown():
    case = case_from_mapping({"sentence": {"final": None}, "consent": None}, "c.yaml")
    assert not case.known("sentence.final")


def test_yaml_dates_and_iso_strings_are_the_same(tmp_path):
    (tmp_path / "a.yaml").write_text("request_date: 2026-03-01\n")
    (tmp_path / "b.json").write_text(json.dumps({"request_date": "2026-03-01"}))
    assert load_case_file(tmp_path / "a.yaml").facts == load_case_file(tmp_path / "b.json").facts


def test_id_defaults_to_the_file_name(tmp_path):
    (tmp_path / "my-case.yaml").write_text("request_date: 2026-03-01\n")
    assert load_case_file(tmp_path / "my-case.yaml").id == "my-case"


def test_malformed_yaml_names_file_and_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("person:\n  nationalities: [PE\n")
    with pytest.raises(CaseError) as info:
        load_case_file(path)
    assert "broken.yaml" in str(info.value) and "line" in str(info.value)


def test_not_a_mapping(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n")
    with pytest.raises(CaseError, match="expected a mapping"):
        load_case_file(path)


def test_yaml_tags_are_not_executed(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("id: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(CaseError, match="not valid YAML"):
        load_case_file(path)


def test_the_case_format_doc_lists_every_field():
    from pathlib import Path

    from traslado.case.schema import FIELDS

    doc = (Path(__file__).resolve().parent.parent / "docs" / "case-format.md").read_text()
    assert [f.path for f in FIELDS if f"`{f.path}`" not in doc] == []
