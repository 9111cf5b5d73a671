"""Cases written from the treaty texts, independently of the rules, as `traslado test` files: each gives
the decision, every failed citation (as the output writes it) and, for undetermined ones, the facts
that would decide them. Running them through the same runner a lawyer uses proves the format by use."""

from pathlib import Path

import pytest
import yaml
from traslado.decide.expectations import check_spec, load_specs
from traslado.render.expectations import mismatch_line

CASES = sorted((Path(__file__).resolve().parent / "cases").glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_independent_case(path, kb):
    (spec,) = load_specs(path, kb)
    outcome = check_spec(spec, kb)
    assert outcome.passed, "\n".join(mismatch_line(str(path), spec.name, m, "en") for m in outcome.mismatches)


def test_every_case_names_its_decision_and_its_failed_citations():
    for path in CASES:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for expect in spec["expected"].values():
            assert "failed" in expect, path.name  # the exact set, even when empty


def test_there_are_cases_for_every_instrument():
    instruments = {i for p in CASES for i in yaml.safe_load(p.read_text())["expected"]}
    assert instruments >= {"coe-cets-112", "mx-pe-2002", "mx-sv-1993", "coe-ets-167", "mx-lnep-54", "us-usc-4100"}
