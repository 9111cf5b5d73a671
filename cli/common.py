"""What every command shares: the exit code for bad input, reading a case or failing clearly."""

from __future__ import annotations

import sys

import click

LANGS = click.Choice(["en", "es", "fr"])


def fail(message: str) -> None:
    """Bad input: say what is wrong on stderr and exit 2."""
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def load_or_fail(case_file: str, overrides: tuple[str, ...] = ()):
    from traslado.case import CaseError, load_case_file

    try:
        return load_case_file(case_file, overrides)
    except CaseError as error:
        fail(str(error))


def terminal_width(limit: int = 120, default: int = 100) -> int:
    """The width to fold text to: the terminal's (or $COLUMNS), at most `limit`; `default` for a pipe or file."""
    import os
    import shutil

    if not os.environ.get("COLUMNS") and not sys.stdout.isatty():
        return default
    return max(40, min(limit, shutil.get_terminal_size((default, 24)).columns))


def terminal_style():
    """click.style, unless NO_COLOR is set (https://no-color.org): then text stays plain."""
    import os

    if os.environ.get("NO_COLOR"):
        return lambda text, **_: text
    return click.style


def reading_options(command):
    """--reading ID=ALT (repeatable) and --profile NAME: the contested readings to run with."""
    command = click.option(
        "--profile",
        metavar="NAME",
        default=None,
        help="A named set of readings from the KB (see `traslado readings`).",
    )(command)
    return click.option(
        "--reading",
        "reading_pairs",
        multiple=True,
        metavar="ID=ALT",
        help="Run with this alternative of a contested reading (repeatable; see `traslado readings`).",
    )(command)


def kb_with_readings(reading_pairs: tuple[str, ...] = (), profile: str | None = None):
    """The KB read with the chosen readings; a bad id, alternative or profile exits 2 naming the valid ones."""
    from traslado.knowledge.readings import ReadingError, resolve, with_readings
    from traslado.knowledge.store import load_kb

    kb = load_kb()
    try:
        return with_readings(kb, resolve(kb, reading_pairs, profile))
    except ReadingError as error:
        fail(str(error))
