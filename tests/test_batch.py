"""Batch screening: one record per case in input order, bad cases rejected with their fields, the
others untouched; JSONL, CSV and folders; several workers give the same records as one."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import baseline, with_
from traslado.cli.main import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


def records(text):
    """The case records, after the one header record that carries the run's receipt (and, for
    screening records, the table of citations and labels they refer to)."""
    header, *rest = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert header["header"] is True and "receipt" in header
    assert all("header" not in r for r in rest)
    return rest


@pytest.fixture
def mixed(tmp_path):
    good = [with_(baseline("mx-pe-2002"), id=f"case-{n}") for n in range(5)]
    rows = [
        good[0],
        good[1],
        {"sentence": {"end_dte": "2027-01-01"}, "id": "typo"},
        "{broken json",
        good[2],
        {"person": {"nationalities": "PE"}},
        good[3],
        good[4],
    ]
    return write_jsonl(tmp_path / "in.jsonl", rows)


def test_one_record_per_case_in_order_and_bad_cases_do_not_stop_the_others(mixed, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["batch", str(mixed), "-o", str(out), "-q"])
    assert result.exit_code == 1  # some cases were rejected
    got = records(out.read_text())
    assert [r["index"] for r in got] == list(range(8))
    assert [r["case"] for r in got] == ["case-0", "case-1", "typo", "line-4", "case-2", "line-6", "case-3", "case-4"]
    assert got[2]["error"]["problems"][0]["field"] == "sentence.end_dte"
    assert "did you mean" in got[2]["error"]["problems"][0]["message"]
    assert "not valid JSON" in got[3]["error"]["problems"][0]["message"]
    assert got[5]["error"]["problems"][0]["field"] == "person.nationalities"
    decided = next(r for r in got[0]["results"] if r["instrument"] == "mx-pe-2002")
    assert decided["decision"] == "eligible"


def test_records_are_the_check_json(mixed, tmp_path):
    out = tmp_path / "out.jsonl"
    CliRunner().invoke(main, ["batch", str(mixed), "-o", str(out), "-q", "--full"])
    first = records(out.read_text())[0]
    single = tmp_path / "one.json"
    single.write_text(json.dumps(with_(baseline("mx-pe-2002"), id="case-0")))
    checked = json.loads(CliRunner().invoke(main, ["check", str(single), "--format", "json"]).output)
    assert first["results"] == checked["results"]


def test_two_workers_give_the_same_records(mixed, tmp_path):
    one, two = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    CliRunner().invoke(main, ["batch", str(mixed), "-o", str(one), "-q"])
    CliRunner().invoke(main, ["batch", str(mixed), "-o", str(two), "-q", "--workers", "2"])
    assert records(one.read_text()) == records(two.read_text())


def test_csv_input_with_dotted_columns_and_csv_output(tmp_path):
    source = tmp_path / "in.csv"
    with source.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "id",
                "request_date",
                "sentencing_state",
                "administering_state",
                "person.nationalities",
                "sentence.end_date",
                "sentence.final",
                "consent.person",
            ]
        )
        writer.writerow(["a", "2026-03-01", "MX", "PE", "PE", "2026-09-01", "true", "true"])
        writer.writerow(["b", "2026-03-01", "MX", "PE", "PE;MX", "2028-01-01", "maybe", ""])
    out = CliRunner().invoke(main, ["batch", str(source), "--format", "csv", "-i", "mx-pe-2002", "-q"])
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert rows[0]["case"] == "a" and rows[0]["decision"] == "blocked" and "art_III__para_2" in rows[0]["failed"]
    assert rows[1]["decision"] == "rejected" and "sentence.final" in rows[1]["error"]


def test_a_folder_of_case_files(tmp_path):
    out = CliRunner().invoke(main, ["batch", str(EXAMPLES), "-q", "-i", "mx-pe-2002"])
    got = records(out.output)
    assert out.exit_code == 0
    assert [r["case"] for r in got] == sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


def test_summary_counts_and_blocking_articles(mixed, tmp_path):
    summary = tmp_path / "summary.json"
    CliRunner().invoke(main, ["batch", str(mixed), "-o", str(tmp_path / "o.jsonl"), "-q", "--summary", str(summary)])
    data = json.loads(summary.read_text())
    assert (data["cases"], data["evaluated"], data["rejected"]) == (8, 5, 3)
    assert data["by_instrument"]["mx-pe-2002"] == {"eligible": 5}


def test_all_good_exits_0_and_missing_input_exits_2(tmp_path):
    good = write_jsonl(tmp_path / "good.jsonl", [baseline("coe-cets-112")])
    assert CliRunner().invoke(main, ["batch", str(good), "-q"]).exit_code == 0
    assert CliRunner().invoke(main, ["batch", str(tmp_path / "none.jsonl")]).exit_code == 2


def test_a_batch_with_a_reading_gives_the_records_of_check_with_that_reading(tmp_path):
    """reading(Id, Alt) reaches the batch program with the KB's facts (BatchSolver.static): under
    lnep_firme=final_judgment an appeal pending blocks LNEP Art. 54(III), in `check` and in the batch."""
    case = EXAMPLES / "lnep-appeal-available.yaml"
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / case.name).write_bytes(case.read_bytes())
    reading = ["--reading", "lnep_firme=final_judgment"]
    checked = CliRunner().invoke(main, ["check", str(case), "--format", "json", *reading])
    expected = json.loads(checked.output)
    full, screening = tmp_path / "full.jsonl", tmp_path / "screening.jsonl"
    assert CliRunner().invoke(main, ["batch", str(folder), "-o", str(full), "-q", "--full", *reading]).exit_code == 0
    assert CliRunner().invoke(main, ["batch", str(folder), "-o", str(screening), "-q", *reading]).exit_code == 0
    (record,) = records(full.read_text())
    assert record["results"] == expected["results"]
    (small,) = records(screening.read_text())
    decisions = {r["instrument"]: r["decision"] for r in small["results"]}
    assert decisions == {r["instrument"]: r["decision"] for r in expected["results"]}
    assert decisions["mx-lnep-54"] == "blocked"
    lnep = next(r for r in small["results"] if r["instrument"] == "mx-lnep-54")
    assert "mx-lnep-54#art_54__point_III" in lnep["failed"]
    # Without the reading, the same case is not blocked by Art. 54(III): the reading is what decides.
    default = tmp_path / "default.jsonl"
    CliRunner().invoke(main, ["batch", str(folder), "-o", str(default), "-q"])
    (plain,) = records(default.read_text())
    plain_lnep = next(r for r in plain["results"] if r["instrument"] == "mx-lnep-54")
    assert "mx-lnep-54#art_54__point_III" not in plain_lnep["failed"]
