"""The suite's own configuration: `pytest -q` must end with its summary line ("N passed in Xs")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pytest_q_prints_the_final_summary_line():
    # An addopts "-q" in pyproject.toml plus the usual `-q` makes -qq, which drops the summary.
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_months.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    last = run.stdout.strip().splitlines()[-1]
    assert " passed in " in last, run.stdout
