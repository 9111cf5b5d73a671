"""CETS 112: Art. 1(a) scope and the conditions of Art. 3(1)(a)-(f) and 3(2), one case per condition."""

import pytest
from conftest import baseline, decide, failed_labels, status, with_

CETS = "coe-cets-112"


def test_baseline_is_eligible():
    result = decide(CETS, baseline(CETS))
    assert result.decision == "eligible"
    assert failed_labels(result) == []


@pytest.mark.parametrize(
    "change, requirement, label",
    [
        # A Mexican to Spain: Spain's Art. 3(4) declaration, held whole, counts Spanish nationals only.
        # (To Mexico a non-national is unknown: Mexico's declaration is held only in part,
        # tests/test_incomplete_knowledge.py.)
        (
            {"sentencing_state": "MX", "administering_state": "ES", "person.nationalities": ["MX"]},
            "nationality",
            "Art. 3(1)(a)",
        ),
        ({"sentence.final": False}, "final_judgment", "Art. 3(1)(b)"),
        ({"sentence.end_date": "2026-08-31"}, "remaining_term", "Art. 3(1)(c)"),
        ({"consent.person": False}, "consent_person", "Art. 3(1)(d)"),
        ({"offence.dual_criminality": False}, "dual_criminality", "Art. 3(1)(e)"),
        ({"consent.sentencing_state": False}, "consent_states", "Art. 3(1)(f)"),
        ({"consent.administering_state": False}, "consent_states", "Art. 3(1)(f)"),
        ({"sentence.kind": "supervision"}, "sentence_kind", "Art. 1(a)"),
        ({"sentence.kind": "fine_only"}, "sentence_kind", "Art. 1(a)"),
    ],
)
def test_each_condition_blocks_alone(change, requirement, label):
    result = decide(CETS, with_(baseline(CETS), **change))
    assert result.decision == "blocked"
    assert status(result, requirement) == "failed"
    assert failed_labels(result) == [label]


def test_security_measure_involving_deprivation_of_liberty_is_a_sentence():
    result = decide(CETS, with_(baseline(CETS), **{"sentence.kind": "security_measure"}))
    assert status(result, "sentence_kind") == "met"


def test_exactly_six_months_is_at_least_six_months():
    result = decide(CETS, with_(baseline(CETS), **{"sentence.end_date": "2026-09-01"}))
    assert status(result, "remaining_term") == "met"


def test_five_months_and_thirty_days_is_not_enough():
    case = with_(baseline(CETS), **{"sentence.end_date": "2026-08-31", "exceptional_agreement": False})
    result = decide(CETS, case)
    req = next(r for r in result.requirements if r.id == "remaining_term")
    assert req.status == "failed"
    assert req.facts["remaining"] == "5 months and 30 days"
    assert result.decision == "blocked"
    assert [r.citation.label for r in result.with_status("failed")] == ["Art. 3(1)(c)"]


def test_five_months_and_thirty_days_with_the_agreement_unknown_is_open():
    # Art. 3(2) "even if the time to be served ... is less": unknown until the agreement is known.
    case = with_(baseline(CETS), **{"sentence.end_date": "2026-08-31", "exceptional_agreement": None})
    result = decide(CETS, case)
    req = next(r for r in result.requirements if r.id == "remaining_term")
    assert req.status == "unknown"
    assert req.missing == ["exceptional_agreement"]
    # the exception that would lift it is named with its article
    assert [(e.condition, e.citation.label, e.applied) for e in req.exceptions] == [
        ("exceptional_agreement", "Art. 3(2)", False)
    ]


def test_indeterminate_sentence_satisfies_3_1_c():
    case = with_(baseline(CETS), **{"sentence.end_date": None, "sentence.indeterminate": True})
    result = decide(CETS, case)
    assert status(result, "remaining_term") == "met"
    assert result.decision == "eligible"


def test_exceptional_agreement_admits_less_than_six_months():
    case = with_(baseline(CETS), **{"sentence.end_date": "2026-05-01", "exceptional_agreement": True})
    result = decide(CETS, case)
    req = next(r for r in result.requirements if r.id == "remaining_term")
    assert req.status == "met"
    assert req.applied_exception.citation.label == "Art. 3(2)"
    assert result.decision == "eligible"


def test_remaining_months_given_directly():
    case = with_(baseline(CETS), **{"sentence.end_date": None, "sentence.remaining_months": 6})
    assert status(decide(CETS, case), "remaining_term") == "met"
    case = with_(baseline(CETS), **{"sentence.end_date": None, "sentence.remaining_months": 5})
    assert status(decide(CETS, case), "remaining_term") == "failed"


def test_legal_representative_consents_for_an_incapable_person():
    case = with_(
        baseline(CETS),
        **{"consent.person": False, "person.incapable": True, "consent.legal_representative": True},
    )
    result = decide(CETS, case)
    assert status(result, "consent_person") == "met"
    # Spain excluded conversion (Art. 3(3)): whose choice the other procedure is (reading
    # cets_enforcement_choice, kb/readings.ttl) is shown too.
    assert [c.id for c in result.considerations] == [
        "representative_consent_may_be_required",
        "procedure_chosen_by_administering_state",
    ]


def test_representative_cannot_consent_for_a_capable_adult():
    case = with_(baseline(CETS), **{"consent.person": False, "consent.legal_representative": True})
    assert status(decide(CETS, case), "consent_person") == "failed"


def test_political_and_military_offences_do_not_block():
    case = with_(
        baseline(CETS),
        **{"offence.political": True, "offence.connected_with_political": True, "offence.purely_military": True},
    )
    assert decide(CETS, case).decision == "eligible"


def test_every_failure_is_listed():
    case = with_(baseline(CETS), **{"sentence.final": False, "offence.dual_criminality": False})
    assert failed_labels(decide(CETS, case)) == ["Art. 3(1)(b)", "Art. 3(1)(e)"]


def test_unknown_fact_leaves_the_decision_undetermined():
    result = decide(CETS, with_(baseline(CETS), **{"sentence.final": None}))
    assert result.decision == "undetermined"
    assert result.missing_facts == ["sentence.final"]


def test_unknown_end_date_asks_for_the_term():
    result = decide(CETS, with_(baseline(CETS), **{"sentence.end_date": None, "sentence.indeterminate": None}))
    assert result.decision == "undetermined"
    assert result.missing_facts == ["sentence.indeterminate", "sentence.end_date", "sentence.remaining_months"]


def test_end_date_without_request_date_asks_for_the_request_date_or_its_receipt():
    """Art. 3(1)(c) counts "at the time of receipt of the request": either date settles it."""
    result = decide(CETS, with_(baseline(CETS), request_date=None))
    assert result.missing_facts == ["request_date", "request.received_date"]


def test_unknown_does_not_hide_a_failure():
    case = with_(baseline(CETS), **{"sentence.final": None, "consent.person": False})
    result = decide(CETS, case)
    assert result.decision == "blocked"
    assert failed_labels(result) == ["Art. 3(1)(d)"]


def test_unknown_nationalities():
    result = decide(CETS, with_(baseline(CETS), **{"person.nationalities": None}))
    assert result.decision == "undetermined"
    assert result.missing_facts == ["person.nationalities"]


def test_dual_national_of_the_administering_state():
    result = decide(CETS, with_(baseline(CETS), **{"person.nationalities": ["ES", "MX"]}))
    assert status(result, "nationality") == "met"


# Art. 3(3): Spain excluded conversion (9(1)(b)), Albania continued enforcement (9(1)(a)).
@pytest.mark.parametrize("sentencing, administering", [("ES", "AL"), ("AL", "ES")])
def test_spain_and_albania_have_each_excluded_a_different_procedure(sentencing, administering):
    case = with_(
        baseline(CETS),
        sentencing_state=sentencing,
        administering_state=administering,
        **{"person.nationalities": [administering]},
    )
    result = decide(CETS, case)
    notes = [(c.id, c.citation.label) for c in result.considerations]
    assert ("no_procedure_left_between_the_states", "Art. 3(3)") in notes
    assert "procedure_chosen_by_administering_state" not in [n for n, _ in notes]
    assert result.decision == "eligible"  # it decides nothing: the States settle it in their agreement


@pytest.mark.parametrize("sentencing, administering", [("ES", "MX"), ("AL", "MX"), ("MX", "AL")])
def test_one_excluded_procedure_leaves_the_other(sentencing, administering):
    case = with_(
        baseline(CETS),
        sentencing_state=sentencing,
        administering_state=administering,
        **{"person.nationalities": [administering]},
    )
    ids = [c.id for c in decide(CETS, case).considerations]
    assert "no_procedure_left_between_the_states" not in ids
    assert "procedure_chosen_by_administering_state" in ids
