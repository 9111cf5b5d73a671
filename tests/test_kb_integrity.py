"""The KB's promises: citations resolve to text, kinds are defined, quotes are verbatim."""

import shutil

from traslado.knowledge import integrity
from traslado.knowledge.store import KnowledgeBase, load_kb


def test_every_citation_in_the_rules_resolves_to_a_paragraph_with_text(kb):
    assert integrity.cited_terms(kb), "no citations found: the extractor is broken"
    assert integrity.unresolved_citations(kb) == []


def test_every_requirement_kind_and_consideration_is_in_the_vocabulary(kb):
    assert integrity.undefined_kinds(kb) == []


def test_every_text_is_verbatim_in_its_source(kb):
    assert integrity.unquoted_texts(kb) == []


def test_every_quote_in_a_rule_comment_is_verbatim(kb):
    assert integrity.misquoted_comments(kb) == []


def test_each_instrument_has_its_core_metadata(kb):
    for ident, inst in kb.instruments.items():
        assert inst["title"], ident
        if inst["encoded"]:  # an instrument held only in part may lack a language clause
            assert inst["authentic"], ident
        if inst["kind"] == "Treaty":  # a statute's dates are often not in the sources held
            assert inst["signed"], ident
            assert inst["in_force"], ident
        if inst["encoded"]:
            assert any(lang in inst["source_files"] for lang in inst["authentic"]), ident
        else:
            assert inst["encoding_note"], ident  # says what the sources lack


def test_translation_divergences_are_recorded(kb):
    notes = kb.instrument("mx-sv-1993")["parts"]["art_5__para_8"]["translation_notes"]
    assert any("early release" in n for n in notes)


def _copy_kb(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(load_kb().root, root)
    return root


def test_checks_catch_a_broken_citation(tmp_path, monkeypatch):
    root = _copy_kb(tmp_path)
    rules = root / "instruments" / "mx-pe-2002" / "rules.lp"
    rules.write_text(rules.read_text().replace('cite("III", "2", none)', 'cite("III", "22", none)'))
    monkeypatch.setenv("TRASLADO_CACHE", str(tmp_path / "cache"))
    kb = KnowledgeBase(root=root, data=load_kb().data)
    assert any("III(22)" in p for p in integrity.unresolved_citations(kb))


def test_checks_catch_an_altered_quote(tmp_path, monkeypatch):
    from traslado.knowledge.store import _compiled

    root = _copy_kb(tmp_path)
    ttl = root / "instruments" / "mx-pe-2002" / "instrument.ttl"
    ttl.write_text(ttl.read_text().replace("sea superior a seis (6) meses", "sea de al menos seis (6) meses"))
    monkeypatch.setenv("TRASLADO_CACHE", str(tmp_path / "cache"))
    kb = KnowledgeBase(root=root, data=_compiled(root))
    assert any("art_III__para_2 text@es" in p for p in integrity.unquoted_texts(kb))


def test_checks_catch_a_misquoted_comment(tmp_path):
    root = _copy_kb(tmp_path)
    rules = root / "instruments" / "coe-cets-112" / "rules.lp"
    rules.write_text(rules.read_text().replace('"if the judgment is final;"', '"if the judgment is binding;"'))
    kb = KnowledgeBase(root=root, data=load_kb().data)
    assert any("binding" in p for p in integrity.misquoted_comments(kb))


def test_each_notation_names_one_concept(kb):
    # The engine labels kinds, topics and values by skos:notation: two concepts sharing one would
    # give one of them the other's label (as the effect of MX-PE Art. III(4) once had a topic's).
    from collections import Counter

    import rdflib
    from rdflib.namespace import SKOS

    graph = rdflib.Graph().parse(kb.root / "vocab.ttl")
    counts = Counter(str(n) for n in graph.objects(None, SKOS.notation))
    assert [n for n, c in counts.items() if c > 1] == []
