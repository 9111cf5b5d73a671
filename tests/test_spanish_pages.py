"""A Spanish page speaks Spanish: every interface sentence (reasons why an instrument binds or not,
conditional notes, missing texts, headings) comes from es.toml, never from the English catalogue or
the engine's own English text. KB notes held only in English are marked "[en]"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from traslado.case.reading import load_case_file
from traslado.cli.main import main
from traslado.decide.evaluate import evaluate
from traslado.render import i18n

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [
    "eu-es-de-eligible",
    "cets-mx-us-undetermined",
    "mx-pe-undetermined",
    "mx-sv-undetermined",
    "lnep-appeal-available",
]

_PLACEHOLDER = re.compile(r"\{[^}]*\}")
# A KB note held only in English, marked as such, to the end of its HTML element or line.
_ENGLISH_NOTE = re.compile(r"\[en\][^<\n]*")


def shown(output: str) -> str:
    """The output without the KB's notes marked "[en]", whitespace collapsed."""
    return " ".join(_ENGLISH_NOTE.sub("", output).split())


def english_telltales() -> dict[str, str]:
    """The longest literal run of each English message, where it differs from the Spanish one."""
    en, es = i18n.catalogue("en"), i18n.catalogue("es")
    out = {}
    for key, message in en.items():
        run = max(_PLACEHOLDER.split(message), key=len).strip(" :;,.()")
        if len(run) >= 20 and run not in es.get(key, ""):
            out[key] = run
    return out


def conditional_case(tmp_path: Path) -> Path:
    source = (ROOT / "examples" / "mx-pe-eligible.yaml").read_text(encoding="utf-8")
    path = tmp_path / "conditional.yaml"
    path.write_text("\n".join(line for line in source.splitlines() if not line.startswith("request_date")), "utf-8")
    return path


def cases(tmp_path: Path) -> list[Path]:
    return [ROOT / "examples" / f"{name}.yaml" for name in EXAMPLES] + [conditional_case(tmp_path)]


def outputs(case: Path) -> dict[str, str]:
    runner = CliRunner()
    runs = {f"check {fmt}": ["check", str(case), "--format", fmt] for fmt in ("text", "markdown", "html")}
    runs["check verbose"] = ["check", str(case), "-v"]
    runs["routes"] = ["routes", str(case)]
    runs["whatif text"] = ["whatif", str(case)]
    runs["whatif markdown"] = ["whatif", str(case), "--format", "markdown"]
    out = {}
    for name, args in runs.items():
        run = runner.invoke(main, [*args, "--lang", "es"])
        assert run.exit_code in (0, 1), (name, run.output)
        out[name] = shown(run.output)
    return out


def test_spanish_output_has_no_english_interface_sentence(tmp_path):
    telltales = english_telltales()
    assert len(telltales) > 100  # the check has teeth: most English messages are telltales
    found = []
    for case in cases(tmp_path):
        for name, shown in outputs(case).items():
            found += [(case.name, name, key, run) for key, run in telltales.items() if run in shown]
    assert found == []


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_spanish_compare_has_no_english_interface_sentence(fmt):
    telltales = english_telltales()
    run = CliRunner().invoke(main, ["compare", "--format", fmt, "--lang", "es"])
    assert run.exit_code == 0, run.output
    page = shown(run.output)
    assert [(key, text) for key, text in telltales.items() if text in page] == []
    if fmt == "html":
        assert "[en] " in run.output  # the KB's readings of the provisions, in English, say so


def test_every_applicability_reason_has_a_catalogue_message(tmp_path):
    # A reason without a key is shown in the engine's English on a Spanish page.
    for case in cases(tmp_path):
        for result in evaluate(load_case_file(case)).results:
            for reason in result.applicability.reasons:
                assert reason.key and i18n.has(reason.key), (case.name, result.instrument, reason.text)
