"""A cold `traslado check` imports only what deciding and explaining one case needs (issue 17: cold
start), and the caches that spare it work are never served stale."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from traslado.cli.main import COMMANDS, main
from traslado.knowledge import rulebase as rulebase_module
from traslado.knowledge.readings import with_readings
from traslado.knowledge.rulebase import _load, load_rulebase
from traslado.knowledge.store import KnowledgeBase, load_kb
from traslado.render import i18n

REPO = Path(__file__).resolve().parent.parent

# What `check` on a YAML case, explained as text, must not import: each is a cost at every start
# (rich, Jinja2, the RDF stack) or a part of the tool the command does not use. PyYAML it does import:
# a case file is read by its safe loader (traslado.case.yaml_strict), never by a parser of our own.
NOT_ON_THE_CHECK_PATH = (
    "rich",
    "rdflib",
    "pyoxigraph",
    "jinja2",
    "tomllib",
    "orjson",
    "importlib.resources",
    "traslado.batch",
    "traslado.research",
    "traslado.decide.batch_program",
    "traslado.decide.batch_solver",
    "traslado.knowledge.rdf_compiler",
    "traslado.render.html",
    "traslado.render.markdown",
    "traslado.render.json_result",
    "traslado.cli.batch_command",
    "traslado.cli.research_commands",
    "traslado.cli.assist_commands",
    "traslado.cli.readings_commands",
)

_CHILD = (
    "import json, sys\n"
    "from traslado.cli.main import main\n"
    "try:\n    main(sys.argv[2:], prog_name='traslado')\n"
    "except SystemExit as stop:\n    code = stop.code\n"
    "json.dump({'code': code, 'modules': sorted(sys.modules)}, open(sys.argv[1], 'w'))\n"
)


def imported_by(args: list[str], tmp_path: Path) -> set[str]:
    """The modules a fresh interpreter holds after running `traslado ARGS` (exit 0 asserted)."""
    report = tmp_path / "modules.json"
    env = {**os.environ, "TRASLADO_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(report), *args], capture_output=True, text=True, env=env, cwd=REPO
    )
    data = json.loads(report.read_text())
    assert data["code"] in (0, None), done.stderr
    return set(data["modules"])


def test_check_imports_only_what_it_uses(tmp_path):
    args = ["check", "examples/mx-pe-eligible.yaml"]
    imported_by(args, tmp_path)  # the first run fills an empty cache (rdflib compiles the KB once)
    modules = imported_by(args, tmp_path)
    assert "clingo" in modules and "traslado.render.text" in modules  # the child did run the check
    found = sorted(m for m in modules for name in NOT_ON_THE_CHECK_PATH if m == name or m.startswith(name + "."))
    assert found == []


def test_every_command_is_found_by_its_name():
    ctx = click.Context(main)
    assert [main.get_command(ctx, name).name for name in COMMANDS] == list(COMMANDS)
    assert main.list_commands(ctx) == sorted(COMMANDS)
    listed = CliRunner().invoke(main, ["--help"]).output
    assert all(f"  {name} " in listed for name in COMMANDS)


def _as_data(rb) -> list:
    """Every field of the rule base, the citations' prefix included (Citation equality ignores it)."""
    return json.loads(json.dumps(rulebase_module._to_json(rb)))


def test_the_cached_rule_base_is_the_one_read_from_the_rules(tmp_path, monkeypatch):
    monkeypatch.setenv("TRASLADO_CACHE", str(tmp_path / "cache"))
    for choices in ({}, {"request_dates": "one_date"}):
        kb = with_readings(load_kb.__wrapped__(), choices)
        written = load_rulebase(kb)  # read from the rules, and cached
        assert rulebase_module._cache_file(kb).is_file()
        again = with_readings(load_kb.__wrapped__(), choices)
        read = load_rulebase(again)  # from the cache
        fresh = _load(again, again.program)
        assert _as_data(read) == _as_data(written) == _as_data(fresh)
        assert read == fresh


def test_a_changed_rule_is_never_served_from_the_cache(tmp_path, monkeypatch):
    root = tmp_path / "kb"
    shutil.copytree(load_kb().root, root)
    monkeypatch.setenv("TRASLADO_CACHE", str(tmp_path / "cache"))
    assert load_rulebase(load_kb.__wrapped__(root)).min_term["mx-pe-2002"] == (6, "more_than")
    rules = root / "instruments" / "mx-pe-2002" / "rules.lp"
    rules.write_text(rules.read_text().replace("min_term(mxpe, 6, more_than).", "min_term(mxpe, 12, at_least)."))
    assert load_rulebase(load_kb.__wrapped__(root)).min_term["mx-pe-2002"] == (12, "at_least")


def test_a_knowledge_base_built_in_memory_is_read_afresh():
    """Its data need not be its files' (tests change it): no cache is keyed for it."""
    kb = load_kb()
    assert rulebase_module._cache_file(KnowledgeBase(root=kb.root, data=kb.data)) is None


@pytest.mark.parametrize("lang", i18n.languages())
def test_the_cached_catalogue_is_the_toml_file(lang, tmp_path, monkeypatch):
    monkeypatch.setenv("TRASLADO_CACHE", str(tmp_path / "cache"))
    i18n.catalogue.cache_clear()
    try:
        written = i18n.catalogue(lang)
        i18n.catalogue.cache_clear()
        assert i18n.catalogue(lang) == written == i18n._flattened(i18n._CATALOGUES / f"{lang}.toml")
        assert list((tmp_path / "cache").glob(f"catalogue-{lang}-*.json"))
    finally:
        i18n.catalogue.cache_clear()


def test_a_changed_catalogue_is_read_again(tmp_path, monkeypatch):
    folder = tmp_path / "catalogues"
    shutil.copytree(i18n._CATALOGUES, folder)
    monkeypatch.setenv("TRASLADO_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(i18n, "_CATALOGUES", folder)
    i18n.catalogue.cache_clear()
    try:
        before = i18n.catalogue("en")["decision.eligible"]
        english = folder / "en.toml"
        english.write_text(english.read_text(encoding="utf-8").replace(f'"{before}"', '"QUALIFIES"', 1))
        i18n.catalogue.cache_clear()
        assert i18n.catalogue("en")["decision.eligible"] == "QUALIFIES"
    finally:
        i18n.catalogue.cache_clear()
