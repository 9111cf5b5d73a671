"""Mexico–El Salvador 1993: Arts. 1, 2(c), 4(4), 5(1)-(8) and 22(1), one case per condition."""

import pytest
from conftest import baseline, decide, failed_labels, status, with_

MXSV = "mx-sv-1993"


def test_baseline_is_eligible():
    result = decide(MXSV, baseline(MXSV))
    assert result.decision == "eligible"
    assert [(c.id, c.citation.label) for c in result.considerations] == [("discretionary_factors", "Art. 4(4)")]


@pytest.mark.parametrize(
    "change, requirement, label",
    [
        ({"offence.dual_criminality": False}, "dual_criminality", "Art. 5(1)"),
        ({"offence.political": True}, "not_political", "Art. 5(2)"),
        ({"offence.connected_with_political": True}, "not_connected_with_political", "Art. 5(2)"),
        ({"offence.purely_military": True}, "not_purely_military", "Art. 5(2)"),
        ({"person.nationalities": ["GT"]}, "nationality", "Art. 5(3)"),
        (
            {"person.domiciled_in_sentencing_state": True, "person.resident_in_sentencing_state": True},
            "not_domiciled",
            "Art. 5(4)",
        ),
        ({"sentence.final": False}, "final_judgment", "Art. 5(5)"),
        ({"consent.person": False}, "consent_person", "Art. 5(6)"),
        ({"sentence.end_date": "2026-08-31"}, "remaining_term", "Art. 5(8)"),
        ({"consent.administering_state": False}, "consent_states", "Art. 4(3)"),
        ({"sentence.kind": "fine_only"}, "sentence_kind", "Art. 1"),
        ({"sentence.kind": "death_penalty"}, "sentence_kind", "Art. 1"),
    ],
)
def test_each_condition_blocks_alone(change, requirement, label):
    result = decide(MXSV, with_(baseline(MXSV), **change))
    assert result.decision == "blocked"
    assert status(result, requirement) == "failed"
    assert failed_labels(result) == [label]


@pytest.mark.parametrize("kind", ["imprisonment", "security_measure", "supervision"])
def test_scope_covers_prison_security_measures_and_supervision(kind):
    result = decide(MXSV, with_(baseline(MXSV), **{"sentence.kind": kind}))
    assert status(result, "sentence_kind") == "met"


def test_exactly_six_months_is_at_least_six_months():
    result = decide(MXSV, with_(baseline(MXSV), **{"sentence.end_date": "2026-09-01"}))
    assert status(result, "remaining_term") == "met"


def test_early_release_is_not_discounted():
    # Only the English translation adds "taking into account probable early release dates";
    # the authentic Spanish counts the time still to be served as the sentence states it.
    result = decide(MXSV, with_(baseline(MXSV), **{"sentence.end_date": "2026-09-01"}))
    assert result.decision == "eligible"


def test_exceptional_agreement_under_5_8():
    case = with_(baseline(MXSV), **{"sentence.end_date": "2026-04-15", "exceptional_agreement": True})
    result = decide(MXSV, case)
    req = next(r for r in result.requirements if r.id == "remaining_term")
    assert req.status == "met"
    assert req.applied_exception.citation.label == "Art. 5(8)"


def test_below_minimum_without_agreement_blocks():
    case = with_(baseline(MXSV), **{"sentence.end_date": "2026-04-15", "exceptional_agreement": False})
    assert failed_labels(decide(MXSV, case)) == ["Art. 5(8)"]


def test_incapable_person_needs_the_representative_under_5_7():
    case = with_(baseline(MXSV), **{"person.incapable": True, "consent.legal_representative": True})
    result = decide(MXSV, case)
    assert status(result, "consent_representative_incapable") == "met"
    assert result.decision == "eligible"
    case = with_(case, **{"consent.legal_representative": False})
    assert failed_labels(decide(MXSV, case)) == ["Art. 5(7)"]


def test_5_6_and_5_7_are_cumulative():
    # The representative's consent does not replace the person's: Art. 11(1) speaks of the
    # consents "a que se refieren los puntos 6 y 7".
    case = with_(
        baseline(MXSV), **{"person.incapable": True, "consent.person": False, "consent.legal_representative": True}
    )
    assert failed_labels(decide(MXSV, case)) == ["Art. 5(6)"]


def test_minor_needs_consent_of_the_person_legally_entitled_under_22_1():
    case = with_(baseline(MXSV), **{"person.minor": True, "consent.legal_representative": False})
    assert failed_labels(decide(MXSV, case)) == ["Art. 22(1)"]


def test_indeterminate_sentence_has_at_least_six_months_left():
    case = with_(baseline(MXSV), **{"sentence.end_date": None, "sentence.indeterminate": True})
    assert status(decide(MXSV, case), "remaining_term") == "met"


def test_sentence_kind_also_cites_2_c():
    req = next(r for r in decide(MXSV, baseline(MXSV)).requirements if r.id == "sentence_kind")
    assert [c.label for c in req.also_cited] == ["Art. 2(c)"]
