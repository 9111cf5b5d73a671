"""Read a batch input as a stream of items: JSON Lines, CSV (dotted column names) or a folder of case
files. Nothing is validated here; a worker parses and validates each item, so a bad one becomes its
own error record."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from traslado.case import CaseError, limits, parse_text
from traslado.case.printable import has_surrogate, without_surrogates
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
    """Stream the cases of a JSONL file, a CSV file or a folder of .yaml/.yml/.json files. A record
    larger than limits.MAX_FILE_BYTES becomes an error item without being held in memory."""
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))
        for index, path in enumerate(files):
            yield Item(index, without_surrogates(str(path)), without_surrogates(path.stem), path=str(path))
        return
    name = str(source)
    # A byte-order mark is accepted; bytes that are not UTF-8 are kept as surrogates, so that only
    # their record is rejected.
    with source.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        if source.suffix.lower() == ".csv":
            yield from _csv_items(handle, name)
            return
        for index, line in enumerate(_bounded_lines(handle)):
            where = f"{name}:{index + 1}"
            if line is None:
                yield Item(index, where, f"line-{index + 1}", error=_TOO_LONG)
            elif has_surrogate(line):
                yield Item(index, where, f"line-{index + 1}", error=_NOT_UTF8)
            elif not line.strip():
                yield Item(index, where, f"line-{index + 1}", error="empty line: expected a JSON object")
            else:
                yield Item(index, where, f"line-{index + 1}", line=line)


# Stands in for a line too long to hold: a noncharacter, which no CSV written for cases contains.
_OVERLONG_ROW = "\ufdd0"
_NOT_UTF8 = "not UTF-8 text: this record holds bytes that are not UTF-8"
_TOO_LONG = f"a record longer than {limits.MAX_FILE_BYTES // 1024} KiB: refused"


def _bounded_lines(handle) -> Iterator[str | None]:
    """The lines of a text stream, None for each longer than the limit (read through, never held)."""
    while True:
        line = handle.readline(limits.MAX_FILE_BYTES + 1)
        if not line:
            return
        if len(line) <= limits.MAX_FILE_BYTES or line.endswith("\n") and len(line) == limits.MAX_FILE_BYTES + 1:
            yield line
            continue
        while line and not line.endswith("\n"):
            line = handle.readline(limits.MAX_FILE_BYTES)
        yield None


def _csv_items(handle, name: str) -> Iterator[Item]:
    """One item per CSV row; a row the csv module cannot read (a cell beyond its size limit, a stray
    quote) becomes an error item and reading goes on with the next."""
    lines = (_OVERLONG_ROW + "\n" if line is None else line for line in _bounded_lines(handle))
    reader = csv.DictReader(lines)  # its own limit on a cell (128 KiB) is a csv.Error, below
    index = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Item(index, f"{name}:{reader.line_num}", f"row-{index + 1}", error=f"not a readable CSV row: {error}")
            index += 1
            continue
        where = f"{name}:{reader.line_num}"
        if _OVERLONG_ROW in row.values() or _OVERLONG_ROW in row:
            yield Item(index, where, f"row-{index + 1}", error=_TOO_LONG)
        elif any(isinstance(v, str) and has_surrogate(v) for v in row.values()):
            yield Item(index, where, f"row-{index + 1}", error=_NOT_UTF8)
        elif None in row:
            yield Item(index, where, f"row-{index + 1}", error="more cells than columns in this row")
        else:
            data = _nest({k: _csv_value(k, v or "") for k, v in row.items()})
            yield Item(index, where, f"row-{index + 1}", data=data)
        index += 1


def parsed(item: Item) -> Item:
    """A JSON Lines item with its line parsed (in the worker, so the reading process only reads), by
    the same strict reader as a .json case file: duplicate keys, NaN and the limits refused."""
    if item.line is None:
        return item
    try:
        return Item(item.index, item.source, item.default_id, data=parse_text(item.line, item.source, json_only=True))
    except CaseError as error:
        return Item(item.index, item.source, item.default_id, error="; ".join(p.message for p in error.problems))
