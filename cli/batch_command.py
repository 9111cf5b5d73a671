"""The batch command: many cases in one run."""

from __future__ import annotations

import json

import click
from traslado.cli.common import fail, kb_with_readings, reading_options


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
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary table.")
@reading_options
def batch(source, output, instruments, workers, fmt, summary_file, quiet, reading_pairs, profile) -> None:
    """Evaluate many cases: a JSON Lines file, a CSV with dotted columns, or a folder of case files.

    One record per case, in input order: the same JSON as `check`, or the errors that rejected it.
    A JSON Lines output opens with a header record carrying the run's receipt (`{"header": true,
    "receipt": ...}`); --summary carries it too.
    A bad case never stops or loses the others. Exit 0 if every case was evaluated, 1 if any was
    rejected, 2 if the input itself could not be read.

    \b
    Examples:
      traslado batch cases.jsonl -o results.jsonl --workers 2
      traslado batch prisoners.csv --format csv -o screening.csv
      traslado batch examples/ --instrument coe-cets-112
    """
    import sys
    from pathlib import Path

    from traslado.batch.runner import run_batch
    from traslado.knowledge.readings import chosen

    readings = chosen(kb_with_readings(reading_pairs, profile))
    try:
        summary = run_batch(Path(source), output, list(instruments) or None, workers, fmt, quiet, readings)
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{source}: cannot read the input: {error}")
    if summary_file:
        with open(summary_file, "w", encoding="utf-8") as handle:
            json.dump(summary.to_json(), handle, indent=2)
    if not quiet:
        from traslado.batch.runner import print_summary

        print_summary(summary)
    sys.exit(1 if summary.rejected else 0)
