"""What-if: the smallest change sets found by clingo's optimisation equal those of a brute-force
enumeration over the allowed changes, evaluated with `check`'s own path."""

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import baseline, with_
from traslado.case import Case, case_from_mapping, load_case_file
from traslado.cli.main import main
from traslado.decide.evaluate import evaluate
from traslado.decide.whatif import ENOUGH, candidates, what_if
from traslado.knowledge.store import load_kb

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def apply(case: Case, changes) -> Case:
    facts = dict(case.facts)
    for cand in changes:
        if cand.value == ENOUGH:
            facts.pop("sentence.end_date", None)
            facts["sentence.remaining_months"] = 1200
        elif cand.path == "person.nationalities":
            facts[cand.path] = sorted(set(facts.get(cand.path, [])) | {cand.value})
        else:
            facts[cand.path] = cand.value
    return Case(case.id, facts, case.source)


def brute_force(case: Case, instrument: str, all_facts=False, up_to=3):
    """Every minimal set of allowed changes that makes the instrument eligible, by enumeration."""
    kb = load_kb()
    cands = candidates(case, kb, all_facts)
    for size in range(1, up_to + 1):
        found = set()
        for combo in itertools.combinations(cands, size):
            if len({c.path for c in combo}) < size:
                continue  # one value per fact
            (result,) = evaluate(apply(case, combo), [instrument], kb).results
            if result.decision == "eligible":
                found.add(frozenset((c.path, c.value) for c in combo))
        if found:
            return found
    return set()


def optimised(case, instrument, **kw):
    plan = what_if(case, instrument, **kw)
    return {frozenset((c.path, c.value) for c in s) for s in plan.change_sets}, plan


CASES = [
    (
        "mx-pe-2002",
        with_(baseline("mx-pe-2002"), **{"consent.in_writing": False, "financial.obligations_settled": False}),
    ),
    ("mx-pe-2002", with_(baseline("mx-pe-2002"), **{"sentence.final": None, "consent.sentencing_state": False})),
    ("coe-cets-112", with_(baseline("coe-cets-112"), **{"sentence.end_date": "2026-05-01", "consent.person": False})),
    ("mx-sv-1993", with_(baseline("mx-sv-1993"), **{"person.incapable": True, "consent.legal_representative": None})),
    ("coe-cets-112", with_(baseline("coe-cets-112"), **{"sentence.end_date": None, "sentence.indeterminate": None})),
]


@pytest.mark.parametrize("instrument, data", CASES)
def test_minimal_change_sets_match_brute_force(instrument, data):
    case = case_from_mapping(data, "<t>")
    sets, _ = optimised(case, instrument)
    assert sets, "expected at least one way to eligibility"
    assert sets == brute_force(case, instrument)


def test_all_facts_matches_brute_force_too():
    case = case_from_mapping(with_(baseline("mx-sv-1993"), **{"offence.political": True}), "<t>")
    sets, _ = optimised(case, "mx-sv-1993", all_facts=True)
    assert sets == brute_force(case, "mx-sv-1993", all_facts=True) == {frozenset({("offence.political", False)})}


def test_unchangeable_facts_are_never_proposed_by_default():
    kb = load_kb()
    unchangeable = {p for p, f in kb.data["facts"].items() if not f["actionable"]}
    case = load_case_file(EXAMPLES / "mx-pe-blocked-fines.yaml")
    _, plan = optimised(case, "mx-pe-2002")
    assert plan.change_sets
    proposed = {c.path for s in plan.change_sets for c in s if c.kind == "change"}
    assert proposed and not proposed & unchangeable


def test_a_permanent_block_is_explained_with_its_article():
    case = case_from_mapping(with_(baseline("mx-sv-1993"), **{"offence.political": True}), "<t>")
    _, plan = optimised(case, "mx-sv-1993")
    assert plan.change_sets == []
    assert [(r.id, r.citation.label) for r in plan.permanent] == [("not_political", "Art. 5(2)")]


def test_exactly_six_months_under_mexico_peru_is_blocked_for_good():
    _, plan = optimised(load_case_file(EXAMPLES / "mx-pe-blocked-six-months.yaml"), "mx-pe-2002")
    assert [r.citation.label for r in plan.permanent] == ["Art. III(2)"]


def test_each_change_names_the_article_it_satisfies():
    case = load_case_file(EXAMPLES / "mx-pe-blocked-fines.yaml")
    _, plan = optimised(case, "mx-pe-2002")
    for changes in plan.change_sets:
        for change in changes:
            assert [c.label for c in change.satisfies] in (["Art. III(5)"], ["Art. III(6)"])


def test_max_changes_bounds_the_search():
    case = load_case_file(EXAMPLES / "mx-pe-blocked-fines.yaml")
    sets, plan = optimised(case, "mx-pe-2002", max_changes=1)
    assert sets == set() and plan.permanent == []


def test_unknown_facts_say_which_value_would_block():
    plan = what_if(load_case_file(EXAMPLES / "mx-pe-undetermined.yaml"), "mx-pe-2002")
    outcomes = {u.path: u.outcomes for u in plan.unknown_facts}
    assert outcomes["sentence.final"] == {"true": "undetermined", "false": "blocked"}


def test_whatif_command_text_and_json():
    out = CliRunner().invoke(main, ["whatif", str(EXAMPLES / "mx-pe-blocked-fines.yaml")])
    assert out.exit_code == 0
    assert "change consent.in_writing = true" in out.output and "Art. III(6)" in out.output
    out = CliRunner().invoke(
        main, ["whatif", str(EXAMPLES / "mx-sv-blocked-domicile.yaml"), "-i", "mx-sv-1993", "--format", "json"]
    )
    (plan,) = json.loads(out.output)["plans"]
    assert plan["change_sets"] == []
    assert {b["citation"]["eid"] for b in plan["blocked_for_good"]} == {"art_5__para_2", "art_5__para_4"}


def test_whatif_all_facts_flag():
    out = CliRunner().invoke(
        main,
        [
            "whatif",
            str(EXAMPLES / "mx-sv-blocked-domicile.yaml"),
            "-i",
            "mx-sv-1993",
            "--all-facts",
            "--format",
            "json",
        ],
    )
    (plan,) = json.loads(out.output)["plans"]
    assert plan["change_sets"] == [
        [
            {
                "fact": "offence.connected_with_political",
                "value": False,
                "kind": "change",
                "action": None,
                "satisfies": plan["change_sets"][0][0]["satisfies"],
            },
            {
                "fact": "person.domiciled_in_sentencing_state",
                "value": False,
                "kind": "change",
                "action": None,
                "satisfies": plan["change_sets"][0][1]["satisfies"],
            },
        ]
    ]


def test_routes_rank_eligible_first_then_fewest_changes():
    out = CliRunner().invoke(main, ["routes", str(EXAMPLES / "mx-us-seed-route.yaml"), "--format", "json"])
    data = json.loads(out.output)
    assert data["layers"] == ["us-usc-4100"]
    groups = [(r["instrument"], r["rank_group"]) for r in data["routes"]]
    assert groups[0] == ("coe-cets-112", "eligible")
    assert {g for _, g in groups[1:]} == {"not_encoded"}
    assert {c["citation"]["eid"] for c in data["choice"]} == {"art_22__para_2", "art_22__para_4"}


def test_a_blocking_us_layer_blocks_every_route():
    path = str(EXAMPLES / "mx-us-seed-route.yaml")
    out = CliRunner().invoke(
        main, ["routes", path, "--set", "sentence.collateral_attack_pending=true", "--format", "json"]
    )
    first = json.loads(out.output)["routes"][0]
    assert (first["instrument"], first["rank_group"], first["changes"]) == ("coe-cets-112", "blocked_fixable", 1)
    assert first["change_sets"][0][0]["fact"] == "sentence.collateral_attack_pending"


def test_routes_text_for_a_permanent_block():
    out = CliRunner().invoke(main, ["routes", str(EXAMPLES / "mx-pe-blocked-six-months.yaml")])
    assert "blocked for good" in out.output and "Art. III(2)" in out.output
