"""The researchers' side: compare, rules, SPARQL, export and shapes, all generated from the rules
`check` applies, so that none can disagree with it."""

import json
import shutil

import pytest
from click.testing import CliRunner
from traslado.cli.main import main
from traslado.knowledge.rulebase import load_rulebase
from traslado.knowledge.store import KnowledgeBase, _compiled, load_kb
from traslado.render.comparison import cell_text
from traslado.research.compare import compare


def run(*args):
    return CliRunner().invoke(main, list(args))


def cell(comparison, row_id, instrument):
    (row,) = [r for r in comparison.rows if r.id == row_id]
    return row.cells[instrument]


def text(comparison, row_id, instrument, kb=None):
    return cell_text(kb or load_kb(), cell(comparison, row_id, instrument), comparison.lang)


def test_compare_states_the_minimum_term_with_its_citations(kb):
    c = compare(kb, ["coe-cets-112", "mx-pe-2002", "mx-sv-1993"], ["remaining_term"])
    assert text(c, "remaining_term", "coe-cets-112") == "≥ 6 months, or indeterminate; less by agreement"
    assert [x.label for x in cell(c, "remaining_term", "coe-cets-112").citations] == ["Art. 3(1)(c)", "Art. 3(2)"]
    assert text(c, "remaining_term", "mx-pe-2002") == "> 6 months"


def test_blank_cells_say_not_required(kb):
    c = compare(kb, ["coe-cets-112", "mx-pe-2002"], ["not_political"])
    assert text(c, "not_political", "coe-cets-112") == "not required"
    assert text(c, "not_political", "mx-pe-2002") == "required"


def test_only_differences_drops_rows_that_agree(kb):
    rows = {r.id for r in compare(kb, ["coe-cets-112", "mx-sv-1993"], only_differences=True).rows}
    assert "not_political" in rows and "dual_criminality" not in rows


def test_compare_in_spanish(kb):
    c = compare(kb, ["mx-pe-2002"], ["remaining_term"], lang="es")
    assert c.rows[0].label == "Tiempo mínimo por cumplir" and "meses" in text(c, "remaining_term", "mx-pe-2002")


def test_the_comparison_follows_a_changed_rule(tmp_path, monkeypatch):
    """Change a rule in a copy of the KB: the comparison changes with it (nothing is hand-written)."""
    root = tmp_path / "kb"
    shutil.copytree(load_kb().root, root)
    rules = root / "instruments" / "mx-pe-2002" / "rules.lp"
    rules.write_text(rules.read_text().replace("min_term(mxpe, 6, more_than).", "min_term(mxpe, 12, at_least)."))
    monkeypatch.setenv("TRASLADO_CACHE", str(tmp_path / "cache"))
    copy = KnowledgeBase(root=root, data=_compiled(root))
    assert (
        text(compare(copy, ["mx-pe-2002"], ["remaining_term"]), "remaining_term", "mx-pe-2002", copy) == "≥ 12 months"
    )


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "json", "html"])
def test_compare_formats(fmt):
    out = run("compare", "coe-cets-112", "mx-pe-2002", "--topic", "remaining_term", "--format", fmt)
    assert out.exit_code == 0 and ("3(1)(c)" in out.output or "art_3__para_1__point_c" in out.output)


def test_terminal_table_fits_100_columns():
    out = run("compare", "coe-cets-112", "mx-pe-2002", "mx-sv-1993")
    assert max(len(line) for line in out.output.splitlines()) <= 100


def test_html_is_self_contained_with_quotes(tmp_path):
    target = tmp_path / "c.html"
    out = run("compare", "coe-cets-112", "--topic", "remaining_term", "--format", "html", "-o", str(target))
    page = target.read_text()
    assert out.exit_code == 0
    assert '<details class="cite"' in page and "at least six months" in page
    assert "http://" not in page.replace('xmlns="http://', "") and "<script src" not in page and "<link" not in page


def test_compare_rejects_unknown_topic():
    out = run("compare", "--topic", "nonsense")
    assert out.exit_code == 2 and "unknown topic" in out.output


def test_rules_which_instruments_require_fines_settled():
    data = json.loads(run("rules", "--requirement", "financial_obligations", "--format", "json").output)
    assert {(r["instrument"], r["citation"]["eid"]) for r in data} == {
        ("mx-pe-2002", "art_III__para_6"),
        ("mx-lnep-54", "art_54__point_IV"),
    }


def test_rules_search_is_accent_and_language_insensitive():
    data = json.loads(run("rules", "--search", "INSOLVENCIA", "--format", "json").output)
    assert [r["citation"]["eid"] for r in data] == ["art_III__para_6"]


def test_sparql_agrees_with_the_rules_check_applies(kb):
    out = run("query", "docs/queries/fines-settled.rq", "--format", "json")
    rows = json.loads(out.output)
    from_rules = {r.instrument for r in load_rulebase(kb).of(category="requirement", kind="financial_obligations")}
    assert {r["instrument"] for r in rows} == from_rules


def test_sparql_minimum_terms_agree_with_check(kb):
    rows = json.loads(run("query", "docs/queries/minimum-term.rq", "--format", "json").output)
    assert {r["instrument"]: (r["comparison"], r["months"]) for r in rows}["mx-pe-2002"] == ("more_than", "6")


def test_bad_sparql_exits_2():
    out = run("query", "SELEKT nonsense")
    assert out.exit_code == 2 and "could not run" in out.output


def test_export_loads_in_pyoxigraph_and_passes_the_shapes(tmp_path):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    pyshacl = pytest.importorskip("pyshacl")
    import rdflib

    target = tmp_path / "kb.nt"
    assert run("export", "--format", "n-triples", "-o", str(target)).exit_code == 0
    store = pyoxigraph.Store()
    store.load(path=str(target), format=pyoxigraph.RdfFormat.N_TRIPLES)
    count = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/traslado/vocab#Rule> }"))
    assert int(count[0][0].value) == len(load_rulebase(load_kb()).rules)
    graph = rdflib.Graph().parse(target, format="nt")
    shapes = rdflib.Graph().parse(load_kb().root / "shapes.ttl")
    conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes, advanced=True)
    assert conforms, report


def test_shapes_catch_a_rule_without_citation_and_an_instrument_without_dates():
    pyshacl = pytest.importorskip("pyshacl")
    import rdflib
    from traslado.research.graph import knowledge_graph

    graph = knowledge_graph(load_kb())
    tr = rdflib.Namespace("https://w3id.org/traslado/vocab#")
    eli = rdflib.Namespace("http://data.europa.eu/eli/ontology#")
    broken = rdflib.URIRef("https://w3id.org/traslado/rule/broken")
    graph.add((broken, rdflib.RDF.type, tr.Rule))
    graph.add((broken, tr.instrument, rdflib.URIRef("https://w3id.org/traslado/id/mx-pe-2002")))
    graph.add((broken, tr.ruleCategory, rdflib.Literal("requirement")))
    graph.remove((rdflib.URIRef("https://w3id.org/traslado/id/mx-sv-1993"), eli.first_date_entry_in_force, None))
    shapes = rdflib.Graph().parse(load_kb().root / "shapes.ttl")
    conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes, advanced=True)
    assert not conforms
    assert "broken" in report and "mx-sv-1993" in report


def test_show_cets_article_9_in_spanish():
    out = run("show", "coe-cets-112", "9", "--lang", "es")
    assert out.exit_code == 0 and "Art. 9(1)(b)" in out.output and "translation" in out.output


def test_coverage_reports_every_article():
    data = json.loads(run("coverage", "--format", "json").output)
    assert {r["status"] for r in data} <= {"encoded", "not_operative", "not_encoded", "gap"}
    lnep = {r["eid"]: r["status"] for r in data if r["instrument"] == "mx-lnep-54"}
    # Art. 56 ("Cuando exista anuencia para trasladar") is cited beside the states' acceptance.
    assert lnep["art_54"] == "encoded" and lnep["art_56"] == "encoded" and lnep["art_57"] != "encoded"


def test_no_article_of_an_instrument_is_left_without_a_rule_or_a_reason():
    data = json.loads(run("coverage", "--format", "json").output)
    gaps = [f"{r['instrument']} {r['label']}" for r in data if r["status"] == "gap"]
    assert gaps == []


def test_a_provision_fact_is_cited_and_its_note_kept(kb):
    rules = load_rulebase(kb).of("mx-sv-1993", "provision", "costs")
    assert [(r.value, r.citation.eid) for r in rules] == [("administering_state_bears_costs", "art_19__para_2")]
    assert "custodia" in rules[0].note


def test_where_the_administering_state_may_convert_the_sentence(kb):
    rows = json.loads(run("query", "docs/queries/conversion.rq", "--format", "json").output)
    found = {(r["instrument"], r["provision"].rsplit("/", 1)[-1]) for r in rows}
    assert ("coe-cets-112", "art_9__para_1__point_b") in found
    from_rules = {
        r.instrument
        for r in load_rulebase(kb).of(category="provision", kind="enforcement_mode")
        if r.value == "conversion"
    }
    assert {instrument for instrument, _ in found} == from_rules
    # The two bilateral treaties recognise the judgment as it stands: no conversion.
    assert not from_rules & {"mx-sv-1993", "mx-pe-2002"}


def test_a_protocol_silent_on_a_topic_shows_its_conventions_provisions(kb):
    # ETS 167 Art. 1(2): the Convention's provisions apply where compatible with the Protocol.
    table = compare(kb, ["coe-ets-167"], topics=["costs", "consent_verification"])
    costs = cell(table, "costs", "coe-ets-167")
    assert cell_text(kb, costs, "en") == "as in CETS 112, where compatible"
    assert [c.eid for c in costs.citations] == ["art_1__para_2", "art_17__para_5"]
    # Transfers without consent: the Convention's Art. 7 is not carried over.
    consent = cell(table, "consent_verification", "coe-ets-167")
    assert [(c.instrument, c.eid) for c in consent.citations] == [("coe-ets-167", "art_2__para_3")]


def test_protocol_link_is_in_the_graph(kb):
    rows = json.loads(
        run(
            "query",
            "SELECT ?base WHERE { ?p tr:appliesProvisionsOf ?b . ?b tr:instrumentId ?base }",
            "--format",
            "json",
        ).output
    )
    assert rows == [{"base": "coe-cets-112"}]


def test_terminal_table_with_every_instrument_cuts_no_word():
    out = run("compare")
    assert out.exit_code == 0
    assert max(len(line) for line in out.output.splitlines()) <= 100
    assert "…" not in out.output and "indeterminate" in out.output


def test_rules_show_the_kbs_reading_of_a_provision():
    out = run("rules", "--instrument", "coe-cets-112", "--topic", "enforcement_mode")
    assert out.exit_code == 0
    assert "Note:" in out.output and "Spain excludes conversion" in " ".join(out.output.split())


def test_query_table_writes_iris_with_their_prefix_and_cuts_nothing():
    out = run("query", "docs/queries/conversion.rq")
    assert "inst:coe-cets-112/art_9__para_1__point_b" in out.output and "…" not in out.output


def test_html_and_json_carry_the_kbs_reading_of_a_provision(tmp_path):
    target = tmp_path / "c.html"
    run("compare", "coe-cets-112", "--topic", "enforcement_mode", "--format", "html", "-o", str(target))
    assert 'class="note"' in target.read_text() and "EXCLUYE LA APLICACION" in target.read_text()
    data = json.loads(run("compare", "mx-sv-1993", "--topic", "costs", "--format", "json").output)
    (row,) = data["rows"]
    assert "custodia" in row["cells"]["mx-sv-1993"]["notes"][0]


def test_shapes_catch_a_non_party_without_the_date_it_is_known_for():
    pyshacl = pytest.importorskip("pyshacl")
    import rdflib
    from traslado.research.graph import knowledge_graph

    graph = knowledge_graph(load_kb())
    tr = rdflib.Namespace("https://w3id.org/traslado/vocab#")
    peru = rdflib.URIRef("https://w3id.org/traslado/id/coe-cets-112/party/PE")
    graph.remove((peru, tr.nonPartyAsOf, None))
    graph.remove((rdflib.URIRef("https://w3id.org/traslado/id/coe-cets-112"), tr.partyListAsOf, None))
    shapes = rdflib.Graph().parse(load_kb().root / "shapes.ttl")
    conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes, advanced=True)
    assert not conforms
    assert "tr:nonPartyAsOf" in report and "tr:partyListAsOf" in report


def test_an_undated_non_party_says_nothing_to_the_rules():
    from traslado.knowledge.asp_facts import non_party_until

    inst = {"accession": {"months": 3}, "non_parties": {"PE": {"as_of": None}, "SV": {"as_of": "2023-06-01"}}}
    assert non_party_until(inst) == {"SV": 20231001}
