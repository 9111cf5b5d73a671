"""Framework Decision 2008/909/JHA: the conditions held (Arts. 1, 4, 6), and which instrument governs
between Member States (Art. 26(1), Art. 28(2)), one case per condition and per boundary."""

from __future__ import annotations

import copy
import shutil
from typing import Any

import pytest
from conftest import with_
from traslado.case import case_from_mapping
from traslado.decide.evaluate import evaluate
from traslado.decide.results import InstrumentResult
from traslado.knowledge.store import load_kb

FD = "eu-fd-2008-909"
CETS = "coe-cets-112"
ETS = "coe-ets-167"

# A German national living in Germany, sentenced in Spain, asking in 2026: every fact the FD reads is given.
ES_DE: dict[str, Any] = {
    "request_date": "2026-03-01",
    "sentencing_state": "ES",
    "administering_state": "DE",
    "person": {
        "nationalities": ["DE"],
        "resident_in_sentencing_state": False,
        "resident_in_administering_state": True,
        "in_sentencing_or_administering_state": True,
        "minor": False,
        "incapable": False,
        "fled_to_administering_state": False,
        "otherwise_returned_to_administering_state": False,
    },
    "sentence": {
        "kind": "imprisonment",
        "indeterminate": False,
        "end_date": "2029-01-01",
        "final": True,
        "final_date": "2025-06-01",
        "expulsion_order": False,
    },
    "offence": {"dual_criminality": True},
    "consent": {"person": True, "in_writing": True, "sentencing_state": True, "administering_state": True},
    "contributes_to_reinsertion": True,
}


def check(case: dict[str, Any], kb=None) -> dict[str, InstrumentResult]:
    """Every instrument, as `traslado check` decides them (none asked for by name)."""
    return {r.instrument: r for r in evaluate(case_from_mapping(case, "<test>"), kb=kb).results}


def fd(case: dict[str, Any]) -> InstrumentResult:
    (only,) = evaluate(case_from_mapping(case, "<test>"), [FD]).results
    return only


def req(result: InstrumentResult, ident: str):
    (found,) = [r for r in result.requirements if r.id == ident]
    return found


def reason_kinds(result: InstrumentResult) -> list[tuple[str, str]]:
    return sorted((r.kind, r.state) for r in result.applicability.reasons if r.kind.startswith(("repl", "kept")))


# --- The Framework Decision's own conditions ------------------------------------------------------


def test_es_de_fd_is_eligible_with_each_requirement_cited():
    result = check(ES_DE)[FD]
    assert result.decision == "eligible"
    assert [(r.id, r.citation.label, r.status) for r in result.requirements] == [
        ("final_judgment", "Art. 1(a)", "met"),
        ("sentence_kind", "Art. 1(b)", "met"),
        ("fd_forwarding_state", "Art. 4(1)", "met"),  # sharing Art. 4(1): ordered by requirement id
        ("person_in_either_state", "Art. 4(1)", "met"),
        ("contributes_to_reinsertion", "Art. 4(2)", "met"),
        ("fd_consent", "Art. 6(1)", "met"),
    ]
    assert req(result, "fd_forwarding_state").quote["de"].startswith("Sofern sich die verurteilte Person")
    assert "fd_transitional_declaration_may_apply" in {c.id for c in result.considerations}
    assert {c.citation.label for c in result.considerations} == {
        "Art. 6(3)",
        "Art. 8(1)",
        "Art. 8(2)",
        "Art. 9(1)",
        "Art. 26(1)",
        "Art. 26(2)",
    }


def test_resident_non_national_lawful_under_art_4_1_c_where_cets_112_3_1_a_cannot_be_met_on_the_texts_held():
    # Under CETS 112 a French national is not a national of Germany unless Germany's Art. 3(4)
    # declaration says otherwise, and its text is not held: Art. 3(1)(a) is unknown, naming it.
    case = with_(ES_DE, **{"person.nationalities": ["FR"]})
    results = check(case)
    assert results[FD].decision == "eligible"
    assert req(results[FD], "fd_forwarding_state").status == "met"
    assert results[CETS].decision == "undetermined"
    assert not results[CETS].with_status("failed")
    nationality = req(results[CETS], "nationality")
    assert (nationality.citation.label, nationality.status) == ("Art. 3(1)(a)", "unknown")
    assert [(t.kind, t.state) for t in nationality.missing_texts] == [("declaration", "DE")]


def test_art_4_1_all_routes_closed_leaves_unknown_naming_art_4_3_to_7():
    case = with_(ES_DE, **{"person.nationalities": ["FR"], "consent.administering_state": False})
    result = fd(case)
    assert req(result, "fd_forwarding_state").status == "unknown"
    assert "text not held: FD 2008/909 Art. 4(3)-(7)" in req(result, "fd_forwarding_state").missing


def test_art_4_1_b_deportation_route_for_a_national_not_living_there():
    case = with_(
        ES_DE,
        **{
            "person.resident_in_administering_state": False,
            "sentence.expulsion_order": True,
            "consent.administering_state": None,
        },
    )
    assert req(fd(case), "fd_forwarding_state").status == "met"


def test_art_6_2_a_no_consent_needed_for_national_living_there():
    result = fd(with_(ES_DE, **{"consent.person": False}))
    assert req(result, "fd_consent").status == "not_applicable"
    assert result.decision == "eligible"


def test_art_6_2_c_no_consent_needed_where_the_person_returned():
    case = with_(
        ES_DE,
        **{
            "consent.person": False,
            "person.resident_in_administering_state": False,
            "person.otherwise_returned_to_administering_state": True,
        },
    )
    assert req(fd(case), "fd_consent").status == "not_applicable"


def test_art_6_1_consent_refused_and_no_art_6_2_case_blocks():
    case = with_(ES_DE, **{"consent.person": False, "person.nationalities": ["FR"]})
    result = fd(case)
    assert result.decision == "blocked"
    assert [r.citation.label for r in result.with_status("failed")] == ["Art. 6(1)"]


def test_art_6_poland_names_the_text_not_held():
    case = with_(ES_DE, **{"administering_state": "PL", "person.nationalities": ["PL"], "consent.person": None})
    found = req(fd(case), "fd_consent")
    assert found.status == "unknown"
    assert "text not held: FD 2008/909 Art. 6(3)-(5) (Poland)" in found.missing


def test_double_criminality_is_a_consideration_not_a_condition():
    result = fd(with_(ES_DE, **{"offence.dual_criminality": False}))
    assert result.decision == "eligible"
    ids = {(c.id, c.citation.label) for c in result.considerations}
    assert {("fd_refusal_double_criminality", "Art. 9(1)"), ("fd_no_double_criminality_check", "Art. 7(1)")} <= ids


# --- Which instrument governs: Art. 26(1), Art. 28(2) ---------------------------------------------


def test_es_de_2026_cets_112_and_ets_167_open_on_art_28_2_naming_the_texts():
    results = check(ES_DE)
    assert results[CETS].decision == "undetermined"  # every Art. 3 condition met: only the replacement is open
    assert results[ETS].decision == "blocked"  # no ground for transfer without consent, whatever governs
    for ident in (CETS, ETS):
        assert results[ident].applicability.status == "unknown"
        assert reason_kinds(results[ident]) == [("replacement_unknown", "DE"), ("replacement_unknown", "ES")]
        (reason,) = {r.provision for r in results[ident].applicability.reasons if r.kind == "replacement_unknown"}
        assert (reason.instrument, reason.label) == (FD, "Art. 26(1)")


def test_es_mx_unchanged():
    case = with_(ES_DE, **{"administering_state": "MX", "person.nationalities": ["MX"]})
    results = check(case)
    assert results[CETS].decision == "eligible"
    assert results[CETS].applicability.status == "binds"
    assert reason_kinds(results[CETS]) == []
    assert results[FD].decision == "not_applicable"
    assert [(r.kind, r.state) for r in results[FD].applicability.reasons] == [("not_party", "MX")]


@pytest.mark.parametrize("day, opened", [("2011-12-04", False), ("2011-12-05", True)])
def test_5_december_2011_on_both_sides(day, opened):
    results = check(
        with_(ES_DE, request_date=day, **{"sentence.end_date": "2015-01-01", "sentence.final_date": "2010-01-01"})
    )
    assert (results[CETS].decision == "undetermined") is opened
    assert bool(reason_kinds(results[CETS])) is opened
    if not opened:
        assert results[CETS].decision == "eligible"
        assert results[FD].decision == "undetermined"  # Arts. 29-30 not held: before 5 Dec 2011 unknown
        assert results[FD].applicability.status == "unknown"


@pytest.mark.parametrize("day, member", [("2013-06-30", False), ("2013-07-01", True)])
def test_croatia_from_its_entry(day, member):
    case = with_(ES_DE, request_date=day, sentencing_state="HR", **{"sentence.end_date": "2016-01-01"})
    results = check(case)
    assert (results[FD].decision != "not_applicable") is member
    assert bool(reason_kinds(results[CETS])) is member
    if not member:
        assert [(r.kind, r.state) for r in results[FD].applicability.reasons] == [("not_yet_in_force", "HR")]


@pytest.mark.parametrize("day, bound", [("2020-12-31", True), ("2021-01-01", False)])
def test_united_kingdom_until_the_end_of_the_transition_period(day, bound):
    case = with_(ES_DE, request_date=day, administering_state="GB", **{"person.nationalities": ["GB"]})
    results = check(case)
    assert (results[FD].decision != "not_applicable") is bound
    assert bool(reason_kinds(results[CETS])) is bound
    if not bound:
        assert [(r.kind, r.state) for r in results[FD].applicability.reasons] == [("no_longer_in_force", "GB")]


ES_IE = with_(ES_DE, administering_state="IE", **{"person.nationalities": ["IE"]})


def test_art_28_2_declaration_known_keeps_cets_112_for_an_earlier_final_judgment():
    results = check(with_(ES_IE, **{"sentence.final_date": "2008-01-15"}))
    assert results[CETS].decision == "eligible"
    assert reason_kinds(results[CETS]) == [("kept_by_declaration", "IE")]
    assert results[FD].decision == "not_applicable"  # Ireland keeps the earlier instruments for this judgment
    (reason,) = results[FD].applicability.reasons
    assert (reason.kind, reason.state, reason.provision.label) == ("transitional_declaration", "IE", "Art. 26(1)")


def test_art_28_2_declaration_known_does_not_keep_for_a_later_judgment_spain_stays_unknown():
    results = check(with_(ES_IE, **{"sentence.final_date": "2011-12-05"}))
    assert results[CETS].decision == "undetermined"
    assert reason_kinds(results[CETS]) == [("replacement_unknown", "ES")]


@pytest.mark.parametrize("final", ["2008-11-27", "2011-12-04", None])
def test_art_28_2_declaration_open_between_the_dates_or_without_the_final_date(final):
    results = check(with_(ES_IE, **{"sentence.final_date": final}))
    assert results[CETS].decision == "undetermined"
    assert reason_kinds(results[CETS]) == [("replacement_unknown", "ES"), ("replacement_unknown", "IE")]
    kinds = [r.key for r in results[CETS].applicability.reasons]
    assert "applicability.replacement_declaration_open" in kinds


# --- Replaced: reachable once both states' Art. 28(2) situation is held -----------------------------
# With the KB as held, only Ireland's declaration is in the sources, so no pair of Member States is
# settled. The `replaced` status is tested on a copy of the KB to which a test declaration is added for
# Spain and Germany (in the test's temporary directory only, never in kb/).

TEST_DECLARATIONS = """
@prefix tr:      <https://w3id.org/traslado/vocab#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix inst:    <https://w3id.org/traslado/id/> .
@prefix :        <https://w3id.org/traslado/id/eu-fd-2008-909/declaration/> .
""" + "".join(
    f"""
:{s}-TEST a tr:Declaration ; tr:declarationOf inst:eu-fd-2008-909 ; tr:state "{s}" ; tr:concerns "28(2)" ;
    tr:effect tr:TransitionalKeepsOldInstruments ; tr:text "TEST ONLY"@en ;
    tr:keepsForJudgmentsFinalBefore "2011-12-05"^^xsd:date ; tr:notForJudgmentsFinalFrom "2011-12-05"^^xsd:date .
"""
    for s in ("ES", "DE")
)


@pytest.fixture(scope="module")
def settled_kb(tmp_path_factory):
    root = tmp_path_factory.mktemp("kb") / "kb"
    shutil.copytree(load_kb().root, root)
    (root / "instruments" / FD / "test_declarations.ttl").write_text(TEST_DECLARATIONS, encoding="utf-8")
    return load_kb(root)


def test_replaced_between_member_states_with_both_citations(settled_kb):
    results = check(copy.deepcopy(ES_DE), kb=settled_kb)
    for ident in (CETS, ETS):
        assert results[ident].decision == "replaced"
        assert results[ident].requirements == []
        assert results[ident].applicability.status == "replaced"
        cited = [
            (r.provision.instrument, r.provision.label)
            for r in results[ident].applicability.reasons
            if r.kind == "replaced"
        ]
        assert cited == [(FD, "Art. 26(1)"), (CETS, "Art. 22(2)")]
        quotes = [
            p for r in results[ident].applicability.reasons if r.kind == "replaced" for p in r.params if p[0] == "quote"
        ]
        assert "Dieser Rahmenbeschluss ersetzt ab dem 5. Dezember 2011" in quotes[0][1]
        assert "in lieu of the present Convention" in quotes[1][1]
    assert results[FD].decision == "eligible"


def test_replaced_renders_in_text_json_and_spanish(settled_kb):
    from traslado.render.json_result import case_json
    from traslado.render.text import render_case

    result = evaluate(case_from_mapping(copy.deepcopy(ES_DE), "<test>"), kb=settled_kb)
    text = render_case(settled_kb, result, "en", width=200)
    assert "CETS 112 (coe-cets-112): REPLACED" in text
    assert "Dieser Rahmenbeschluss ersetzt ab dem 5. Dezember 2011" in text
    assert "SUSTITUIDO" in render_case(settled_kb, result, "es")
    data = case_json(result, settled_kb)
    (cets,) = [r for r in data["results"] if r["instrument"] == CETS]
    assert (cets["decision"], cets["applicability"]["status"]) == ("replaced", "replaced")


def test_replaced_ones_come_after_the_governing_and_the_conditional_ones_in_every_format(settled_kb):
    import re

    from traslado.render.html.case_report import render_case_report as html
    from traslado.render.json_result import case_json
    from traslado.render.markdown import render_case as markdown
    from traslado.render.text import render_case as text

    result = evaluate(case_from_mapping(copy.deepcopy(ES_DE), "<test>"), kb=settled_kb)
    engine = [r.instrument for r in result.results]
    assert engine[:4] == [FD, "oas-1993", CETS, ETS]  # binds; may bind; replaced (by id)
    assert {r.decision for r in result.results[4:]} == {"not_applicable"}
    assert [r["instrument"] for r in case_json(result, settled_kb)["results"]] == engine
    assert re.findall(r"^\S.*? \(([a-z0-9-]+)\): ", text(settled_kb, result, "en", width=200), re.M) == engine
    shown = re.findall(r"^(?:## |- \*\*).*?\(`([a-z0-9-]+)`\)", markdown(settled_kb, result, "en"), re.M)
    assert shown == engine
    case = case_from_mapping(copy.deepcopy(ES_DE), "<test>")
    assert re.findall(r'<[a-z0-9]+ [^>]*id="inst-([a-z0-9-]+)"', html(settled_kb, result, case)) == engine


def test_before_the_date_the_test_declarations_keep_cets_112(settled_kb):
    results = check(with_(ES_DE, **{"sentence.final_date": "2011-12-04"}), kb=settled_kb)
    assert results[CETS].decision == "eligible"
    assert reason_kinds(results[CETS]) == [("kept_by_declaration", "DE"), ("kept_by_declaration", "ES")]


def test_routes_leave_out_a_replaced_convention(settled_kb):
    from traslado.decide.routes import rank

    ranked = rank(case_from_mapping(copy.deepcopy(ES_DE), "<test>"), kb=settled_kb)
    assert [r.instrument for r in ranked.routes][0] == FD
    assert CETS not in [r.instrument for r in ranked.routes]


def test_whatif_says_when_whether_cets_112_governs_is_open():
    from traslado.decide.whatif import what_if
    from traslado.render.plans import whatif_text

    plan = what_if(case_from_mapping(copy.deepcopy(ES_DE), "<test>"), CETS)
    assert any("Whether it governs here is open" in line for line in whatif_text(load_kb(), plan, "en"))


def test_the_open_replacement_names_every_text_not_held():
    results = check(with_(ES_IE, **{"sentence.final_date": "2010-01-01"}))
    wanted = "texts not held: FD 2008/909 Art. 28; FD 2008/909 Art. 28(2) declaration of ES; FD 2008/909 Art. 30"
    notes = [r.note for r in results[CETS].applicability.reasons if r.kind == "replacement_unknown"]
    assert len(notes) == 2  # Spain's declaration not held; Ireland's held but not settled by the date
    assert all(note.startswith(wanted) for note in notes), notes


def test_show_an_article_not_held_says_so():
    from click.testing import CliRunner
    from traslado.cli.main import main

    out = CliRunner().invoke(main, ["show", FD, "28"])
    assert out.exit_code == 2
    assert "Text not held" in out.output
    out = CliRunner().invoke(main, ["show", FD, "10"])
    assert out.exit_code == 0
    assert "Teilweise Anerkennung" in out.output and "Text not held" in out.output
