"""Plain-text explanation a lawyer can follow to the article: decision first, then the reasons."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from traslado.decide.results import CaseResult, InstrumentResult, RequirementResult
from traslado.knowledge.store import KnowledgeBase
from traslado.render.quotes import quote_languages

Style = Callable[..., str]

_COLOURS = {"eligible": "green", "blocked": "red", "undetermined": "yellow", "not_applicable": "blue"}
_WIDTH = 100


def _plain(text: str, **_: object) -> str:
    return text


def quote_lines(kb: KnowledgeBase, instrument: str, quote: dict[str, str], lang: str, indent: str) -> list[str]:
    """The quote in the asked language, and in the authentic one when the asked one is a translation."""
    lines = []
    for code, tag in quote_languages(kb, instrument, quote, lang):
        wrapped = textwrap.wrap(f"“{quote[code]}” [{code}, {tag}]", _WIDTH - len(indent))
        lines += [indent + w for w in wrapped]
    return lines


def _facts_summary(req: RequirementResult) -> str:
    shown = []
    for path, value in req.facts.items():
        if value is None:
            continue
        if isinstance(value, list):
            value = ", ".join(value) or "none"
        elif isinstance(value, bool):
            value = str(value).lower()
        shown.append(f"{path} = {value}")
    return "; ".join(shown)


def render_instrument(kb: KnowledgeBase, result: InstrumentResult, lang: str, style: Style = _plain) -> list[str]:
    inst = kb.instrument(result.instrument)
    name = kb.short_name(result.instrument, lang)
    title = inst["title"].get(lang) or next(iter(inst["title"].values()), "")
    head = f"{name} ({result.instrument}): {result.decision.upper().replace('_', ' ')}"
    lines = [style(head, fg=_COLOURS.get(result.decision), bold=True)]
    if title:
        lines += textwrap.wrap(title, _WIDTH, initial_indent="  ", subsequent_indent="  ")
    lines += _applicability_lines(result)
    if result.decision == "not_applicable":
        return lines
    if result.declarations:
        lines.append(style("  Declarations by these states:", bold=True))
        for decl in result.declarations:
            text = next(iter(decl.text.values()), "")
            lines += textwrap.wrap(
                f"- {decl.state}, under {decl.concerns.label}: “{text}” (source: {decl.source})",
                _WIDTH,
                initial_indent="    ",
                subsequent_indent="      ",
            )
            if decl.note:
                lines += textwrap.wrap(decl.note, _WIDTH, initial_indent="      ", subsequent_indent="      ")

    failed = result.with_status("failed")
    if failed:
        lines.append(style("  Blocked by:", bold=True))
        for req in failed:
            lines.append(f"  ✗ {req.citation.label}: {req.label}")
            summary = _facts_summary(req)
            if summary:
                lines += textwrap.wrap(
                    f"facts: {summary}", _WIDTH, initial_indent="      ", subsequent_indent="        "
                )
            lines += quote_lines(kb, result.instrument, req.quote, lang, "      ")
            for exc in req.exceptions:
                if not exc.applied:
                    lines.append(
                        f"      unless {exc.citation.label}: {exc.condition} is established (the case does not say so)"
                    )
    met = result.with_status("met")
    if met:
        lines.append(style("  Met:", bold=True))
        for req in met:
            extra = ""
            applied = req.applied_exception
            if applied:
                extra = f" (by the exception in {applied.citation.label}: {applied.condition})"
            also = "".join(f", {c.label}" for c in req.also_cited)
            lines.append(f"  ✓ {req.citation.label}{also}: {req.label}{extra}")
    unknown = result.with_status("unknown")
    if unknown:
        lines.append(style("  Unknown, and the facts that would settle it:", bold=True))
        for req in unknown:
            lines.append(f"  ? {req.citation.label}: {req.label}")
            lines.append(f"      needs: {', '.join(req.missing) or '(see the facts it looks at)'}")
    not_applicable = result.with_status("not_applicable")
    if not_applicable:
        lines.append(style("  Not applicable to this case:", bold=True))
        lines += [f"  - {r.citation.label}: {r.label}" for r in not_applicable]
    if result.considerations:
        lines.append(style("  For the authorities to weigh (not conditions):", bold=True))
        for note in result.considerations:
            lines.append(f"  • {note.citation.label}: {note.label}")
            lines += quote_lines(kb, result.instrument, note.quote, lang, "      ")
    if result.effects:
        lines.append(style("  Effects of a transfer (not conditions):", bold=True))
        lines += [f"  • {n.citation.label}: {n.label}" for n in result.effects]
    return lines


def _applicability_lines(result: InstrumentResult) -> list[str]:
    app = result.applicability
    heading = {
        "binds": "  Binds both states on the request date:",
        "does_not_bind": "  Does not bind both states on the request date:",
        "unknown": "  Whether it binds both states is unknown:",
    }[app.status]
    if app.status == "does_not_bind" and result.decision != "not_applicable":
        heading += " (evaluated because it was asked for)"
    lines = [heading]
    for reason in app.reasons:
        lines += textwrap.wrap(
            f"- {reason.text} (source: {reason.source})", _WIDTH, initial_indent="    ", subsequent_indent="      "
        )
    return lines


def render_case(kb: KnowledgeBase, result: CaseResult, lang: str = "en", style: Style = _plain) -> str:
    lines = [style(f"Case {result.case}", bold=True), ""]
    for inst in sorted(result.results, key=lambda r: r.decision == "not_applicable"):
        lines += render_instrument(kb, inst, lang, style)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
