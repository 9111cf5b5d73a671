"""The case report: one self-contained page a lawyer can file, print or save as PDF.

Decisions first, then for each instrument what blocks it and what is unknown, each with the
authentic text beside the translation; the facts as read; the sources as citations; and a footer that
says which Traslado, which KB (by content hash) and which day. It reads the typed results and decides
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from traslado.case import Case
from traslado.case.schema import FIELDS
from traslado.decide.results import CaseResult, InstrumentResult
from traslado.knowledge.citation import Citation
from traslado.knowledge.store import KnowledgeBase
from traslado.render import i18n
from traslado.render.html import PageInfo, Text, environment, language_name, provision_texts, translator
from traslado.render.text import chosen_readings_lines, missing_text_lines


@dataclass(frozen=True)
class Fact:
    path: str
    label: str
    value: str
    original: str | None = None  # the value in the file, where --set changed it


@dataclass(frozen=True)
class ActBy:
    """The last request date on which the minimum-term requirement is still met, with its citation."""

    date: str
    citation: Citation | None
    passed: bool | None = None  # the case's own date is already after it


def fact_label(lang: str, path: str) -> str:
    key = f"html.fact.{path}"
    return i18n.text(lang, key) if key in i18n.catalogue("en") else path


def format_value(lang: str, value: Any) -> str:
    if value is None:
        return i18n.text(lang, "html.value.unknown")
    if isinstance(value, bool):
        return i18n.text(lang, "html.value.yes" if value else "html.value.no")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or i18n.text(lang, "html.value.none")
    return str(value)


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def act_by(result: InstrumentResult) -> ActBy | None:
    """The result's `latest_request_date` (engine.decide.deadlines), worded for the page."""
    deadline = result.latest_request_date
    if deadline is None or result.decision == "not_applicable":
        return None
    return ActBy(deadline.latest.isoformat(), deadline.citation, deadline.passed)


def facts_as_read(case: Case, lang: str) -> tuple[list[Fact], list[Fact]]:
    """(given, not given), in the order of the case format; with --set, the file's value beside the new
    (Case.hypothetical, recorded when the case was read)."""
    given, missing = [], []
    for field in FIELDS:
        if field.path == "id":
            continue
        changed = case.hypothetical.get(field.path)
        before = format_value(lang, changed["original"]) if changed else None
        fact = Fact(field.path, fact_label(lang, field.path), format_value(lang, case.get(field.path)), before)
        (given if case.known(field.path) else missing).append(fact)
    remaining = case.remaining
    if remaining is not None:
        key = "html.remaining_days" if remaining.extra_days else "html.remaining"
        value = i18n.text(lang, key, months=remaining.months, days=remaining.extra_days)
        given.append(Fact("remaining", fact_label(lang, "remaining"), value))
    return given, missing


def _order(result: CaseResult) -> list[InstrumentResult]:
    """The engine's order (traslado.decide.model.result_group), as in every other format."""
    return list(result.results)


def _cited(kb: KnowledgeBase, results: list[InstrumentResult]) -> dict[str, list[Citation]]:
    """Every provision the report cites, by instrument, in the text's order: the list of sources."""
    cited: dict[str, dict[Citation, None]] = {}
    for res in results:
        if res.decision == "not_applicable":
            continue
        for req in res.requirements:
            for c in (req.citation, *req.also_cited, *(e.citation for e in req.exceptions)):
                cited.setdefault(c.instrument, {})[c] = None
        for note in (*res.considerations, *res.effects):
            cited.setdefault(note.citation.instrument, {})[note.citation] = None
        for decl in res.declarations:
            cited.setdefault(decl.concerns.instrument, {})[decl.concerns] = None
        by = act_by(res)
        if by and by.citation:
            cited.setdefault(by.citation.instrument, {})[by.citation] = None

    def text_order(c: Citation) -> tuple[int, str]:
        part = kb.part(c)
        return (part["order"] if part else 10**9, c.label)

    return {inst: sorted(cites, key=text_order) for inst, cites in cited.items()}


def _reason_sources(results: list[InstrumentResult]) -> list[str]:
    seen: dict[str, None] = {}
    for res in results:
        for reason in res.applicability.reasons:
            if reason.source:
                seen.setdefault(reason.source, None)
        for decl in res.declarations:
            if decl.source:
                seen.setdefault(decl.source, None)
    return list(seen)


def anchor(citation: Citation) -> str:
    return f"{citation.instrument}--{citation.eid}"


def hover_text(kb: KnowledgeBase, citation: Citation, lang: str) -> str:
    """The paragraph's text shown on hover: in the page's language where held, else the authentic one."""
    texts = provision_texts(kb, citation.instrument, kb.quote(citation), lang)
    translated = [x for x in texts if x.lang == lang]
    return (translated or texts)[0].text if texts else ""


def render_case_report(
    kb: KnowledgeBase,
    result: CaseResult,
    case: Case,
    lang: str = "en",
    info: PageInfo | None = None,
) -> str:
    """The page; facts --set changed (Case.hypothetical) show as hypothetical, with the file's value."""
    info = info or PageInfo.of(kb)
    ordered = _order(result)
    given, missing = facts_as_read(case, lang)
    template = environment().get_template("case_report.html.j2")
    return template.render(
        lang=lang,
        t=translator(lang),
        kb=kb,
        info=info,
        result=result,
        case=case,
        instruments=ordered,
        applying=[r for r in ordered if r.decision != "not_applicable"],
        not_applying=[r for r in ordered if r.decision == "not_applicable"],
        given=given,
        missing=missing,
        hypothetical=[f for f in given + missing if f.original is not None],
        chosen_readings=chosen_readings_lines(kb, lang, None),  # run with readings other than the KB's
        act_by=act_by,
        texts=lambda instrument, quote: provision_texts(kb, instrument, quote, lang),
        # a declaration is the state's own text, neither the treaty's authentic text nor a translation
        declared=lambda text: [Text(code, "declaration", value) for code, value in text.items()],
        language_name=lambda code: language_name(lang, code),
        fact_label=lambda path: fact_label(lang, path),
        missing_texts=lambda req: missing_text_lines(kb, req, lang),
        value=lambda v: format_value(lang, v),
        cited=_cited(kb, ordered),
        reason_sources=_reason_sources(ordered),
        anchor=anchor,
        hover=lambda c: hover_text(kb, c, lang),
    )
