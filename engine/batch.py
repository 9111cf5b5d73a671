"""Screen many cases: read JSON Lines, CSV (dotted column names) or a folder of case files as a
stream, evaluate each, and yield one record per case in input order. A bad case becomes a record with
its error; it never stops or loses the others. Memory stays flat: nothing is held but a chunk.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.case import CaseError, Problem, case_from_mapping, load_case_file, parse_text
from engine.case_schema import BY_PATH


@dataclass(frozen=True)
class Item:
    """One input case before validation: where it came from, and its mapping or why it has none."""

    index: int
    source: str
    default_id: str
    data: Any = None
    error: str | None = None
    path: str | None = None  # a case file, read in the worker
    line: str | None = None  # a JSON Lines line, parsed in the worker


def _csv_value(path: str, raw: str) -> Any:
    """A CSV cell: empty is unknown; lists are ';'-separated; everything else is read as a YAML scalar
    (so 'true', '2026-03-01' and '6' get their types, and validation reports what is still wrong)."""
    if raw.strip() == "":
        return None
    spec = BY_PATH.get(path)
    if spec is not None and spec.type == "states":
        return [part.strip() for part in raw.replace(",", ";").split(";") if part.strip()]
    if spec is not None and spec.type in ("text", "state", "kind"):
        return raw.strip()
    try:
        return parse_text(raw, path)
    except CaseError:
        return raw


def _nest(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key is None:
            continue
        head, _, tail = key.partition(".")
        if tail:
            out.setdefault(head, {})[tail] = value
        else:
            out[head] = value
    return out


def read_items(source: Path) -> Iterator[Item]:
    """Stream the cases of a JSONL file, a CSV file or a folder of .yaml/.yml/.json files."""
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))
        for index, path in enumerate(files):
            yield Item(index, str(path), path.stem, path=str(path))
        return
    name = str(source)
    with source.open(encoding="utf-8", newline="") as handle:
        if source.suffix.lower() == ".csv":
            reader = csv.DictReader(handle)
            for index, row in enumerate(reader):
                where = f"{name}:{reader.line_num}"
                if None in row:
                    yield Item(index, where, f"row-{index + 1}", error="more cells than columns in this row")
                    continue
                yield Item(
                    index, where, f"row-{index + 1}", data=_nest({k: _csv_value(k, v or "") for k, v in row.items()})
                )
            return
        for index, line in enumerate(handle):
            where = f"{name}:{index + 1}"
            if not line.strip():
                yield Item(index, where, f"line-{index + 1}", error="empty line: expected a JSON object")
                continue
            yield Item(index, where, f"line-{index + 1}", line=line)


def _parsed(item: Item) -> Item:
    """A JSON Lines item with its line parsed (in the worker, so the reading process only reads)."""
    if item.line is None:
        return item
    try:
        return Item(item.index, item.source, item.default_id, data=json.loads(item.line))
    except json.JSONDecodeError as error:
        return Item(
            item.index, item.source, item.default_id, error=f"not valid JSON (column {error.colno}): {error.msg}"
        )


def evaluate_item(item: Item, instruments: list[str] | None) -> dict[str, Any]:
    """One output record: the `check` JSON for the case, or the error that rejected it."""
    from engine.kb import load_kb
    from engine.render.jsonout import case_json
    from engine.solve import UnknownInstrument, evaluate

    item = _parsed(item)
    try:
        if item.path:
            case = load_case_file(item.path)
        elif item.error:
            raise CaseError(item.source, [Problem("", item.error)])
        else:
            case = case_from_mapping(item.data, item.source, default_id=item.default_id)
        kb = load_kb()
        return {"index": item.index, "source": item.source, **case_json(evaluate(case, instruments, kb), kb)}
    except CaseError as error:
        case_id = item.data.get("id") if isinstance(item.data, dict) and isinstance(item.data.get("id"), str) else None
        return {
            "index": item.index,
            "source": item.source,
            "case": case_id or item.default_id,
            "error": {"source": error.source, "problems": error.to_json()},
        }
    except UnknownInstrument as error:
        return {"index": item.index, "source": item.source, "case": item.default_id, "error": {"message": str(error)}}


def screen_item(item: Item, instruments: list[str] | None, fmt: str) -> tuple[Any, tuple]:
    """What a worker sends back: the record already rendered (a JSON line, or CSV rows) and its tally
    for the summary, so that the writing process neither re-serialises nor unpickles whole records."""
    record = evaluate_item(item, instruments)
    rendered = csv_rows(record) if fmt == "csv" else json.dumps(record, ensure_ascii=False) + "\n"
    return rendered, Summary.tally(record)


@dataclass
class Summary:
    cases: int = 0
    rejected: int = 0
    by_instrument: dict[str, Counter] = field(default_factory=dict)
    blocking: Counter = field(default_factory=Counter)

    @staticmethod
    def tally(record: dict[str, Any]) -> tuple:
        """What the summary counts of one record: rejected or not; each instrument's decision and the
        articles that blocked it."""
        if "error" in record:
            return (True, ())
        results = record["results"]
        return (False, tuple((r["instrument"], r["decision"], tuple(c["eid"] for c in r["failed"])) for r in results))

    def add(self, record: dict[str, Any]) -> None:
        self.add_tally(self.tally(record))

    def add_tally(self, tally: tuple) -> None:
        rejected, results = tally
        self.cases += 1
        if rejected:
            self.rejected += 1
            return
        for instrument, decision, failed in results:
            self.by_instrument.setdefault(instrument, Counter())[decision] += 1
            for eid in failed:
                self.blocking[(instrument, eid)] += 1

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "evaluated": self.cases - self.rejected,
            "rejected": self.rejected,
            "by_instrument": {i: dict(c) for i, c in sorted(self.by_instrument.items())},
            "blocking_articles": [{"instrument": i, "eid": e, "count": n} for (i, e), n in self.blocking.most_common()],
        }


CSV_COLUMNS = ["index", "case", "instrument", "decision", "failed", "missing_facts", "error"]


def csv_rows(record: dict[str, Any]) -> list[list[str]]:
    """Flat rows for CSV output: one per instrument, or one carrying the error."""
    if "error" in record:
        problems = record["error"].get("problems") or [{"field": "", "message": record["error"].get("message", "")}]
        text = "; ".join(f"{p['field']}: {p['message']}" if p["field"] else p["message"] for p in problems)
        return [[str(record["index"]), record["case"], "", "rejected", "", "", text]]
    return [
        [
            str(record["index"]),
            record["case"],
            r["instrument"],
            r["decision"],
            " ".join(c["eid"] for c in r["failed"]),
            " ".join(r["missing_facts"]),
            "",
        ]
        for r in record["results"]
    ]
