"""A batch never loses work: found by attacking it. Each fault of issue 17 has its test."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import baseline, with_
from traslado.batch.runner import BatchError, _work, run_batch
from traslado.cli.main import main

sys.path.insert(0, str(Path(__file__).parent))
import random  # noqa: E402

from random_cases import near_eligible  # noqa: E402


def lines(path):
    return [json.loads(line) for line in Path(path).read_text().splitlines()]


def cases_file(path, n, seed=5):
    rng = random.Random(seed)
    path.write_text("".join(json.dumps(near_eligible(rng, i)) + "\n" for i in range(n)))
    return path


def test_an_output_naming_the_input_is_refused_and_the_input_untouched(tmp_path):
    source = cases_file(tmp_path / "in.jsonl", 3)
    before = source.read_bytes()
    link = tmp_path / "link.jsonl"
    link.symlink_to(source)
    for target in (source, link):
        result = CliRunner().invoke(main, ["batch", str(source), "-o", str(target), "-q"])
        assert result.exit_code == 2 and "is the input itself" in result.output
    assert source.read_bytes() == before


def test_an_unwritable_output_is_named(tmp_path):
    source = cases_file(tmp_path / "in.jsonl", 1)
    target = tmp_path / "no-such-folder" / "out.jsonl"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(target), "-q"])
    assert result.exit_code == 2 and str(target) in result.output and "Traceback" not in result.output


BAD_JSONL = [
    '{"id": "huge-float", "sentence": {"remaining_months": 1e999}}',
    '{"id": "infinity", "sentence": {"remaining_months": Infinity}}',
    '{"id": "digits", "sentence": {"remaining_months": ' + "9" * 5000 + "}}",
    '{"id": "deep", "person": ' + '{"a": ' * 1000 + "1" + "}" * 1000 + "}",
    '{"id": "leap", "request_date": "2026-02-29"}',
]


@pytest.mark.parametrize("workers", [1, 2])
def test_each_bad_case_is_its_own_error_record(tmp_path, workers):
    good = json.dumps(with_(baseline("mx-pe-2002"), id="good"))
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([good, *BAD_JSONL, good]) + "\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        main, ["batch", str(source), "-o", str(out), "-q", "--workers", str(workers), "--chunk-size", "2"]
    )
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    got = lines(out)[1:]
    assert [r["index"] for r in got] == list(range(7))
    assert ["error" in r for r in got] == [False, True, True, True, True, True, False]
    # The same strict reader as a .json case file (traslado.case.reading.parse_text) says why.
    assert "1e999 is too large a number" in got[1]["error"]["problems"][0]["message"]
    assert all(got[n]["error"]["problems"][0]["message"] for n in (2, 3, 4))
    assert got[5]["error"]["problems"][0]["field"] == "request_date"


def test_bad_csv_cells_are_error_records(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "id,request_date,sentence.remaining_months\n"
        "leap,2026-02-29,\ninf,2026-02-28,Infinity\nexp,2026-02-28,1e999\n"
        f"digits,2026-02-28,{'9' * 5000}\nok,2026-02-28,7\n"
    )
    result = CliRunner().invoke(main, ["batch", str(source), "--format", "csv", "-q"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["decision"] for r in rows[:4]] == ["rejected"] * 4
    assert rows[0]["error"].startswith("request_date") and rows[3]["error"].startswith("sentence.remaining_months")
    assert rows[4]["case"] == "ok" and rows[4]["decision"] != "rejected"


def test_a_byte_order_mark_is_accepted_in_csv_and_jsonl(tmp_path):
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_bytes(b"\xef\xbb\xbf" + json.dumps(with_(baseline("mx-pe-2002"), id="bom")).encode() + b"\n")
    got = lines_of(CliRunner().invoke(main, ["batch", str(jsonl), "-q", "--full"]).output)
    assert got[0]["header"] is True and got[0]["format"] == "traslado-batch-full"
    assert got[1]["case"] == "bom" and "error" not in got[1]
    table = tmp_path / "in.csv"
    table.write_bytes(b"\xef\xbb\xbfid,sentencing_state\nbom,MX\n")
    rows = list(csv.DictReader(io.StringIO(CliRunner().invoke(main, ["batch", str(table), "--format", "csv"]).output)))
    assert rows[0]["case"] == "bom" and rows[0]["decision"] != "rejected"


def lines_of(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_csv_output_neutralises_formulas(tmp_path):
    source = tmp_path / "in.jsonl"
    rows = [with_(baseline("mx-pe-2002"), id=name) for name in ("=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "plain")]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = CliRunner().invoke(main, ["batch", str(source), "--format", "csv", "-q", "-i", "mx-pe-2002"]).output
    cases = [r["case"] for r in csv.DictReader(io.StringIO(out))]
    assert cases == ["'=HYPERLINK(1)", "'+1", "'-1", "'@SUM(A1)", "plain"]


# A chunk evaluator that kills its own process on a marked case (as the kernel's OOM killer would).
FLAG = "TRASLADO_TEST_KILL_FLAG"


def killer(items):
    text = " ".join(item.line or "" for item in items)
    flag = Path(os.environ[FLAG])
    if "kill-always" in text or ("kill-once" in text and not flag.exists()):
        flag.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return _work(items, None, False, "jsonl")


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("marker", ["kill-once", "kill-always"])
def test_a_killed_worker_is_retried_once_then_its_cases_are_error_records(tmp_path, monkeypatch, marker, workers):
    monkeypatch.setenv(FLAG, str(tmp_path / "killed"))
    source = cases_file(tmp_path / "in.jsonl", 40)
    text = source.read_text().splitlines()
    text[17] = json.dumps(with_(baseline("mx-pe-2002"), id=marker))
    source.write_text("\n".join(text) + "\n")
    out = tmp_path / "out.jsonl"
    summary = run_batch(source, str(out), None, workers, "jsonl", True, work=killer, chunk_size=5)
    got = lines(out)[1:]
    assert [r["index"] for r in got] == list(range(40)) and summary.cases == 40
    errors = [r["index"] for r in got if "error" in r]
    if marker == "kill-once":
        assert errors == []  # retried, and decided
    else:
        assert errors == list(range(15, 20))  # the chunk that kills its process, and only it
        assert "stopped twice" in got[17]["error"]["message"]


def deaths(items):
    if any(item.line == "kill" for item in items):
        os.kill(os.getpid(), signal.SIGKILL)
    return [(item.line.encode(), ()) for item in items]


def test_a_chunk_handed_in_after_a_worker_died_is_retried_not_lost():
    # CI once saw the pool refuse a submission (BrokenProcessPool from submit) because the worker had
    # died before the next chunk was handed in; here the next chunk always comes late.
    from traslado.batch.reading import Item
    from traslado.batch.runner import _decided

    def chunks():
        yield [Item(0, "in:1", "line-1", line="kill")]
        time.sleep(1.0)
        for n in range(1, 4):
            yield [Item(n, f"in:{n + 1}", f"line-{n + 1}", line=f"case-{n}")]

    out = list(_decided(chunks(), deaths, 2))
    assert [record for chunk in out[1:] for record, _ in chunk] == [b"case-1", b"case-2", b"case-3"]
    assert b"stopped twice" in out[0][0][0]


def children(pid):
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize(
    "signum, workers", [(signal.SIGTERM, "2"), (signal.SIGINT, "2"), (signal.SIGTERM, "1")]
)  # one worker too is a process of its own (replaced after RECYCLE cases): it must not be left running
def test_a_signal_stops_cleanly_with_whole_records_and_resume_finishes_the_same_output(tmp_path, signum, workers):
    # Enough cases that the run cannot end between the 40th record and the signal on a quiet machine.
    total = 4000
    source = cases_file(tmp_path / "in.jsonl", total)
    out, reference = tmp_path / "out.jsonl", tmp_path / "ref.jsonl"
    command = [sys.executable, "-m", "traslado", "batch", str(source), "-q", "--workers", workers, "--chunk-size", "10"]
    # A terminal's Ctrl-C: SIGINT at its default in the child, whatever this test run inherited (a shell
    # running CI in the background starts its jobs with SIGINT ignored, and Python keeps it ignored).
    process = subprocess.Popen(
        [*command, "-o", str(out)],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.time() + 60
    while time.time() < deadline and (not out.exists() or out.read_text().count("\n") < 40):
        time.sleep(0.05)
    running = children(process.pid)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "--resume" in err and "Traceback" not in err
    text = out.read_text()
    assert text.endswith("\n")
    written = [json.loads(line) for line in text.splitlines()][1:]
    assert [r["index"] for r in written] == list(range(len(written))) and len(written) < total
    time.sleep(0.2)
    assert running and not [pid for pid in running if alive(pid)]
    subprocess.run([*command, "-o", str(out), "--resume"], check=True)
    subprocess.run([*command, "-o", str(reference)], check=True)
    # The same output but for the time the header's receipt was made.
    (head, *rest), (ref_head, *ref_rest) = out.read_bytes().splitlines(), reference.read_bytes().splitlines()
    assert rest == ref_rest
    timeless = lambda h: {**h, "receipt": {**h["receipt"], "evaluated_at": None}}  # noqa: E731
    assert timeless(json.loads(head)) == timeless(json.loads(ref_head))


def test_resume_refuses_an_output_with_another_header(tmp_path):
    source = cases_file(tmp_path / "in.jsonl", 3)
    out = tmp_path / "out.jsonl"
    CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "-q", "--full"])
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "-q", "--resume"])
    assert result.exit_code == 2 and "header differs" in result.output
    with pytest.raises(BatchError, match="header differs"):
        screening = tmp_path / "s.jsonl"
        CliRunner().invoke(main, ["batch", str(source), "-o", str(screening), "-q"])
        run_batch(source, str(screening), None, 1, "jsonl", True, full=True, resume=True)


def test_resume_drops_a_record_cut_in_half_and_skips_the_cases_written(tmp_path):
    source = cases_file(tmp_path / "in.jsonl", 12)
    out, reference = tmp_path / "out.jsonl", tmp_path / "ref.jsonl"
    CliRunner().invoke(main, ["batch", str(source), "-o", str(reference), "-q"])
    whole = reference.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(whole[:6]) + whole[6][:40])  # header, five records, half of the sixth
    summary = run_batch(source, str(out), None, 1, "jsonl", True, resume=True)
    assert out.read_bytes() == reference.read_bytes() and summary.cases == 12
