"""Read a batch input as a stream of items: JSON Lines, CSV (dotted column names) or a folder of case
files. Nothing is validated here; a worker parses and validates each item, so a bad one becomes its
own error record."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from traslado.case import CaseError, parse_text
from traslado.case.schema import BY_PATH


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
    except (CaseError, ValueError, ArithmeticError):  # 2026-02-29, a 5,000-digit number: validation says
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
    with source.open(encoding="utf-8-sig", newline="") as handle:  # a byte-order mark is accepted
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


def parsed(item: Item) -> Item:
    """A JSON Lines item with its line parsed (in the worker, so the reading process only reads)."""
    if item.line is None:
        return item
    import orjson  # strict: no NaN or Infinity, nesting at most 1024 deep, integers within 64 bits

    try:
        return Item(item.index, item.source, item.default_id, data=orjson.loads(item.line))
    except orjson.JSONDecodeError as error:
        return Item(
            item.index, item.source, item.default_id, error=f"not valid JSON (column {error.colno}): {error.msg}"
        )
