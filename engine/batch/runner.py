"""Run a batch: stream items to worker processes in order-preserving chunks, write records as they
come, show progress on a terminal. Kept apart from traslado.batch.records so that workers import little."""

from __future__ import annotations

import csv
import sys
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from traslado.batch.reading import read_items
from traslado.batch.records import CSV_COLUMNS, Summary, screen_item

CHUNK = 256


def _count(source: Path) -> int | None:
    """How many cases, for the progress bar (a cheap line count); None where it would cost much."""
    if source.is_dir():
        return sum(1 for p in source.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))
    if source.stat().st_size > 2_000_000_000:
        return None
    with source.open("rb") as handle:
        lines = sum(1 for _ in handle)
    return lines - 1 if source.suffix.lower() == ".csv" else lines


def _records(items, instruments, workers: int, fmt: str, readings: dict[str, str] | None = None):
    work = partial(screen_item, instruments=instruments, fmt=fmt, readings=readings)
    if workers == 1:
        yield from map(work, items)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(work, items, chunksize=CHUNK // workers or 1)


def run_batch(
    source: Path,
    stream: TextIO,
    instruments,
    workers: int,
    fmt: str,
    quiet: bool,
    readings: dict[str, str] | None = None,
) -> Summary:
    """Evaluate every case of source, writing one record per case to `stream` as it comes (the command
    line gives a file that appears only once the run is complete); a JSON Lines output opens with one
    header record holding the receipt of the run (traslado.decide.receipt), which every record that
    follows rests on."""
    from traslado.decide.receipt import receipt
    from traslado.knowledge.readings import with_readings
    from traslado.knowledge.store import load_kb

    summary = Summary()
    summary.receipt = receipt(with_readings(load_kb(), readings or {}), None, instruments)
    writer = csv.writer(stream) if fmt == "csv" else None
    if writer:
        writer.writerow(CSV_COLUMNS)
    else:
        import json

        stream.write(json.dumps({"header": True, "receipt": summary.receipt}, ensure_ascii=False) + "\n")
    show = not quiet and sys.stderr.isatty()
    progress = _progress(_count(source)) if show else None
    try:
        items = read_items(source)
        for rendered, tally in _records(items, instruments, workers, fmt, readings):
            summary.add_tally(tally)
            if writer:
                writer.writerows(rendered)
            else:
                stream.write(rendered)
            if progress:
                progress[0].advance(progress[1])
    finally:
        if progress:
            progress[0].stop()
        stream.flush()
    return summary


def _progress(total: int | None) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("screening"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.speed} cases/s"),
        TimeRemainingColumn(),
        transient=True,
        console=None,
    )
    progress.start()
    return progress, progress.add_task("cases", total=total)


def print_summary(summary: Summary) -> None:
    """The summary table by instrument and by blocking article, on stderr (stdout may hold records)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True, width=100)
    data = summary.to_json()
    console.print(f"{data['cases']} cases: {data['evaluated']} evaluated, {data['rejected']} rejected")
    table = Table("instrument", "eligible", "blocked", "undetermined", "not applicable", title="Decisions")
    for inst, counts in data["by_instrument"].items():
        table.add_row(inst, *(str(counts.get(k, 0)) for k in ("eligible", "blocked", "undetermined", "not_applicable")))
    console.print(table)
    blocking = Table("instrument", "article (eid)", "cases blocked", title="Articles that block most often")
    for row in data["blocking_articles"][:10]:
        blocking.add_row(row["instrument"], row["eid"], str(row["count"]))
    console.print(blocking)
