"""Every command the README shows runs as shown from the checkout and leaves no stray files in it.

The two opening commands are run by `.ci/run` itself (they create `.venv`); this test runs every
other `traslado ...` line of the README, through the installed command, from the repository root.
"""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
IGNORED = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "build", "dist"}


def readme_commands() -> list[str]:
    """The README's indented `traslado` lines, without their trailing comments."""
    commands = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("    traslado "):
            commands.append(shlex.split(line, comments=True))
    return [" ".join(shlex.quote(a) for a in args) for args in commands]


def tree() -> set[str]:
    """Every file of the checkout, except those of environments and caches."""
    files = set()
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d not in IGNORED and not d.endswith(".egg-info")]
        files.update(str(Path(dirpath, f).relative_to(ROOT)) for f in filenames)
    return files


def test_the_readme_shows_the_tour():
    commands = readme_commands()
    assert len(commands) >= 20
    assert any(c.startswith("traslado batch ") for c in commands)


@pytest.mark.parametrize("command", readme_commands())
def test_a_readme_command_runs_as_shown(command):
    args = shlex.split(command)
    before = tree()
    done = subprocess.run(
        [sys.executable, "-m", "traslado", *args[1:]],
        cwd=ROOT,
        input="yes\n" * 40,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
    )
    assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    assert tree() == before, f"{command} left files in the checkout: {sorted(tree() - before)}"
