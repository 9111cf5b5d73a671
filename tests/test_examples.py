"""The shipped examples decide as their comments say, with the cited articles."""

from pathlib import Path

import pytest
from traslado.case import load_case_file
from traslado.decide.evaluate import evaluate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

EXPECTED = {
    "mx-pe-eligible": ("mx-pe-2002", "eligible", []),
    "mx-pe-blocked-six-months": ("mx-pe-2002", "blocked", ["art_III__para_2"]),
    "mx-pe-blocked-fines": ("mx-pe-2002", "blocked", ["art_III__para_5", "art_III__para_6"]),
    "mx-pe-undetermined": ("mx-pe-2002", "undetermined", []),
    "mx-sv-eligible": ("mx-sv-1993", "eligible", []),
    "mx-sv-blocked-domicile": ("mx-sv-1993", "blocked", ["art_5__para_2", "art_5__para_4"]),
    "mx-sv-undetermined": ("mx-sv-1993", "undetermined", []),
    "cets-es-mx-eligible": ("coe-cets-112", "eligible", []),
    "cets-es-mx-blocked": ("coe-cets-112", "blocked", ["art_3__para_1__point_c", "art_3__para_1__point_e"]),
    "cets-mx-us-undetermined": ("coe-cets-112", "undetermined", []),
    "mx-us-seed-route": ("us-usc-4100", "eligible", []),
    "lnep-appeal-available": ("mx-lnep-54", "eligible", []),  # blocked under lnep_firme=final_judgment
    "eu-es-de-eligible": ("eu-fd-2008-909", "eligible", []),
}


def test_every_example_is_covered():
    assert sorted(p.stem for p in EXAMPLES.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(name):
    instrument, decision, failed = EXPECTED[name]
    case = load_case_file(EXAMPLES / f"{name}.yaml")
    (result,) = evaluate(case, [instrument]).results
    assert result.decision == decision
    assert sorted(r.citation.eid for r in result.with_status("failed")) == sorted(failed)
