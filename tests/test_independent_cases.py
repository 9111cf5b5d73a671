"""Cases written from the treaty texts, independently of the rules: decision, every failed citation,
and (for undetermined ones) the facts that would decide them."""

from pathlib import Path

import pytest
import yaml
from traslado.case import case_from_mapping
from traslado.decide.evaluate import evaluate

CASES = sorted((Path(__file__).resolve().parent / "cases").glob("*.yaml"))


def _label(citation) -> str:
    return citation.label.removeprefix("Art. ")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_independent_case(path):
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    case = case_from_mapping(spec["case"], str(path), default_id=path.stem)
    (result,) = evaluate(case, [spec["instrument"]]).results
    expect = spec["expect"]
    assert result.decision == expect["decision"], spec["description"]
    assert sorted({_label(r.citation) for r in result.with_status("failed")}) == sorted(set(expect["failed"]))
    assert set(expect.get("missing") or []) <= set(result.missing_facts)


def test_there_are_cases_for_every_instrument():
    instruments = {yaml.safe_load(p.read_text())["instrument"] for p in CASES}
    assert instruments >= {"coe-cets-112", "mx-pe-2002", "mx-sv-1993"}
