"""The two batch record forms: each valid against its JSON Schema in docs/schemas, and a screening
record with the header record rebuilding everything the full record says of its decisions."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from traslado.cli.main import main

sys.path.insert(0, str(Path(__file__).parent))
from random_cases import near_eligible, random_mapping  # noqa: E402

SCHEMAS = Path(__file__).resolve().parent.parent / "docs" / "schemas"


def schema(name):
    return json.loads((SCHEMAS / name).read_text())


def validator(name):
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        (s["$id"].rsplit("/", 1)[1], Resource.from_contents(s))
        for s in (schema(p.name) for p in SCHEMAS.glob("*.json"))
    )
    return jsonschema.Draft202012Validator(schema(name), registry=registry)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("records")
    rng = random.Random(17)
    rows = [near_eligible(rng, n) if n % 3 else random_mapping(rng, n) for n in range(150)]
    rows.insert(7, {"sentence": {"end_dte": "2027-01-01"}})
    source = tmp / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n")
    screening, full = tmp / "screening.jsonl", tmp / "full.jsonl"
    CliRunner().invoke(main, ["batch", str(source), "-o", str(screening), "-q"])
    CliRunner().invoke(main, ["batch", str(source), "-o", str(full), "-q", "--full"])
    read = lambda p: [json.loads(line) for line in p.read_text().splitlines()]  # noqa: E731
    full_lines = read(full)
    assert full_lines[0]["header"] is True and full_lines[0]["format"] == "traslado-batch-full"
    validator("batch-header.schema.json").validate(full_lines[0])
    return read(screening), full_lines[1:]


def test_the_screening_output_opens_with_its_header_and_every_record_fits_its_schema(outputs):
    screening, full = outputs
    header, records = screening[0], screening[1:]
    validator("batch-header.schema.json").validate(header)
    check = validator("batch-screening.schema.json")
    for record in records:
        check.validate(record)
    assert len(records) == len(full) == 152
    assert "error" in records[7] and "error" in records[-1]


def test_every_full_record_fits_its_schema(outputs):
    check = validator("batch-full.schema.json")
    for record in outputs[1]:
        check.validate(record)


def rebuilt(result, header):
    """The recipe of docs/batch.md: a screening result plus the header, in the full record's shape."""
    citations, labels = header["citations"], header["labels"]

    def citation(ref):
        return {k: v for k, v in citations[ref].items() if k not in ("label", "quote")}

    def note(n):
        return {"id": n["id"], "citation": citation(n["citation"]), "label": labels[n["id"]],
                "quote": citations[n["citation"]]["quote"]}  # fmt: skip

    return {
        "instrument": result["instrument"],
        "decision": result["decision"],
        "requirements": [
            {
                "id": q["id"],
                "status": q["status"],
                "citation": citation(q["citation"]),
                "label": labels[q["id"]],
                "quote": citations[q["citation"]]["quote"],
                "also_cited": [citation(c) for c in q["also_cited"]],
                "exceptions": [{**e, "citation": citation(e["citation"])} for e in q["exceptions"]],
                "missing_facts": q["missing_facts"],
                **({"counted_from": q["counted_from"]} if "counted_from" in q else {}),
                "missing_texts": q["missing_texts"],
            }
            for q in result["requirements"]
        ],
        "considerations": [note(n) for n in result["considerations"]],
        "effects": [note(n) for n in result["effects"]],
        "failed": [citation(c) for c in result["failed"]],
        "missing_facts": result["missing_facts"],
        "missing_texts": result["missing_texts"],
        "conditional": result["conditional"],
        "conditional_reason": result["conditional_reason"],
        "applicability": result["applicability"],
        "authentic_languages": header["instruments"][result["instrument"]]["authentic_languages"],
    }


def projected(result):
    """The full result without what only --full carries: the case's own facts, the applicability
    reasons, the declarations and the latest request date."""
    out = {k: v for k, v in result.items() if k not in ("declarations", "latest_request_date")}
    out["requirements"] = [{k: v for k, v in q.items() if k != "facts"} for q in result["requirements"]]
    out["applicability"] = result["applicability"]["status"]
    return out


def test_a_screening_record_and_the_header_rebuild_the_full_record(outputs):
    screening, full = outputs
    header = screening[0]
    decisions = set()
    for small, big in zip(screening[1:], full, strict=True):
        assert (small["index"], small["case"], small.get("error")) == (big["index"], big["case"], big.get("error"))
        if "error" in big:
            continue
        assert small["hypothetical"] == big["hypothetical"]
        assert [rebuilt(r, header) for r in small["results"]] == [projected(r) for r in big["results"]]
        decisions |= {r["decision"] for r in big["results"]}
    assert decisions == {"eligible", "blocked", "undetermined", "not_applicable"}


def test_a_screening_record_is_a_small_fraction_of_the_full_one(outputs):
    screening, full = outputs
    small = sum(len(json.dumps(r)) for r in screening[1:])
    big = sum(len(json.dumps(r)) for r in full)
    assert small * 4 < big


def test_full_records_are_the_check_json_of_each_case_byte_for_byte(tmp_path):
    """--full renders an instrument that does not bind once per states, request date and atoms, and
    reads the others with what speaks across instruments (which others bind, the Framework Decision's
    replacement): 1,500 seeded cases, every record's results equal to `check`'s for the case alone."""
    import orjson
    from traslado.batch.runner import run_batch
    from traslado.case import case_from_mapping
    from traslado.decide.evaluate import evaluate
    from traslado.knowledge.store import load_kb
    from traslado.render.json_result import case_json

    rng = random.Random(5)
    rows = [near_eligible(rng, n) if n % 3 else random_mapping(rng, n) for n in range(1500)]
    for row in rows[::10]:  # 18 U.S.C. § 4100 lists the treaties that bind in its treaty_in_force facts
        row.update(sentencing_state="US", administering_state="MX")
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    run_batch(source, str(out), None, 1, "jsonl", True, full=True, chunk_size=200)
    kb = load_kb()
    differ, compared = [], 0
    for line, row in zip(out.read_bytes().splitlines()[1:], rows, strict=True):
        record = orjson.loads(line)
        if "error" in record:
            continue
        want = case_json(evaluate(case_from_mapping(row, "<test>"), None, kb), kb)
        compared += 1
        if (record["results"], record["hypothetical"]) != (want["results"], want["hypothetical"]):
            differ.append(record["case"])
    assert compared > 1000 and differ == []
