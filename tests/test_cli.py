"""The command line: decisions and reasons on screen, the JSON contract, exit codes, help."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from traslado.cli.main import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_check_text_puts_decision_then_blocking_article_with_quote():
    out = run("check", str(EXAMPLES / "mx-pe-blocked-six-months.yaml"), "--instrument", "mx-pe-2002")
    assert out.exit_code == 0
    lines = out.output.splitlines()
    assert "BLOCKED" in lines[2]
    text = " ".join(out.output.split())
    assert text.index("Blocked by") < text.index("Met:")
    assert "Art. III(2)" in text and "sea superior a seis (6) meses" in text
    assert "[es, authentic]" in text


def test_check_text_lists_the_facts_that_would_settle_it():
    out = run("check", str(EXAMPLES / "mx-pe-undetermined.yaml"), "-i", "mx-pe-2002")
    assert "UNDETERMINED" in out.output
    assert "needs: sentence.final" in out.output
    assert "consent.sentencing_state" in out.output


def test_check_lang_es_shows_spanish_and_the_authentic_english():
    out = run("check", str(EXAMPLES / "cets-es-mx-blocked.yaml"), "-i", "coe-cets-112", "--lang", "es")
    assert "[es, traducción]" in out.output and "[en, auténtico]" in out.output
    assert "Tiempo mínimo por cumplir" in out.output


def test_check_json_follows_the_contract():
    out = run("check", str(EXAMPLES / "mx-pe-blocked-six-months.yaml"), "--format", "json", "-i", "mx-pe-2002")
    data = json.loads(out.output)
    assert data["case"] == "mx-pe-blocked-six-months"
    (result,) = data["results"]
    assert result["instrument"] == "mx-pe-2002" and result["decision"] == "blocked"
    req = next(r for r in result["requirements"] if r["id"] == "remaining_term")
    assert req["status"] == "failed"
    assert req["citation"] == {
        "instrument": "mx-pe-2002",
        "article": "III",
        "paragraph": "2",
        "item": None,
        "eid": "art_III__para_2",
    }
    assert set(req["quote"]) >= {"es", "en"}
    assert req["facts"]["sentence.end_date"] == "2026-09-01"
    assert isinstance(result["considerations"], list)


def test_json_citation_without_paragraph_leaves_it_null():
    out = run("check", str(EXAMPLES / "cets-es-mx-blocked.yaml"), "--format", "json", "-i", "coe-cets-112")
    req = next(r for r in json.loads(out.output)["results"][0]["requirements"] if r["id"] == "sentence_kind")
    assert req["citation"]["article"] == "1" and req["citation"]["paragraph"] is None and req["citation"]["item"] == "a"


def test_check_markdown():
    out = run("check", str(EXAMPLES / "mx-sv-blocked-domicile.yaml"), "--format", "markdown", "-i", "mx-sv-1993")
    assert out.exit_code == 0
    assert "## Mexico–El Salvador Treaty (`mx-sv-1993`): **blocked**" in out.output
    assert "**Art. 5(4)**" in out.output


def test_bad_case_exits_2_with_file_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sentence:\n  end_dte: 2027-01-01\n  final: maybe\n")
    out = run("check", str(bad))
    assert out.exit_code == 2
    assert "bad.yaml" in out.output and "sentence.end_dte" in out.output and "sentence.final" in out.output
    assert "Traceback" not in out.output


def test_missing_file_exits_2(tmp_path):
    out = run("check", str(tmp_path / "nope.yaml"))
    assert out.exit_code == 2 and "no such file" in out.output


def test_unknown_instrument_exits_2():
    out = run("check", str(EXAMPLES / "mx-pe-eligible.yaml"), "-i", "us-mx-1976x")
    assert out.exit_code == 2 and "unknown instrument" in out.output


def test_show_paragraph_in_the_authentic_language_by_default():
    out = run("show", "mx-pe-2002", "III", "2")
    assert out.exit_code == 0
    text = " ".join(out.output.split())
    assert "Convenio México–Perú Art. III(2)" in text and "[es, authentic]" in text
    assert "superior a seis (6) meses" in text


def test_show_article_prints_its_items_in_order():
    out = run("show", "coe-cets-112", "3", "--lang", "es")
    assert out.output.index("Art. 3(1)(a)") < out.output.index("Art. 3(1)(f)") < out.output.index("Art. 3(2)")
    assert "translation; authentic: en, fr" in out.output


def test_show_item():
    out = run("show", "coe-cets-112", "3", "1", "c")
    assert "at least six months" in " ".join(out.output.split())


def test_show_unknown_provision_says_what_exists():
    out = run("show", "mx-pe-2002", "III", "11")
    assert out.exit_code == 2 and "Art. III has:" in out.output


def test_instruments_lists_titles_and_dates():
    out = run("instruments")
    assert out.exit_code == 0
    for ident in ("coe-cets-112", "mx-pe-2002", "mx-sv-1993"):
        assert ident in out.output
    assert "2004-01-04" in out.output and "1995-02-13" in out.output


@pytest.mark.parametrize("command", [[], ["check"], ["show"], ["instruments"]])
def test_help_everywhere_with_examples(command):
    out = run(*command, "--help")
    assert out.exit_code == 0 and "Example" in out.output


def test_instruments_that_apply_come_before_those_that_do_not():
    # The one that binds, then those that may (CETS 112: Peru's non-party date has lapsed), then the rest.
    out = run("check", str(EXAMPLES / "mx-pe-blocked-six-months.yaml")).output
    assert (
        out.index("(mx-pe-2002): BLOCKED")
        < out.index("(coe-cets-112): UNDETERMINED, if it applies")
        < out.index("(coe-ets-167): NOT APPLICABLE")
    )


def test_benchmark_script_prints_its_figures():
    import subprocess
    import sys

    script = EXAMPLES.parent / "benchmarks" / "run.py"
    out = subprocess.run(
        [sys.executable, str(script), "--cases", "5", "--starts", "1", "--sizes", "20"],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = ("(a) cold", "check", "(b) in process", "(c) batch screening      20 cases", "(c) batch full")
    for figure in (*figures, "(d) plain Python", "(e) xclingo"):
        assert figure in out.stdout, figure
    assert out.stdout.count("20 records") >= 2  # screening and full (one worker, and all cores if more)


def test_set_changes_a_fact_without_editing_the_file():
    path = str(EXAMPLES / "mx-pe-blocked-six-months.yaml")
    out = run("check", path, "-i", "mx-pe-2002", "--set", "sentence.end_date=2026-09-02", "--format", "json")
    assert json.loads(out.output)["results"][0]["decision"] == "eligible"
    out = run("check", path, "-i", "mx-pe-2002", "--set", "offence.political=true", "--format", "json")
    failed = {c["eid"] for c in json.loads(out.output)["results"][0]["failed"]}
    assert failed == {"art_III__para_2", "art_III__para_9"}


def test_set_null_makes_a_fact_unknown():
    path = str(EXAMPLES / "mx-pe-eligible.yaml")
    out = run("check", path, "-i", "mx-pe-2002", "--set", "sentence.final=null", "--format", "json")
    assert json.loads(out.output)["results"][0]["missing_facts"] == ["sentence.final"]


def test_set_is_validated_like_the_file():
    path = str(EXAMPLES / "mx-pe-eligible.yaml")
    out = run("check", path, "--set", "offence.politcal=true")
    assert out.exit_code == 2 and 'did you mean "political"' in out.output
    out = run("check", path, "--set", "offence.political")
    assert out.exit_code == 2 and "expected PATH=VALUE" in out.output


def test_set_remaining_months_replaces_the_end_date_in_the_file():
    path = str(EXAMPLES / "mx-pe-eligible.yaml")  # gives sentence.end_date
    for months, decision in ((5, "blocked"), (6, "blocked"), (7, "eligible")):  # Art. III(2): more than six
        out = run("check", path, "-i", "mx-pe-2002", "--set", f"sentence.remaining_months={months}", "--format", "json")
        assert out.exit_code in (0, 1), out.output
        assert json.loads(out.output)["results"][0]["decision"] == decision, months
    both = run("check", path, "--set", "sentence.remaining_months=5", "--set", "sentence.end_date=2027-01-01")
    assert both.exit_code == 2 and "not both" in both.output
