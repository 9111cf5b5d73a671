"""Commands that help people write cases and tests: test, schema, interview."""

from __future__ import annotations

import json
import sys

import click
from traslado.cli.common import check_output_path, fail, json_text, load_or_fail, shown, terminal_width, write_output


@click.command("test")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=click.Path())
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
def test_command(paths: tuple[str, ...], lang: str) -> None:
    """Run YAML test files: a case and what each instrument must decide (docs/testing.md).

    Prints one line per expectation the answer does not meet, with what came instead, then
    "N passed, M failed". Exit 0 when every test passes, 1 when one fails, 2 when a file cannot be
    read as a test (each such file named, with the field; the others still run).

    \b
    Examples:
      traslado test tests/cases
      traslado test docs/examples/test-mx-pe-six-months.yaml
    """
    from traslado.decide.expectations import run_tests
    from traslado.render.expectations import run_lines

    run = run_tests(list(paths))
    lines = run_lines(run, lang)
    for line in lines[:-1]:
        click.echo(line)
    click.echo(lines[-1])
    if run.errors:
        sys.exit(2)
    sys.exit(1 if run.failed else 0)


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to a file.")
def schema_command(output: str | None) -> None:
    """Print the JSON Schema of the case format, generated from the table that drives validation.

    \b
    Examples:
      traslado schema
      traslado schema -o case.schema.json
    """
    from traslado.case.json_schema import case_schema

    text = json.dumps(case_schema(), ensure_ascii=False, indent=2) + "\n"
    if output:
        write_output(output, text)
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@click.command("interview")
@click.argument("case_file", metavar="[CASE]", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--instrument", "-i", "instruments", multiple=True, metavar="ID", help="Only this instrument (repeatable)."
)
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the completed case here.")
@click.option("--next", "next_only", is_flag=True, help="Print the next question and stop (no prompting).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def interview_command(
    case_file: str | None, instruments: tuple[str, ...], lang: str, output: str | None, next_only: bool, fmt: str
) -> None:
    """Ask, one at a time, only the facts that can still change a decision, the most decisive first.

    Each question says which articles its answer settles, quoted. After each answer the answer so far
    is shown; at the end the completed case is written as YAML (to -o, or to standard output, the
    questions then going to standard error). Press Enter to skip a question you cannot answer. Works
    in a terminal and with answers piped in, one per line.

    \b
    Examples:
      traslado interview examples/mx-pe-undetermined.yaml -o case.yaml
      traslado interview -i mx-pe-2002 --lang es
      traslado interview examples/mx-pe-undetermined.yaml --next --format json
    """
    from traslado.case import CaseError, case_from_mapping
    from traslado.decide.evaluate import UnknownInstrument, evaluate
    from traslado.decide.interview import answered, interview
    from traslado.knowledge.store import load_kb
    from traslado.render import interview as words
    from traslado.render.i18n import text as word

    if output:
        check_output_path(output)
    kb = load_kb()
    unknown = [i for i in instruments if i not in kb.instruments]
    if unknown:
        fail(f"unknown instrument {', '.join(unknown)}: expected one of {', '.join(kb.instruments)}")
    case = load_or_fail(case_file) if case_file else case_from_mapping({}, "<interview>", default_id="interview")
    chosen = list(instruments) or None
    width = terminal_width()
    if next_only:
        try:
            state = interview(case, chosen, kb, lang=lang)
        except UnknownInstrument as error:
            fail(str(error))
        if fmt == "json":
            data = words.next_json(kb, case.id, state.next, len(state.questions), lang)
            click.echo(json_text(data))
        elif state.next is None:
            click.echo(word(lang, "interview.done"))
        else:
            click.echo("\n".join(words.question_lines(kb, state.next, 1, lang, width)))
            click.echo(f"  ({words.answer_hint(state.next, lang)})")
        return

    from rich.console import Console

    # The dialogue goes to stderr when the case goes to stdout, so `> case.yaml` captures only the case.
    from rich.markup import escape
    from rich.prompt import Prompt

    console = Console(stderr=output is None, highlight=False, soft_wrap=True)
    piped = not sys.stdin.isatty()
    console.print(f"[bold]{escape(word(lang, 'interview.heading', case=case.id))}[/bold]")
    skipped: set[str] = set()
    number = 0
    while True:
        state = interview(case, chosen, kb, skipped, lang)
        question = state.next
        if question is None:
            console.print(word(lang, "interview.done"))
            if skipped:
                console.print(word(lang, "interview.skipped", facts=", ".join(sorted(skipped))), markup=False)
            break
        number += 1
        console.print("")
        for line in words.question_lines(kb, question, number, lang, width):
            console.print(line, markup=False)
        value = None
        while True:
            try:
                typed = Prompt.ask(
                    f"  ({words.answer_hint(question, lang)})", console=console, default="", show_default=False
                )
            except (EOFError, KeyboardInterrupt):
                typed = None
            if typed is None:
                break
            if piped:  # show the answer read, so that the dialogue reads as it went
                console.print(f"  > {shown(typed)}", markup=False)
            try:
                value = words.parse_answer(question, typed, lang)
                if value is not words.SKIP:
                    case = answered(case, question.path, value)
                break
            except ValueError as error:
                console.print("  " + word(lang, "interview.bad_answer", problem=str(error)), markup=False)
            except CaseError as error:
                problems = "; ".join(str(p) for p in error.problems)
                console.print("  " + word(lang, "interview.bad_answer", problem=problems), markup=False)
        if typed is None:
            console.print("\n" + word(lang, "interview.stopped"))
            break
        if value is words.SKIP:
            skipped.add(question.path)
        console.print("")
        for line in words.so_far_lines(kb, evaluate(case, chosen, kb, lang), lang, width):
            console.print(line, markup=False)
    _write_case(case, output, lang)


def _write_case(case, output: str | None, lang: str) -> None:
    import yaml
    from traslado.render.i18n import text as word

    text = yaml.safe_dump(case.to_mapping(), sort_keys=False, allow_unicode=True)
    if output:
        write_output(output, text)
        click.echo(word(lang, "interview.wrote", path=output), err=True)
    else:
        click.echo(text, nl=False)
