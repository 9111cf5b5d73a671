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


def test_every_kb_file_is_shipped_as_package_data():
    """A new kind of KB file (say kb/readings/*.ttl) that the package-data globs miss would be absent
    from a wheel, and every command reading it would fail only after deployment."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"]["traslado.kb"] == "kb"
    kb = REPO / "kb"
    shipped = {
        path
        for package, patterns in config["package-data"].items()
        if package == "traslado.kb" or package.startswith("traslado.kb.")
        for pattern in patterns
        for path in (REPO / config["package-dir"]["traslado.kb"] / Path(*package.split(".")[2:])).glob(pattern)
    }
    present = {path for path in kb.rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    assert sorted(str(p.relative_to(kb)) for p in present - shipped) == []


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
