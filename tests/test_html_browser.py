"""Both pages in a real browser (headless Chromium), at a desktop and a phone width.

Measured in the rendered page: the comparison's header row stays at the top and its first column at
the left after scrolling; the legend is there; every cited paragraph's text is reachable (a hover
title, and the text shown when its entry is opened); no cell's content overflows it; on a phone the
rows are cards and nothing is wider than the screen; the filter hides exactly the rows that do not
differ; the report sets the authentic text and the translation side by side and prints to paginated
PDF. Screenshots are taken every run; TRASLADO_DOCS_SCREENSHOTS=DIR also saves them for docs/.
Without Chromium these tests are skipped with the reason (and fail in CI, which installs it).
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from browser import DESKTOP, PHONE, Chromium, chromium_or_skip
from traslado.case import load_case_file
from traslado.decide.evaluate import evaluate
from traslado.knowledge.store import load_kb
from traslado.render.comparison import as_html
from traslado.render.html import PageInfo
from traslado.render.html.case_report import render_case_report
from traslado.research.compare import compare

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# The screenshots docs/pages.md shows (TRASLADO_DOCS_SCREENSHOTS=docs/img regenerates them).
FOR_DOCS = {"comparison-desktop", "comparison-desktop-scrolled", "comparison-phone-scrolled", "report-desktop-blocking"}
FOR_DOCS |= {"report-es-phone"}

# Every cell and header of a table, and every block of the report: content wider than its box.
OVERFLOW = """
var out = [];
document.querySelectorAll(SELECTOR).forEach(function (el) {
  if (el.offsetParent === null) return;  // not displayed
  if (el.scrollWidth > el.clientWidth + 1)
    out.push({tag: el.tagName, text: el.textContent.slice(0, 80), scroll: el.scrollWidth, client: el.clientWidth});
});
return out;
"""

OPEN_ALL = "document.querySelectorAll('details').forEach(function (d) { d.open = true; }); return 1;"


def overflow(browser: Chromium, selector: str) -> list[dict]:
    return browser.evaluate(OVERFLOW.replace("SELECTOR", repr(selector)))


def wide(browser: Chromium) -> dict:
    return browser.evaluate(
        "return {page: document.documentElement.scrollWidth, screen: window.innerWidth, "
        "body: document.body.scrollWidth};"
    )


@pytest.fixture(scope="module")
def browser():
    chromium = Chromium(chromium_or_skip())
    yield chromium
    chromium.close()


# Three treaties that share some rows (all require nationality and dual criminality): with every instrument,
# the Framework Decision included, every row differs, and the filter would have nothing to hide.
TREATIES = ["coe-cets-112", "mx-pe-2002", "mx-sv-1993"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    kb = load_kb()
    info = PageInfo.of(kb, date.today())
    folder = tmp_path_factory.mktemp("pages")
    blocked = load_case_file(EXAMPLES / "mx-pe-blocked-fines.yaml")
    cets = load_case_file(EXAMPLES / "cets-es-mx-blocked.yaml")
    made = {
        "comparison": as_html(kb, compare(kb), info),
        "comparison-treaties": as_html(kb, compare(kb, TREATIES), info),
        "report": render_case_report(kb, evaluate(blocked, None, kb, "en"), blocked, "en", info),
        "report-es": render_case_report(kb, evaluate(cets, None, kb, "es"), cets, "es", info),
    }
    paths = {}
    for name, page in made.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(page, encoding="utf-8")
    return paths


def _shot(browser: Chromium, name: str, folder: Path) -> Path:
    out = browser.screenshot(folder / f"{name}.png")
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 5_000, f"{name}: the screenshot is empty"
    if (target := os.environ.get("TRASLADO_DOCS_SCREENSHOTS")) and name in FOR_DOCS:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, Path(target) / out.name)
    return out


def _no_console_errors(browser: Chromium) -> None:
    """A blocked resource or a violated policy shows up as a console message."""
    assert browser.console_errors() == []


# --- the comparison -------------------------------------------------------------------------------


def test_comparison_header_row_and_first_column_stay_in_place(browser, pages, tmp_path):
    browser.open(pages["comparison"], DESKTOP)
    _no_console_errors(browser)
    _shot(browser, "comparison-desktop", tmp_path)
    before = browser.evaluate(
        "var t = document.querySelector('#grid').getBoundingClientRect(); return {top: t.top, height: t.height};"
    )
    assert before["height"] > 3 * DESKTOP[1], "the table should be long enough to scroll"
    after = browser.evaluate(
        """
        window.scrollTo(0, document.querySelector('#grid').offsetTop + 2000);
        var head = document.querySelector('#grid thead th.inst-head').getBoundingClientRect();
        var table = document.querySelector('#grid').getBoundingClientRect();
        var under = document.elementFromPoint(head.left + 5, head.top + 5);
        return {scrolled: window.scrollY, head: head.top, table: table.top,
                hit: under && under.closest('thead') !== null};
        """
    )
    assert after["scrolled"] > 2000 and after["table"] < -1500
    assert abs(after["head"]) <= 1 and after["hit"], after  # on top, and not covered by the rows
    _shot(browser, "comparison-desktop-scrolled", tmp_path)
    sideways = browser.evaluate(
        """
        window.scrollTo(10000, window.scrollY);
        var rows = Array.from(document.querySelectorAll('#grid tbody tr.row'));
        var below = document.querySelector('#grid thead th').getBoundingClientRect().bottom;
        var visible = rows.filter(function (r) { var b = r.getBoundingClientRect();
                                                return b.top >= below && b.bottom <= window.innerHeight; });
        var th = visible[0].querySelector('th.rowhead').getBoundingClientRect();
        var under = document.elementFromPoint(th.left + 5, th.top + 5);
        return {x: window.scrollX, left: th.left, hit: under && under.closest('th.rowhead') !== null};
        """
    )
    if sideways["x"] > 0:  # the table is wider than the window: the first column stays
        assert abs(sideways["left"]) <= 1 and sideways["hit"], sideways


def test_comparison_legend_is_shown(browser, pages):
    browser.open(pages["comparison"], DESKTOP)
    legend = browser.evaluate(
        """
        var l = document.querySelector('#legend'); var b = l.getBoundingClientRect();
        return {entries: l.querySelectorAll('dt').length, height: b.height, width: b.width,
                hidden: getComputedStyle(l).display === 'none' || getComputedStyle(l).visibility === 'hidden'};
        """
    )
    assert legend["entries"] >= 10 and legend["height"] > 50 and legend["width"] > 300 and not legend["hidden"]


def test_every_cited_paragraph_is_reachable_on_hover_and_on_click(browser, pages):
    kb = load_kb()
    comparison = compare(kb)
    expected = {
        f"{c.instrument}:{c.eid}": set(kb.quote(c).values())
        for row in comparison.rows
        for cell in row.cells.values()
        for c in cell.citations
    }
    browser.open(pages["comparison"], DESKTOP)
    found = browser.evaluate(
        """
        var out = [];
        document.querySelectorAll('details.cite').forEach(function (d) {
          var closed = Array.from(d.querySelectorAll('blockquote'))
            .every(function (q) { return !q.checkVisibility(); });
          d.querySelector('summary').click();  // as a reader clicks
          var quotes = Array.from(d.querySelectorAll('blockquote'));
          out.push({key: d.dataset.cite, open: d.open, closedBefore: closed,
                    title: d.querySelector('summary').title,
                    shown: quotes.filter(function (q) { return q.checkVisibility() && q.offsetHeight > 0; }).length,
                    texts: quotes.map(function (q) { return q.firstChild.textContent.trim(); })});
        });
        return out;
        """
    )
    assert {f["key"] for f in found} == set(expected)
    for f in found:
        assert f["open"] and f["closedBefore"] and f["shown"] == len(f["texts"]) > 0, f
        assert f["title"] in expected[f["key"]], f
        assert set(f["texts"]) <= expected[f["key"]], f


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_nothing_overflows_its_cell_in_the_comparison(browser, pages, size):
    browser.open(pages["comparison"], size, mobile=size == PHONE)
    browser.evaluate(OPEN_ALL)
    assert overflow(browser, "#grid th, #grid td, #grid blockquote, .legend dd, .ne-block") == []


def test_comparison_rows_become_cards_on_a_phone(browser, pages, tmp_path):
    browser.open(pages["comparison"], PHONE, mobile=True)
    _no_console_errors(browser)
    _shot(browser, "comparison-phone", tmp_path)
    layout = browser.evaluate(
        """
        var row = document.querySelector('#grid tbody tr.row');
        var label = row.querySelector('td .inst');
        var cells = Array.from(row.querySelectorAll('td')).map(function (c) { return c.getBoundingClientRect(); });
        return {display: getComputedStyle(row).display,
                head: getComputedStyle(document.querySelector('#grid thead')).display,
                label: label.offsetHeight > 0 ? label.textContent : null,
                stacked: cells.every(function (c, i) { return i === 0 || c.top >= cells[i - 1].bottom - 1; })};
        """
    )
    assert layout == {"display": "block", "head": "none", "label": "CETS 112", "stacked": True}
    sizes = wide(browser)
    assert sizes["page"] <= sizes["screen"], sizes
    # the card's title stays at the top while its cells scroll under it
    sticky = browser.evaluate(
        """
        var rows = Array.from(document.querySelectorAll('#grid tbody tr.row'));
        var tall = rows.reduce(function (a, b) { return b.offsetHeight > a.offsetHeight ? b : a; });
        window.scrollTo(0, tall.getBoundingClientRect().top + window.scrollY + 200);
        var card = tall.getBoundingClientRect(), title = tall.querySelector('th.rowhead').getBoundingClientRect();
        return {card: card.top, bottom: card.bottom, title: title.top};
        """
    )
    assert sticky["card"] < -150 and sticky["bottom"] > 100 and abs(sticky["title"]) <= 1, sticky
    _shot(browser, "comparison-phone-scrolled", tmp_path)


def test_the_filter_shows_only_the_rows_that_differ(browser, pages):
    comparison = compare(load_kb(), TREATIES)
    differing = sum(r.differs for r in comparison.rows)
    assert 0 < differing < len(comparison.rows), "the filter needs rows of both kinds to be tested"
    browser.open(pages["comparison-treaties"], DESKTOP)
    shown = browser.evaluate(
        """
        function visible(sel) { return Array.from(document.querySelectorAll(sel)).filter(function (r) {
          return r.offsetHeight > 0; }).length; }
        var before = visible('#grid tr.row');
        document.querySelector('label[for=only-differences]').click();
        return {before: before, after: visible('#grid tr.row'), same: visible('#grid tr.row.same'),
                checked: document.querySelector('#only-differences').checked};
        """
    )
    assert shown == {"before": len(comparison.rows), "after": differing, "same": 0, "checked": True}


# --- the case report ------------------------------------------------------------------------------


def test_report_sets_authentic_text_and_translation_side_by_side(browser, pages, tmp_path):
    browser.open(pages["report"], DESKTOP)
    _no_console_errors(browser)
    _shot(browser, "report-desktop", tmp_path)
    pairs = browser.evaluate(
        """
        return Array.from(document.querySelectorAll('.requirement .texts.cols-2')).map(function (t) {
          var f = t.querySelectorAll('figure'), a = f[0].getBoundingClientRect(), b = f[1].getBoundingClientRect();
          return {sameRow: Math.abs(a.top - b.top) < 2, leftFirst: a.right <= b.left, a: f[0].lang, b: f[1].lang};
        });
        """
    )
    assert pairs and all(p == {"sameRow": True, "leftFirst": True, "a": "es", "b": "en"} for p in pairs), pairs
    browser.evaluate("document.querySelector('#inst-mx-pe-2002').scrollIntoView(); return 1;")
    _shot(browser, "report-desktop-blocking", tmp_path)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", ["report", "report-es"])
def test_nothing_overflows_in_the_report(browser, pages, size, name, tmp_path):
    browser.open(pages[name], size, mobile=size == PHONE)
    found = overflow(browser, "th, td, figure, blockquote, .block, li, p, h1, h2, h3, h4, dd")
    assert found == []
    sizes = wide(browser)
    assert sizes["page"] <= sizes["screen"], sizes
    if size == PHONE:
        _shot(browser, f"{name}-phone", tmp_path)


def test_report_summary_and_texts_stack_on_a_phone(browser, pages):
    browser.open(pages["report-es"], PHONE, mobile=True)
    layout = browser.evaluate(
        """
        var t = document.querySelector('.requirement .texts'), f = t.querySelectorAll('figure');
        return {figures: f.length, stacked: f[1].getBoundingClientRect().top >= f[0].getBoundingClientRect().bottom,
                rows: getComputedStyle(document.querySelector('table.summary tbody tr')).display};
        """
    )
    assert layout == {"figures": 2, "stacked": True, "rows": "block"}


def test_report_prints_to_paginated_pdf(browser, pages, tmp_path):
    browser.open(pages["report"], DESKTOP)
    pdf = browser.pdf(tmp_path / "report.pdf")
    assert pdf.startswith(b"%PDF")
    pages_in_pdf = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages_in_pdf >= 2
    printed = browser.evaluate(
        """
        return Array.from(document.styleSheets).some(function (s) { return Array.from(s.cssRules).some(
          function (r) { return r.media && r.media.mediaText === 'print'; }); });
        """
    )
    assert printed
