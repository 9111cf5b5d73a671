"""Property-based tests (hypothesis) over the case reader and the command line: whatever the input,
a result or a clear error naming the file with exit 2, never a traceback.

Derandomized (a fixed seed, the same examples on every run) and bounded, so that CI runs the same
few hundred inputs in seconds.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from traslado.case import CaseError, load_case_file, parse_text
from traslado.case.schema import BY_PATH
from traslado.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FIELD_NAMES = sorted({part for path in BY_PATH for part in path.split(".")})

BOUNDED = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text that includes what breaks readers: controls, escapes, NUL, YAML indicators, odd Unicode.
NASTY = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list(":-[]{}&*!|>'\"%@`#,?\n\t\x00\x1b\x9b\u202e\ufeff")),
    ),
    max_size=40,
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    NASTY,
    st.sampled_from(["yes", "no", "NO", "on", "007", "2026-02-29", "2026-13-01", "0000-01-01", "2026-03-01", "MX"]),
    st.dates().map(lambda d: d.isoformat()),
)
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), NASTY)
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=20,
)


def check_file(name: str, content: str | bytes, *args: str) -> None:
    """`traslado check` on a file holding `content`: exit 0, or exit 2 naming the file; never a traceback."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        out = CliRunner().invoke(main, ["check", str(path), *args])
    assert out.exception is None or isinstance(out.exception, SystemExit), repr(out.exception)
    assert out.exit_code in (0, 2), out.output
    assert "Traceback" not in out.output
    if out.exit_code == 2:
        assert name in out.output, out.output


def _json(data: object) -> str | None:
    try:
        return json.dumps(data, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):
        return None


@BOUNDED
@given(STRUCTURES)
def test_any_structure_as_yaml_is_a_result_or_a_clear_error(data):
    check_file("random.yaml", yaml.safe_dump(data, allow_unicode=True))


@BOUNDED
@given(STRUCTURES)
def test_any_structure_as_json_is_a_result_or_a_clear_error(data):
    text = _json(data)
    if text is not None:
        check_file("random.json", text)


@BOUNDED
@given(st.sampled_from(EXAMPLES), st.data())
def test_a_mutated_example_is_a_result_or_a_clear_error(example, data):
    text = example.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    mutation = data.draw(st.sampled_from(["insert", "delete", "duplicate", "replace"]))
    at = data.draw(st.integers(min_value=0, max_value=len(text)))
    if mutation == "insert":
        text = text[:at] + data.draw(NASTY) + text[at:]
    elif mutation == "delete":
        text = text[:at] + text[at + data.draw(st.integers(min_value=1, max_value=30)) :]
    elif mutation == "duplicate":
        line = data.draw(st.sampled_from(lines))
        text = text[:at] + line + text[at:]
    else:
        line = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
        key = lines[line].split(":")[0]
        lines[line] = f"{key}: {data.draw(SCALARS.map(lambda v: json.dumps(v) if _json(v) else 'x'))}\n"
        text = "".join(lines)
    check_file("mutated.yaml", text)


@BOUNDED
@given(st.binary(max_size=200))
def test_any_bytes_are_a_result_or_a_clear_error(content):
    check_file("bytes.yaml", content)
    check_file("bytes.json", content)


@BOUNDED
@given(st.sampled_from(sorted(BY_PATH)), NASTY)
def test_any_set_is_a_result_or_a_clear_error(path, value):
    if "\x00" in value:  # an argument cannot hold NUL (the operating system refuses it)
        return
    check_file("case.yaml", EXAMPLES[0].read_text(encoding="utf-8"), "--set", f"{path}={value}")


@BOUNDED
@given(NASTY)
def test_the_reader_raises_only_case_errors_naming_the_source(text):
    for json_only in (False, True):
        try:
            parse_text(text, "the-source", json_only=json_only)
        except CaseError as error:
            assert str(error).startswith("the-source")


@settings(BOUNDED, max_examples=15)
@given(st.lists(STRUCTURES, min_size=1, max_size=8))
def test_a_batch_of_random_records_has_one_record_each(records):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        lines = [(_json(r) or "{").replace("\n", " ") for r in records]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        out = CliRunner().invoke(main, ["batch", str(path), "-q"])
    assert out.exception is None or isinstance(out.exception, SystemExit), repr(out.exception)
    assert out.exit_code in (0, 1) and "Traceback" not in out.output
    assert len(out.stdout.splitlines()) == 1 + len(records)  # the header (the run's receipt), then one each


def test_load_case_file_names_the_file_for_a_directory(tmp_path):
    try:
        load_case_file(tmp_path)
    except CaseError as error:
        assert str(tmp_path) in str(error)
    else:
        raise AssertionError("a folder was read as a case")
