"""Domestic law layers: 18 U.S.C. § 4100 on every transfer to or from the United States, and Mexico's
LNEP Art. 54 where no treaty binds Mexico and the other state."""

import pytest
from conftest import BASE, decide, failed_labels, status, with_
from traslado.case import case_from_mapping
from traslado.decide.evaluate import evaluate

USC = "us-usc-4100"
LNEP = "mx-lnep-54"


def mx_to_us(**changes):
    case = with_(BASE, sentencing_state="MX", administering_state="US", **{"person.nationalities": ["US"]})
    case = with_(case, **{"sentence.appeal_pending": False, "sentence.collateral_attack_pending": False})
    return with_(case, **changes)


def mx_to_co(**changes):
    """Mexico–Colombia: the sources settle that no treaty binds them (LNEP Art. 54 is the route)."""
    case = with_(BASE, sentencing_state="MX", administering_state="CO", **{"person.nationalities": ["CO"]})
    extra = {
        "sentence.collateral_attack_pending": False,
        "sentence.other_proceedings_pending": False,
        "extradition_pending": False,
        "contributes_to_reinsertion": True,
    }
    return with_(case, **{**extra, **changes})


def all_results(case):
    return {r.instrument: r for r in evaluate(case_from_mapping(case, "<test>")).results}


def test_usc_binds_a_transfer_from_mexico_to_the_united_states_and_is_met():
    found = all_results(mx_to_us())
    assert found[USC].applicability.status == "binds"
    assert found[USC].decision == "eligible"
    treaty = next(r for r in found[USC].requirements if r.id == "treaty_in_force")
    assert "coe-cets-112" in treaty.facts["binding_instruments"]


def test_usc_does_not_bind_a_transfer_between_two_other_states():
    found = all_results(
        with_(BASE, sentencing_state="MX", administering_state="PE", **{"person.nationalities": ["PE"]})
    )
    assert found[USC].decision == "not_applicable"
    assert found[USC].applicability.reasons[0].kind == "not_concerned"


@pytest.mark.parametrize(
    "change, requirement, label",
    [
        ({"sentence.appeal_pending": True, "sentence.final": False}, "no_pending_appeal", "§ 4100(c)"),
        ({"sentence.collateral_attack_pending": True}, "no_collateral_attack", "§ 4100(c)"),
        ({"consent.person": False}, "consent_person", "§ 4100(b)"),
        ({"offence.dual_criminality": False}, "dual_criminality", "§ 4100(b)"),
        ({"person.nationalities": ["MX"]}, "nationality", "§ 4100(b)"),
    ],
)
def test_usc_conditions_block_alone(change, requirement, label):
    result = decide(USC, mx_to_us(**change))
    assert status(result, requirement) == "failed"
    assert failed_labels(result) == [label]


def test_usc_only_a_pending_appeal_bars_not_one_still_available():
    result = decide(USC, mx_to_us(**{"sentence.final": False, "sentence.appeal_pending": False}))
    assert status(result, "no_pending_appeal") == "met"


def test_usc_a_minor_needs_a_parent_guardian_or_court():
    result = decide(USC, mx_to_us(**{"person.minor": True, "consent.legal_representative": False}))
    assert failed_labels(result) == ["§ 4100(b)"]
    assert status(result, "consent_representative_minor") == "failed"


def test_usc_without_a_treaty_there_is_no_transfer():
    case = with_(mx_to_us(), sentencing_state="CO", **{"person.nationalities": ["US"]})
    result = decide(USC, case)
    assert status(result, "treaty_in_force") in {"failed", "unknown"}


def test_lnep_does_not_apply_where_a_treaty_binds_mexico_and_the_other_state():
    found = all_results(mx_to_us())
    assert found[LNEP].decision == "not_applicable"
    assert found[LNEP].applicability.reasons[0].kind == "treaty_governs"


def test_lnep_binds_mexico_colombia_where_the_sources_settle_that_no_treaty_binds():
    # Colombia sorts inside the range the CETS 112 list covers ("Albanië" .. "Montenegro") and is absent
    # (a list as of 1 June 2023 at the earliest: not a party before 1 October 2023); the OAS chart (as of 5
    # March 2024) lists it with no action; the bilaterals are Mexico's with Peru, El Salvador and the US.
    found = all_results(mx_to_co(request_date="2023-09-30"))
    assert found[LNEP].applicability.status == "binds"
    assert found[LNEP].conditional is False
    assert found[LNEP].decision == "eligible"
    assert [r.key for r in found[LNEP].applicability.reasons] == ["applicability.domestic_law_without_treaty"]
    assert found["coe-cets-112"].decision == "not_applicable"


def test_once_the_sources_dates_have_passed_a_treaty_may_bind_mexico_colombia_and_lnep_is_conditional():
    # A 2026 request: Colombia may have acceded to CETS 112 or the OAS Convention since their lists.
    found = all_results(mx_to_co(request_date="2026-03-01"))
    assert found["coe-cets-112"].applicability.status == "unknown"
    assert found["oas-1993"].applicability.status == "unknown"
    assert (found[LNEP].applicability.status, found[LNEP].decision) == ("unknown", "undetermined")
    assert found[LNEP].conditional is True


def test_lnep_applicability_is_unknown_while_a_treaty_may_bind():
    # Norway is beyond the range the CETS 112 list covers: whether a treaty binds is unknown, and LNEP's
    # decision holds only if it applies (conditional).
    found = all_results(mx_to_co(administering_state="NO", **{"person.nationalities": ["NO"]}))
    assert found[LNEP].applicability.status == "unknown"
    assert found[LNEP].decision == "undetermined"
    assert found[LNEP].conditional is True


@pytest.mark.parametrize(
    "change, requirement, label",
    [
        ({"consent.person": False}, "consent_person", "Art. 54(I)"),
        ({"person.nationalities": ["VE"]}, "nationality", "Art. 54(II)"),
        ({"sentence.final": False, "sentence.appeal_pending": True}, "no_pending_appeal", "Art. 54(III)"),
        ({"sentence.collateral_attack_pending": True}, "no_collateral_attack", "Art. 54(III)"),
        (
            {"financial.obligations_settled": False, "financial.obligations_prescribed": False},
            "financial_obligations",
            "Art. 54(IV)",
        ),
        ({"sentence.end_date": "2026-08-31"}, "remaining_term", "Art. 54(V)"),
        ({"offence.dual_criminality": False}, "dual_criminality", "Art. 54(VI)"),
        ({"contributes_to_reinsertion": False}, "contributes_to_reinsertion", "Art. 54(VII)"),
        ({"sentence.other_proceedings_pending": True}, "no_other_proceedings", "Art. 54(VIII)"),
        ({"extradition_pending": True}, "no_extradition_pending", "Art. 54(VIII)"),
    ],
)
def test_lnep_bases_block_alone(change, requirement, label):
    result = decide(LNEP, mx_to_co(**change))
    assert status(result, requirement) == "failed"
    assert failed_labels(result) == [label]


def test_lnep_baseline_meets_every_basis():
    assert decide(LNEP, mx_to_co()).decision == "eligible"


def test_lnep_exactly_six_months_is_at_least_six_months():
    assert status(decide(LNEP, mx_to_co(**{"sentence.end_date": "2026-09-01"})), "remaining_term") == "met"


def test_lnep_prescribed_fines_count_as_settled():
    case = mx_to_co(**{"financial.obligations_settled": False, "financial.obligations_prescribed": True})
    result = decide(LNEP, case)
    assert status(result, "financial_obligations") == "met"
    assert result.decision == "eligible"


def test_lnep_firme_means_nothing_pending():
    # "Que la sentencia se encuentre firme, es decir que ningún procedimiento [...] esté pendiente"
    result = decide(LNEP, mx_to_co(**{"sentence.final": False, "sentence.appeal_pending": False}))
    assert status(result, "no_pending_appeal") == "met"


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "eligible, if it applies (conditional: whether it binds these states is unknown)"),
        ("es", "elegible, si es aplicable (condicional: no se sabe si vincula a estos Estados)"),
    ],
)
def test_routes_show_a_route_whose_applicability_is_unknown_as_conditional(lang, words):
    from traslado.case import case_from_mapping
    from traslado.decide.routes import rank
    from traslado.knowledge.store import load_kb
    from traslado.render.plans import route_json, routes_text

    case = case_from_mapping(mx_to_co(administering_state="NO", **{"person.nationalities": ["NO"]}), "<test>")
    ranked = rank(case, lang=lang)
    (lnep,) = [r for r in ranked.routes if r.instrument == LNEP]
    assert (lnep.group, lnep.applicability) == ("eligible", "unknown")
    assert route_json(lnep)["conditional"] is True
    text = " ".join(" ".join(routes_text(load_kb(), ranked, lang, width=1000)).split())
    assert f"({LNEP}): {words}" in text


def test_routes_never_say_binds_of_an_instrument_whose_applicability_is_unknown():
    from traslado.case import case_from_mapping
    from traslado.decide.routes import rank
    from traslado.knowledge.store import load_kb
    from traslado.render.plans import routes_text

    case = case_from_mapping(mx_to_co(administering_state="NO", **{"person.nationalities": ["NO"]}), "<test>")
    ranked = rank(case)
    (oas,) = [r for r in ranked.routes if r.instrument == "oas-1993"]
    assert (oas.group, oas.applicability) == ("not_encoded", "unknown")
    text = " ".join(" ".join(routes_text(load_kb(), ranked, "en", width=1000)).split())
    assert "(oas-1993): conditional: whether it binds these states is unknown, and its conditions are not in" in text
    assert "(oas-1993): binds" not in text


# LNEP Art. 54(IV) "En caso de haber sido sentenciados a pena pecuniaria [...]": where nothing was
# imposed, the condition has nothing to bear on.
@pytest.mark.parametrize(
    "imposed, settled, prescribed, expected",
    [
        (False, None, None, "not_applicable"),
        (False, True, None, "met"),
        (True, False, False, "failed"),
        (True, False, None, "unknown"),  # unless time-barred (the exception, still open)
        (True, True, None, "met"),
        (None, None, None, "unknown"),
        (True, None, None, "unknown"),
    ],
)
def test_lnep_financial_condition_bears_only_on_a_sum_imposed(imposed, settled, prescribed, expected):
    case = mx_to_co(
        **{
            "financial.obligations_imposed": imposed,
            "financial.obligations_settled": settled,
            "financial.obligations_prescribed": prescribed,
        }
    )
    result = decide(LNEP, case)
    assert status(result, "financial_obligations") == expected
    if expected == "unknown" and settled is None:
        missing = next(r for r in result.requirements if r.id == "financial_obligations").missing
        assert "financial.obligations_settled" in missing
        assert ("financial.obligations_imposed" in missing) == (imposed is None)


def test_mexico_peru_financial_condition_bears_only_on_sums_charged_to_the_person():
    # Art. III(6): "las multas, gastos de justicia, reparación civil y condenas pecuniarias de toda índole
    # que corren a su cargo"
    from conftest import baseline

    case = with_(
        baseline("mx-pe-2002"),
        **{"financial.obligations_imposed": False, "financial.obligations_settled": None},
    )
    result = decide("mx-pe-2002", case)
    assert status(result, "financial_obligations") == "not_applicable"
    assert result.decision == "eligible"


def test_nothing_imposed_and_something_unpaid_is_refused():
    from traslado.case import CaseError

    case = mx_to_co(**{"financial.obligations_imposed": False, "financial.obligations_settled": False})
    with pytest.raises(CaseError, match="financial.obligations_imposed is false"):
        case_from_mapping(case, "<test>")
