"""Right answers under incomplete knowledge (issue 11, sections 1 and 2): exceptions read with three
values both ways, unread declarations, a partial party list complete within a range, conditional
decisions, and a stable order of requirements. Each case is one of the law's examples; each asserts
the decision and the exact articles cited."""

from __future__ import annotations

import copy
import json
import re
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from conftest import BASE, baseline, decide, with_
from traslado.case import case_from_mapping
from traslado.cli.main import main
from traslado.decide.evaluate import evaluate
from traslado.decide.model import read_results
from traslado.decide.routes import rank
from traslado.decide.solver import solve_atoms
from traslado.decide.symbols import case_symbols
from traslado.knowledge.asp_facts import kb_symbols, sort_key, states_in_listed_range
from traslado.knowledge.rulebase import load_rulebase
from traslado.knowledge.store import KnowledgeBase
from traslado.render.json_result import case_json
from traslado.render.markdown import render_case as markdown
from traslado.render.text import render_case as text


def ets_baseline():
    """ETS 167 Art. 2: a Spanish national who fled from Germany to Spain; every other condition met."""
    case = copy.deepcopy(BASE)
    case.update(sentencing_state="DE", administering_state="ES")
    case["person"].update(nationalities=["ES"], fled_to_administering_state=True)
    case["sentence"]["expulsion_order"] = False
    return case


def lnep_baseline():
    """Mexico to Colombia under LNEP Art. 54 (no treaty binds the two states); every basis met. The request
    is made on 30 September 2023, while the sources still settle that Colombia is in neither CETS 112 (a list
    as of 1 June 2023 at the earliest, Art. 19(2): not bound before 1 October 2023) nor the OAS Convention
    (its chart, as of 5 March 2024); later, either may bind and LNEP's application is unknown."""
    case = copy.deepcopy(BASE)
    case.update(
        request_date="2023-09-30",
        sentencing_state="MX",
        administering_state="CO",
        extradition_pending=False,
        contributes_to_reinsertion=True,
    )
    case["person"]["nationalities"] = ["CO"]
    case["sentence"].update(collateral_attack_pending=False, other_proceedings_pending=False)
    case["financial"]["obligations_prescribed"] = False
    return case


BASELINES = {
    "coe-cets-112": lambda: baseline("coe-cets-112"),
    "coe-ets-167": ets_baseline,
    "mx-pe-2002": lambda: baseline("mx-pe-2002"),
    "mx-sv-1993": lambda: baseline("mx-sv-1993"),
    "mx-lnep-54": lnep_baseline,
}

SHORT = {"sentence.end_date": "2026-07-01"}  # four months after the request date
NO_END = {"sentence.end_date": None}
TERM_MISSING = ["sentence.end_date", "sentence.remaining_months"]

# Every exception of the KB: (instrument, requirement, condition) -> the main fact's three values, the
# exception's three values, the article of the requirement and of the exception, and the facts asked
# for when the main fact or the exception is unknown.
EXCEPTIONS = {
    ("coe-cets-112", "remaining_term", "exceptional_agreement"): dict(
        main={"met": {}, "failed": SHORT, "unknown": NO_END},
        exc={"true": {"exceptional_agreement": True}, "false": {}, "unknown": {"exceptional_agreement": None}},
        cite="Art. 3(1)(c)",
        by="Art. 3(2)",
        main_missing=TERM_MISSING,
        exc_missing=["exceptional_agreement"],
    ),
    ("coe-ets-167", "remaining_term", "exceptional_agreement"): dict(
        main={"met": {}, "failed": SHORT, "unknown": NO_END},
        exc={"true": {"exceptional_agreement": True}, "false": {}, "unknown": {"exceptional_agreement": None}},
        cite="Art. 3(1)(c)",
        by="Art. 3(2)",
        main_missing=TERM_MISSING,
        exc_missing=["exceptional_agreement"],
    ),
    ("mx-sv-1993", "remaining_term", "exceptional_agreement"): dict(
        main={"met": {}, "failed": SHORT, "unknown": NO_END},
        exc={"true": {"exceptional_agreement": True}, "false": {}, "unknown": {"exceptional_agreement": None}},
        cite="Art. 5(8)",
        by="Art. 5(8)",
        main_missing=TERM_MISSING,
        exc_missing=["exceptional_agreement"],
    ),
    ("mx-pe-2002", "financial_obligations", "financial.insolvency_proven"): dict(
        main={
            "met": {},
            "failed": {"financial.obligations_settled": False},
            "unknown": {"financial.obligations_settled": None},
        },
        exc={
            "true": {"financial.insolvency_proven": True},
            "false": {},
            "unknown": {"financial.insolvency_proven": None},
        },
        cite="Art. III(6)",
        by="Art. III(6)",
        main_missing=["financial.obligations_settled"],
        exc_missing=["financial.insolvency_proven"],
    ),
    ("mx-lnep-54", "financial_obligations", "financial.obligations_prescribed"): dict(
        main={
            "met": {},
            "failed": {"financial.obligations_settled": False},
            "unknown": {"financial.obligations_settled": None},
        },
        exc={
            "true": {"financial.obligations_prescribed": True},
            "false": {},
            "unknown": {"financial.obligations_prescribed": None},
        },
        cite="Art. 54(IV)",
        by="Art. 54(IV)",
        main_missing=["financial.obligations_settled"],
        exc_missing=["financial.obligations_prescribed"],
    ),
    # The legal representative consents for a minor (CETS 112 Art. 3(1)(d) "or ... by the sentenced
    # persons's legal representative"; MX-PE Art. III(5)). Refuted: an adult, not incapable (nobody
    # represents the person). Unknown: a minor whose representative's answer is not given.
    ("coe-cets-112", "consent_person", "representative_consented"): dict(
        main={"met": {}, "failed": {"consent.person": False}, "unknown": {"consent.person": None}},
        exc={
            "true": {"person.minor": True, "consent.legal_representative": True},
            "false": {},
            "unknown": {"person.minor": True},
        },
        cite="Art. 3(1)(d)",
        by="Art. 3(1)(d)",
        main_missing=["consent.person"],
        exc_missing=["consent.legal_representative"],
    ),
    # Here the representative consents and whether the person is a minor is unknown (a minor whose
    # representative's answer is unknown would leave Art. XI unknown as well).
    ("mx-pe-2002", "consent_person", "representative_consented"): dict(
        main={"met": {}, "failed": {"consent.person": False}, "unknown": {"consent.person": None}},
        exc={
            "true": {"person.minor": True, "consent.legal_representative": True},
            "false": {},
            "unknown": {"person.minor": None, "consent.legal_representative": True},
        },
        cite="Art. III(5)",
        by="Art. III(5)",
        main_missing=["consent.person"],
        exc_missing=["person.minor"],
    ),
}

# The three-valued reading, both ways: a proven exception meets the requirement whatever the main fact;
# an open one leaves a failed main fact unknown; only a refuted one lets the failure stand.
EXPECTED = {
    ("met", "true"): "met",
    ("met", "false"): "met",
    ("met", "unknown"): "met",
    ("failed", "true"): "met",
    ("failed", "false"): "failed",
    ("failed", "unknown"): "unknown",
    ("unknown", "true"): "met",
    ("unknown", "false"): "unknown",
    ("unknown", "unknown"): "unknown",
}
DECISION = {"met": "eligible", "failed": "blocked", "unknown": "undetermined"}


def test_the_table_covers_every_exception_in_the_rule_files(kb):
    rules = load_rulebase(kb)
    found = {
        (rule.instrument, rule.kind, condition)
        for rule in rules.rules
        if rule.category == "requirement"
        for condition, _ in rule.exceptions
    }
    assert found == set(EXCEPTIONS)


# Dual criminality, failing alone, in each instrument: the fourth value of the main fact is "failed
# while another requirement fails too", so that an open exception neither hides nor adds a block.
DUAL = {
    "coe-cets-112": "Art. 3(1)(e)",
    "coe-ets-167": "Art. 3(1)(e)",
    "mx-pe-2002": "Art. III(10)",
    "mx-sv-1993": "Art. 5(1)",
    "mx-lnep-54": "Art. 54(VI)",
}


@pytest.mark.parametrize("main", ["met", "failed", "unknown", "failed_with_another"])
@pytest.mark.parametrize("exc", ["true", "false", "unknown"])
@pytest.mark.parametrize("key", list(EXCEPTIONS), ids=["/".join(k) for k in EXCEPTIONS])
def test_each_exception_with_each_value_of_the_main_fact(key, main, exc):
    instrument, requirement, condition = key
    spec = EXCEPTIONS[key]
    other = main == "failed_with_another"
    main = "failed" if other else main
    case = with_(BASELINES[instrument](), **spec["main"][main], **spec["exc"][exc])
    if other:
        case = with_(case, **{"offence.dual_criminality": False})
    result = decide(instrument, case)
    (req,) = [r for r in result.requirements if r.id == requirement]
    expected = EXPECTED[(main, exc)]
    assert req.status == expected
    assert req.citation.label == spec["cite"]
    failed = ([spec["cite"]] if expected == "failed" else []) + ([DUAL[instrument]] if other else [])
    assert result.decision == ("blocked" if other else DECISION[expected])
    assert sorted(r.citation.label for r in result.with_status("failed")) == sorted(failed)
    applied = req.applied_exception
    if main != "met" and exc == "true":
        assert (applied.condition, applied.citation.label) == (condition, spec["by"])
    else:
        assert applied is None
    if expected == "unknown":
        wanted = {
            ("failed", "unknown"): spec["exc_missing"],
            ("unknown", "false"): spec["main_missing"],
            ("unknown", "unknown"): spec["main_missing"] + spec["exc_missing"],
        }[(main, exc)]
        assert sorted(req.missing) == sorted(wanted)
        assert result.missing_facts == req.missing or set(req.missing) <= set(result.missing_facts)
    open_ = [(e.condition, e.citation.label) for e in req.exceptions if not e.applied]
    assert open_ == ([(condition, spec["by"])] if (main, exc) == ("failed", "unknown") else [])


def test_the_representative_is_unknown_when_minority_is():
    # Person refuses; the representative consents; whether the person is a minor is not said: only
    # minority would settle Art. 3(1)(d).
    case = with_(baseline("coe-cets-112"), **{"consent.person": False, "person.minor": None})
    case = with_(case, **{"consent.legal_representative": True})
    result = decide("coe-cets-112", case)
    (req,) = [r for r in result.requirements if r.id == "consent_person"]
    assert (req.status, req.missing) == ("unknown", ["person.minor"])
    assert result.decision == "undetermined"


def test_a_representative_who_refuses_refutes_the_exception():
    case = with_(
        baseline("coe-cets-112"),
        **{"consent.person": False, "person.minor": True, "consent.legal_representative": False},
    )
    result = decide("coe-cets-112", case)
    assert result.decision == "blocked"
    assert [r.citation.label for r in result.with_status("failed")] == ["Art. 3(1)(d)"]


# ---------------------------------------------------------------------------------------------
# Mutations: drop one rule of the mechanism and a test above must fail. Each case is decided with the
# rules as they are and with the rule removed from the program text (the KB's files stay unchanged).
# ---------------------------------------------------------------------------------------------


def decision_with(kb, program: str, case: dict, instrument: str) -> str:
    mutant = SimpleNamespace(program=program)
    symbols = case_symbols(case_from_mapping(case, "<mutant>"), kb)
    from clingo import Function, String

    atoms = solve_atoms(mutant, symbols + [Function("evaluate", [String(instrument)])] + kb_symbols(kb))
    (found,) = [a.arguments[1].name for a in atoms if a.name == "decision" and a.arguments[0].string == instrument]
    return found


def mutated(kb, old: str, new: str) -> str:
    assert kb.program.count(old) == 1, old
    return kb.program.replace(old, new)


def test_mutation_an_open_exception_no_longer_keeps_the_failure_open(kb):
    case = with_(
        baseline("mx-pe-2002"), **{"financial.obligations_settled": False, "financial.insolvency_proven": None}
    )
    program = mutated(
        kb,
        "failed(I, R)         :- base_failed(I, R), not met(I, R), not exception_open(I, R).",
        "failed(I, R)         :- base_failed(I, R), not met(I, R).",
    )
    assert decision_with(kb, kb.program, case, "mx-pe-2002") == "undetermined"
    assert decision_with(kb, program, case, "mx-pe-2002") == "blocked"


def test_mutation_a_proven_exception_no_longer_meets_an_unknown_main_fact(kb):
    case = with_(baseline("mx-pe-2002"), **{"financial.obligations_settled": None, "financial.insolvency_proven": True})
    program = mutated(kb, "met(I, R)            :- exception_holds(I, R).", "")
    assert decision_with(kb, kb.program, case, "mx-pe-2002") == "eligible"
    assert decision_with(kb, program, case, "mx-pe-2002") == "undetermined"


def test_mutation_without_the_range_rule_mexico_colombia_has_no_route(kb):
    case = lnep_baseline()
    rule = re.search(r"not_bound\(I, S, not_party_in_range\) :-[^.]*\.", kb.program).group(0)
    program = mutated(kb, rule, "")
    assert decision_with(kb, kb.program, case, "mx-lnep-54") == "eligible"
    assert decision_with(kb, program, case, "mx-lnep-54") == "undetermined"


def test_mutation_without_the_unread_declaration_rule_a_non_national_fails(kb):
    case = with_(baseline("coe-cets-112"), sentencing_state="DE", administering_state="DK")
    case = with_(case, **{"person.nationalities": ["TR"]})
    program = mutated(kb, "                               not national_definition_unread(I, _, _).", "")
    program = program.replace("not stateless_resident_open(I),\n", "not stateless_resident_open(I).\n", 1)
    assert decision_with(kb, kb.program, case, "coe-cets-112") == "undetermined"
    assert decision_with(kb, program, case, "coe-cets-112") == "blocked"


# ---------------------------------------------------------------------------------------------
# Unread declarations (CETS 112 Art. 3(4)): known to exist, texts not held.
# ---------------------------------------------------------------------------------------------


def de_to(state: str, nationalities: list[str]) -> dict:
    case = with_(baseline("coe-cets-112"), sentencing_state="DE", administering_state=state)
    return with_(case, **{"person.nationalities": nationalities})


def test_a_non_national_to_a_state_whose_declarations_are_not_held_is_unknown_naming_the_declaration():
    result = decide("coe-cets-112", de_to("DK", ["TR"]))
    (req,) = [r for r in result.requirements if r.id == "nationality"]
    assert (req.status, req.citation.label) == ("unknown", "Art. 3(1)(a)")
    assert result.decision == "undetermined"
    assert result.with_status("failed") == []
    (missing,) = req.missing_texts
    assert (missing.kind, missing.instrument, missing.state) == ("declaration", "coe-cets-112", "DK")
    assert missing.concerns.label == "Art. 3(4)"
    assert "000206_b" in missing.source
    assert result.missing_texts == [missing]


def test_a_national_stays_met_whatever_the_declarations():
    result = decide("coe-cets-112", de_to("DK", ["DK"]))
    (req,) = [r for r in result.requirements if r.id == "nationality"]
    assert (req.status, req.missing_texts) == ("met", [])
    assert result.decision == "eligible"


def test_where_the_definition_is_held_a_non_national_still_fails():
    # Spain's Art. 3(4) declaration is held: nationals under the Civil Code, residence does not count.
    result = decide("coe-cets-112", de_to("ES", ["TR"]))
    assert result.decision == "blocked"
    assert [r.citation.label for r in result.with_status("failed")] == ["Art. 3(1)(a)"]
    assert result.missing_texts == []


def test_the_protocol_reads_the_conventions_definitions_of_national():
    # ETS 167 Art. 1(2) applies the Convention's provisions: Denmark's unread declarations leave
    # Art. 3(1)(a) unknown under the Protocol too.
    case = with_(ets_baseline(), administering_state="DK", **{"person.nationalities": ["TR"]})
    result = decide("coe-ets-167", case)
    (req,) = [r for r in result.requirements if r.id == "nationality"]
    assert req.status == "unknown"
    assert [(t.instrument, t.state) for t in req.missing_texts] == [("coe-cets-112", "DK")]


def test_missing_texts_in_json_and_in_both_languages(kb):
    result = evaluate(case_from_mapping(de_to("DK", ["TR"]), "<test>"), ["coe-cets-112"])
    (answer,) = case_json(result, kb)["results"]
    (req,) = [r for r in answer["requirements"] if r["id"] == "nationality"]
    expected = {
        "kind": "declaration",
        "instrument": "coe-cets-112",
        "state": "DK",
        "concerns": {
            "instrument": "coe-cets-112",
            "article": "3",
            "paragraph": "4",
            "item": None,
            "eid": "art_3__para_4",
        },
    }
    assert {k: req["missing_texts"][0][k] for k in expected} == expected
    assert answer["missing_texts"] == req["missing_texts"]
    assert "text not held: the declarations of DK under CETS 112" in " ".join(text(kb, result, "en").split())
    assert "texto no disponible: las declaraciones de DK" in " ".join(text(kb, result, "es").split())
    assert "text not held: the declarations of DK" in markdown(kb, result, "en")


def test_a_missing_text_message_names_the_instrument_once(kb):
    for case, lang, says in (
        (de_to("DK", ["TR"]), "en", "the declarations of DK under CETS 112 Art. 3(4) (a source says"),
        (es_to_mx(["CO"]), "en", "the declaration of MX under CETS 112 Art. 3(4); the excerpt held"),
        (de_to("DK", ["TR"]), "es", "las declaraciones de DK según CETS 112 Art. 3(4) (una fuente"),
    ):
        shown = " ".join(text(kb, evaluate(case_from_mapping(case, "<test>"), ["coe-cets-112"]), lang).split())
        assert says in shown
        assert "under CETS 112 (CETS 112" not in shown and "al CETS 112 (CETS 112" not in shown


# ---------------------------------------------------------------------------------------------
# A declaration held only in part (tr:heldInPart): Mexico's CETS 112 Art. 3(4) declaration, "the
# excerpt held ends in item (d)". What is held meets; the rest, not held, never fails.
# ---------------------------------------------------------------------------------------------


def es_to_mx(nationalities: list[str]) -> dict:
    return with_(baseline("coe-cets-112"), **{"person.nationalities": nationalities})


def test_a_non_national_to_mexico_is_unknown_naming_the_part_of_mexicos_declaration_not_held():
    result = decide("coe-cets-112", es_to_mx(["CO"]))
    (req,) = [r for r in result.requirements if r.id == "nationality"]
    assert (req.status, req.citation.label) == ("unknown", "Art. 3(1)(a)")
    assert result.decision == "undetermined"
    assert result.with_status("failed") == []
    (missing,) = req.missing_texts
    assert (missing.kind, missing.instrument, missing.state) == ("declaration", "coe-cets-112", "MX")
    assert missing.concerns.label == "Art. 3(4)"
    assert missing.held_in_part == "MX-3-4"
    assert "ends in item (d)" in missing.not_held and "not retrieved" in missing.not_held
    assert "Diario Oficial de la Federación" in missing.source
    assert result.missing_texts == [missing]


def test_a_mexican_national_to_mexico_meets_art_3_1_a_on_the_part_held():
    result = decide("coe-cets-112", es_to_mx(["MX"]))
    (req,) = [r for r in result.requirements if r.id == "nationality"]
    assert (req.status, req.citation.label, req.missing_texts) == ("met", "Art. 3(1)(a)", [])
    assert result.decision == "eligible"


def test_the_protocol_to_mexico_reads_mexicos_partial_declaration_too():
    case = with_(ets_baseline(), administering_state="MX", **{"person.nationalities": ["TR"]})
    result = decide("coe-ets-167", case)
    (req,) = [r for r in result.requirements if r.id == "nationality"]
    assert (req.status, req.citation.label) == ("unknown", "Art. 3(1)(a)")
    assert result.with_status("failed") == []
    assert [(t.instrument, t.state, t.held_in_part) for t in req.missing_texts] == [("coe-cets-112", "MX", "MX-3-4")]


def test_any_declaration_held_in_part_works_the_same(kb):
    # Generic: mark Spain's (held whole) as held in part, and a non-national to Spain is no longer failed.
    data = json.loads(json.dumps(kb.data))
    data["instruments"]["coe-cets-112"]["declarations"]["ES-3-4"]["held_in_part"] = {"en": "the rest"}
    partial = KnowledgeBase(root=kb.root, data=data)
    case = case_from_mapping(de_to("ES", ["TR"]), "<test>")
    assert evaluate(case, ["coe-cets-112"], kb).results[0].decision == "blocked"
    (result,) = evaluate(case, ["coe-cets-112"], partial).results
    assert result.decision == "undetermined"
    assert [(t.state, t.held_in_part, t.not_held) for t in result.missing_texts] == [("ES", "ES-3-4", "the rest")]


def test_mutation_counting_a_partial_declaration_as_held_fails_a_non_national_to_mexico(kb):
    case = es_to_mx(["CO"])
    program = mutated(kb, "declaration_text_missing(J, S) :- declaration_held_in_part(J, S, _).", "")
    assert decision_with(kb, kb.program, case, "coe-cets-112") == "undetermined"
    assert decision_with(kb, program, case, "coe-cets-112") == "blocked"


def test_the_part_not_held_in_json_and_in_both_languages(kb):
    result = evaluate(case_from_mapping(es_to_mx(["CO"]), "<test>"), ["coe-cets-112"])
    (answer,) = case_json(result, kb)["results"]
    (req,) = [r for r in answer["requirements"] if r["id"] == "nationality"]
    (missing,) = req["missing_texts"]
    assert (missing["kind"], missing["state"], missing["concerns"]["eid"]) == ("declaration", "MX", "art_3__para_4")
    assert missing["held_in_part"]["declaration"] == "MX-3-4"
    assert "ends in item (d)" in missing["held_in_part"]["not_held"]
    english = " ".join(text(kb, result, "en").split())
    assert "text held only in part: the declaration of MX under CETS 112" in english
    assert "the excerpt held ends in item (d) of paragraph 1" in english
    spanish = " ".join(text(kb, result, "es").split())
    assert "texto disponible solo en parte: la declaración de MX" in spanish
    assert "termina en el inciso d) del punto 1" in spanish
    assert "text held only in part: the declaration of MX" in " ".join(markdown(kb, result, "en").split())


# ---------------------------------------------------------------------------------------------
# A partial party list complete within a range (CETS 112: the Dutch list through "Montenegro").
# ---------------------------------------------------------------------------------------------


def test_the_dutch_names_held_follow_the_sources_order_and_end_at_the_range(kb):
    inst = kb.instrument("coe-cets-112")
    source = (kb.root / "sources" / "coe-cets-112.parties.md").read_text(encoding="utf-8")
    section = source[source.index("## A.") : source.index("## B.")]
    listed = [n.strip("* ") for n in re.findall(r"^\| ([^|]+?) \| [^|]+ \| \**[0-9-]+\** \|$", section, re.M)]
    assert listed[0] == "Albanië" and listed[-1] == "Montenegro" == inst["party_range"]["through"]
    assert [sort_key(n) for n in listed] == sorted(sort_key(n) for n in listed)
    held = {named["name"] for state, named in inst["source_names"].items() if state in inst["parties"]}
    assert held == set(listed)


def test_a_name_sorting_inside_the_range_is_in_it_and_one_after_it_is_not():
    inst = {
        "party_range": {"through": "Montenegro", "lang": "nl"},
        "source_names": {
            "ME": {"name": "Montenegro", "lang": "nl"},
            "CO": {"name": "Colombia", "lang": "nl"},
            "NO": {"name": "Noorwegen", "lang": "nl"},
            "XX": {"name": "Colombia", "lang": "en"},  # a name in another language places nothing
        },
    }
    assert states_in_listed_range(inst) == ["CO", "ME"]


def test_mexico_colombia_has_the_no_treaty_route():
    found = {r.instrument: r for r in evaluate(case_from_mapping(lnep_baseline(), "<test>")).results}
    assert found["mx-lnep-54"].applicability.status == "binds"
    assert found["mx-lnep-54"].decision == "eligible"
    assert found["mx-lnep-54"].conditional is False
    assert found["coe-cets-112"].decision == "not_applicable"
    (reason,) = found["coe-cets-112"].applicability.reasons
    assert (reason.state, reason.key) == ("CO", "applicability.not_party_in_range")


# ---------------------------------------------------------------------------------------------
# Conditional decisions: an instrument whose applicability is unknown.
# ---------------------------------------------------------------------------------------------


def mx_to_norway() -> dict:
    # Norway is beyond the range of the CETS 112 list held: whether it is a party is unknown.
    case = with_(lnep_baseline(), administering_state="NO", **{"person.nationalities": ["NO"]})
    return with_(case, **{"consent.person": False})


def test_a_decision_that_holds_only_if_the_instrument_applies_says_so(kb):
    result = evaluate(case_from_mapping(mx_to_norway(), "<test>"))
    found = {r.instrument: r for r in result.results}
    lnep = found["mx-lnep-54"]
    assert (lnep.decision, lnep.conditional, lnep.conditional_reason) == ("blocked", True, "applicability_unknown")
    assert [r.citation.label for r in lnep.with_status("failed")] == ["Art. 54(I)"]
    body = case_json(result, kb)["results"]
    assert [(r["instrument"], r["conditional"]) for r in body if r["decision"] != "not_applicable"] == [
        ("coe-cets-112", True),
        ("mx-lnep-54", True),
        ("oas-1993", True),
    ]
    assert "LNEP (mx-lnep-54): BLOCKED, if it applies" in text(kb, result, "en")
    assert "LNEP (mx-lnep-54): BLOQUEADO, si es aplicable" in text(kb, result, "es")
    assert "**blocked, if it applies**" in markdown(kb, result, "en")


def test_conditional_instruments_come_after_those_that_bind():
    # Mexico to the United States on 2005-01-01: the 1976 treaty binds; the OAS Convention may.
    case = with_(
        baseline("coe-cets-112"),
        sentencing_state="MX",
        administering_state="US",
        request_date="2005-01-01",
        **{"person.nationalities": ["US"], "sentence.end_date": "2008-01-01"},
    )
    results = evaluate(case_from_mapping(case, "<test>")).results
    order = [(r.applicability.status, r.conditional) for r in results]
    ranks = [{"binds": 0, "unknown": 1, "does_not_bind": 2}[s] for s, _ in order]
    assert ranks == sorted(ranks)
    assert ("unknown", True) in order and order[0][0] == "binds"


def test_routes_rank_conditional_ones_last_and_say_so_in_json(tmp_path):
    ranked = rank(case_from_mapping(mx_to_norway(), "<test>"))
    conditional = [r.applicability == "unknown" for r in ranked.routes]
    assert conditional == sorted(conditional) and conditional[-1]
    path = tmp_path / "mx-no.json"
    path.write_text(json.dumps(mx_to_norway()), encoding="utf-8")
    out = CliRunner().invoke(main, ["routes", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    routes = json.loads(out.output)["routes"]
    assert [(r["instrument"], r["conditional"]) for r in routes if r["conditional"]] == [
        (r.instrument, True) for r in ranked.routes if r.applicability == "unknown"
    ]
    assert all(r["conditional"] == (r["applicability"] == "unknown") for r in routes)


# ---------------------------------------------------------------------------------------------
# Requirements sharing a citation: ordered by requirement id, never by the solver's atom order.
# ---------------------------------------------------------------------------------------------


def test_requirements_sharing_a_provision_are_ordered_by_id_whatever_the_atom_order(kb):
    case = case_from_mapping(lnep_baseline(), "<test>")
    from clingo import Function, String

    atoms = solve_atoms(kb, case_symbols(case, kb) + [Function("evaluate", [String("mx-lnep-54")])] + kb_symbols(kb))
    forward = read_results(kb, case, atoms, "en")
    backward = read_results(kb, case, list(reversed(atoms)), "en")
    ids = [[(r.citation.label, r.id) for r in res.requirements] for res in (forward[0], backward[0])]
    assert ids[0] == ids[1]
    shared = [(label, ident) for label, ident in ids[0] if label in ("Art. 54(III)", "Art. 54(VIII)")]
    assert shared == [
        ("Art. 54(III)", "no_collateral_attack"),
        ("Art. 54(III)", "no_pending_appeal"),
        ("Art. 54(VIII)", "no_extradition_pending"),
        ("Art. 54(VIII)", "no_other_proceedings"),
    ]


def test_the_html_report_says_conditional_and_names_the_missing_text(kb):
    import html5lib
    from traslado.render.html.case_report import render_case_report

    for case_data, wanted in (
        (mx_to_norway(), "BLOCKED, if it applies"),
        (de_to("DK", ["TR"]), "text not held: the declarations of DK under CETS 112"),
    ):
        case = case_from_mapping(case_data, "<test>")
        page = render_case_report(kb, evaluate(case, kb=kb), case, "en")
        html5lib.HTMLParser(strict=True).parse(page)
        assert wanted in " ".join(page.split())
    case = case_from_mapping(mx_to_norway(), "<test>")
    page = render_case_report(kb, evaluate(case, kb=kb, lang="es"), case, "es")
    assert "BLOQUEADO, si es aplicable" in page


def test_whatif_names_the_text_no_change_of_fact_can_supply(tmp_path):
    path = tmp_path / "de-dk.json"
    path.write_text(json.dumps(de_to("DK", ["TR"])), encoding="utf-8")
    out = CliRunner().invoke(main, ["whatif", str(path), "-i", "coe-cets-112"])
    assert out.exit_code == 0, out.output
    assert "text not held: the declarations of DK under CETS 112" in " ".join(out.output.split())


def test_a_lawyers_yaml_test_can_expect_a_conditional_decision(tmp_path, kb):
    from traslado.decide.expectations import run_tests

    test = {
        "description": "Mexico to Norway: CETS 112 may bind, so LNEP's block holds only if LNEP applies",
        "case": mx_to_norway(),
        "expected": {"mx-lnep-54": {"decision": "blocked", "failed": ["Art. 54(I)"], "conditional": True}},
    }
    good = tmp_path / "good.yaml"
    good.write_text(json.dumps(test), encoding="utf-8")
    test["expected"]["mx-lnep-54"]["conditional"] = False
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(json.dumps(test), encoding="utf-8")
    run = run_tests([good, wrong], kb)
    assert [o.passed for o in run.outcomes] == [True, False]
    assert [(m.what, m.expected, m.got) for m in run.outcomes[1].mismatches] == [("conditional", False, True)]
