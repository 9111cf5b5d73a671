"""Additional Protocol ETS 167: transfer without consent of a person who fled (Art. 2) or faces
expulsion (Art. 3), with the Convention's other conditions (Art. 1(2))."""

from conftest import baseline, decide, failed_labels, status, with_
from traslado.case import case_from_mapping
from traslado.decide.evaluate import evaluate

ETS = "coe-ets-167"


def fled_de_to_es(**changes):
    case = with_(baseline("coe-cets-112"), sentencing_state="DE", administering_state="ES")
    case = with_(case, **{"person.nationalities": ["ES"], "consent.person": False})
    case = with_(case, **{"person.fled_to_administering_state": True, "sentence.expulsion_order": False})
    return with_(case, **changes)


def test_a_person_who_fled_home_can_be_transferred_without_consent():
    result = decide(ETS, fled_de_to_es())
    assert result.decision == "eligible"
    assert all(r.id != "consent_person" for r in result.requirements)


def test_the_conventions_conditions_apply_and_are_cited_to_it():
    result = decide(ETS, fled_de_to_es(**{"offence.dual_criminality": False}))
    (failed,) = result.with_status("failed")
    assert (failed.citation.instrument, failed.citation.label) == ("coe-cets-112", "Art. 3(1)(e)")
    assert [c.label for c in failed.also_cited] == ["Art. 1(2)"]


def test_expulsion_order_is_the_other_ground():
    case = fled_de_to_es(**{"person.fled_to_administering_state": False, "sentence.expulsion_order": True})
    result = decide(ETS, case)
    assert (status(result, "ground_expulsion"), status(result, "ground_fled")) == ("met", "not_applicable")
    assert "opinion_of_sentenced_person" in [c.id for c in result.considerations]


def test_neither_ground_blocks():
    case = fled_de_to_es(**{"person.fled_to_administering_state": False})
    assert failed_labels(decide(ETS, case)) == ["Art. 2(1)", "Art. 3(1)"]


def test_ireland_declared_it_will_not_apply_article_3():
    case = fled_de_to_es(
        administering_state="IE",
        **{
            "person.nationalities": ["IE"],
            "person.fled_to_administering_state": False,
            "sentence.expulsion_order": True,
        },
    )
    result = decide(ETS, case)
    assert status(result, "ground_expulsion") == "failed"
    assert failed_labels(result) == ["Art. 2(1)", "Art. 3(1)"]
    assert [d.state for d in result.declarations] == ["IE"]


def test_mexico_is_not_a_party():
    found = {
        r.instrument: r
        for r in evaluate(
            case_from_mapping(fled_de_to_es(administering_state="MX", **{"person.nationalities": ["MX"]}), "<t>")
        ).results
    }
    assert found[ETS].decision == "not_applicable"
