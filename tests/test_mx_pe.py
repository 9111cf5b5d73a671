"""Mexico–Peru 2002: Arts. I(1), I(5), III(1)-(10), VI(5), VI(7) and XI, one case per condition."""

import pytest
from conftest import baseline, decide, failed_labels, status, with_

MXPE = "mx-pe-2002"


def test_baseline_is_eligible_with_considerations_and_effect():
    result = decide(MXPE, baseline(MXPE))
    assert result.decision == "eligible"
    assert {(c.id, c.citation.label) for c in result.considerations} >= {("discretionary_factors", "Art. VI(5)")}
    assert [(e.id, e.citation.label) for e in result.effects] == [("ne_bis_in_idem", "Art. III(4)")]


def test_iii_4_is_an_effect_not_a_condition():
    result = decide(MXPE, baseline(MXPE))
    assert all(r.citation.label != "Art. III(4)" for r in result.requirements)


@pytest.mark.parametrize(
    "change, requirement, labels",
    [
        ({"sentence.kind": "fine_only"}, "sentence_kind", ["Art. I(1)"]),
        ({"sentence.kind": "security_measure"}, "sentence_kind", ["Art. I(1)"]),
        ({"person.nationalities": ["MX"]}, "nationality", ["Art. III(1)"]),
        ({"sentence.final": False}, "final_judgment", ["Art. III(3)"]),
        ({"consent.person": False}, "consent_person", ["Art. III(5)"]),
        ({"consent.in_writing": False}, "consent_written", ["Art. III(5)"]),
        ({"financial.obligations_settled": False}, "financial_obligations", ["Art. III(6)"]),
        ({"consent.sentencing_state": False}, "consent_states", ["Art. III(7)"]),
        ({"offence.political": True}, "not_political", ["Art. III(9)"]),
        ({"offence.purely_military": True}, "not_purely_military", ["Art. III(9)"]),
        ({"offence.dual_criminality": False}, "dual_criminality", ["Art. III(10)"]),
        ({"prior_refusal": True, "request.by": "administering_state"}, "no_new_request_after_refusal", ["Art. VI(7)"]),
    ],
)
def test_each_condition_blocks_alone(change, requirement, labels):
    result = decide(MXPE, with_(baseline(MXPE), **change))
    assert result.decision == "blocked"
    assert status(result, requirement) == "failed"
    assert failed_labels(result) == labels


def test_death_penalty_fails_scope_and_iii_8():
    result = decide(MXPE, with_(baseline(MXPE), **{"sentence.kind": "death_penalty"}))
    assert failed_labels(result) == ["Art. I(1)", "Art. III(8)"]


def test_supervision_without_detention_is_covered():
    result = decide(MXPE, with_(baseline(MXPE), **{"sentence.kind": "supervision"}))
    assert status(result, "sentence_kind") == "met"


def test_indeterminate_sentence_is_outside_i_5():
    case = with_(baseline(MXPE), **{"sentence.end_date": None, "sentence.indeterminate": True})
    result = decide(MXPE, case)
    assert failed_labels(result) == ["Art. I(5)"]


def test_exactly_six_months_is_not_more_than_six_months():
    result = decide(MXPE, with_(baseline(MXPE), **{"sentence.end_date": "2026-09-01"}))
    assert result.decision == "blocked"
    assert failed_labels(result) == ["Art. III(2)"]


def test_six_months_and_one_day_is_more_than_six_months():
    result = decide(MXPE, with_(baseline(MXPE), **{"sentence.end_date": "2026-09-02"}))
    assert status(result, "remaining_term") == "met"


def test_no_exceptional_agreement_below_the_minimum():
    case = with_(baseline(MXPE), **{"sentence.end_date": "2026-05-01", "exceptional_agreement": True})
    assert failed_labels(decide(MXPE, case)) == ["Art. III(2)"]


def test_proven_insolvency_excuses_unpaid_fines():
    case = with_(baseline(MXPE), **{"financial.obligations_settled": False, "financial.insolvency_proven": True})
    result = decide(MXPE, case)
    req = next(r for r in result.requirements if r.id == "financial_obligations")
    assert req.status == "met"
    assert req.applied_exception.condition == "financial.insolvency_proven"
    assert result.decision == "eligible"


def test_unpaid_fines_with_insolvency_refuted_block():
    case = with_(baseline(MXPE), **{"financial.obligations_settled": False, "financial.insolvency_proven": False})
    result = decide(MXPE, case)
    assert failed_labels(result) == ["Art. III(6)"]


def test_unpaid_fines_with_insolvency_unknown_are_undetermined():
    case = with_(baseline(MXPE), **{"financial.obligations_settled": False, "financial.insolvency_proven": None})
    result = decide(MXPE, case)
    assert result.decision == "undetermined"
    assert failed_labels(result) == []
    assert result.missing_facts == ["financial.insolvency_proven"]


def test_connected_with_political_is_not_excluded():
    result = decide(MXPE, with_(baseline(MXPE), **{"offence.connected_with_political": True}))
    assert result.decision == "eligible"


def test_minor_needs_representative_consent_under_xi():
    case = with_(baseline(MXPE), **{"person.minor": True, "consent.legal_representative": False})
    result = decide(MXPE, case)
    assert failed_labels(result) == ["Art. XI"]
    case = with_(case, **{"consent.legal_representative": True})
    assert decide(MXPE, case).decision == "eligible"


def test_xi_is_not_applicable_to_an_adult():
    assert status(decide(MXPE, baseline(MXPE)), "consent_representative_minor") == "not_applicable"


def test_unknown_minority_is_undetermined():
    result = decide(MXPE, with_(baseline(MXPE), **{"person.minor": None}))
    assert result.decision == "undetermined"
    assert result.missing_facts == ["person.minor", "consent.legal_representative"]


def test_prior_refusal_adds_the_review_consideration():
    result = decide(MXPE, with_(baseline(MXPE), prior_refusal=True))
    assert ("review_of_refusal", "Art. VI(7)") in {(c.id, c.citation.label) for c in result.considerations}


def test_final_judgment_also_cites_article_i_1():
    result = decide(MXPE, baseline(MXPE))
    req = next(r for r in result.requirements if r.id == "final_judgment")
    assert [c.label for c in req.also_cited] == ["Art. I(1)"]
