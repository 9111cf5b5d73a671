"""Markdown explanation, for memos and issue trackers: the same content as the text renderer."""

from __future__ import annotations

from traslado.decide.results import CaseResult, InstrumentResult
from traslado.knowledge.store import KnowledgeBase
from traslado.render.quotes import quote_languages


def _quote(kb: KnowledgeBase, instrument: str, quote: dict[str, str], lang: str) -> list[str]:
    out = []
    for code, tag in quote_languages(kb, instrument, quote, lang):
        out.append(f"  > {quote[code]} *[{code}, {tag}]*")
    return out


def render_instrument(kb: KnowledgeBase, result: InstrumentResult, lang: str) -> list[str]:
    name = kb.short_name(result.instrument, lang)
    lines = [f"## {name} (`{result.instrument}`): **{result.decision}**", ""]
    app = result.applicability
    lines += [f"Applicability: **{app.status.replace('_', ' ')}**", ""]
    lines += [f"- {r.text} (source: {r.source})" for r in app.reasons]
    lines.append("")
    if result.decision == "not_applicable":
        return lines
    if result.declarations:
        lines += ["### Declarations by these states", ""]
        for decl in result.declarations:
            text = next(iter(decl.text.values()), "")
            lines.append(f"- **{decl.state}**, under {decl.concerns.label}: “{text}” (source: {decl.source})")
        lines.append("")
    sections = [
        ("failed", "Blocked by"),
        ("met", "Met"),
        ("unknown", "Unknown"),
        ("not_applicable", "Not applicable to this case"),
    ]
    for status, heading in sections:
        reqs = result.with_status(status)
        if not reqs:
            continue
        lines += [f"### {heading}", ""]
        for req in reqs:
            line = f"- **{req.citation.label}**: {req.label}"
            if status == "unknown":
                line += f" (needs: {', '.join(f'`{m}`' for m in req.missing)})"
            applied = req.applied_exception
            if status == "met" and applied:
                line += f" (by the exception in {applied.citation.label})"
            lines.append(line)
            if status == "failed":
                lines += _quote(kb, result.instrument, req.quote, lang)
                for exc in req.exceptions:
                    if not exc.applied:
                        lines.append(f"  - unless {exc.citation.label}: `{exc.condition}` is established")
        lines.append("")
    for heading, notes in (("Considerations for the authorities", result.considerations), ("Effects", result.effects)):
        if notes:
            lines += [f"### {heading}", ""]
            for note in notes:
                lines.append(f"- **{note.citation.label}**: {note.label}")
                lines += _quote(kb, result.instrument, note.quote, lang)
            lines.append("")
    return lines


def render_case(kb: KnowledgeBase, result: CaseResult, lang: str = "en") -> str:
    lines = [f"# Case `{result.case}`", ""]
    for inst in sorted(result.results, key=lambda r: r.decision == "not_applicable"):
        lines += render_instrument(kb, inst, lang)
    return "\n".join(lines).rstrip() + "\n"
