"""Commands about what an answer rests on: the contested readings, and verifying a receipt."""

from __future__ import annotations

import json

import click
from traslado.cli.common import fail, kb_with_readings, load_or_fail, reading_options, terminal_width


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
@reading_options
def readings(fmt: str, lang: str, reading_pairs: tuple[str, ...], profile: str | None) -> None:
    """List the contested readings: the question, the words, each alternative with its argument and
    authority, the KB's default, and the profiles grouping choices.

    \b
    Examples:
      traslado readings
      traslado readings --format json
      traslado readings --profile strict
    """
    from traslado.render import readings as render

    kb = kb_with_readings(reading_pairs, profile)
    if fmt == "json":
        click.echo(json.dumps(render.readings_json(kb), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render.readings_lines(kb, lang, markdown=fmt == "markdown", width=terminal_width())))


@click.command()
@click.argument("result_file", metavar="RESULT.json", type=click.Path(dir_okay=False))
@click.argument("case_file", metavar="[CASE]", required=False, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
def verify(result_file: str, case_file: str | None, fmt: str, lang: str) -> None:
    """Run a `check --format json` answer again and say whether it is the same.

    The case is CASE, or the file the receipt names. If the answer differs, says which instrument
    and requirement changed, and which KB files, readings or case differ from the receipt's.
    Exit 0 same, 1 different, 2 the result or the case cannot be read.

    \b
    Examples:
      traslado check examples/mx-pe-eligible.yaml --format json -o answer.json
      traslado verify answer.json
    """
    import sys

    from traslado.case import CaseError
    from traslado.case.files import read_case_text
    from traslado.decide.verify import VerifyError, recorded_receipt
    from traslado.decide.verify import verify as run
    from traslado.knowledge.store import load_kb
    from traslado.render import readings as render

    try:  # a regular file of bounded size, never a FIFO or device (traslado.case.files)
        result = json.loads(read_case_text(result_file))
    except CaseError as error:
        fail(str(error))
    except ValueError as error:
        fail(f"{result_file}: cannot read the result: {error}")
    try:
        stamp = recorded_receipt(result)
    except VerifyError as error:
        fail(f"{result_file}: {error}")
    source = case_file or stamp.get("case_source")
    if not source:
        fail(f"{result_file}: the receipt names no case file; give CASE")
    overrides = tuple(stamp.get("set") or ()) if not case_file else ()
    case = load_or_fail(source, overrides)
    verdict = run(result, case, load_kb(), lang)
    if fmt == "json":
        click.echo(json.dumps(render.verdict_json(verdict), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render.verdict_lines(verdict, lang)))
    sys.exit(0 if verdict.same else 1)
