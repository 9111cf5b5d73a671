"""The batch command: many cases in one run."""

from __future__ import annotations

import json

import click
from traslado.batch.runner import CHUNK
from traslado.cli.common import check_output_path, fail, kb_with_readings, reading_options, write_output


@click.command()
@click.argument("source", metavar="INPUT", type=click.Path(exists=True))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write records here (default: stdout)."
)
@click.option(
    "--instrument", "-i", "instruments", multiple=True, metavar="ID", help="Only this instrument (repeatable)."
)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Processes to use.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option(
    "--summary", "summary_file", type=click.Path(dir_okay=False, writable=True), help="Write the summary as JSON."
)
@click.option("--full", is_flag=True, help="Write the full `check` JSON for every case (default: screening records).")
@click.option("--resume", is_flag=True, help="Continue an interrupted -o output: skip the cases it already holds.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=CHUNK, show_default=True, help="Cases per grounding.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary table.")
@reading_options
def batch(
    source, output, instruments, workers, fmt, summary_file, full, resume, chunk_size, quiet, reading_pairs, profile
) -> None:
    """Evaluate many cases: a JSON Lines file, a CSV with dotted columns, or a folder of case files.

    One record per case, in input order, or the errors that rejected it. A JSON Lines output opens
    with one header record: the run's receipt (--summary carries it too) and the citations, quotes
    and labels that the screening records refer to; --full writes the same JSON as `check` for every
    case instead (docs/batch.md). A bad case never stops or loses the others; SIGTERM or Ctrl-C
    stops with whole records written, and --resume continues.
    Exit 0 if every case was evaluated, 1 if any was rejected, 2 if the input or the output could
    not be used, 130 if interrupted.

    \b
    Examples:
      traslado batch cases.jsonl -o results.jsonl --workers 2
      traslado batch prisoners.csv --format csv -o screening.csv
      traslado batch examples/ --instrument coe-cets-112 --full
      traslado batch cases.jsonl -o results.jsonl --resume
    """
    import os
    import sys
    from pathlib import Path

    from traslado.batch.runner import BatchError, Interrupted, run_batch
    from traslado.knowledge.readings import chosen

    _check_input(source)
    for path in (output, summary_file):
        if path:
            check_output_path(path)
    kb = kb_with_readings(reading_pairs, profile)
    unknown = [i for i in instruments if i not in kb.instruments]
    if unknown:
        fail(f"unknown instrument {', '.join(unknown)}: expected one of {', '.join(kb.instruments)}")
    readings = chosen(kb)
    selected = list(instruments) or None
    try:
        summary = run_batch(
            Path(source), output, selected, workers, fmt, quiet, full, resume, chunk_size=chunk_size, readings=readings
        )
    except BatchError as error:
        fail(str(error))
    except Interrupted as error:
        where = f"; continue with: traslado batch {source} -o {output} --resume" if output else ""
        click.echo(f"interrupted: {error.written} records written, each whole{where}", err=True)
        # The records are written and the output closed; the workers were stopped by the runner.
        # Leave without the interpreter's exit hooks: concurrent.futures' hook joins the pool's
        # manager thread, which can race with the stopped workers and print a traceback.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    except UnicodeDecodeError as error:
        fail(f"{source}: not UTF-8 text ({error.reason} at byte {error.start})")
    except OSError as error:
        fail(f"{source}: cannot read the input: {error.strerror or error}")
    if summary_file:
        write_output(summary_file, json.dumps(summary.to_json(), indent=2))
    if not quiet:
        from traslado.batch.runner import print_summary

        print_summary(summary)
    sys.exit(1 if summary.rejected else 0)


def _check_input(source: str) -> None:
    """The input is a folder or a regular file: a FIFO or a device would block or never end."""
    import os
    import stat

    mode = os.stat(source).st_mode
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        fail(f"{source}: not a regular file or folder (expected a JSON Lines or CSV file, or a folder of cases)")
