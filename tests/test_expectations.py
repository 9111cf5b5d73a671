"""`traslado test`: YAML tests a lawyer writes, one line per expectation not met, `N passed, M failed`,
exit 0 only when all pass. The project's own case tests run through it (test_independent_cases)."""

from pathlib import Path

from click.testing import CliRunner
from traslado.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "mx-pe-blocked-six-months.yaml").as_posix()


def run(*args):
    return CliRunner().invoke(main, list(args))


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_example_passes():
    out = run("test", str(ROOT / "examples" / "tests"))
    assert out.exit_code == 0, out.output
    assert out.output.strip().splitlines()[-1] == "3 passed, 0 failed"


def test_the_projects_case_tests_pass_through_the_command():
    out = run("test", str(ROOT / "tests" / "cases"))
    assert out.exit_code == 0, out.output
    count = len(list((ROOT / "tests" / "cases").glob("*.yaml")))
    assert out.output.strip() == f"{count} passed, 0 failed"


def test_each_failing_expectation_is_one_line_with_what_came_instead(tmp_path):
    path = write(
        tmp_path,
        "wrong.yaml",
        f"""
- name: six months are enough (they are not)
  case_file: {EXAMPLE}
  instruments: [mx-pe-2002]
  expected:
    mx-pe-2002:
      decision: eligible
      failed: []
- name: the right answer
  case_file: {EXAMPLE}
  instruments: [mx-pe-2002]
  expected:
    mx-pe-2002: {{decision: blocked, failed: ["Art. III(2)"]}}
- name: a block that is not there, and a fact the answer does not wait on
  case_file: {EXAMPLE}
  set: {{sentence.final: null}}
  instruments: [mx-pe-2002]
  expected:
    mx-pe-2002:
      decision: blocked
      failed: ["Art. III(2)", "Art. III(6)"]
      unknown: []
      missing: [consent.person]
""",
    )
    out = run("test", str(path))
    assert out.exit_code == 1
    lines = out.output.strip().splitlines()
    source = str(path)
    assert lines == [
        f"FAIL {source} [six months are enough (they are not)] mx-pe-2002: decision blocked, expected eligible",
        f"FAIL {source} [six months are enough (they are not)] mx-pe-2002: failed [Art. III(2)], expected []",
        f"FAIL {source} [a block that is not there, and a fact the answer does not wait on] mx-pe-2002: "
        "failed [Art. III(2)], expected [Art. III(2), Art. III(6)]",
        f"FAIL {source} [a block that is not there, and a fact the answer does not wait on] mx-pe-2002: "
        "unknown [Art. III(3)], expected []",
        f"FAIL {source} [a block that is not there, and a fact the answer does not wait on] mx-pe-2002: "
        "the answer does not name [consent.person] as missing; it names [sentence.final]",
        "1 passed, 2 failed",
    ]


def test_citations_are_compared_as_the_output_writes_them(tmp_path):
    path = write(
        tmp_path,
        "label.yaml",
        f"""
case_file: {EXAMPLE}
instruments: [mx-pe-2002]
expected:
  mx-pe-2002: {{decision: blocked, failed: ["III(2)"]}}
""",
    )
    out = run("test", str(path))
    assert out.exit_code == 1 and "failed [Art. III(2)], expected [III(2)]" in out.output


def test_without_instruments_every_instrument_is_evaluated_like_check(tmp_path):
    path = write(
        tmp_path,
        "all.yaml",
        f"""
case_file: {EXAMPLE}
expected:
  coe-ets-167: {{decision: not_applicable}}
  mx-pe-2002: {{decision: blocked}}
""",
    )
    out = run("test", str(path))
    assert out.exit_code == 0 and out.output.strip() == "1 passed, 0 failed"


def test_a_bad_file_is_named_with_its_field_and_the_others_still_run(tmp_path):
    good = write(tmp_path, "a-good.yaml", f"case_file: {EXAMPLE}\nexpected:\n  mx-pe-2002: {{decision: blocked}}\n")
    write(
        tmp_path,
        "b-bad.yaml",
        "case: {request_date: 2026-03-01}\nexpected:\n  mx-pe-2002: {decision: maybe}\n  xx-1: {decision: eligible}\n",
    )
    out = run("test", str(tmp_path))
    assert out.exit_code == 2
    assert "b-bad.yaml" in out.output and "expected.mx-pe-2002.decision" in out.output
    assert "expected.xx-1: unknown instrument" in out.output
    assert "1 passed, 0 failed, 1 file(s) not read" in out.output
    assert "Traceback" not in out.output
    assert good.exists()


def test_a_case_with_an_invalid_fact_is_a_bad_file(tmp_path):
    path = write(tmp_path, "c.yaml", "case: {sentence: {final: 'yes'}}\nexpected:\n  mx-pe-2002: {decision: blocked}\n")
    out = run("test", str(path))
    assert out.exit_code == 2 and "sentence.final" in out.output and "expected true or false" in out.output


def test_spanish_summary(tmp_path):
    out = run("test", str(ROOT / "examples" / "tests"), "--lang", "es")
    assert out.output.strip() == "3 superadas, 0 fallidas"
