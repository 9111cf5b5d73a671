"""Case strings never become program text: ASP or Python in a case is inert data."""

from conftest import baseline, decide, with_
from traslado.case import case_from_mapping
from traslado.decide.evaluate import evaluate
from traslado.decide.symbols import case_symbols
from traslado.knowledge.store import load_kb

PAYLOAD = '"). #script (python)\nimport os\nos.system("touch /tmp/traslado-pwned")\n#end. evaluate("x'


def test_injected_asp_in_the_case_id_is_inert(tmp_path):
    case = case_from_mapping(with_(baseline("mx-pe-2002"), id=PAYLOAD), "<test>")
    result = evaluate(case, ["mx-pe-2002"])
    assert result.case == PAYLOAD
    assert [r.decision for r in result.results] == ["eligible"]


def test_injected_text_where_a_code_is_expected_is_rejected():
    import pytest
    from traslado.case import CaseError

    with pytest.raises(CaseError):
        case_from_mapping(with_(baseline("mx-pe-2002"), administering_state=PAYLOAD), "<test>")


def test_case_facts_are_symbols_not_text():
    from clingo import Symbol

    case = case_from_mapping(baseline("coe-cets-112"), "<test>")
    assert all(isinstance(s, Symbol) for s in case_symbols(case, load_kb()))


def test_decisions_do_not_change_with_the_id():
    assert decide("mx-sv-1993", with_(baseline("mx-sv-1993"), id=PAYLOAD)).decision == "eligible"


def test_forged_case_strings_reach_clingo_only_as_string_terms(tmp_path):
    """Even past validation, a string is a String symbol: no rule, no script, no extra atoms."""
    from pathlib import Path

    from traslado.case import Case

    marker = Path("/tmp/traslado-pwned")
    marker.unlink(missing_ok=True)
    forged = Case(id="forged", facts={"administering_state": PAYLOAD, "person.nationalities": [PAYLOAD]})
    result = evaluate(forged, ["coe-cets-112"])
    nationality = next(r for r in result.results[0].requirements if r.id == "nationality")
    assert nationality.status == "met"  # the payload compared equal to itself, as plain data
    assert not marker.exists()
