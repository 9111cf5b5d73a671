"""`traslado query`: Oxigraph on the cached export, and every query it cannot or must not run refused
with a clear message and exit 2, never a traceback and never a request to anywhere else."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from traslado.cli.main import main
from traslado.knowledge.store import load_kb
from traslado.research.sparql_guard import refusal

REPO = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def refused(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output


def test_query_runs_on_oxigraph_without_importing_rdflib(tmp_path):
    """Once the export is cached, a query never pays for rdflib: Oxigraph, in the child process that
    evaluates it, answers (tests/test_linked_data.py checks its rows against pyoxigraph's own)."""
    env = {**os.environ, "TRASLADO_CACHE": str(tmp_path)}
    warm = [sys.executable, "-m", "traslado", "query", "ASK { ?s ?p ?o }"]
    assert subprocess.run(warm, env=env, capture_output=True).returncode == 0
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from traslado.cli.main import main\n"
        "r = CliRunner().invoke(main, ['query', 'docs/queries/fines-settled.rq', '--format', 'json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in ('rdflib', 'pyparsing', 'pyshacl') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], env=env, cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_projects_prefixes_are_declared_and_a_users_own_prefix_wins():
    from traslado.knowledge.rulebase import load_rulebase

    ours = json.loads(run("query", "SELECT (COUNT(?r) AS ?n) WHERE { ?r a tr:Rule }", "--format", "json").output)
    assert int(ours[0]["n"]) == len(load_rulebase(load_kb()).rules)
    own = "PREFIX tr: <http://example.org/other#> SELECT (COUNT(?r) AS ?n) WHERE { ?r a tr:Rule }"
    theirs = run("query", own, "--format", "json")
    assert json.loads(theirs.output) == [{"n": "0"}]


def test_ask_answers_true_or_false():
    assert json.loads(run("query", "ASK { ?i tr:instrumentId 'mx-pe-2002' }", "--format", "json").output) == [
        {"ask": "true"}
    ]
    assert json.loads(run("query", "ASK { ?i tr:instrumentId 'xx-none' }", "--format", "json").output) == [
        {"ask": "false"}
    ]


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 (the http.server API)
        _Recorder.seen.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    """A local HTTP server that records every request it gets: a SERVICE call would land here."""
    _Recorder.seen = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", _Recorder.seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("keyword", ["SERVICE", "service", "SERVICE SILENT"])
def test_service_is_refused_and_no_request_leaves(listener, keyword):
    endpoint, seen = listener
    result = run("query", f"SELECT * WHERE {{\n  {keyword} <{endpoint}> {{ ?s ?p ?o }}\n}}")
    refused(result, "SERVICE is refused", "line 2, column 3")
    time.sleep(0.2)
    assert seen == []


def test_service_through_a_variable_is_refused_too(listener):
    endpoint, seen = listener
    result = run("query", f"SELECT * WHERE {{ BIND(<{endpoint}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}")
    refused(result, "SERVICE is refused")
    assert seen == []


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/>\nDELETE { ?s ?p ?o } INSERT { ?s ex:p 1 } WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP DEFAULT",
    ],
)
def test_sparql_update_is_refused(update):
    refused(run("query", update), "SPARQL Update, which is refused", "read-only")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", ["FROM and FROM NAMED are not supported"]),
        ("SELECT * FROM NAMED <http://example.org/g> WHERE { ?s ?p ?o }", ["FROM and FROM NAMED", "column 10"]),
        ("SELECT * WHERE {\n GRAPH ?g { ?s ?p ?o }\n}", ["GRAPH is not supported", "line 2, column 2"]),
        ("CONSTRUCT WHERE { ?s ?p ?o }", ["only SELECT and ASK"]),
        ("DESCRIBE <https://w3id.org/traslado/id/mx-pe-2002>", ["only SELECT and ASK"]),
        ("SELEKT nonsense", ["could not run"]),
    ],
)
def test_unsupported_forms_are_errors_not_tracebacks(text, words):
    refused(run("query", text), *words)


def test_words_in_names_strings_comments_and_iris_are_not_keywords():
    assert refusal('SELECT ?service ?graph WHERE { ?s tr:service ?o . FILTER(?o != "SERVICE from GRAPH") }') is None
    assert refusal("# SERVICE and FROM NAMED in a comment\nSELECT * WHERE { <http://x.org/GRAPH#from> ?p ?o }") is None
    assert refusal("PREFIX graph: <http://g.org/> SELECT * WHERE { ?s graph:insert ?o ; ?p 'drop'@en }") is None
    assert refusal("SELECT * WHERE { ?s ?p '''multi\nline SERVICE'''  }") is None
    assert refusal("SELECT * WHERE { ?a ?b ?c FILTER(?c<3 && ?c>1) }") is None


def test_a_query_past_its_time_limit_is_stopped():
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    begin = time.monotonic()
    result = run("query", "--timeout", "1", heavy)
    refused(result, "time limit of 1 s")
    assert time.monotonic() - begin < 30


def test_a_runaway_result_is_refused_not_collected():
    result = run("query", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    refused(result, "more than 100,000 rows", "LIMIT")
    limited = run("query", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 3", "--format", "json")
    assert limited.exit_code == 0 and len(json.loads(limited.output)) == 3


@pytest.mark.parametrize("value", ["0", "-1", "601", "soon"])
def test_a_bad_time_limit_is_refused(value):
    assert run("query", "--timeout", value, "ASK { ?s ?p ?o }").exit_code == 2


def test_error_positions_are_the_lines_and_columns_of_the_users_own_text():
    """Nothing is prepended to the query, so line 4 is the user's line 4 (it used to be line 10)."""
    text = "SELECT ?x WHERE {\n  ?x ?p ?o .\n  ?x tr:eid ?e\n  BIND(1 AS 2)\n}"
    refused(run("query", text), "line 4, column 13")
    undeclared = "# a comment\nSELECT ?x WHERE {\n  ?x nosuch:eid ?e .\n}"
    refused(run("query", undeclared), "line 3,", "a prefix the query does not declare")


def test_a_query_file_that_is_missing_or_not_a_file_is_named(tmp_path):
    refused(run("query", "docs/queries/nosuch.rq"), "docs/queries/nosuch.rq: no such file")
    refused(run("query", str(tmp_path)), "not a regular file")
    binary = tmp_path / "bad.rq"
    binary.write_bytes(b"SELECT \xff")
    refused(run("query", str(binary)), "not UTF-8")


def test_the_cached_graph_follows_a_changed_kb(tmp_path, monkeypatch):
    """The query cache is keyed like the KB cache: change a rule and the next query sees it."""
    root = tmp_path / "kb"
    shutil.copytree(load_kb().root, root)
    monkeypatch.setenv("TRASLADO_KB", str(root))
    monkeypatch.setenv("TRASLADO_CACHE", str(tmp_path / "cache"))

    def minimum() -> tuple[str, str]:
        result = run("query", str(REPO / "docs" / "queries" / "minimum-term.rq"), "--format", "json")
        assert result.exit_code == 0, result.output
        rows = {r["instrument"]: (r["comparison"], r["months"]) for r in json.loads(result.output)}
        return rows["mx-pe-2002"]

    assert minimum() == ("more_than", "6")
    rules = root / "instruments" / "mx-pe-2002" / "rules.lp"
    rules.write_text(rules.read_text().replace("min_term(mxpe, 6, more_than).", "min_term(mxpe, 12, at_least)."))
    assert minimum() == ("at_least", "12")
