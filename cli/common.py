"""What every command shares: the exit code for bad input, reading a case or failing clearly."""

from __future__ import annotations

import sys

import click

LANGS = click.Choice(["en", "es", "fr"])


def fail(message: str) -> None:
    """Bad input: say what is wrong on stderr and exit 2 (control characters from the input shown
    escaped, line breaks kept)."""
    from traslado.case.printable import printable

    click.echo("error: " + "\n".join(printable(line) for line in message.split("\n")), err=True)
    sys.exit(2)


def shown(text: str) -> str:
    """Text from the input made safe for the terminal (control characters escaped)."""
    from traslado.case.printable import printable

    return printable(text)


def json_text(data) -> str:
    """JSON for standard output: indented, Unicode kept, control characters as \\u escapes (C1 ones
    too, which json.dumps would write raw)."""
    import json

    from traslado.case.printable import escape_json_controls

    return escape_json_controls(json.dumps(data, ensure_ascii=False, indent=2))


def check_output_path(output: str) -> None:
    """Fail (exit 2) before any work when `output` cannot be a file written: its folder is missing or
    is not a folder, or it names a folder."""
    import os

    if "\x00" in output:
        fail("an output file name cannot hold a NUL character")
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        what = "does not exist" if not os.path.exists(folder) else "is not a folder"
        fail(f"{output}: cannot be written: the folder {folder} {what}")
    if os.path.isdir(output):
        fail(f"{output}: cannot be written: it is a folder")
    if os.path.exists(output) and not os.path.isfile(output):
        fail(f"{output}: cannot be written: not a regular file")


def write_output(output: str, text: str) -> None:
    """Write `text` to `output` whole or not at all: into a temporary file beside it, then renamed
    over it, so that a full disk or a missing folder leaves no half-written file. Exit 2 on failure."""
    with atomic_output(output) as handle:
        handle.write(text)


class atomic_output:  # noqa: N801 (used as a context manager, like open)
    """`with atomic_output(path) as handle:` a text file that appears at `path` only when the block
    ends without error; any OSError exits 2 with the path and the reason, leaving nothing behind."""

    def __init__(self, output: str, newline: str | None = None):
        check_output_path(output)
        self.output = output
        self.newline = newline
        self.temporary: str | None = None

    def __enter__(self):
        import os
        import tempfile

        folder = os.path.dirname(os.path.abspath(self.output))
        try:
            descriptor, self.temporary = tempfile.mkstemp(prefix=".traslado-", suffix=".tmp", dir=folder)
        except OSError as error:
            fail(f"{self.output}: cannot be written ({error.strerror})")
        self.handle = os.fdopen(descriptor, "w", encoding="utf-8", newline=self.newline)
        return self.handle

    def __exit__(self, kind, error, trace) -> bool:
        import os

        try:
            self.handle.close()
            if kind is None:
                if os.path.exists(self.output):
                    os.chmod(self.temporary, os.stat(self.output).st_mode & 0o7777)
                else:
                    os.chmod(self.temporary, 0o666 & ~_umask())
                os.replace(self.temporary, self.output)
                return False
        except OSError as failure:
            _remove(self.temporary)
            fail(f"{self.output}: cannot be written ({failure.strerror})")
        _remove(self.temporary)
        if isinstance(error, OSError):
            fail(f"{self.output}: cannot be written ({error.strerror})")
        return False


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str | None) -> None:
    import contextlib
    import os

    if path:
        with contextlib.suppress(OSError):
            os.remove(path)


def load_or_fail(case_file: str, overrides: tuple[str, ...] = ()):
    from traslado.case import CaseError, load_case_file

    try:
        return load_case_file(case_file, overrides)
    except CaseError as error:
        fail(str(error))


def terminal_width(limit: int = 120, default: int = 100) -> int:
    """The width to fold text to: the terminal's (or $COLUMNS), at most `limit`; `default` for a pipe or file."""
    import os

    if not os.environ.get("COLUMNS") and not sys.stdout.isatty():
        return default
    import shutil  # not before: it imports the compression modules, a pipe or file never needs it

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
