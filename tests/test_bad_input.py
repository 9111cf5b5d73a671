"""Hostile and broken input (issue 10): each is a clear error naming the file and the field, exit 2,
never a traceback, never a silent change, and in a batch never the loss of the other cases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from traslado.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
GOOD = (ROOT / "examples" / "mx-pe-eligible.yaml").read_text(encoding="utf-8")
CASE = """\
id: hostile
request_date: 2026-03-01
sentencing_state: MX
administering_state: PE
person: {nationalities: [PE], resident_in_sentencing_state: false, minor: false, incapable: false}
sentence: {kind: imprisonment, indeterminate: false, end_date: 2028-09-01, final: true}
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def refused(out, *words: str) -> str:
    """Exit 2, no traceback, and every word (the file, the field, the reason) in the message."""
    assert out.exit_code == 2, out.output
    assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
    assert "Traceback" not in out.output
    for word in words:
        assert word in out.output, (word, out.output)
    return out.output


def batch_records(out) -> list[dict]:
    """The records of a JSON Lines batch output, after its header (the run's receipt)."""
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert lines[0].get("header") is True
    return lines[1:]


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# Duplicate keys: the last one used to win (a second consent: block turned blocked into undetermined).


def test_a_duplicate_yaml_key_names_both_lines(tmp_path):
    path = write(tmp_path, "dup.yaml", CASE + "consent: {person: false}\nconsent: {person: true}\n")
    refused(run("check", path), "dup.yaml", 'duplicate key "consent"', "first on line 7", "again on line 8")


def test_a_duplicate_key_inside_a_section_names_both_lines(tmp_path):
    path = write(tmp_path, "dup.yaml", CASE + "consent:\n  person: false\n  in_writing: true\n  person: true\n")
    refused(run("check", path), "dup.yaml", 'duplicate key "person"', "first on line 8", "again on line 10")


def test_a_duplicate_json_key_names_both_lines(tmp_path):
    text = '{\n  "id": "x",\n  "consent": {\n    "person": false,\n    "person": true\n  }\n}\n'
    path = write(tmp_path, "dup.json", text)
    refused(run("check", path), "dup.json", 'duplicate key "person"', "first on line 4", "again on line 5")


def test_equal_keys_in_different_sections_are_not_duplicates(tmp_path):
    text = json.dumps({"consent": {"person": True}, "person": {"minor": False}}, indent=1)
    assert run("check", write(tmp_path, "ok.json", text)).exit_code == 0


def test_merge_keys_are_refused_rather_than_silently_overridden(tmp_path):
    text = CASE + "base: &b {person: false}\nconsent:\n  <<: *b\n  person: true\n"
    refused(run("check", write(tmp_path, "merge.yaml", text)), "merge.yaml", "merge keys")


# YAML 1.1 scalars: NO is Norway, yes/on are text, 007 keeps its zeros.


def test_no_stays_the_state_code_of_norway(tmp_path):
    path = write(tmp_path, "no.yaml", CASE.replace("administering_state: PE", "administering_state: NO"))
    out = run("check", path, "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["case"] == "hostile"
    assert not any("administering_state" in r["missing_facts"] for r in data["results"])


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "Yes", "NO"])
def test_yaml_11_booleans_are_refused_for_true_false_facts(tmp_path, word):
    path = write(tmp_path, "yes.yaml", CASE + f"consent: {{person: {word}}}\n")
    refused(run("check", path), "yes.yaml", "consent.person", f'"{word}"', "write true or false")


def test_yes_in_a_set_is_refused_and_said_to_come_from_the_set(tmp_path):
    path = write(tmp_path, "case.yaml", CASE)
    refused(
        run("check", path, "--set", "person.minor=yes"), "case.yaml", "person.minor", "write true or false", "--set"
    )


def test_an_id_with_leading_zeros_keeps_them(tmp_path):
    out = run("check", write(tmp_path, "z.yaml", CASE.replace("id: hostile", "id: 007")), "--format", "json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["case"] == "007"


def test_a_month_count_with_leading_zeros_is_not_read_as_octal(tmp_path):
    text = CASE.replace("end_date: 2028-09-01", "remaining_months: 010")
    refused(run("check", write(tmp_path, "m.yaml", text)), "m.yaml", "sentence.remaining_months", '"010"')


# Dates: YYYY-MM-DD, and only days the calendar has.


@pytest.mark.parametrize(
    "value, reason",
    [
        ("2026-02-29", "2026-02 has 28 days"),
        ("2026-13-01", "no month 13"),
        ("0000-01-01", "no year 0"),
        ("2026-01-32", "2026-01 has 31 days"),
        ("2026-00-10", "no month 0"),
        ("2026-1-5", "YYYY-MM-DD"),
        ("20260301", "YYYY-MM-DD"),
        ("2026-03-01T10:00:00", "YYYY-MM-DD"),
        ("2026-03-01 10:00", "YYYY-MM-DD"),
        ("\u0662\u0660\u0662\u0666-03-01", "YYYY-MM-DD"),  # Arabic-Indic digits: ASCII only
    ],
)
def test_an_impossible_or_loose_date_is_refused_in_the_file_and_in_set(tmp_path, value, reason):
    path = write(tmp_path, "date.yaml", CASE.replace("request_date: 2026-03-01", f"request_date: {value}"))
    refused(run("check", path), "date.yaml", "request_date", reason)
    good = write(tmp_path, "good.yaml", CASE)
    refused(run("check", good, "--set", f"request_date={value}"), "good.yaml", "request_date", reason, "--set")


def test_a_date_at_the_calendars_edge_is_refused_before_month_arithmetic_overflows(tmp_path):
    text = CASE.replace("2026-03-01", "9999-12-01").replace("2028-09-01", "9999-12-31")
    refused(run("check", write(tmp_path, "edge.yaml", text)), "edge.yaml", "request_date", "years 1000 to 8999")


@pytest.mark.parametrize("command", [["check"], ["whatif"], ["routes"], ["interview", "--next"]])
def test_the_last_year_counted_in_is_decided(tmp_path, command):
    text = CASE.replace("2026-03-01", "8999-12-01").replace("2028-09-01", "8999-12-31")
    out = run(command[0], write(tmp_path, "edge.yaml", text), *command[1:])
    assert out.exit_code == 0, out.output


def test_a_leap_day_in_a_leap_year_is_a_date(tmp_path):
    path = write(tmp_path, "leap.yaml", CASE.replace("request_date: 2026-03-01", "request_date: 2028-02-29"))
    assert run("check", path).exit_code == 0


def test_an_explicit_timestamp_tag_does_not_escape_the_date_check(tmp_path):
    text = CASE.replace("request_date: 2026-03-01", "request_date: !!timestamp 2026-13-01")
    refused(run("check", write(tmp_path, "tag.yaml", text)), "tag.yaml", "request_date", "no month 13")


def test_an_end_date_before_the_request_date_names_both(tmp_path):
    path = write(tmp_path, "past.yaml", CASE.replace("end_date: 2028-09-01", "end_date: 2025-09-01"))
    refused(run("check", path), "past.yaml", "sentence.end_date", "before request_date", "2026-03-01")


def test_a_request_received_before_it_was_made_names_both_dates(tmp_path):
    text = CASE + "request: {made_date: 2026-03-05, received_date: 2026-03-01}\n"
    refused(run("check", write(tmp_path, "r.yaml", text)), "r.yaml", "request.received_date", "request.made_date")


def test_an_end_date_on_the_request_date_is_no_time_left_not_an_error(tmp_path):
    path = write(tmp_path, "today.yaml", CASE.replace("end_date: 2028-09-01", "end_date: 2026-03-01"))
    assert run("check", path).exit_code == 0


# Limits: each refused at once.


def test_an_alias_bomb_is_refused_in_milliseconds(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    start = time.perf_counter()
    out = run("check", path)
    assert time.perf_counter() - start < 2
    refused(out, "bomb.yaml", "aliases counted as what they expand to")


def test_a_recursive_alias_is_refused(tmp_path):
    refused(run("check", write(tmp_path, "loop.yaml", "id: &a [*a]\n")), "loop.yaml", "refused")


@pytest.mark.parametrize(
    "name, text, reason",
    [
        ("deep.yaml", "id: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than"),
        ("deep.json", '{"id": ' + "[" * 100000 + "]" * 100000 + "}", "nested more than"),
        ("int.yaml", "sentence: {remaining_months: " + "9" * 5000 + "}\n", "more than 15 digits"),
        ("int.json", '{"sentence": {"remaining_months": ' + "9" * 5000 + "}}", "more than 15 digits"),
        ("inf.yaml", "sentence: {remaining_months: .inf}\n", "not a finite number"),
        ("nan.yaml", "sentence: {remaining_months: .nan}\n", "not a finite number"),
        ("big.yaml", "sentence: {remaining_months: 1e999}\n", "not a finite number"),
        ("nan.json", '{"sentence": {"remaining_months": NaN}}', "NaN is not a finite number"),
        ("inf.json", '{"sentence": {"remaining_months": -Infinity}}', "not a finite number"),
        ("big.json", '{"sentence": {"remaining_months": 1e999}}', "too large a number"),
        ("long.yaml", "id: " + "x" * 20000 + "\n", "longer than 10000 characters"),
        ("long.json", json.dumps({"id": "x" * 20000}), "longer than 10000 characters"),
        ("huge.yaml", "#" * (2 << 20) + "\n", "larger than 1024 KiB"),
    ],
)
def test_each_limit_is_refused_with_its_reason(tmp_path, name, text, reason):
    refused(run("check", write(tmp_path, name, text)), name, reason)


def test_a_huge_month_count_within_the_digit_limit_is_refused_by_the_field(tmp_path):
    text = CASE.replace("end_date: 2028-09-01", "remaining_months: 999999999999")
    refused(run("check", write(tmp_path, "m.yaml", text)), "m.yaml", "sentence.remaining_months", "below")


def test_a_fifo_named_yaml_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "traslado", "check", str(fifo)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "case.yaml" in done.stderr and "FIFO" in done.stderr


def test_a_device_named_yaml_is_refused(tmp_path):
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    refused(run("check", str(tmp_path / "zero.yaml")), "zero.yaml", "device")


def test_a_folder_named_yaml_is_refused(tmp_path):
    (tmp_path / "dir.yaml").mkdir()
    out = run("check", str(tmp_path / "dir.yaml"))
    assert out.exit_code == 2 and "Traceback" not in out.output


def test_a_file_that_is_not_utf8_names_the_byte(tmp_path):
    (tmp_path / "latin.yaml").write_bytes(b"id: caf\xe9\n")
    refused(run("check", str(tmp_path / "latin.yaml")), "latin.yaml", "not UTF-8", "byte 7")


# NUL and terminal escape sequences.


def test_a_nul_in_a_field_is_refused(tmp_path):
    path = write(tmp_path, "nul.json", json.dumps({"id": "a\x00b", "sentencing_state": "MX"}))
    refused(run("check", path), "nul.json", "id", "NUL")


def test_a_nul_in_a_test_files_case_file_is_refused(tmp_path):
    path = write(tmp_path, "t.yaml", 'case_file: "a\\0b.yaml"\nexpected: {mx-pe-2002: {decision: blocked}}\n')
    refused(run("test", path), "t.yaml", "case_file", "NUL")


ESCAPE_ID = 'id: "\\e[31mRED\\e]0;title\\a\\u009b2J"\n'


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_escape_sequences_in_the_id_never_reach_text_output_raw(tmp_path, fmt):
    path = write(tmp_path, "esc.yaml", CASE.replace("id: hostile\n", ESCAPE_ID))
    out = run("check", path, "--format", fmt)
    assert out.exit_code == 0, out.output
    assert "\x1b" not in out.output and "\x07" not in out.output and "\x9b" not in out.output
    assert "\\x1b[31mRED" in out.output


def test_escape_sequences_stay_escaped_in_json(tmp_path):
    path = write(tmp_path, "esc.yaml", CASE.replace("id: hostile\n", ESCAPE_ID))
    out = run("check", path, "--format", "json")
    assert "\x1b" not in out.output and "\x9b" not in out.output
    assert "\\u001b[31mRED" in out.output and "\\u009b" in out.output
    assert json.loads(out.output)["case"] == "\x1b[31mRED\x1b]0;title\x07\x9b2J"


def test_escape_sequences_in_an_unknown_key_or_value_never_reach_the_terminal_raw(tmp_path):
    text = CASE + '"\\e[2Jkey": 1\nconsent: {person: "\\e[31myes"}\n'
    output = refused(run("check", write(tmp_path, "esc.yaml", text)), "esc.yaml", "\\x1b[2Jkey", "consent.person")
    assert "\x1b" not in output


def test_escape_sequences_in_a_file_name_are_shown_escaped(tmp_path):
    path = write(tmp_path, "\x1b[31mbad.yaml", "sentence: {final: maybe}\n")
    output = refused(run("check", path), "\\x1b[31mbad.yaml", "sentence.final")
    assert "\x1b" not in output


def test_escape_sequences_in_whatif_routes_and_interview_text_are_escaped(tmp_path):
    path = write(tmp_path, "esc.yaml", CASE.replace("id: hostile\n", ESCAPE_ID))
    for args in (["whatif", path], ["routes", path], ["interview", path, "--next"]):
        out = run(*args)
        assert out.exit_code == 0, (args, out.output)
        assert "\x1b" not in out.output and "\x9b" not in out.output, args


# Every command that reads a case refuses the same way; a batch keeps the other cases.

DUPLICATE = CASE + "consent: {person: false}\nconsent: {person: true}\n"


@pytest.mark.parametrize(
    "command", [["check"], ["whatif"], ["routes"], ["interview", "--next"], ["check", "--set", "prior_refusal=false"]]
)
def test_every_case_command_refuses_a_duplicate_key(tmp_path, command):
    path = write(tmp_path, "dup.yaml", DUPLICATE)
    refused(run(command[0], path, *command[1:]), "dup.yaml", "duplicate key", "line 7", "line 8")


def test_traslado_test_refuses_a_duplicate_key_in_its_case_file_and_runs_the_others(tmp_path):
    write(tmp_path, "dup.yaml", DUPLICATE)
    write(tmp_path, "a.yaml", "case_file: dup.yaml\nexpected: {mx-pe-2002: {decision: eligible}}\n")
    write(tmp_path, "b.yaml", "case: {sentencing_state: MX}\nexpected: {mx-pe-2002: {decision: undetermined}}\n")
    output = refused(run("test", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")), "dup.yaml", "duplicate key")
    assert "1 passed" in output


def test_traslado_test_refuses_a_duplicate_key_in_the_test_file(tmp_path):
    text = "case: {sentencing_state: MX}\nexpected: {mx-pe-2002: {decision: blocked}}\nexpected: {}\n"
    refused(run("test", write(tmp_path, "t.yaml", text)), "t.yaml", 'duplicate key "expected"', "line 2", "line 3")


def test_a_batch_folder_keeps_the_good_cases_beside_the_hostile_ones(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "a-good.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "b-dup.yaml").write_text(DUPLICATE, encoding="utf-8")
    (folder / "c-date.yaml").write_text(CASE.replace("2026-03-01", "2026-02-30"), encoding="utf-8")
    os.mkfifo(folder / "d-fifo.yaml")
    (folder / "e-zero.yaml").symlink_to("/dev/zero")
    (folder / "f-good.json").write_text(json.dumps({"sentencing_state": "MX"}), encoding="utf-8")
    out = run("batch", str(folder), "-q")
    assert out.exit_code == 1 and "Traceback" not in out.output
    records = batch_records(out)
    assert [("error" in r) for r in records] == [False, True, True, True, True, False]
    assert "duplicate key" in records[1]["error"]["problems"][0]["message"]
    assert records[2]["error"]["problems"][0]["field"] == "request_date"
    assert "FIFO" in records[3]["error"]["problems"][0]["message"]


def test_a_batch_of_json_lines_keeps_the_good_lines(tmp_path):
    good = json.dumps({"id": "good", "sentencing_state": "MX", "administering_state": "PE"})
    lines = [good, '{"id": "a", "id": "b"}', '{"id": NaN}', '{"id": "' + "x" * (2 << 20) + '"}', good]
    path = write(tmp_path, "in.jsonl", "\n".join(lines) + "\n")
    out = run("batch", path, "-q")
    assert out.exit_code == 1 and "Traceback" not in out.output
    records = batch_records(out)
    assert [r.get("case") for r in records] == ["good", "line-2", "line-3", "line-4", "good"]
    assert [("error" in r) for r in records] == [False, True, True, True, False]
    assert "duplicate key" in records[1]["error"]["problems"][0]["message"]
    assert "longer than 1024 KiB" in records[3]["error"]["problems"][0]["message"]


def test_a_batch_csv_row_the_csv_module_cannot_read_is_one_error_record(tmp_path):
    rows = ["id,sentencing_state", "a,MX", 'b,"' + "x" * 200_000 + '"', "c,PE"]
    out = run("batch", write(tmp_path, "in.csv", "\n".join(rows) + "\n"), "-q", "--format", "csv")
    assert out.exit_code == 1 and "Traceback" not in out.output
    assert "not a readable CSV row" in out.stdout
    assert "\n0,a," in out.stdout and ",c," in out.stdout


def test_a_fifo_as_batch_input_is_refused():
    fifo_dir = Path(os.environ.get("TMPDIR", "/tmp"))
    fifo = fifo_dir / f"traslado-batch-{os.getpid()}.jsonl"
    os.mkfifo(fifo)
    try:
        refused(run("batch", str(fifo), "-q"), fifo.name, "not a regular file")
    finally:
        fifo.unlink()


# Output paths: a clear error, exit 2, nothing half-written.

CASE_FILE = str(ROOT / "examples" / "mx-pe-eligible.yaml")


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-o"],
        ["compare", "-o"],
        ["check", CASE_FILE, "--format", "html", "-o"],
        ["check", CASE_FILE, "-o"],
        ["schema", "-o"],
        ["batch", str(ROOT / "examples"), "-q", "-o"],
        ["batch", str(ROOT / "examples"), "-q", "--summary"],
        ["interview", CASE_FILE, "-o"],
    ],
)
def test_an_output_in_a_missing_folder_says_so(tmp_path, args):
    target = tmp_path / "missing" / "out.txt"
    refused(run(*args, str(target)), str(target), "does not exist")
    assert not (tmp_path / "missing").exists()


def test_an_output_that_is_a_device_is_refused(tmp_path):
    refused(run("export", "-o", "/dev/full"), "/dev/full", "not a regular file")


def test_a_full_disk_leaves_no_half_written_file(tmp_path):
    """A file-size limit stands in for a full disk: the write fails midway with EFBIG."""
    target = tmp_path / "graph.ttl"
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "from traslado.cli.main import main\n"
        f"sys.argv = ['traslado', 'export', '-o', {str(target)!r}]\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "graph.ttl: cannot be written" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_output_replaces_an_old_file_only_once_complete(tmp_path):
    target = tmp_path / "schema.json"
    target.write_text("old", encoding="utf-8")
    assert run("schema", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "Traslado case"
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]


# Unknown instrument ids, wherever one is given.


@pytest.mark.parametrize(
    "args",
    [
        ["coverage", "-i", "nosuch"],
        ["batch", str(ROOT / "examples"), "-q", "-i", "nosuch"],
        ["check", CASE_FILE, "-i", "nosuch"],
        ["whatif", CASE_FILE, "-i", "nosuch"],
        ["routes", CASE_FILE, "-i", "nosuch"],
        ["interview", CASE_FILE, "--next", "-i", "nosuch"],
        ["compare", "nosuch"],
        ["rules", "-i", "nosuch"],
    ],
)
def test_an_unknown_instrument_lists_the_valid_ids(args):
    refused(run(*args), "unknown instrument nosuch", "mx-pe-2002", "coe-cets-112")


def test_a_file_name_that_is_not_utf8_is_shown_escaped_and_written_in_every_format(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    name = os.fsdecode(b"bad\xfe.yaml")
    (folder / name).write_text("sentence: {final: maybe}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "traslado", "check", str(folder / name)], capture_output=True, timeout=120
    )
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert b"bad\\udcfe.yaml" in done.stderr and b"sentence.final" in done.stderr
    out = run("batch", str(folder), "-q", "--format", "csv", "-o", str(tmp_path / "out.csv"))
    assert out.exit_code == 1, out.output
    assert "bad\\udcfe,,rejected" in (tmp_path / "out.csv").read_text(encoding="utf-8")


def test_a_lone_surrogate_escape_in_a_string_is_refused(tmp_path):
    refused(run("check", write(tmp_path, "s.yaml", 'id: "\\ud800"\n')), "s.yaml", "lone surrogate")
    refused(run("check", write(tmp_path, "s.json", '{"id": "\\ud800"}')), "s.json", "lone surrogate")


def test_an_interview_answer_with_escape_sequences_is_echoed_escaped(tmp_path):
    path = write(tmp_path, "case.yaml", CASE.replace("id: hostile", "id: 007"))
    out = CliRunner().invoke(main, ["interview", path, "-o", str(tmp_path / "out.yaml")], input="\x1b[31mred\n" * 40)
    assert out.exit_code == 0, out.output
    assert "\x1b" not in out.output and "\\x1b[31mred" in out.output
    written = run("check", str(tmp_path / "out.yaml"), "--format", "json")
    assert json.loads(written.output)["case"] == "007"  # the case written keeps the id's zeros


def test_a_test_files_set_with_an_impossible_date_names_the_test_file_and_its_set(tmp_path):
    write(tmp_path, "case.yaml", CASE)
    text = "case_file: case.yaml\nset: {request_date: 2026-13-01}\nexpected: {mx-pe-2002: {decision: eligible}}\n"
    refused(run("test", write(tmp_path, "t.yaml", text)), "t.yaml", "case.yaml", "request_date", "given by set")


def test_a_batch_csv_row_longer_than_the_record_limit_is_one_error_record(tmp_path):
    rows = ["id,sentencing_state", "a,MX", "b," + ",".join(["x"] * 600_000), "c,PE"]
    out = run("batch", write(tmp_path, "in.csv", "\n".join(rows) + "\n"), "-q", "--format", "csv")
    assert out.exit_code == 1 and "Traceback" not in out.output
    (rejected,) = [line for line in out.stdout.splitlines() if line.startswith("1,")]
    assert "rejected" in rejected and "longer than 1024 KiB" in rejected
    assert "\n2,c," in out.stdout


@pytest.mark.parametrize("name, head", [("in.jsonl", None), ("in.csv", b"id,sentencing_state")])
def test_a_batch_record_that_is_not_utf8_is_one_error_record(tmp_path, name, head):
    if head is None:
        rows = [b'{"id": "a"}', b'{"id": "caf\xe9"}', b'{"id": "c"}']
    else:
        rows = [head, b"a,MX", b"caf\xe9,MX", b"c,PE"]
    (tmp_path / name).write_bytes(b"\n".join(rows) + b"\n")
    out = run("batch", str(tmp_path / name), "-q")
    assert out.exit_code == 1 and "Traceback" not in out.output
    records = batch_records(out)
    assert [("error" in r) for r in records] == [False, True, False]
    assert "not UTF-8" in records[1]["error"]["problems"][0]["message"]


def test_verify_refuses_a_fifo_and_a_result_that_is_not_json(tmp_path):
    fifo = tmp_path / "answer.json"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "traslado", "verify", str(fifo)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr and "FIFO" in done.stderr
    refused(run("verify", write(tmp_path, "bad.json", "{not json")), "bad.json", "cannot read the result")
