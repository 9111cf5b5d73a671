"""Markdown explanation, for memos and issue trackers: the same content as the text renderer.

Instruments that do not apply come last, one list item each (name, why, sources); each applying
instrument cites its sources once, as numbered notes. Words come from the reader's catalogue.
"""

from __future__ import annotations

from functools import partial

from traslado.decide.results import CaseResult, InstrumentResult
from traslado.knowledge.documents import documents_cited_in
from traslado.knowledge.store import KnowledgeBase
from traslado.render import i18n
from traslado.render.quotes import quote_languages
from traslado.render.sources import all_sources, grouped, source_citations
from traslado.render.text import (
    Sources,
    chosen_readings_lines,
    deadline_text,
    facts_summary,
    missing_text_lines,
    value_text,
)


def _quote(kb: KnowledgeBase, instrument: str, quote: dict[str, str], lang: str) -> list[str]:
    out = []
    for code, tag in quote_languages(kb, instrument, quote, lang):
        out.append(f"  > {quote[code]} *[{code}, {i18n.text(lang, f'quote.{tag}')}]*")
    return out


def _sources(sources: Sources, lang: str) -> list[str]:
    if not sources.cited:
        return []
    lines = [f"**{i18n.text(lang, 'section.sources')}**", ""]
    lines += [f"{n}. {c}" for c, n in sources.cited.items()]
    return lines + [""]


def render_instrument(kb: KnowledgeBase, result: InstrumentResult, lang: str, verbose: bool = False) -> list[str]:
    t = partial(i18n.text, lang)
    name = kb.short_name(result.instrument, lang)
    word = t(f"decision_word.{result.decision}")
    if result.conditional:
        word = t("conditional.decision", decision=word)
    lines = [f"## {name} (`{result.instrument}`): **{word}**", ""]
    if result.conditional:
        lines += [f"> {t('conditional.sentence')}", ""]
    app = result.applicability
    sources = Sources()
    lines += [f"{t('markdown.applicability')}: {t(f'applicability.heading.{app.status}').rstrip(':')}", ""]
    for group in grouped(kb, app, lang):
        refs = sources.refs(source_citations(kb, group.documents, group.provision, lang))
        lines.append(f"- {group.text}{refs}")
        if verbose:
            for reason in group.reasons:
                if reason.source and reason.source not in (reason.state, "request_date"):
                    lines.append(f"  - {t('source.text')}: {reason.source}")
                if reason.note and reason.note not in reason.source:
                    lines.append(f"  - {t('source.note')}: {reason.note}")
    lines.append("")
    if result.decision == "not_applicable":
        return lines + _sources(sources, lang)
    if result.declarations:
        lines += [f"### {t('markdown.declarations')}", ""]
        for decl in result.declarations:
            text = next(iter(decl.text.values()), "")
            refs = sources.refs(source_citations(kb, documents_cited_in(kb, decl.source), None, lang) or [decl.source])
            line = t("declaration.line", state=f"**{decl.state}**", citation=decl.concerns.label, text=text)
            lines.append(f"- {line}{refs}")
            if decl.note:
                lines.append(f"  - {decl.note}")
        lines.append("")
    sections = [("failed", "blocked_by"), ("met", "met"), ("unknown", "unknown")]
    if verbose:
        sections.append(("not_applicable", "not_applicable"))
    for status, heading in sections:
        reqs = result.with_status(status)
        if not reqs:
            continue
        lines += [f"### {t(f'markdown.{heading}')}", ""]
        for req in reqs:
            line = f"- **{req.citation.label}**: {req.label}"
            if status == "unknown" and (req.missing or not req.missing_texts):
                line += f" ({t('words.needs')}: {', '.join(f'`{m}`' for m in req.missing)})"
            applied = req.applied_exception
            if status == "met" and applied:
                line += " " + t(
                    "requirement.by_exception", citation=applied.citation.label, condition=applied.condition
                )
            lines.append(line)
            if status == "unknown":
                for exc in req.exceptions:
                    if not exc.applied:
                        lines.append(
                            "  - "
                            + t(
                                "requirement.open_exception",
                                citation=exc.citation.label,
                                condition=f"`{exc.condition}`",
                            )
                        )
                lines += [f"  - {text}" for text in missing_text_lines(kb, req, lang)]
            if status == "failed":
                summary = facts_summary(req, lang)
                if summary:
                    lines.append(f"  - {t('words.facts')}: {summary}")
                lines += _quote(kb, result.instrument, req.quote, lang)
                for exc in req.exceptions:
                    if not exc.applied:
                        lines.append(
                            "  - "
                            + t("requirement.unless", citation=exc.citation.label, condition=f"`{exc.condition}`")
                        )
        lines.append("")
        if status == "failed" and result.latest_request_date is not None:
            lines += [f"**{deadline_text(kb, result.latest_request_date, result.instrument, lang)}**", ""]
    if not result.with_status("failed") and result.latest_request_date is not None:
        lines += [f"**{deadline_text(kb, result.latest_request_date, result.instrument, lang)}**", ""]
    for heading, notes in (("considerations", result.considerations), ("effects", result.effects)):
        if notes:
            lines += [f"### {t(f'markdown.{heading}')}", ""]
            for note in notes:
                lines.append(f"- **{note.citation.label}**: {note.label}")
                if verbose or heading == "considerations":
                    lines += _quote(kb, result.instrument, note.quote, lang) if verbose else []
            lines.append("")
    return lines + _sources(sources, lang)


def _not_applying(kb: KnowledgeBase, result: InstrumentResult, lang: str) -> str:
    """One list item: the name, why, and each source once."""
    groups = grouped(kb, result.applicability, lang)
    why = "; ".join(g.text for g in groups)
    sources = all_sources(kb, groups, lang)
    item = f"- **{kb.short_name(result.instrument, lang)}** (`{result.instrument}`): {why}"
    if sources:
        item += f". {i18n.text(lang, 'source.label').capitalize()}: " + "; ".join(sources)
    return item


def hypothetical_lines(result: CaseResult, lang: str) -> list[str]:
    if not result.hypothetical:
        return []
    lines = []
    for path, change in result.hypothetical.items():
        original, value = change.get("original"), change.get("value")
        unknown = i18n.text(lang, "words.unknown")
        text = i18n.text(
            lang,
            "hypothetical.change",
            path=f"`{path}`",
            value=unknown if value is None else value_text(value, lang),
            original=unknown if original is None else value_text(original, lang),
        )
        lines.append(f"> - {text}")
    return lines + [""]


def render_case(kb: KnowledgeBase, result: CaseResult, lang: str = "en", verbose: bool = False) -> str:
    key = "case.heading_hypothetical" if result.hypothetical else "case.heading"
    lines = [f"# {i18n.text(lang, key, id=f'`{result.case}`')}", ""]
    lines += hypothetical_lines(result, lang)
    lines += [f"> {line}\n" for line in chosen_readings_lines(kb, lang, None)]
    others = [r for r in result.results if r.decision == "not_applicable"]
    for inst in result.results:  # the engine's order (traslado.decide.model.result_group)
        if inst.decision != "not_applicable" or verbose:
            lines += render_instrument(kb, inst, lang, verbose)
    if others and not verbose:
        lines += [f"## {i18n.text(lang, 'markdown.not_applying')}", ""]
        lines += [_not_applying(kb, r, lang) for r in others]
    return "\n".join(lines).rstrip() + "\n"
