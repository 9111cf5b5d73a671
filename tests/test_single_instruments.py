"""Issue 11 section 3: defects in single instruments, as the law's examples at their boundaries.
Each test asserts the decision and the exact articles cited."""

from __future__ import annotations

from conftest import baseline, decide, failed_labels, status, with_
from traslado.case import case_from_mapping
from traslado.decide.evaluate import evaluate

ETS, LNEP, MXPE, MXSV, USC, CETS = (
    "coe-ets-167",
    "mx-lnep-54",
    "mx-pe-2002",
    "mx-sv-1993",
    "us-usc-4100",
    "coe-cets-112",
)


def requirement(result, ident):
    (found,) = [r for r in result.requirements if r.id == ident]
    return found


# --- ETS 167: Art. 2 and Art. 3 are two grounds, each with its own article -------------------------


def ets(sentencing="DE", administering="ES", **changes):
    case = with_(baseline(CETS), sentencing_state=sentencing, administering_state=administering)
    case = with_(case, **{"person.nationalities": [administering], "consent.person": False})
    return with_(case, **changes)


def test_ets_fled_alone_is_a_ground_and_the_other_is_not_needed():
    result = decide(ETS, ets(**{"person.fled_to_administering_state": True, "sentence.expulsion_order": False}))
    assert result.decision == "eligible"
    assert (status(result, "ground_fled"), status(result, "ground_expulsion")) == ("met", "not_applicable")
    assert requirement(result, "ground_fled").citation.label == "Art. 2(1)"


def test_ets_expulsion_alone_is_a_ground_cited_to_article_3():
    result = decide(ETS, ets(**{"person.fled_to_administering_state": False, "sentence.expulsion_order": True}))
    assert result.decision == "eligible"
    assert (status(result, "ground_fled"), status(result, "ground_expulsion")) == ("not_applicable", "met")
    assert requirement(result, "ground_expulsion").citation.label == "Art. 3(1)"


def test_ets_neither_ground_lists_both_articles():
    result = decide(ETS, ets(**{"person.fled_to_administering_state": False, "sentence.expulsion_order": False}))
    assert result.decision == "blocked"
    assert failed_labels(result) == ["Art. 2(1)", "Art. 3(1)"]


def test_ets_one_ground_failed_and_the_other_unknown_is_undetermined():
    result = decide(ETS, ets(**{"person.fled_to_administering_state": False}))
    assert result.decision == "undetermined"
    assert result.missing_facts == ["sentence.expulsion_order"]


def test_ets_ireland_block_cites_article_3_and_its_declaration_not_article_2():
    case = ets(administering="IE", **{"sentence.expulsion_order": True})  # flight not stated
    result = decide(ETS, case)
    assert result.decision == "undetermined" and result.missing_facts == ["person.fled_to_administering_state"]
    # Whether the missing Art. 3 ground blocks depends on Art. 2 (alternatives): unknown until then.
    assert status(result, "ground_expulsion") == "unknown"
    assert [d.state for d in result.declarations] == ["IE"]
    blocked = decide(ETS, with_(case, **{"person.fled_to_administering_state": False}))
    assert blocked.decision == "blocked" and failed_labels(blocked) == ["Art. 2(1)", "Art. 3(1)"]
    expulsion = requirement(blocked, "ground_expulsion")
    assert expulsion.citation.label == "Art. 3(1)" and [c.label for c in expulsion.also_cited] == ["Art. 3(6)"]


def test_ets_article_3_6_is_not_cited_where_no_state_declared():
    result = decide(ETS, ets(**{"person.fled_to_administering_state": False, "sentence.expulsion_order": True}))
    assert requirement(result, "ground_expulsion").also_cited == []


def belgium(residence, sentencing="BE", administering="NL"):
    changes = {"person.fled_to_administering_state": False, "sentence.expulsion_order": True}
    if residence:
        changes["person.habitual_residence_at_arrest"] = residence
    return ets(sentencing, administering, **changes)


def test_ets_belgium_does_not_apply_article_3_to_its_habitual_residents():
    """BE: "not to apply Article 3 ... when the sentenced person has its habitual residence in the
    Kingdom's territory at the time of his/her arrest"."""
    result = decide(ETS, belgium("BE"))
    assert result.decision == "blocked" and failed_labels(result) == ["Art. 2(1)", "Art. 3(1)"]
    assert [d.state for d in result.declarations] == ["BE"]


def test_ets_belgium_as_administering_state_too():
    result = decide(ETS, belgium("BE", sentencing="NL", administering="BE"))
    assert result.decision == "blocked" and failed_labels(result) == ["Art. 2(1)", "Art. 3(1)"]


def test_ets_belgium_habitual_residence_elsewhere_leaves_article_3_open():
    result = decide(ETS, belgium("NL"))
    assert result.decision == "eligible" and status(result, "ground_expulsion") == "met"


def test_ets_belgium_habitual_residence_unknown_is_undetermined_and_asked_for():
    result = decide(ETS, belgium(None))
    assert result.decision == "undetermined"
    assert result.missing_facts == ["person.habitual_residence_at_arrest"]


def test_ets_habitual_residence_is_not_asked_without_a_declaring_state():
    result = decide(ETS, ets(**{"person.fled_to_administering_state": False, "sentence.expulsion_order": True}))
    assert "person.habitual_residence_at_arrest" not in requirement(result, "ground_expulsion").facts


# --- LNEP Art. 54: reciprocity and the states' acceptance ----------------------------------------


def lnep(**changes):
    case = with_(baseline(CETS), sentencing_state="MX", administering_state="AR")
    case = with_(case, **{"person.nationalities": ["AR"], "contributes_to_reinsertion": True})
    case = with_(case, **{"sentence.appeal_pending": False, "sentence.other_proceedings_pending": False})
    return with_(case, **{"extradition_pending": False, **changes})


def test_lnep_baseline_with_reciprocity_and_acceptance_is_eligible():
    result = decide(LNEP, lnep())
    assert result.decision == "eligible"
    assert requirement(result, "reciprocity").citation.label == "Art. 54(1)"


def test_lnep_both_states_refusing_is_not_eligible():
    result = decide(LNEP, lnep(**{"consent.sentencing_state": False, "consent.administering_state": False}))
    assert result.decision == "blocked" and failed_labels(result) == ["Art. 54(1)"]
    assert [c.label for c in requirement(result, "consent_states").also_cited] == ["Art. 54(2)", "Art. 56"]


def test_lnep_without_reciprocity_is_blocked():
    result = decide(LNEP, lnep(reciprocity=False))
    assert result.decision == "blocked" and failed_labels(result) == ["Art. 54(1)"]


def test_lnep_reciprocity_and_acceptance_unknown_stay_unknown():
    result = decide(LNEP, lnep(reciprocity=None, **{"consent.administering_state": None}))
    assert result.decision == "undetermined"
    assert result.missing_facts == ["consent.administering_state", "reciprocity"]


# --- Mexico–Peru ----------------------------------------------------------------------------------


def test_mxpe_pending_amparo_makes_the_judgment_not_definitive():
    """I(1): not "definitiva" while "un recurso o procedimiento legal alguno que la pueda modificar" is pending."""
    result = decide(MXPE, with_(baseline(MXPE), **{"sentence.collateral_attack_pending": True}))
    assert result.decision == "blocked" and failed_labels(result) == ["Art. III(3)"]
    assert [c.label for c in requirement(result, "no_collateral_attack").also_cited] == ["Art. I(1)"]


def test_mxpe_amparo_unknown_is_undetermined():
    result = decide(MXPE, with_(baseline(MXPE), **{"sentence.collateral_attack_pending": None}))
    assert result.decision == "undetermined" and result.missing_facts == ["sentence.collateral_attack_pending"]


def refused(by):
    return with_(baseline(MXPE), prior_refusal=True, **({"request.by": by} if by else {}))


def test_mxpe_after_a_refusal_the_receiving_party_may_not_request_again():
    result = decide(MXPE, refused("administering_state"))
    assert result.decision == "blocked" and failed_labels(result) == ["Art. VI(7)"]
    assert "review_of_refusal" in [c.id for c in result.considerations]


def test_mxpe_after_a_refusal_the_sentencing_party_may_request():
    """VI(7) bars "la Parte Receptora"; II(3): "podrá ser solicitado por cualquiera de las Partes"."""
    result = decide(MXPE, refused("sentencing_state"))
    assert result.decision == "eligible"
    assert [c.label for c in requirement(result, "no_new_request_after_refusal").also_cited] == ["Art. II(3)"]


def test_mxpe_after_a_refusal_who_requests_decides():
    result = decide(MXPE, refused(None))
    assert result.decision == "undetermined" and result.missing_facts == ["request.by"]


def test_mxpe_no_refusal_needs_no_requester():
    result = decide(MXPE, baseline(MXPE))
    assert result.decision == "eligible" and status(result, "no_new_request_after_refusal") == "met"


def juvenile(minor):
    case = with_(baseline(MXPE), **{"sentence.kind": "security_measure", "person.minor": minor})
    return with_(case, **{"consent.legal_representative": True})


def test_mxpe_a_minors_custodial_measure_is_covered_by_article_xi():
    result = decide(MXPE, juvenile(True))
    assert result.decision == "eligible"
    assert [c.label for c in requirement(result, "sentence_kind").also_cited] == ["Art. XI"]


def test_mxpe_an_adults_security_measure_is_not_covered():
    result = decide(MXPE, juvenile(False))
    assert result.decision == "blocked" and failed_labels(result) == ["Art. I(1)"]


def test_mxpe_a_security_measure_with_minority_unknown_is_undetermined():
    result = decide(MXPE, juvenile(None))
    assert result.decision == "undetermined" and "person.minor" in result.missing_facts
    assert status(result, "sentence_kind") == "unknown"


def test_requirements_sharing_a_citation_are_ordered_by_id():
    result = decide(MXPE, baseline(MXPE))
    same = [r.id for r in result.requirements if r.citation.label in ("Art. III(3)", "Art. III(9)")]
    assert same == ["final_judgment", "no_collateral_attack", "not_political", "not_purely_military"]


# --- Mexico–El Salvador Art. 5(4): domicile, not residence ----------------------------------------


def mxsv(**person):
    case = baseline(MXSV)
    case["person"].pop("resident_in_sentencing_state")
    return with_(case, **{f"person.{k}": v for k, v in person.items()})


def test_mxsv_domicile_blocks():
    result = decide(MXSV, mxsv(domiciled_in_sentencing_state=True, resident_in_sentencing_state=True))
    assert result.decision == "blocked" and failed_labels(result) == ["Art. 5(4)"]


def test_mxsv_residence_without_domicile_does_not_block():
    result = decide(MXSV, mxsv(domiciled_in_sentencing_state=False, resident_in_sentencing_state=True))
    assert result.decision == "eligible"


def test_mxsv_the_old_residence_field_true_leaves_domicile_open():
    result = decide(MXSV, mxsv(resident_in_sentencing_state=True))
    assert result.decision == "undetermined"
    assert "person.domiciled_in_sentencing_state" in result.missing_facts


def test_mxsv_the_old_residence_field_false_settles_it():
    result = decide(MXSV, mxsv(resident_in_sentencing_state=False))
    assert result.decision == "eligible" and status(result, "not_domiciled") == "met"


def test_mxsv_neither_field_is_undetermined():
    result = decide(MXSV, mxsv())
    assert result.decision == "undetermined" and status(result, "not_domiciled") == "unknown"


# --- 18 U.S.C. § 4100(a): only when a transfer treaty is in force ---------------------------------


def usc_case(request_date):
    case = with_(baseline(CETS), sentencing_state="MX", administering_state="US", request_date=request_date)
    return case_from_mapping(with_(case, **{"person.nationalities": ["US"], "sentence.appeal_pending": False}), "<usc>")


def test_usc_does_not_bind_before_the_us_mexico_treaty_entered_into_force():
    """kb/sources/us-mx-1976.partial.md: "Entered into force November 30, 1977"."""
    (result,) = [r for r in evaluate(usc_case("1977-11-29")).results if r.instrument == USC]
    assert result.decision == "not_applicable"
    assert [r.kind for r in result.applicability.reasons] == ["no_treaty_in_force"]


def test_usc_binds_from_the_day_the_treaty_is_in_force():
    (result,) = [r for r in evaluate(usc_case("1977-11-30")).results if r.instrument == USC]
    assert result.applicability.status == "binds" and result.decision == "eligible"


def test_usc_asked_for_by_name_without_a_treaty_is_blocked_by_4100_a():
    (result,) = evaluate(usc_case("1977-11-29"), [USC]).results
    assert result.decision == "blocked" and failed_labels(result) == ["§ 4100(a)"]


# --- Reference dates: each instrument counts from its own moment ----------------------------------


def at(instrument, field, day, end="2026-09-01", **extra):
    case = with_(baseline(instrument) if instrument != LNEP else lnep(), **{"sentence.end_date": end, **extra})
    return with_(case, **{field: day}) if field else case


def test_cets_counts_from_the_receipt_of_the_request():
    """3(1)(c) "at the time of receipt": requested 2026-03-01 (six months left) but received a day later."""
    assert decide(CETS, at(CETS, None, None)).decision == "eligible"
    result = decide(CETS, at(CETS, "request.received_date", "2026-03-02"))
    assert result.decision == "blocked" and failed_labels(result) == ["Art. 3(1)(c)"]
    assert requirement(result, "remaining_term").counted_from == "request.received_date"


def test_mxpe_counts_from_the_making_of_the_request():
    """III(2) "al momento de efectuarse la solicitud", "superior a seis (6) meses"."""
    made_earlier = at(MXPE, "request.made_date", "2026-02-28")
    result = decide(MXPE, made_earlier)
    assert result.decision == "eligible"
    assert requirement(result, "remaining_term").counted_from == "request.made_date"
    assert decide(MXPE, at(MXPE, None, None)).decision == "blocked"  # from request_date: exactly six


def test_mxsv_counts_from_the_sentencing_states_request():
    """5(8) "en el momento de la presentación de la solicitud a que se refiere el inciso b) del párrafo 2
    del Artículo 13" (13(2): the Estado Trasladante's request)."""
    result = decide(MXSV, at(MXSV, "request.sentencing_state_request_date", "2026-03-02"))
    assert result.decision == "blocked" and failed_labels(result) == ["Art. 5(8)"]
    assert [c.label for c in requirement(result, "remaining_term").also_cited] == ["Art. 13(2)"]


def test_lnep_counts_from_the_persons_petition():
    """54(V) "al momento de su petición de traslado"."""
    result = decide(LNEP, at(LNEP, "request.petition_date", "2026-03-02"))
    assert result.decision == "blocked" and failed_labels(result) == ["Art. 54(V)"]
    assert requirement(result, "remaining_term").counted_from == "request.petition_date"


def test_without_its_own_date_an_instrument_counts_from_the_request_date():
    result = decide(CETS, at(CETS, None, None))
    assert requirement(result, "remaining_term").counted_from == "request_date"


def test_months_left_at_the_request_date_do_not_say_the_time_left_at_another_date():
    case = with_(baseline(CETS), **{"sentence.end_date": None, "sentence.remaining_months": 7})
    result = decide(CETS, with_(case, **{"request.received_date": "2026-04-01"}))
    assert result.decision == "undetermined" and result.missing_facts == ["sentence.end_date"]
    same_day = decide(CETS, with_(case, **{"request.received_date": "2026-03-01"}))
    assert same_day.decision == "eligible"


def test_the_json_says_which_date_the_term_was_counted_from():
    from traslado.render.json_result import requirement_json

    result = decide(CETS, at(CETS, "request.received_date", "2026-03-02"))
    assert requirement_json(requirement(result, "remaining_term"))["counted_from"] == "request.received_date"
