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
