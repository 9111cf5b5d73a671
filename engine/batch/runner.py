"""Run a batch: read items as a stream, decide them in chunks (one grounding each) in worker processes,
write whole records in input order as they come. Each worker process is replaced by a fresh one after
RECYCLE cases: clingo never frees a symbol it made, so a process that lived for a million cases would
keep growing; a fresh one starts from the batch process's memory again.

A batch never loses work: the output may not be the input; a worker that dies (killed, out of memory)
has its chunk retried once on its own, then its cases are written as error records; SIGTERM and
Ctrl-C stop after the records already decided are written whole; `--resume` continues an output an
interruption left, skipping the cases it already holds."""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from traslado.batch.reading import Item, read_items
from traslado.batch.records import CSV_COLUMNS, FULL_FORMAT, Renderer, Summary, csv_bytes, dumps, header_record

CHUNK = 200  # cases per grounding: as fast as 500, and clingo keeps fewer case-numbered symbols (docs/benchmarks.md)
# Cases a worker process decides before a fresh one takes its place. Its memos are full within the first
# 10,000 cases; clingo's symbols keep coming (each case-numbered atom with a value not seen before is
# one: months remaining, states), and its symbol table doubled near 90,000 cases of the benchmark
# (docs/benchmarks.md). A fresh process costs little: a fork, the compiled program from the cache
# (about 40 ms), its memos filled again (a 10,000-case batch runs as fast as a 100,000-case one).
RECYCLE = 10_000


class BatchError(Exception):
    """The batch as a whole cannot run (its output, its resume): said by name, exit 2."""


class Interrupted(Exception):
    def __init__(self, written: int):
        super().__init__(f"stopped after {written} records")
        self.written = written


# A worker's renderer, made once per process (it holds the record memo).
_RENDERER: Renderer | None = None


def _work(
    items: list[Item], instruments: list[str] | None, full: bool, fmt: str, readings: dict[str, str] | None = None
) -> list[tuple[bytes, tuple]]:
    global _RENDERER
    wanted = (instruments, full, fmt, readings)
    if _RENDERER is None or (_RENDERER.instruments, _RENDERER.full, _RENDERER.fmt, _RENDERER.readings) != wanted:
        _RENDERER = Renderer(instruments, full, fmt, readings=readings)
    return _RENDERER.chunk(items)


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _lost(chunk: list[Item]) -> list[tuple[bytes, tuple]]:
    """Error records for the cases of a chunk whose worker died twice."""
    from traslado.batch.records import error_record

    message = "the process deciding this case stopped twice (killed, or out of memory); it was not evaluated"
    out = []
    for item in chunk:
        record = error_record(Item(item.index, item.source, item.default_id), RuntimeError(message))
        out.append((dumps(record) + b"\n", Summary.tally(record)))
    return out


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the batch process, which stops them itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _pool(workers: int) -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_quiet_worker)


def _stop(pool: Any) -> None:
    """Stop a pool now: cancel what waits, end its processes, leave no orphan."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()


def _decided(
    chunks: Iterator[list[Item]], work: Callable, workers: int, recycle: int = RECYCLE
) -> Iterator[list[tuple[bytes, tuple]]]:
    """Each chunk's rendered records, in input order. One worker too is a process of its own (this
    process reads and writes meanwhile), so that it can be replaced: after about `recycle` cases each,
    the pool is drained and a fresh one goes on."""
    from concurrent.futures.process import BrokenProcessPool

    pool = _pool(workers)
    waiting: deque[tuple[list[Item], Any]] = deque()

    def first_done(keep: int) -> Iterator[list[tuple[bytes, tuple]]]:
        """The oldest chunks' records, in order, until at most `keep` chunks wait."""
        nonlocal pool
        while len(waiting) > keep:
            try:
                out = waiting[0][1].result()
            except BrokenProcessPool:
                pool = _recover(pool, waiting, work, workers)
                continue
            waiting.popleft()
            yield out

    given = 0  # cases handed to this pool
    try:
        for chunk in chunks:
            if given >= recycle * workers:
                yield from first_done(0)
                pool.shutdown(wait=True)  # nothing is left to do: the workers end of themselves
                pool, given = _pool(workers), 0
            given += len(chunk)
            try:
                future = pool.submit(work, chunk)
            except BrokenProcessPool as broken:
                future = _Settled(error=broken)  # a worker died since the last look; recovery retries this chunk too
            waiting.append((chunk, future))
            yield from first_done(2 * workers)
        yield from first_done(0)
    finally:
        _stop(pool)


def _recover(pool: Any, waiting: deque, work: Callable, workers: int) -> Any:
    """A worker died: every chunk it may have held is retried once, each in a process of its own (so
    one chunk that kills its process cannot take the others with it); then a fresh pool goes on."""
    from concurrent.futures.process import BrokenProcessPool

    _stop(pool)
    retried = deque()
    for chunk, future in waiting:
        if future.done() and not future.cancelled() and future.exception() is None:
            retried.append((chunk, future))
            continue
        alone = _pool(1)
        try:
            out = alone.submit(work, chunk).result()
        except BrokenProcessPool:
            out = _lost(chunk)
        finally:
            _stop(alone)
        retried.append((chunk, _Settled(out)))
    waiting.clear()
    waiting.extend(retried)
    return _pool(workers)


class _Settled:
    """A result already in hand, or a submission the broken pool refused, read like a future."""

    def __init__(self, value: Any = None, error: BaseException | None = None):
        self.value, self.error = value, error

    def result(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.value

    def done(self) -> bool:
        return True

    def cancelled(self) -> bool:
        return False

    def exception(self) -> BaseException | None:
        return self.error


def _same_file(source: Path, output: str) -> bool:
    try:
        return os.path.samefile(source, output)
    except OSError:
        return False


def _timeless(header: Any) -> Any:
    """A header record without the time its receipt was made (the rest is the same for the same run)."""
    if not isinstance(header, dict) or not isinstance(header.get("receipt"), dict):
        return header
    return {**header, "receipt": {k: v for k, v in header["receipt"].items() if k != "evaluated_at"}}


def _resume_state(output: str, fmt: str, header: dict | None) -> tuple[set[int], Summary, int]:
    """The indices an interrupted output holds, its tally, and the length of its whole records (a
    partial last line, cut by the interruption, is dropped)."""
    import csv
    import io

    import orjson

    summary = Summary()
    done: set[int] = set()
    try:
        data = Path(output).read_bytes()
    except FileNotFoundError:
        return done, summary, 0
    except OSError as error:
        raise BatchError(f"{output}: cannot read the output to resume it: {error.strerror}") from error
    whole = data[: data.rfind(b"\n") + 1]
    lines = whole.splitlines(keepends=True)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(whole.decode("utf-8"))))
        if rows and rows[0] != CSV_COLUMNS:
            raise BatchError(f"{output}: not a batch CSV output (its columns differ); cannot resume it")
        for row in rows[1:]:
            if row and row[0].isdigit():
                done.add(int(row[0]))
        summary.cases = len(done)
        return done, summary, len(whole)
    full = header is not None and header.get("format") == FULL_FORMAT
    if header is not None:
        try:
            first = orjson.loads(lines[0]) if lines else None
        except orjson.JSONDecodeError:
            first = None
        # Compared as JSON values: dumps escapes some characters that another writer may not.
        if first is None or _timeless(first) != _timeless(orjson.loads(dumps(header))):
            raise BatchError(
                f"{output}: its header differs from this run's (another knowledge base, readings, language"
                " or instruments, or records --full or not); cannot resume it"
            )
        lines = lines[1:]
    for line in lines:
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            raise BatchError(f"{output}: a line is not a record ({error.msg}); cannot resume it") from error
        if "header" in record or not isinstance(record.get("index"), int):
            raise BatchError(f"{output}: holds a second header or a line without an index; cannot resume it")
        screening = any(isinstance(r.get("applicability"), str) for r in record.get("results", []))
        if full and screening:  # a screening result gives the applicability as its status only
            raise BatchError(f"{output}: holds screening records; resume it without --full")
        done.add(record["index"])
        summary.add(record)
    return done, summary, len(whole)


def _open_output(output: str | None, resume: bool, length: int) -> BinaryIO:
    if not output:
        return sys.stdout.buffer
    try:
        if resume and os.path.exists(output):
            stream = open(output, "r+b")  # noqa: SIM115
            stream.truncate(length)
            stream.seek(length)
            return stream
        return open(output, "wb")  # noqa: SIM115
    except OSError as error:
        raise BatchError(f"{output}: cannot write the output: {error.strerror}") from error


def run_batch(
    source: Path,
    output: str | None,
    instruments: list[str] | None,
    workers: int,
    fmt: str,
    quiet: bool,
    full: bool = False,
    resume: bool = False,
    work: Callable | None = None,
    chunk_size: int = CHUNK,
    readings: dict[str, str] | None = None,
) -> Summary:
    """Decide every case of source and write its records; the summary of what was written. A JSON
    Lines output opens with one header record: the receipt of the run (traslado.decide.receipt),
    which every record rests on, and for screening records the table they refer to.
    `work` (items -> rendered records) is the chunk evaluator, replaceable for tests of faults."""
    if output and _same_file(source, output):
        raise BatchError(f"{output}: is the input itself; write the records elsewhere")
    if resume and not output:
        raise BatchError("--resume needs -o: the output to continue")
    from traslado.decide.receipt import receipt
    from traslado.knowledge.readings import with_readings
    from traslado.knowledge.store import load_kb

    kb = with_readings(load_kb(), readings or {})
    run_receipt = receipt(kb, None, instruments)
    header = None
    if fmt == "jsonl":
        header = header_record(kb, instruments, full=full, receipt=run_receipt)
    done, summary, length = _resume_state(output, fmt, header) if resume else (set(), Summary(), 0)
    summary.receipt = run_receipt
    stream = _open_output(output, resume, length)
    from functools import partial

    work = work or partial(_work, instruments=instruments, full=full, fmt=fmt, readings=readings)
    written = 0
    previous = signal.getsignal(signal.SIGTERM)

    def terminate(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    show = not quiet and sys.stderr.isatty()
    progress = _progress(_count(source)) if show else None
    try:
        if length == 0:
            if fmt == "csv":
                stream.write(csv_bytes([CSV_COLUMNS]))
            elif header is not None:
                stream.write(dumps(header) + b"\n")
        items = (item for item in read_items(source) if item.index not in done)
        for records in _decided(_chunks(items, chunk_size), work, workers):
            stream.write(b"".join(rendered for rendered, _ in records))
            stream.flush()
            for _, tally in records:
                summary.add_tally(tally)
            written += len(records)
            if progress:
                progress[0].advance(progress[1], len(records))
    except KeyboardInterrupt:
        raise Interrupted(written) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
        if progress:
            progress[0].stop()
        if output:
            stream.close()
        else:
            stream.flush()
    return summary


def _count(source: Path) -> int | None:
    """How many cases, for the progress bar (a cheap line count); None where it would cost much."""
    if source.is_dir():
        return sum(1 for p in source.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))
    if source.stat().st_size > 2_000_000_000:
        return None
    with source.open("rb") as handle:
        lines = sum(1 for _ in handle)
    return lines - 1 if source.suffix.lower() == ".csv" else lines


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
