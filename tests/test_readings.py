"""Contested readings: each switchable reading turns a case's decision (or, for CETS 112 Art. 9(1),
the consideration shown) with its alternative, cited; profiles group choices; bad choices exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import baseline, with_
from traslado.case import case_from_mapping, load_case_file
from traslado.cli.main import main
from traslado.decide.evaluate import evaluate
from traslado.decide.readings_diff import readings_diff
from traslado.knowledge import integrity
from traslado.knowledge.readings import (
    ReadingError,
    catalogue,
    chosen,
    in_force,
    resolve,
    switchable,
    with_readings,
)
from traslado.knowledge.store import load_kb

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LNEP_CASE = EXAMPLES / "lnep-appeal-available.yaml"
CASES = Path(__file__).resolve().parent / "cases"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def decide_with(instrument: str, case, choices: dict[str, str]):
    if isinstance(case, dict):
        case = case_from_mapping(case, "<test>")
    (only,) = evaluate(case, [instrument], with_readings(load_kb(), choices)).results
    return only


def failed_eids(result) -> list[str]:
    return sorted(r.citation.eid for r in result.with_status("failed"))


def requirement(result, ident: str):
    (req,) = [r for r in result.requirements if r.id == ident]
    return req


# --- the KB's data ----------------------------------------------------------------------------


def test_every_reading_quotes_its_words_verbatim_and_names_valid_choices():
    assert integrity.reading_problems(load_kb()) == []


def test_an_altered_reading_quote_is_caught():
    kb = load_kb()
    data = json.loads(json.dumps(kb.data))
    data["readings"]["readings"]["lnep_firme"]["words"][0]["quote"] = "Que la sentencia sea definitiva"
    from traslado.knowledge.store import KnowledgeBase

    problems = integrity.reading_problems(KnowledgeBase(root=kb.root, data=data))
    assert any("lnep_firme" in p and "not verbatim" in p for p in problems)


def test_the_readings_recorded_in_the_kb_notes_are_all_defined():
    assert set(catalogue(load_kb())) == {
        "cets_enforcement_choice",
        "lnep_firme",
        "representative_consent",
        "request_dates",
        "mxsv_domiciliado",
    }
    # Every one is switchable: the case facts their alternatives read exist.
    assert set(switchable(load_kb())) == set(catalogue(load_kb()))


def test_the_defaults_are_in_force_unless_chosen():
    kb = load_kb()
    assert in_force(kb) == {
        "cets_enforcement_choice": "administering_state",
        "lnep_firme": "nothing_pending",
        "mxsv_domiciliado": "domicile",
        "representative_consent": "replaces",
        "request_dates": "own_dates",
    }
    assert chosen(kb) == {}
    assert chosen(with_readings(kb, {"lnep_firme": "final_judgment"})) == {"lnep_firme": "final_judgment"}
    assert with_readings(kb, {"lnep_firme": "nothing_pending"}) is kb


# --- LNEP Art. 54(III) "firme" ----------------------------------------------------------------


def test_lnep_firme_nothing_pending_an_appeal_available_but_not_lodged_does_not_bar():
    result = decide_with("mx-lnep-54", load_case_file(LNEP_CASE), {})
    assert result.decision == "eligible"
    req = requirement(result, "no_pending_appeal")
    assert (req.status, req.citation.label) == ("met", "Art. 54(III)")
    assert "final_judgment" not in [r.id for r in result.requirements]


def test_lnep_firme_final_judgment_a_judgment_still_open_to_appeal_bars():
    result = decide_with("mx-lnep-54", load_case_file(LNEP_CASE), {"lnep_firme": "final_judgment"})
    assert result.decision == "blocked"
    assert failed_eids(result) == ["art_54__point_III"]
    req = requirement(result, "final_judgment")
    assert (req.status, req.citation.label) == ("failed", "Art. 54(III)")
    assert "no_pending_appeal" not in [r.id for r in result.requirements]


# --- representative's consent: CETS 112 Art. 3(1)(d), Mexico–Peru Art. III(5) -----------------

REPRESENTED = {"consent.person": False, "person.incapable": True, "consent.legal_representative": True}


def test_cets_representative_consent_replaces_the_persons():
    result = decide_with("coe-cets-112", with_(baseline("coe-cets-112"), **REPRESENTED), {})
    assert result.decision == "eligible"
    req = requirement(result, "consent_person")
    assert req.status == "met"
    assert [(e.condition, e.citation.label, e.applied) for e in req.exceptions] == [
        ("representative_consented", "Art. 3(1)(d)", True)
    ]


def test_cets_representative_consent_adds_the_person_must_consent_too():
    case = with_(baseline("coe-cets-112"), **REPRESENTED)
    result = decide_with("coe-cets-112", case, {"representative_consent": "adds"})
    assert result.decision == "blocked"
    assert failed_eids(result) == ["art_3__para_1__point_d"]
    assert requirement(result, "consent_person").exceptions == []


def test_mx_pe_representative_consent_for_a_minor_replaces_or_adds():
    case = with_(baseline("mx-pe-2002"), **{**REPRESENTED, "person.incapable": False, "person.minor": True})
    default = decide_with("mx-pe-2002", case, {})
    assert default.decision == "eligible"
    assert requirement(default, "consent_person").status == "met"
    adds = decide_with("mx-pe-2002", case, {"representative_consent": "adds"})
    assert adds.decision == "blocked"
    assert failed_eids(adds) == ["art_III__para_5"]


# --- CETS 112 Art. 9(1): who chooses the procedure ---------------------------------------------


def test_cets_enforcement_choice_spain_excluded_conversion_the_administering_state_chooses():
    result = decide_with("coe-cets-112", baseline("coe-cets-112"), {})
    assert result.decision == "eligible"
    notes = [(n.id, n.citation.label) for n in result.considerations]
    assert ("procedure_chosen_by_administering_state", "Art. 9(2)") in notes
    assert "procedure_agreed_by_both_states" not in [n for n, _ in notes]


def test_cets_enforcement_choice_both_states_the_procedure_is_part_of_the_agreement():
    result = decide_with("coe-cets-112", baseline("coe-cets-112"), {"cets_enforcement_choice": "both_states"})
    assert result.decision == "eligible"
    notes = [(n.id, n.citation.label) for n in result.considerations]
    assert ("procedure_agreed_by_both_states", "Art. 3(1)(f)") in notes
    assert "procedure_chosen_by_administering_state" not in [n for n, _ in notes]


def test_cets_enforcement_choice_is_not_shown_where_no_procedure_is_excluded():
    case = with_(baseline("coe-cets-112"), sentencing_state="MX", administering_state="US")
    case["person"]["nationalities"] = ["US"]
    for alt in ("administering_state", "both_states"):
        result = decide_with("coe-cets-112", case, {"cets_enforcement_choice": alt})
        assert not {n.id for n in result.considerations} & {
            "procedure_chosen_by_administering_state",
            "procedure_agreed_by_both_states",
        }


def test_cets_enforcement_choice_changes_the_provision_compare_shows():
    from traslado.knowledge.rulebase import load_rulebase

    def values(kb):
        return [
            (r.value, r.citation.label) for r in load_rulebase(kb).of("coe-cets-112", "provision", "enforcement_mode")
        ]

    kb = load_kb()
    assert ("administering_state_chooses", "Art. 9(1)") in values(kb)
    other = values(with_readings(kb, {"cets_enforcement_choice": "both_states"}))
    assert ("states_agree_on_procedure", "Art. 3(1)(f)") in other
    assert "administering_state_chooses" not in [v for v, _ in other]


# --- Mexico–El Salvador Art. 5(4) "domiciliado" ----------------------------------------------------

LIVES_THERE_NOT_DOMICILED = {
    "person.resident_in_sentencing_state": True,
    "person.domiciled_in_sentencing_state": False,
}


def test_mxsv_domiciliado_domicile_a_resident_not_domiciled_in_the_sending_state_meets_5_4():
    result = decide_with("mx-sv-1993", with_(baseline("mx-sv-1993"), **LIVES_THERE_NOT_DOMICILED), {})
    assert result.decision == "eligible"
    req = requirement(result, "not_domiciled")
    assert (req.status, req.citation.label) == ("met", "Art. 5(4)")


def test_mxsv_domiciliado_residence_a_resident_not_domiciled_fails_5_4():
    case = with_(baseline("mx-sv-1993"), **LIVES_THERE_NOT_DOMICILED)
    result = decide_with("mx-sv-1993", case, {"mxsv_domiciliado": "residence"})
    assert result.decision == "blocked"
    assert failed_eids(result) == ["art_5__para_4"]


@pytest.mark.parametrize("reading", ["domicile", "residence"])
def test_mxsv_domiciliado_domiciled_there_fails_5_4_under_both(reading):
    case = with_(
        baseline("mx-sv-1993"),
        **{"person.resident_in_sentencing_state": True, "person.domiciled_in_sentencing_state": True},
    )
    result = decide_with("mx-sv-1993", case, {"mxsv_domiciliado": reading})
    assert result.decision == "blocked"
    assert failed_eids(result) == ["art_5__para_4"]


@pytest.mark.parametrize("reading", ["domicile", "residence"])
def test_mxsv_domiciliado_neither_domicile_nor_residence_there_meets_5_4_under_both(reading):
    case = with_(baseline("mx-sv-1993"), **{"person.resident_in_sentencing_state": False})
    result = decide_with("mx-sv-1993", case, {"mxsv_domiciliado": reading})
    assert result.decision == "eligible"
    assert requirement(result, "not_domiciled").status == "met"


def test_mxsv_domiciliado_residence_not_domiciled_but_residence_unknown_is_undetermined():
    case = with_(
        baseline("mx-sv-1993"),
        **{"person.resident_in_sentencing_state": None, "person.domiciled_in_sentencing_state": False},
    )
    assert decide_with("mx-sv-1993", case, {}).decision == "eligible"  # domicile: refuted, met
    result = decide_with("mx-sv-1993", case, {"mxsv_domiciliado": "residence"})
    assert result.decision == "undetermined"
    req = requirement(result, "not_domiciled")
    assert (req.status, req.citation.label) == ("unknown", "Art. 5(4)")
    assert req.missing == ["person.resident_in_sentencing_state"]


def test_readings_diff_finds_mxsv_domiciliado_decisive():
    case = case_from_mapping(with_(baseline("mx-sv-1993"), **LIVES_THERE_NOT_DOMICILED), "<test>")
    decisive = [d for d in readings_diff(case, ["mx-sv-1993"], load_kb()) if d.decisive]
    assert [d.reading for d in decisive] == ["mxsv_domiciliado"]
    (inst,) = decisive[0].instruments
    assert {alt: o.decision for alt, o in inst.by_alternative.items()} == {
        "domicile": "eligible",
        "residence": "blocked",
    }
    assert [c.eid for c in inst.by_alternative["residence"].failed] == ["art_5__para_4"]


# --- the reference date of the request: CETS 112 Art. 3(1)(c), Mexico–Peru Art. III(2) ... ------

# Six months are left at request_date (2026-03-01 to 2026-09-01): CETS 112's "at least six months"
# is met; the request was received on 2026-03-02, when less than six months were left.
RECEIVED_A_DAY_LATER = {"sentence.end_date": "2026-09-01", "request.received_date": "2026-03-02"}


def test_request_dates_own_dates_cets_counts_from_the_receipt_of_the_request():
    result = decide_with("coe-cets-112", with_(baseline("coe-cets-112"), **RECEIVED_A_DAY_LATER), {})
    assert result.decision == "blocked"
    assert failed_eids(result) == ["art_3__para_1__point_c"]
    assert requirement(result, "remaining_term").counted_from == "request.received_date"
    assert result.latest_request_date.counts_from == "request.received_date"
    assert result.latest_request_date.passed is True


def test_request_dates_one_date_request_date_stands_for_the_receipt():
    case = with_(baseline("coe-cets-112"), **RECEIVED_A_DAY_LATER)
    result = decide_with("coe-cets-112", case, {"request_dates": "one_date"})
    assert result.decision == "eligible"
    req = requirement(result, "remaining_term")
    assert (req.status, req.citation.label, req.counted_from) == ("met", "Art. 3(1)(c)", "request_date")
    assert "request.received_date" not in req.facts
    assert (result.latest_request_date.counts_from, result.latest_request_date.passed) == ("request_date", False)


# Mexico–Peru Art. III(2) "superior a seis (6) meses" "al momento de efectuarse la solicitud": the
# request was made on 2026-02-20 (more than six months before 2026-09-01), dated 2026-03-01.
MADE_EARLIER = {"sentence.end_date": "2026-09-01", "request.made_date": "2026-02-20"}


@pytest.mark.parametrize(
    "choice, decision, failed, counts_from, passed",
    [
        ("own_dates", "eligible", [], "request.made_date", False),
        ("one_date", "blocked", ["art_III__para_2"], "request_date", True),
    ],
)
def test_request_dates_mxpe_the_deadline_follows_the_reading(choice, decision, failed, counts_from, passed):
    result = decide_with("mx-pe-2002", with_(baseline("mx-pe-2002"), **MADE_EARLIER), {"request_dates": choice})
    assert result.decision == decision
    assert failed_eids(result) == failed
    assert requirement(result, "remaining_term").counted_from == counts_from
    deadline = result.latest_request_date
    assert (str(deadline.latest), deadline.counts_from, deadline.passed) == ("2026-02-28", counts_from, passed)
    assert deadline.citation.label == "Art. III(2)"


def test_readings_diff_finds_request_dates_decisive():
    case = case_from_mapping(with_(baseline("coe-cets-112"), **RECEIVED_A_DAY_LATER), "<test>")
    decisive = [d for d in readings_diff(case, ["coe-cets-112"], load_kb()) if d.decisive]
    assert [d.reading for d in decisive] == ["request_dates"]
    (inst,) = decisive[0].instruments
    assert {alt: o.decision for alt, o in inst.by_alternative.items()} == {
        "own_dates": "blocked",
        "one_date": "eligible",
    }
    assert [c.eid for c in inst.by_alternative["own_dates"].failed] == ["art_3__para_1__point_c"]


def test_cli_readings_diff_shows_request_dates_side_by_side(tmp_path):
    spec = yaml.safe_load((CASES / "cets_received-after-request-date.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(spec["case"]), encoding="utf-8")
    out = run("check", str(path), "-i", "coe-cets-112", "--readings-diff")
    assert out.exit_code == 0
    assert "request_dates: the decision changes with the reading" in out.output
    line = next(x for x in out.output.splitlines() if x.strip().startswith("CETS 112"))
    assert "BLOCKED (Art. 3(1)(c))" in line and "ELIGIBLE" in line


# --- a reading that awaits a case fact (tr:awaitsFact) ------------------------------------------


def test_a_reading_that_awaits_a_fact_is_listed_but_not_switchable():
    from traslado.knowledge.store import KnowledgeBase

    kb = load_kb()
    data = json.loads(json.dumps(kb.data))
    data["readings"]["readings"]["mxsv_domiciliado"]["awaits"] = "person.some_fact"
    awaiting = KnowledgeBase(root=kb.root, data=data)
    assert "mxsv_domiciliado" in catalogue(awaiting) and "mxsv_domiciliado" not in switchable(awaiting)
    assert "mxsv_domiciliado" not in in_force(awaiting)
    with pytest.raises(ReadingError, match="not switchable yet: it needs person.some_fact"):
        resolve(awaiting, ("mxsv_domiciliado=residence",))
    from traslado.render.readings import readings_json, readings_lines

    listed = " ".join(" ".join(readings_lines(awaiting, "en")).split())
    assert "recorded, not switchable yet: needs person.some_fact" in listed
    entry = next(r for r in readings_json(awaiting)["readings"] if r["id"] == "mxsv_domiciliado")
    assert (entry["switchable"], entry["awaits"]) == (False, "person.some_fact")


# --- profiles and choices ---------------------------------------------------------------------


def test_the_strict_profile_chooses_the_more_demanding_alternatives():
    kb = load_kb()
    assert resolve(kb, (), "strict") == {
        "cets_enforcement_choice": "both_states",
        "lnep_firme": "final_judgment",
        "mxsv_domiciliado": "residence",
        "representative_consent": "adds",
    }
    # An explicit --reading wins over the profile.
    assert resolve(kb, ("lnep_firme=nothing_pending",), "strict")["lnep_firme"] == "nothing_pending"


@pytest.mark.parametrize(
    "pair, expected",
    [
        ("nope=x", "unknown reading 'nope': expected one of cets_enforcement_choice, lnep_firme"),
        ("lnep_firme=x", "unknown alternative 'x': expected one of nothing_pending, final_judgment"),
        ("lnep_firme", "expected ID=ALT"),
        ("request_dates=receipt", "unknown alternative 'receipt': expected one of own_dates, one_date"),
    ],
)
def test_a_bad_choice_is_refused_naming_the_valid_ones(pair, expected):
    with pytest.raises(ReadingError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        resolve(load_kb(), (pair,))


@pytest.mark.parametrize("command", ["check", "whatif", "routes"])
def test_cli_bad_reading_exits_2_with_the_valid_ones(command):
    out = run(command, str(LNEP_CASE), "--reading", "lnep_firme=maybe")
    assert out.exit_code == 2
    assert "nothing_pending, final_judgment" in out.output


def test_cli_bad_profile_exits_2_with_the_valid_ones():
    for args in (["compare", "--profile", "loose"], ["batch", str(EXAMPLES), "--profile", "loose"]):
        out = run(*args)
        assert out.exit_code == 2
        assert "expected one of lenient, strict" in out.output


def test_cli_check_with_a_reading_says_so_and_decides_by_it():
    out = run("check", str(LNEP_CASE), "-i", "mx-lnep-54", "--reading", "lnep_firme=final_judgment")
    assert out.exit_code == 0
    assert "BLOCKED" in out.output and "Art. 54(III)" in out.output
    assert "lnep_firme=final_judgment" in out.output
    spanish = run("check", str(LNEP_CASE), "-i", "mx-lnep-54", "--profile", "strict", "--lang", "es")
    assert "BLOQUEADO" in spanish.output and "Leído con lecturas distintas" in spanish.output


def test_cli_whatif_and_routes_take_the_reading():
    whatif = run(
        "whatif", str(LNEP_CASE), "-i", "mx-lnep-54", "--reading", "lnep_firme=final_judgment", "--format", "json"
    )
    assert whatif.exit_code == 0
    (plan,) = json.loads(whatif.output)["plans"]
    assert plan["instrument"] == "mx-lnep-54"
    assert json.loads(whatif.output)["receipt"]["readings"]["lnep_firme"] == "final_judgment"
    plain = run("whatif", str(LNEP_CASE), "-i", "mx-lnep-54", "--format", "json")
    assert json.loads(plain.output)["plans"] == []  # eligible under the KB's reading
    routes = run("routes", str(LNEP_CASE), "-i", "mx-lnep-54", "--profile", "strict", "--format", "json")
    assert routes.exit_code == 0
    assert json.loads(routes.output)["receipt"]["readings_chosen"]["lnep_firme"] == "final_judgment"


# --- does the case turn on an interpretation? ---------------------------------------------------


def test_readings_diff_finds_the_decisive_reading_with_both_decisions():
    diffs = readings_diff(load_case_file(LNEP_CASE), ["mx-lnep-54"], load_kb())
    decisive = [d for d in diffs if d.decisive]
    assert [d.reading for d in decisive] == ["lnep_firme"]
    (inst,) = decisive[0].instruments
    assert inst.instrument == "mx-lnep-54"
    assert {alt: o.decision for alt, o in inst.by_alternative.items()} == {
        "nothing_pending": "eligible",
        "final_judgment": "blocked",
    }
    assert [c.eid for c in inst.by_alternative["final_judgment"].failed] == ["art_54__point_III"]


def test_readings_diff_cli_side_by_side():
    out = run("check", str(LNEP_CASE), "-i", "mx-lnep-54", "--readings-diff")
    assert out.exit_code == 0
    line = next(x for x in out.output.splitlines() if x.strip().startswith("LNEP"))
    assert "ELIGIBLE" in line and "BLOCKED (Art. 54(III))" in line
    data = json.loads(run("check", str(LNEP_CASE), "-i", "mx-lnep-54", "--readings-diff", "--format", "json").output)
    (first, *_) = data["readings"]
    assert first["reading"] == "lnep_firme" and first["decisive"]
    assert "receipt" in data


def test_readings_diff_says_when_no_decision_turns_on_a_reading():
    out = run("check", str(EXAMPLES / "cets-es-mx-eligible.yaml"), "-i", "coe-cets-112", "--readings-diff")
    assert "No decision of this case changes with any contested reading." in out.output
    assert "cets_enforcement_choice" in out.output  # the reasons change: the consideration shown


# --- listing, export, compare ------------------------------------------------------------------


def test_readings_command_lists_questions_alternatives_and_profiles():
    out = run("readings")
    assert out.exit_code == 0
    for ident in catalogue(load_kb()):
        assert ident in out.output
    assert "lnep_firme=nothing_pending [the KB's reading]" in out.output
    assert "strict" in out.output and "lenient" in out.output
    assert "not switchable yet" not in out.output
    assert "request_dates=own_dates [the KB's reading]" in out.output
    assert "mxsv_domiciliado=domicile [the KB's reading]" in out.output
    data = json.loads(run("readings", "--format", "json").output)
    firme = next(r for r in data["readings"] if r["id"] == "lnep_firme")
    assert firme["default"] == "nothing_pending" and firme["switchable"]
    assert all(r["switchable"] for r in data["readings"])
    assert firme["words"][0]["citation"] == "LNEP Art. 54(III)"
    assert run("readings", "--format", "markdown", "--lang", "es").output.startswith("# Lecturas discutidas")


def test_readings_are_in_the_rdf_export():
    import rdflib
    from traslado.research.graph import knowledge_graph

    graph = knowledge_graph(load_kb())
    tr = rdflib.Namespace("https://w3id.org/traslado/vocab#")
    ids = {str(o) for s in graph.subjects(rdflib.RDF.type, tr.Reading) for o in graph.objects(s, tr.readingId)}
    assert "lnep_firme" in ids and "mxsv_domiciliado" in ids


def test_compare_lists_the_readings_bearing_on_each_instrument():
    out = run("compare", "mx-lnep-54", "coe-cets-112", "--format", "json")
    data = json.loads(out.output)
    assert [r["id"] for r in data["readings"]["mx-lnep-54"]] == ["lnep_firme", "request_dates"]
    assert {r["id"] for r in data["readings"]["coe-cets-112"]} == {
        "cets_enforcement_choice",
        "representative_consent",
        "request_dates",
    }
    strict = json.loads(run("compare", "mx-lnep-54", "--profile", "strict", "--format", "json").output)
    assert strict["readings"]["mx-lnep-54"][0]["in_force"] == "final_judgment"
    text = run("compare", "mx-lnep-54", "--reading", "lnep_firme=final_judgment").output
    assert "Contested readings bearing on each instrument" in text and "lnep_firme=final_judgment" in text


def test_the_readme_commands_for_readings_and_receipts_run_as_shown(monkeypatch):
    """The tour's lines for readings, --readings-diff, --profile, the receipt and verify, in order."""
    import shlex

    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    readme = (root / "README.md").read_text(encoding="utf-8")
    lines = [line.split("#")[0].strip() for line in readme.splitlines() if line.startswith("    traslado ")]
    marks = ("--profile", "--readings-diff", "answer.json")
    wanted = [c for c in lines if c.split()[1] in ("readings", "verify") or any(m in c for m in marks)]
    assert len(wanted) >= 5
    for command in wanted:
        out = run(*shlex.split(command)[1:])
        assert out.exit_code == 0, (command, out.output)


def test_markdown_and_html_say_which_readings_the_answer_ran_with(tmp_path):
    args = ["check", str(LNEP_CASE), "-i", "mx-lnep-54", "--reading", "lnep_firme=final_judgment"]
    markdown = run(*args, "--format", "markdown").output
    assert "> Read with readings other than the KB's: lnep_firme=final_judgment" in markdown
    page = tmp_path / "r.html"
    assert run(*args, "--format", "html", "-o", str(page)).exit_code == 0
    assert "lnep_firme=final_judgment" in page.read_text(encoding="utf-8")
    assert "Read with readings" not in run("check", str(LNEP_CASE), "--format", "markdown").output


def test_a_lawyers_test_file_may_choose_readings_and_a_bad_one_is_named(tmp_path):
    from traslado.decide.expectations import run_tests

    source = Path(__file__).resolve().parent / "cases" / "lnep_firme-appeal-available-final-judgment.yaml"
    assert run_tests([source]).failed == 0
    without = tmp_path / "without.yaml"
    without.write_text(source.read_text(encoding="utf-8").replace("readings:\n  lnep_firme: final_judgment\n", ""))
    assert run_tests([without]).failed == 1  # the KB's reading gives eligible, not blocked
    bad = tmp_path / "bad.yaml"
    bad.write_text(source.read_text(encoding="utf-8").replace("final_judgment\n", "finalish\n", 1))
    (error,) = run_tests([bad]).errors
    assert "readings" in str(error) and "nothing_pending, final_judgment" in str(error)
