"""Which instruments bind the two states on the request date, each answer with its source."""

import json

import pytest
from click.testing import CliRunner
from conftest import baseline, with_
from traslado.case import case_from_mapping
from traslado.cli.main import main
from traslado.decide.evaluate import evaluate


def results(case):
    return {r.instrument: r for r in evaluate(case_from_mapping(case, "<test>")).results}


def test_only_the_treaty_between_the_two_states_applies():
    found = results(baseline("mx-pe-2002"))
    assert found["mx-pe-2002"].decision == "eligible"
    assert found["mx-pe-2002"].applicability.status == "binds"
    assert found["mx-sv-1993"].decision == "not_applicable"
    reason = found["mx-sv-1993"].applicability.reasons[0]
    assert (reason.state, reason.kind) == ("PE", "not_party")


def test_peru_is_not_a_cets_party_and_the_answer_says_who_says_so():
    app = results(baseline("mx-pe-2002"))["coe-cets-112"].applicability
    assert app.status == "does_not_bind"
    assert any(r.state == "PE" and "33.486" in r.source for r in app.reasons)


def test_before_entry_into_force_the_treaty_does_not_bind():
    case = with_(baseline("mx-pe-2002"), request_date="2004-01-03", **{"sentence.end_date": "2008-01-01"})
    found = results(case)["mx-pe-2002"]
    assert found.decision == "not_applicable"
    assert {r.kind for r in found.applicability.reasons} == {"not_yet_in_force"}


def test_on_the_day_of_entry_into_force_it_binds():
    case = with_(baseline("mx-pe-2002"), request_date="2004-01-04", **{"sentence.end_date": "2008-01-01"})
    assert results(case)["mx-pe-2002"].applicability.status == "binds"


@pytest.mark.parametrize("day, status", [("2007-10-31", "does_not_bind"), ("2007-11-01", "binds")])
def test_cets_for_mexico_from_1_november_2007(day, status):
    case = with_(baseline("coe-cets-112"), request_date=day, **{"sentence.end_date": "2012-01-01"})
    assert results(case)["coe-cets-112"].applicability.status == status


def test_a_state_beyond_the_range_a_partial_list_covers_is_unknown_not_a_non_party():
    # Norway is not in the CETS 112 excerpt, which is complete only through "Montenegro" (the KB holds
    # no Dutch name for Norway to place it, and "Noorwegen" would sort after the end anyway).
    case = with_(baseline("coe-cets-112"), sentencing_state="NO")
    found = results(case)["coe-cets-112"]
    assert found.applicability.status == "unknown"
    assert found.decision == "undetermined"
    assert found.conditional is True
    assert [r.state for r in found.applicability.reasons] == ["NO"]


def test_a_state_inside_the_range_and_absent_is_not_a_party_with_the_list_as_source():
    # Colombia ("Colombia", between "Chili" and "Costa Rica" in the Dutch list) is absent from a list
    # complete through "Montenegro": not a party.
    case = with_(baseline("coe-cets-112"), sentencing_state="CO")
    found = results(case)["coe-cets-112"]
    assert found.applicability.status == "does_not_bind"
    assert found.decision == "not_applicable"
    (reason,) = found.applicability.reasons
    assert (reason.state, reason.kind, reason.key) == ("CO", "not_party", "applicability.not_party_in_range")
    assert dict(reason.params) == {"state": "CO", "name": "Colombia", "through": "Montenegro"}
    assert "inview.nl" in reason.source
    assert "trb-1999-209" in reason.note


def test_unknown_request_date_leaves_applicability_unknown():
    case = with_(
        baseline("mx-sv-1993"), request_date=None, **{"sentence.end_date": None, "sentence.remaining_months": 12}
    )
    assert results(case)["mx-sv-1993"].applicability.status == "unknown"


def test_naming_an_instrument_evaluates_it_even_where_it_does_not_bind():
    case = case_from_mapping(baseline("mx-pe-2002"), "<test>")
    (only,) = evaluate(case, ["mx-sv-1993"]).results
    assert only.applicability.status == "does_not_bind"
    assert only.decision in {"eligible", "blocked", "undetermined"}


def test_instruments_between_mx_and_us():
    out = CliRunner().invoke(main, ["instruments", "--between", "MX", "US", "--on", "2026-03-01", "--format", "json"])
    assert out.exit_code == 0
    rows = {r["instrument"]: r for r in json.loads(out.output)["instruments"]}
    assert rows["coe-cets-112"]["status"] == "binds"
    assert any("2007-11-01" in r["text"] for r in rows["coe-cets-112"]["reasons"])
    assert rows["mx-pe-2002"]["status"] == "does_not_bind"


def test_instruments_between_rejects_a_bad_code():
    out = CliRunner().invoke(main, ["instruments", "--between", "MX", "XX"])
    assert out.exit_code == 2 and "unknown state code" in out.output


def test_check_json_carries_applicability():
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "mx-pe-eligible.yaml"
    data = json.loads(CliRunner().invoke(main, ["check", str(example), "--format", "json"]).output)
    decisions = {r["instrument"]: (r["decision"], r["applicability"]["status"]) for r in data["results"]}
    assert decisions["mx-pe-2002"] == ("eligible", "binds")
    assert decisions["coe-cets-112"] == ("not_applicable", "does_not_bind")
    assert decisions["mx-sv-1993"] == ("not_applicable", "does_not_bind")
    assert decisions["mx-lnep-54"] == ("not_applicable", "does_not_bind")  # a treaty binds MX and PE


def test_a_non_binding_instrument_reports_no_requirements():
    found = results(baseline("mx-pe-2002"))["mx-sv-1993"]
    assert found.decision == "not_applicable"
    assert found.requirements == [] and found.considerations == []


def test_declarations_of_either_state_are_shown_with_their_source():
    case = with_(baseline("coe-cets-112"))  # ES -> MX
    found = results(case)["coe-cets-112"]
    ids = [d.id for d in found.declarations]
    assert {"ES-3-3", "ES-3-4", "MX-3-4"} <= set(ids)
    spain = next(d for d in found.declarations if d.id == "ES-3-3")
    assert spain.concerns.label == "Art. 3(3)" and "BOE-A-1985-10554" in spain.source


def test_albania_counts_stateless_permanent_residents_as_nationals():
    case = with_(baseline("coe-cets-112"), administering_state="AL", **{"person.nationalities": []})
    from conftest import decide, status

    assert status(decide("coe-cets-112", case), "nationality") == "unknown"
    resident = with_(case, **{"person.permanent_resident_in_administering_state": True})
    assert status(decide("coe-cets-112", resident), "nationality") == "met"
    not_resident = with_(case, **{"person.permanent_resident_in_administering_state": False})
    assert status(decide("coe-cets-112", not_resident), "nationality") == "failed"


def test_a_stateless_person_fails_nationality_elsewhere():
    from conftest import decide, status

    # To Spain, whose Art. 3(4) declaration (held whole) counts Spanish nationals only.
    case = with_(
        baseline("coe-cets-112"), sentencing_state="MX", administering_state="ES", **{"person.nationalities": []}
    )
    assert status(decide("coe-cets-112", case), "nationality") == "failed"
    # To Mexico, whose declaration is held only in part: unknown, never failed on the text not held.
    to_mexico = with_(baseline("coe-cets-112"), **{"person.nationalities": []})
    assert status(decide("coe-cets-112", to_mexico), "nationality") == "unknown"


def between(a, b, day):
    out = CliRunner().invoke(main, ["instruments", "--between", a, b, "--on", day, "--format", "json"])
    assert out.exit_code == 0, out.output
    return {r["instrument"]: r["status"] for r in json.loads(out.output)["instruments"]}


BINDS, NOT, UNKNOWN = "binds", "does_not_bind", "unknown"


@pytest.mark.parametrize(
    "a, b, day, expected",
    [
        # Mexico–United States: CETS 112 from 1 November 2007 for Mexico; the 1976 treaty from 1977;
        # US law on every transfer; LNEP Art. 54 only without a treaty.
        (
            "MX",
            "US",
            "2026-03-01",
            {
                "coe-cets-112": BINDS,
                "us-mx-1976": BINDS,
                "oas-1993": BINDS,
                "us-usc-4100": BINDS,
                "mx-lnep-54": NOT,
                "mx-pe-2002": NOT,
            },
        ),
        ("MX", "US", "2007-10-31", {"coe-cets-112": NOT, "us-mx-1976": BINDS, "oas-1993": BINDS}),
        ("MX", "US", "2005-01-01", {"coe-cets-112": NOT, "us-mx-1976": BINDS, "oas-1993": UNKNOWN}),
        ("MX", "US", "1977-11-29", {"us-mx-1976": NOT}),
        # Mexico–Peru: the bilateral agreement from 4 January 2004; Peru is in neither CETS nor OAS.
        (
            "MX",
            "PE",
            "2026-03-01",
            {"mx-pe-2002": BINDS, "coe-cets-112": NOT, "oas-1993": NOT, "mx-lnep-54": NOT, "us-usc-4100": NOT},
        ),
        ("PE", "MX", "2004-01-03", {"mx-pe-2002": NOT, "mx-lnep-54": NOT}),  # LNEP not yet enacted
        # Mexico–El Salvador: the 1993 treaty from 13 February 1995; El Salvador not in CETS.
        ("MX", "SV", "2026-03-01", {"mx-sv-1993": BINDS, "coe-cets-112": NOT, "oas-1993": UNKNOWN, "mx-lnep-54": NOT}),
        ("SV", "MX", "1995-02-12", {"mx-sv-1993": NOT}),
        # Spain–Mexico: CETS 112 only once in force for Mexico.
        ("ES", "MX", "2026-03-01", {"coe-cets-112": BINDS, "coe-ets-167": NOT, "mx-lnep-54": NOT}),
        ("ES", "MX", "2007-10-31", {"coe-cets-112": NOT}),
        # Mexico–Colombia: Colombia sorts inside the range the CETS list covers and is absent from it, and
        # the OAS chart lists it with no action: no treaty binds, so LNEP Art. 54 (reciprocity) is the route.
        ("MX", "CO", "2026-03-01", {"coe-cets-112": NOT, "oas-1993": NOT, "mx-lnep-54": BINDS}),
        # Mexico–Norway: Norway is beyond the covered range: CETS 112 may bind, so LNEP's applicability is unknown.
        ("MX", "NO", "2026-03-01", {"coe-cets-112": UNKNOWN, "mx-lnep-54": UNKNOWN}),
    ],
)
def test_which_instruments_bind_a_pair_on_a_date(a, b, day, expected):
    found = between(a, b, day)
    assert {k: found[k] for k in expected} == expected
