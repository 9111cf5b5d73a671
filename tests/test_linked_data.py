"""Linked data another team can join with theirs: standard identifiers, stable serialisations, and
example queries that run unchanged in a second SPARQL engine (pyoxigraph) against the export."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from traslado.cli.main import main
from traslado.knowledge.store import KnowledgeBase, _compiled, load_kb
from traslado.research.export import GENID, canonical_ntriples
from traslado.research.identifiers import COUNTRY, ELI, PREFIXES, alpha3, project_iri

REPO = Path(__file__).resolve().parent.parent
QUERIES = sorted((REPO / "docs" / "queries").glob("*.rq"))
TR = PREFIXES["tr"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """The three serialisations, as `traslado export` writes them."""
    folder = tmp_path_factory.mktemp("export")
    files = {}
    for fmt, suffix in (("n-triples", "nt"), ("turtle", "ttl"), ("json-ld", "jsonld")):
        files[fmt] = folder / f"traslado.{suffix}"
        result = run("export", "--format", fmt, "-o", str(files[fmt]))
        assert result.exit_code == 0, result.output
    return files


@pytest.fixture(scope="module")
def store(exported) -> ox.Store:
    store = ox.Store()
    store.load(path=str(exported["n-triples"]), format=ox.RdfFormat.N_TRIPLES)
    return store


def triples_of(path: Path, fmt: ox.RdfFormat) -> list[str]:
    """The triples of a file, as sorted N-Triples lines: equal lists mean equal graphs (no blank nodes)."""
    parsed = list(ox.parse(path=str(path), format=fmt))
    return sorted(ox.serialize(parsed, format=ox.RdfFormat.N_TRIPLES).decode().splitlines())


# --- queries ---------------------------------------------------------------------------------------


def test_there_are_example_queries():
    assert len(QUERIES) >= 5


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.name)
def test_every_example_query_returns_rows_in_pyoxigraph_as_written(store, query):
    """Run unchanged, with no prefixes handed to the engine: each file declares its own."""
    solutions = list(store.query(query.read_text(encoding="utf-8")))
    assert solutions, f"{query.name} returned no rows against the export"


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.name)
def test_traslado_query_gives_the_rows_pyoxigraph_gives(store, query):
    text = query.read_text(encoding="utf-8")
    direct = store.query(text)
    names = [v.value for v in direct.variables]
    expected = [{n: (None if s[n] is None else s[n].value) for n in names} for s in direct]
    result = run("query", str(query), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == expected


# --- serialisations --------------------------------------------------------------------------------


def test_turtle_declares_only_the_projects_prefixes(exported):
    text = exported["turtle"].read_text(encoding="utf-8")
    declared = dict(re.findall(r"^@prefix (\w*): <([^>]*)> \.$", text, re.MULTILINE))
    assert declared and all(PREFIXES.get(prefix) == iri for prefix, iri in declared.items()), declared
    assert {"tr", "inst", "eli", "country"} <= set(declared)
    assert not re.search(r"\b(default\d*|ns\d+):", text)
    assert "inst:mx-pe-2002 " in text and "tr:Rule" in text and "country:MEX" in text


def test_turtle_and_json_ld_hold_exactly_the_triples_of_the_n_triples(exported):
    reference = triples_of(exported["n-triples"], ox.RdfFormat.N_TRIPLES)
    assert triples_of(exported["turtle"], ox.RdfFormat.TURTLE) == reference
    assert triples_of(exported["json-ld"], ox.RdfFormat.JSON_LD) == reference


def test_json_ld_has_a_context_of_the_projects_prefixes_and_uses_it(exported):
    document = json.loads(exported["json-ld"].read_text(encoding="utf-8"))
    assert document["@context"] == PREFIXES
    nodes = {node["@id"]: node for node in document["@graph"]}
    rule = nodes[PREFIXES["rule"] + "mx-pe-2002/requirement/remaining_term"]
    assert rule["tr:instrument"] == {"@id": "inst:mx-pe-2002"}
    assert "tr:Rule" in rule["@type"] and rule["tr:about"] == {"@id": "req:remaining_term"}


def test_n_triples_are_sorted_and_hold_no_blank_node(exported):
    lines = exported["n-triples"].read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))
    assert not any(line.startswith("_:") or " _:" in line for line in lines)


def test_every_serialisation_is_byte_stable_from_run_to_run(tmp_path):
    """Two fresh processes, each building the graph from nothing, with different hash seeds (rdflib's
    iteration order follows them): the same bytes in every format."""
    outputs = []
    for seed in ("1", "2"):
        cache = tmp_path / f"cache-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "TRASLADO_CACHE": str(cache)}
        files = {}
        for fmt in ("n-triples", "turtle", "json-ld"):
            target = tmp_path / f"{seed}.{fmt}"
            done = subprocess.run(
                [sys.executable, "-m", "traslado", "export", "--format", fmt, "-o", str(target)],
                env=env,
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0, done.stderr
            files[fmt] = target.read_bytes()
        outputs.append(files)
    assert outputs[0] == outputs[1]


def test_blank_nodes_are_skolemised_the_same_way_every_time():
    import rdflib

    def graph() -> rdflib.Graph:
        g = rdflib.Graph()
        ex = rdflib.Namespace("http://example.org/")
        first, second = rdflib.BNode(), rdflib.BNode()  # fresh random labels each call
        g.add((ex.a, ex.p, first))
        g.add((first, ex.q, rdflib.Literal("one")))
        g.add((first, ex.r, second))
        g.add((second, ex.q, rdflib.Literal("two")))
        return g

    one, two = canonical_ntriples(graph()), canonical_ntriples(graph())
    assert one == two
    assert "_:" not in one and one.count(GENID) == 5


# --- identifiers -----------------------------------------------------------------------------------


def test_states_are_iris_of_the_eu_country_table_beside_their_iso_codes(store):
    rows = store.query(
        """PREFIX tr: <https://w3id.org/traslado/vocab#>
        SELECT ?state ?country WHERE {
          ?party tr:partyTo ?i ; tr:state ?state ; tr:country ?country . ?i tr:instrumentId "mx-pe-2002" }
        ORDER BY ?state"""
    )
    assert [(r["state"].value, r["country"].value) for r in rows] == [("MX", COUNTRY + "MEX"), ("PE", COUNTRY + "PER")]


def test_domestic_law_has_its_jurisdiction_as_a_country_iri(store):
    rows = store.query(
        """PREFIX tr: <https://w3id.org/traslado/vocab#> PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT ?id ?j WHERE { ?i tr:instrumentId ?id ; eli:jurisdiction ?j } ORDER BY ?id"""
    )
    assert [(r["id"].value, r["j"].value) for r in rows] == [
        ("mx-lnep-54", COUNTRY + "MEX"),
        ("us-usc-4100", COUNTRY + "USA"),
    ]


def test_every_state_code_the_kb_names_has_exactly_one_country_iri(store):
    missing = list(
        store.query(
            """PREFIX tr: <https://w3id.org/traslado/vocab#>
            SELECT ?s ?code WHERE { ?s tr:state ?code FILTER NOT EXISTS { ?s tr:country ?c } }"""
        )
    )
    assert missing == []
    doubled = list(
        store.query(
            """PREFIX tr: <https://w3id.org/traslado/vocab#>
            SELECT ?s WHERE { ?s tr:country ?a, ?b FILTER (?a != ?b) }"""
        )
    )
    assert doubled == []


def test_the_alpha3_table_covers_every_code_a_case_may_name_and_says_where_it_comes_from():
    from traslado.case.states import iso_states

    table = alpha3()
    assert set(table) == set(iso_states())
    assert len(set(table.values())) == len(table)
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in table.values())
    assert (table["GB"], table["SV"], table["US"], table["NO"]) == ("GBR", "SLV", "USA", "NOR")
    header = (REPO / "engine" / "research" / "data" / "iso3166-1-alpha2-alpha3.tsv").read_text().splitlines()[:4]
    assert any("Source: Debian package iso-codes" in line for line in header)


def test_sources_with_an_address_are_iris(store):
    rows = store.query(
        """PREFIX tr: <https://w3id.org/traslado/vocab#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?source WHERE { ?i tr:instrumentId "mx-lnep-54" ; dcterms:source ?source FILTER isIRI(?source) }"""
    )
    assert "https://www.diputados.gob.mx/LeyesBiblio/pdf/LNEP.pdf" in {r["source"].value for r in rows}
    # a party fact's source, given as text with an address in it, gets the address as an IRI too
    party = store.query(
        """PREFIX tr: <https://w3id.org/traslado/vocab#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?text ?iri WHERE { ?p tr:partyTo ?i ; tr:state "AL" ; dcterms:source ?text, ?iri .
          ?i tr:instrumentId "coe-cets-112" FILTER (isLiteral(?text) && isIRI(?iri)) }"""
    )
    for row in party:
        assert row["iri"].value in row["text"].value


def test_instruments_and_parts_are_named_by_the_documented_pattern(store):
    rows = store.query(
        """PREFIX tr: <https://w3id.org/traslado/vocab#> PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT ?part ?id ?eid WHERE { ?part tr:eid ?eid ; eli:is_part_of+ ?i . ?i tr:instrumentId ?id }"""
    )
    rows = list(rows)
    assert rows
    for row in rows:
        if row["id"].value not in ELI:
            assert row["part"].value == project_iri(row["id"].value, row["eid"].value)


def _with_framework_decision(root: Path) -> None:
    """A KB copy that holds eu-fd-2008-909: the real folder once another change adds it, else a minimal one."""
    folder = root / "instruments" / "eu-fd-2008-909"
    if (folder / "instrument.ttl").exists():
        return
    folder.mkdir(parents=True)
    (folder / "instrument.ttl").write_text(
        """@prefix tr: <https://w3id.org/traslado/vocab#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix inst: <https://w3id.org/traslado/id/> .
@prefix : <https://w3id.org/traslado/id/eu-fd-2008-909/> .
inst:eu-fd-2008-909 a tr:Instrument, eli:LegalResource ; tr:instrumentId "eu-fd-2008-909" ;
    tr:kind tr:Treaty ; eli:title "Framework Decision 2008/909/JHA"@en ; eli:has_part :art_1 .
:art_1 a tr:Article, eli:LegalResourceSubdivision ; eli:is_part_of inst:eu-fd-2008-909 ;
    tr:eid "art_1" ; tr:article "1" ; tr:order 1 .
""",
        encoding="utf-8",
    )


def test_the_eu_framework_decision_is_named_by_its_eli(tmp_path, monkeypatch):
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL
    from traslado.research.graph import knowledge_graph

    root = tmp_path / "kb"
    shutil.copytree(load_kb().root, root)
    _with_framework_decision(root)
    monkeypatch.setenv("TRASLADO_CACHE", str(tmp_path / "cache"))
    graph = knowledge_graph(KnowledgeBase(root=root, data=_compiled(root)))
    eli = URIRef("http://data.europa.eu/eli/dec_framw/2008/909/oj")
    assert ELI["eu-fd-2008-909"] == str(eli)
    assert (eli, URIRef(TR + "instrumentId"), Literal("eu-fd-2008-909")) in graph
    assert (eli, OWL.sameAs, URIRef(project_iri("eu-fd-2008-909"))) in graph
    article = URIRef(project_iri("eu-fd-2008-909", "art_1"))
    assert (article, URIRef("http://data.europa.eu/eli/ontology#is_part_of"), eli) in graph
    old = URIRef(project_iri("eu-fd-2008-909"))
    assert list(graph.triples((old, None, None))) == []
    assert [p for _, p, _ in graph.triples((None, None, old))] == [OWL.sameAs]


def test_identifiers_never_reach_a_decision():
    """The engine joins on instrument ids and eids: no IRI of the linked-data scheme reaches a result."""
    result = run("check", str(REPO / "examples" / "mx-pe-blocked-six-months.yaml"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "publications.europa.eu" not in result.output and "data.europa.eu/eli/" not in result.output
    document = json.loads(result.output)
    citations = [r["citation"] for res in document["results"] for r in res["requirements"]]
    assert citations and all(not c["instrument"].startswith("http") for c in citations)
