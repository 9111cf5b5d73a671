"""A plain install works away from the repository: one namespace, the KB shipped as package data."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import traslado
from traslado.knowledge.location import KnowledgeBaseMissing, kb_dir

REPO = Path(__file__).resolve().parent.parent


def test_python_dash_m_traslado_and_version():
    done = subprocess.run([sys.executable, "-m", "traslado", "--version"], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.startswith("traslado, version ") and traslado.__version__ in done.stdout


def _package_dir(package: str, package_dirs: dict[str, str]) -> Path:
    """The folder of a package under the pyproject mapping (the longest mapped prefix wins)."""
    parts = package.split(".")
    for n in range(len(parts), 0, -1):
        head = ".".join(parts[:n])
        if head in package_dirs:
            return REPO / package_dirs[head] / Path(*parts[n:])
    raise AssertionError(f"{package} is not mapped")


def test_every_data_file_is_shipped_as_package_data():
    """A new kind of data file (say kb/readings/*.ttl, or a catalogue) that the package-data globs miss
    would be absent from a wheel, and every command reading it would fail only after deployment."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"]["traslado.kb"] == "kb"
    shipped = {
        path
        for package, patterns in config["package-data"].items()
        for pattern in patterns
        for path in _package_dir(package, config["package-dir"]).glob(pattern)
    }
    present = {
        path
        for top in ("kb", "engine", "cli")
        for path in (REPO / top).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".py"
    }
    assert sorted(str(p.relative_to(REPO)) for p in present - shipped) == []


def test_no_top_level_engine_or_cli_package_is_installed():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert all(name == "traslado" or name.startswith("traslado.") for name in config["packages"])


def test_trasladokb_overrides_and_a_missing_kb_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("TRASLADO_KB", str(tmp_path))
    assert kb_dir() == tmp_path.resolve()
    monkeypatch.delenv("TRASLADO_KB")
    assert (kb_dir() / "vocab.ttl").is_file()
    assert issubclass(KnowledgeBaseMissing, FileNotFoundError)


@pytest.mark.skipif("TRASLADO_EXPECT_INSTALLED" not in os.environ, reason="runs in CI against the installed wheel")
def test_the_installed_wheel_is_what_runs():
    """In CI the tests run against a wheel installed outside the checkout: the package and its KB must
    both come from that install, never from the repository."""
    prefix = Path(os.environ["TRASLADO_EXPECT_INSTALLED"]).resolve()
    assert prefix in Path(traslado.__file__).resolve().parents
    assert prefix in kb_dir().parents
    assert REPO not in kb_dir().parents
