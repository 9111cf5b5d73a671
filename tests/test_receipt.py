"""The receipt: the same inputs give the same receipt (but for the time), a change to one KB file
changes it and names the file, and `traslado verify` says same or different and why."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from traslado.case import load_case_file
from traslado.cli.main import main
from traslado.decide.evaluate import evaluate
from traslado.decide.receipt import case_hash, receipt
from traslado.decide.verify import verify
from traslado.knowledge.readings import with_readings
from traslado.knowledge.store import load_kb
from traslado.render.json_result import case_json

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LNEP_CASE = EXAMPLES / "lnep-appeal-available.yaml"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def _timeless(stamp: dict) -> dict:
    return {k: v for k, v in stamp.items() if k != "evaluated_at"}


@pytest.fixture
def kb_copy(tmp_path, monkeypatch):
    """A copy of the KB, and a cache of its own."""
    root = tmp_path / "kb"
    shutil.copytree(load_kb().root, root, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setenv("TRASLADO_CACHE", str(tmp_path / "cache"))
    return root


def _answer(kb, case, instruments=None) -> dict:
    return case_json(evaluate(case, instruments, kb), kb, receipt(kb, case, instruments))


def test_check_json_carries_a_receipt_with_what_the_answer_rested_on():
    out = run("check", str(LNEP_CASE), "-i", "mx-lnep-54", "--format", "json")
    stamp = json.loads(out.output)["receipt"]
    assert stamp["traslado_version"] and stamp["kb"]["content_hash"].startswith("sha256:")
    assert set(stamp["kb"]["instruments"]) >= {"mx-lnep-54", "coe-cets-112"}
    assert {"common.lp", "readings.ttl", "vocab.ttl"} <= set(stamp["kb"]["files"])
    assert stamp["readings"]["lnep_firme"] == "nothing_pending" and stamp["readings_chosen"] == {}
    assert stamp["request_date"] == "2026-03-01"
    assert stamp["case_hash"] == case_hash(load_case_file(LNEP_CASE))
    assert stamp["case_source"] == str(LNEP_CASE)
    assert stamp["instruments_requested"] == ["mx-lnep-54"]
    assert stamp["evaluated_at"].endswith("Z")


def test_the_receipt_is_stable_for_the_same_inputs():
    first = json.loads(run("check", str(LNEP_CASE), "--format", "json").output)["receipt"]
    second = json.loads(run("check", str(LNEP_CASE), "--format", "json").output)["receipt"]
    assert _timeless(first) == _timeless(second)


def test_the_receipt_changes_with_the_case_and_the_readings():
    base = json.loads(run("check", str(LNEP_CASE), "--format", "json").output)["receipt"]
    moved = json.loads(run("check", str(LNEP_CASE), "--format", "json", "--set", "request_date=2026-04-01").output)
    assert moved["receipt"]["case_hash"] != base["case_hash"]
    assert moved["receipt"]["request_date"] == "2026-04-01" and moved["receipt"]["set"] == ["request_date=2026-04-01"]
    strict = json.loads(run("check", str(LNEP_CASE), "--format", "json", "--profile", "strict").output)["receipt"]
    assert strict["readings_chosen"]["lnep_firme"] == "final_judgment"
    assert strict["kb"] == base["kb"]


def test_the_receipt_changes_when_one_kb_file_changes_and_names_its_instrument(kb_copy):
    case = load_case_file(LNEP_CASE)
    before = receipt(load_kb(kb_copy), case)
    rules = kb_copy / "instruments" / "mx-lnep-54" / "rules.lp"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n% a comment\n", encoding="utf-8")
    load_kb.cache_clear()
    after = receipt(load_kb(kb_copy), case)
    assert after["kb"]["content_hash"] != before["kb"]["content_hash"]
    changed = [
        i for i in before["kb"]["instruments"] if before["kb"]["instruments"][i] != after["kb"]["instruments"][i]
    ]
    assert changed == ["mx-lnep-54"]
    assert after["kb"]["files"] == before["kb"]["files"]
    assert after["case_hash"] == before["case_hash"]


def test_verify_same(tmp_path):
    target = tmp_path / "answer.json"
    assert run("check", str(LNEP_CASE), "-i", "mx-lnep-54", "--format", "json", "-o", str(target)).exit_code == 0
    out = run("verify", str(target))
    assert out.exit_code == 0, out.output
    assert out.output.startswith("SAME")


def test_verify_reruns_with_the_receipts_readings(tmp_path):
    target = tmp_path / "answer.json"
    run("check", str(LNEP_CASE), "-i", "mx-lnep-54", "--format", "json", "--profile", "strict", "-o", str(target))
    assert json.loads(target.read_text())["results"][0]["decision"] == "blocked"
    out = run("verify", str(target), str(LNEP_CASE), "--format", "json")
    assert out.exit_code == 0 and json.loads(out.output)["same"] is True


def test_verify_different_names_the_instrument_requirement_and_file(kb_copy):
    case = load_case_file(LNEP_CASE)
    answer = _answer(load_kb(), case, ["mx-lnep-54"])
    rules = kb_copy / "instruments" / "mx-lnep-54" / "rules.lp"
    text = rules.read_text(encoding="utf-8")
    assert "min_term(lnep, 6, at_least)." in text
    rules.write_text(text.replace("min_term(lnep, 6, at_least).", "min_term(lnep, 40, at_least)."), encoding="utf-8")
    load_kb.cache_clear()
    verdict = verify(answer, case, load_kb(kb_copy))
    assert not verdict.same
    assert (
        "verify.decision_changed",
        {"instrument": "mx-lnep-54", "old": "eligible", "new": "blocked"},
    ) in verdict.answer
    assert any(
        key == "verify.requirement_changed" and v["requirement"] == "remaining_term" and v["citation"] == "Art. 54(V)"
        for key, v in verdict.answer
    )
    assert ("verify.instrument_files", {"instrument": "mx-lnep-54"}) in verdict.basis
    assert not any(key == "verify.file" for key, _ in verdict.basis)


def test_verify_a_changed_shared_file_is_named(kb_copy):
    case = load_case_file(LNEP_CASE)
    answer = _answer(load_kb(), case, ["mx-lnep-54"])
    readings = kb_copy / "readings.ttl"
    readings.write_text(readings.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    load_kb.cache_clear()
    verdict = verify(answer, case, load_kb(kb_copy))
    assert verdict.same  # the answer stands, though the KB changed
    assert verdict.basis == [("verify.file", {"file": "readings.ttl"})]


def test_verify_cli_exits_1_when_different(tmp_path, kb_copy):
    target = tmp_path / "answer.json"
    run("check", str(LNEP_CASE), "-i", "mx-lnep-54", "--format", "json", "-o", str(target))
    rules = kb_copy / "instruments" / "mx-lnep-54" / "rules.lp"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("min_term(lnep, 6,", "min_term(lnep, 40,"), encoding="utf-8"
    )
    env = {**os.environ, "TRASLADO_KB": str(kb_copy)}
    out = subprocess.run(
        [sys.executable, "-m", "traslado", "verify", str(target)], capture_output=True, text=True, env=env, check=False
    )
    assert out.returncode == 1, out.stderr
    assert out.stdout.startswith("DIFFERENT")
    assert "mx-lnep-54: decision eligible → blocked" in out.stdout
    assert "KB changed: the files of mx-lnep-54" in out.stdout


def test_verify_bad_input_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    out = run("verify", str(bad))
    assert out.exit_code == 2 and "cannot read the result" in out.output
    bad.write_text(json.dumps({"case": "x", "results": []}))
    out = run("verify", str(bad))
    assert out.exit_code == 2 and "with a receipt" in out.output


def test_batch_output_opens_with_one_receipt(tmp_path):
    target = tmp_path / "out.jsonl"
    out = run("batch", str(EXAMPLES), "-o", str(target), "-q", "--reading", "lnep_firme=final_judgment")
    assert out.exit_code == 0, out.output
    lines = [json.loads(x) for x in target.read_text().splitlines()]
    header, *records = lines
    assert header["header"] is True and header["receipt"]["readings_chosen"] == {"lnep_firme": "final_judgment"}
    assert all("receipt" not in r for r in records)
    lnep = next(r for r in records if r["case"] == "lnep-appeal-available")
    assert {r["instrument"]: r["decision"] for r in lnep["results"]}["mx-lnep-54"] == "blocked"


def test_a_kb_read_with_other_readings_shares_the_hash():
    kb = load_kb()
    other = with_readings(kb, {"lnep_firme": "final_judgment"})
    assert receipt(other)["kb"] == receipt(kb)["kb"]


def test_verify_reapplies_the_receipts_set(tmp_path):
    target = tmp_path / "answer.json"
    args = ["check", str(LNEP_CASE), "-i", "mx-lnep-54", "--format", "json", "-o", str(target)]
    assert run(*args, "--set", "sentence.end_date=2026-06-01").exit_code == 0
    assert json.loads(target.read_text())["results"][0]["decision"] == "blocked"  # under six months left
    out = run("verify", str(target))
    assert out.exit_code == 0, out.output
    # The file itself, without the --set, is another case: its answer and its hash differ.
    other = run("verify", str(target), str(LNEP_CASE))
    assert other.exit_code == 1
    assert "The case as read differs from the one the receipt records." in other.output
    assert "mx-lnep-54: decision blocked → eligible" in other.output


def test_batch_with_two_workers_reads_the_same_readings(tmp_path):
    one, two = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    run("batch", str(EXAMPLES), "-o", str(one), "-q", "--profile", "strict")
    run("batch", str(EXAMPLES), "-o", str(two), "-q", "--profile", "strict", "--workers", "2")
    assert one.read_text().splitlines()[1:] == two.read_text().splitlines()[1:]
    lnep = next(json.loads(x) for x in one.read_text().splitlines() if '"lnep-appeal-available"' in x)
    assert {r["instrument"]: r["decision"] for r in lnep["results"]}["mx-lnep-54"] == "blocked"
