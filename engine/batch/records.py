"""One record per batch item: the `check` JSON of the case, or the error that rejected it; the
summary's tally of each record; CSV rows. A bad case becomes a record with its error; it never stops
or loses the others."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from traslado.batch.reading import Item, parsed
from traslado.case import CaseError, Problem, case_from_mapping, load_case_file
from traslado.case.printable import escape_json_controls


def evaluate_item(item: Item, instruments: list[str] | None, readings: dict[str, str] | None = None) -> dict[str, Any]:
    """One output record: the `check` JSON for the case, or the error that rejected it."""
    from traslado.decide.evaluate import UnknownInstrument, evaluate
    from traslado.knowledge.readings import with_readings
    from traslado.knowledge.store import load_kb
    from traslado.render.json_result import case_json

    item = parsed(item)
    try:
        if item.path:
            case = load_case_file(item.path)
        elif item.error:
            raise CaseError(item.source, [Problem("", item.error)])
        else:
            case = case_from_mapping(item.data, item.source, default_id=item.default_id)
        kb = with_readings(load_kb(), readings or {})
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


def screen_item(
    item: Item, instruments: list[str] | None, fmt: str, readings: dict[str, str] | None = None
) -> tuple[Any, tuple]:
    """What a worker sends back: the record already rendered (a JSON line, or CSV rows) and its tally
    for the summary, so that the writing process neither re-serialises nor unpickles whole records."""
    record = evaluate_item(item, instruments, readings)
    rendered = csv_rows(record) if fmt == "csv" else escape_json_controls(json.dumps(record, ensure_ascii=False)) + "\n"
    return rendered, Summary.tally(record)


@dataclass
class Summary:
    cases: int = 0
    rejected: int = 0
    by_instrument: dict[str, Counter] = field(default_factory=dict)
    blocking: Counter = field(default_factory=Counter)
    receipt: dict[str, Any] | None = None  # what every record of the run rests on

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
            "receipt": self.receipt,
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
