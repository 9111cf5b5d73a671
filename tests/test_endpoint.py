"""A shared, read-only SPARQL endpoint as docs/linked-data.md tells a team to run it: the `oxigraph`
server (PyPI package `oxigraph`, in the test extras) loads the export, serves it on 127.0.0.1,
answers over the SPARQL 1.1 protocol, refuses writes, and stops."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from traslado.cli.main import main

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "linked-data.md"


def _oxigraph() -> str | None:
    """The server binary: beside this interpreter (the venv the test extras went into), else on PATH."""
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, accept: str = "application/sparql-results+json") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _post(url: str, body: str, content_type: str) -> int:
    request = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_documented_commands_are_the_ones_tested():
    text = DOC.read_text(encoding="utf-8")
    assert "traslado export --format n-triples -o traslado.nt" in text
    assert "oxigraph load --location traslado-store --file traslado.nt" in text
    assert "oxigraph serve-read-only --location traslado-store --bind 127.0.0.1:7878 --timeout-s 10" in text


def test_the_oxigraph_server_serves_the_export_read_only_and_stops(tmp_path):
    binary = _oxigraph()
    if binary is None:
        pytest.skip("the oxigraph server is not installed: `pip install oxigraph` (in the test extras, so CI has it)")
    export = tmp_path / "traslado.nt"
    assert CliRunner().invoke(main, ["export", "--format", "n-triples", "-o", str(export)]).exit_code == 0
    store = tmp_path / "traslado-store"
    loaded = subprocess.run([binary, "load", "--location", str(store), "--file", str(export)], capture_output=True)
    assert loaded.returncode == 0, loaded.stderr.decode(errors="replace")

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [binary, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}", "--timeout-s", "10"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        example = REPO / "docs" / "queries" / "minimum-term.rq"
        query = example.read_text(encoding="utf-8")
        url = f"{base}/query?" + urllib.parse.urlencode({"query": query})
        deadline = time.monotonic() + 30
        while True:
            try:
                status, body = _get(url)
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode(errors="replace")
                assert time.monotonic() < deadline, "the server did not answer within 30 s"
                time.sleep(0.1)
        assert status == 200, body[:500]
        bindings = json.loads(body)["results"]["bindings"]
        terms = {b["instrument"]["value"]: (b["comparison"]["value"], b["months"]["value"]) for b in bindings}
        assert terms["mx-pe-2002"] == ("more_than", "6")
        ours = CliRunner().invoke(main, ["query", str(example), "--format", "json"])
        assert len(json.loads(ours.output)) == len(bindings)

        update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
        assert _post(f"{base}/update", update, "application/sparql-update") >= 400
        count = f"{base}/query?" + urllib.parse.urlencode({"query": "ASK { <http://example.org/a> ?p ?o }"})
        assert json.loads(_get(count)[1])["boolean"] is False
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert server.returncode is not None
    with pytest.raises(OSError):
        _get(url)
