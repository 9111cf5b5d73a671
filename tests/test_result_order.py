"""One order of results in every format (traslado.decide.model.result_group): the instruments that
bind, then the conditional ones, then those replaced, then those asked for by name that do not bind,
then those that do not apply; by identifier within each group. No renderer reorders them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from traslado.case import load_case_file
from traslado.cli.main import main
from traslado.decide.evaluate import evaluate
from traslado.knowledge.store import load_kb

EU_CASE = Path(__file__).resolve().parent.parent / "examples" / "eu-es-de-eligible.yaml"

# Spain to Germany, a German national: the FD binds; CETS 112, ETS 167 (which the FD may replace,
# Art. 26(1) with 28(2)) and the Inter-American Convention may bind; the rest do not apply.
EXPECTED = [
    "eu-fd-2008-909",
    "coe-cets-112",
    "coe-ets-167",
    "oas-1993",
    "mx-lnep-54",
    "mx-pe-2002",
    "mx-sv-1993",
    "us-mx-1976",
    "us-usc-4100",
]


def shown(fmt: str, *args: str) -> list[str]:
    out = CliRunner().invoke(main, ["check", str(EU_CASE), "--format", fmt, *args])
    assert out.exit_code == 0, out.output
    if fmt == "json":
        return [r["instrument"] for r in json.loads(out.output)["results"]]
    if fmt == "html":
        return re.findall(r'<[a-z0-9]+ [^>]*id="inst-([a-z0-9-]+)"', out.output)
    if fmt == "markdown":
        return re.findall(r"^(?:## |- \*\*).*?\(`([a-z0-9-]+)`\)", out.output, re.M)
    return re.findall(r"^\S.*? \(([a-z0-9-]+)\): ", out.output, re.M)


def test_the_engine_orders_binding_conditional_not_applicable_by_id():
    result = evaluate(load_case_file(EU_CASE), None, load_kb())
    assert [r.instrument for r in result.results] == EXPECTED
    assert [r.conditional for r in result.results[:4]] == [False, True, True, True]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_format_shows_the_engines_order(fmt):
    assert shown(fmt) == EXPECTED


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_the_order_is_the_same_in_spanish(fmt):
    assert shown(fmt, "--lang", "es") == EXPECTED
