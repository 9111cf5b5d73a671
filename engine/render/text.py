"""Plain-text explanation a lawyer can follow to the article: decision first, then the reasons.

An instrument that does not apply takes at most three lines (name and decision with why, its sources);
the KB's working notes and the full text of its sources are for `verbose`. Every word comes from the
catalogue of the reader's language (traslado.render.i18n); lines fold to the given width.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from traslado.decide.results import CaseResult, Deadline, InstrumentResult, RequirementResult
from traslado.knowledge.documents import documents_cited_in
from traslado.knowledge.store import KnowledgeBase
from traslado.render import i18n
from traslado.render.quotes import quote_languages
from traslado.render.sources import all_sources, grouped, source_citations
from traslado.render.terminal import KEEP, wrap

Style = Callable[..., str]

_COLOURS = {"eligible": "green", "blocked": "red", "undetermined": "yellow", "not_applicable": "blue"}
WIDTH = 100
# Sources of an instrument that does not apply: at most this many lines (its third line is the first).
_SOURCE_LINES = 2


def _plain(text: str, **_: object) -> str:
    return text


def quote_lines(
    kb: KnowledgeBase, instrument: str, quote: dict[str, str], lang: str, indent: str, width: int = WIDTH
) -> list[str]:
    """The quote in the asked language, and in the authentic one when the asked one is a translation."""
    lines = []
    for code, tag in quote_languages(kb, instrument, quote, lang):
        tag_word = i18n.text(lang, f"quote.{tag}")
        lines += wrap(f"“{quote[code]}” [{code},{KEEP}{tag_word}]", width, indent)
    return lines


def value_text(value: object, lang: str) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or i18n.text(lang, "words.none")
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def remaining_text(facts: dict, lang: str, counted_from: str | None = None) -> str | None:
    """The time left at the date the rules counted from (the request date unless the instrument
    counts from its own moment), worded in the reader's language (from the facts looked at)."""
    from datetime import date

    from traslado.case.months import remaining_between, remaining_from_months

    own = counted_from if counted_from and counted_from != "request_date" else None
    if own and facts.get(own) and facts.get("sentence.end_date"):
        left = remaining_between(date.fromisoformat(facts[own]), date.fromisoformat(facts["sentence.end_date"]))
    elif facts.get("sentence.remaining_months") is not None:
        left = remaining_from_months(facts["sentence.remaining_months"])
    elif facts.get("sentence.end_date") and facts.get("request_date"):
        left = remaining_between(
            date.fromisoformat(facts["request_date"]), date.fromisoformat(facts["sentence.end_date"])
        )
    else:
        return None
    text = i18n.text(lang, "months.one" if left.months == 1 else "months.many", n=left.months)
    if left.extra_days:
        days = i18n.text(lang, "days.one" if left.extra_days == 1 else "days.many", n=left.extra_days)
        text = i18n.text(lang, "months.and_days", months=text, days=days)
    return text


def facts_summary(req: RequirementResult, lang: str) -> str:
    shown = []
    for path, value in req.facts.items():
        if value is None:
            continue
        if path == "remaining":
            value = remaining_text(req.facts, lang, req.counted_from) or value
            if req.counted_from and req.counted_from != "request_date":
                value = f"{value} ({i18n.text(lang, 'words.counted_from', field=req.counted_from)})"
        shown.append(f"{path} = {value_text(value, lang)}")
    return "; ".join(shown)


def deadline_text(kb: KnowledgeBase, deadline: Deadline, instrument: str, lang: str) -> str:
    """One sentence: by when the request must be made (or received, as the instrument counts) and why."""
    t = partial(i18n.text, lang)
    key = f"deadline.by.{deadline.counts_from}"
    if i18n.has(key):
        lead = t(key, date=deadline.latest.isoformat())
    else:
        lead = t("deadline.by.other", field=deadline.counts_from, date=deadline.latest.isoformat())
    rule = t(f"deadline.rule.{deadline.comparison}", n=deadline.months)
    own = deadline.citation.instrument == instrument
    unless = ""
    if deadline.exceptions:
        cited = ", ".join(
            c.label if c.instrument == instrument else kb.cite_label(c, lang) for c in deadline.exceptions
        )
        unless = t("deadline.unless", citations=cited)
    return t(
        "deadline.because",
        lead=lead,
        citation=deadline.citation.label if own else kb.cite_label(deadline.citation, lang),
        rule=rule,
        end=deadline.end_date.isoformat(),
        unless=unless,
        passed=t("deadline.passed") if deadline.passed else "",
    )


def hypothetical_text(result: CaseResult | dict, lang: str) -> str | None:
    """The facts --set changed, each with the file's value; None when nothing was set."""
    hypothetical = result if isinstance(result, dict) else result.hypothetical
    if not hypothetical:
        return None
    changes = []
    for path, change in hypothetical.items():
        original = change.get("original")
        was = i18n.text(lang, "words.unknown") if original is None else value_text(original, lang)
        now = i18n.text(lang, "words.unknown") if change.get("value") is None else value_text(change["value"], lang)
        changes.append(i18n.text(lang, "hypothetical.change", path=path, value=now, original=was))
    return i18n.text(lang, "hypothetical.changed", changes="; ".join(changes))


def hypothetical_lines(hypothetical: dict, lang: str, width: int = WIDTH) -> list[str]:
    """A heading that says the answer is hypothetical, and what changed (for whatif and routes)."""
    text = hypothetical_text(hypothetical, lang)
    if text is None:
        return []
    return [i18n.text(lang, "hypothetical.heading"), *wrap(text, width, "  ", "    ")]


def exception_lines(req: RequirementResult, lang: str, width: int, key: str = "requirement.unless") -> list[str]:
    """The exceptions not established (neither applied nor refuted) that would meet the requirement."""
    lines = []
    for exc in req.exceptions:
        if not exc.applied:
            text = i18n.text(lang, key, citation=exc.citation.label, condition=exc.condition)
            lines += wrap(text, width, "      ", "        ")
    return lines


def missing_text_lines(kb: KnowledgeBase, req: RequirementResult | InstrumentResult, lang: str) -> list[str]:
    """Each text not held that would settle the requirement (or the instrument), one sentence each."""
    out = []
    for text in req.missing_texts:
        # The citation names the instrument already ("CETS 112 Art. 3(4)"): say it once.
        where = kb.cite_label(text.concerns, lang) if text.concerns else kb.short_name(text.instrument, lang)
        if text.held_in_part is not None:
            decl = kb.instrument(text.instrument)["declarations"][text.held_in_part]
            part = decl["held_in_part"].get(lang) or decl["held_in_part"].get("en") or ""
            out.append(
                i18n.text(
                    lang,
                    "requirement.missing_text_part",
                    state=text.state,
                    where=where,
                    part=part,
                )
            )
            continue
        out.append(
            i18n.text(
                lang,
                "requirement.missing_text",
                state=text.state,
                where=where,
            )
        )
    return out


def chosen_readings_lines(kb: KnowledgeBase, lang: str, width: int | None = WIDTH) -> list[str]:
    """Where the answer was run with readings other than the KB's, a line that says which."""
    from traslado.knowledge.readings import chosen, label

    picked = chosen(kb)
    if not picked:
        return []
    named = "; ".join(f"{i}={a} ({label(kb, i, a, lang)})" for i, a in picked.items())
    line = i18n.text(lang, "readings.chosen", readings=named)
    return [line] if width is None else wrap(line, width, "", "    ")


def _decision_word(decision: str, lang: str) -> str:
    return i18n.text(lang, f"decision.{decision}")


def render_not_applicable(
    kb: KnowledgeBase, result: InstrumentResult, lang: str, style: Style = _plain, width: int = WIDTH
) -> list[str]:
    """At most three lines: the name, the decision and why; then its sources, each once."""
    groups = grouped(kb, result.applicability, lang)
    why = "; ".join(g.text for g in groups)
    return _brief(kb, result, _decision_word("not_applicable", lang), why, groups, lang, style, width)


def render_conditional_brief(
    kb: KnowledgeBase, result: InstrumentResult, lang: str, style: Style = _plain, width: int = WIDTH
) -> list[str]:
    """An instrument that may bind the two states, beside one that does: in at most four lines, like one
    that does not apply, its decision if it applies, the requirements that decide it (by article), why
    its application is unknown and what would settle it; --verbose or --instrument gives the whole."""
    t = partial(i18n.text, lang)
    word = t("conditional.decision", decision=_decision_word(result.decision, lang))
    failed, unknown = result.with_status("failed"), result.with_status("unknown")
    if failed:
        summary = t("conditional.brief_failed", citations=", ".join(r.citation.label for r in failed))
    elif unknown:
        summary = t("conditional.brief_unknown", citations=", ".join(r.citation.label for r in unknown))
    elif result.with_status("met"):
        summary = t("conditional.brief_met")
    else:
        summary = ""
    groups = grouped(kb, result.applicability, lang)
    why = "; ".join([summary, *(g.text for g in groups)] if summary else [g.text for g in groups])
    return _brief(kb, result, word, why, groups, lang, style, width, head_lines=None)


def _brief(kb, result, word, why, groups, lang, style, width, head_lines: int | None = 2) -> list[str]:
    """The name, the decision and why, in head_lines lines (None: as many as it takes, with one line of
    sources), then the sources, each once."""
    name = kb.short_name(result.instrument, lang)
    head = f"{name} ({result.instrument}): {word}"
    folded = wrap(f"{head} — {why}" if why else head, width, "", "  ")
    colour = _COLOURS.get(result.decision)
    if head_lines is None:
        head_lines = len(folded)
    lines = [style(head, fg=colour, bold=True) + folded[0][len(head) :], *folded[1:head_lines]]
    sources = all_sources(kb, groups, lang)
    if not sources:
        return lines
    label = i18n.text(lang, "source.label")
    budget = head_lines + 1 - len(lines)

    def paragraph(count: int) -> list[str]:
        text = f"{label}: " + "; ".join(sources[:count])
        if count < len(sources):
            text += i18n.text(lang, "source.more", n=len(sources) - count)
        return wrap(text, width, "  ", "    ")

    for count in range(len(sources), 0, -1):
        folded = paragraph(count)
        if len(folded) <= budget:
            return lines + folded
    # One source longer than the lines left (an address never breaks): the rest runs on the last line.
    folded = paragraph(1)
    last = ("    " if budget > 1 else "  ") + " ".join(line.strip() for line in folded[budget - 1 :])
    return lines + folded[: budget - 1] + [last]


class Sources:
    """An instrument's sources, each cited once: the text refers to them by number, the list follows."""

    def __init__(self) -> None:
        self.cited: dict[str, int] = {}

    def refs(self, citations: list[str]) -> str:
        numbers = [self.cited.setdefault(c, len(self.cited) + 1) for c in citations]
        return "".join(f" [{n}]" for n in dict.fromkeys(numbers))

    def lines(self, lang: str, width: int) -> list[str]:
        if not self.cited:
            return []
        if len(self.cited) == 1:  # one source: one line saying so, no list
            (citation,) = self.cited
            return wrap(f"{i18n.text(lang, 'source.label')} [1]: {citation}", width, "  ", "    ")
        out = ["  " + i18n.text(lang, "section.sources")]
        for citation, number in self.cited.items():
            out += wrap(f"[{number}] {citation}", width, "    ", "        ")
        return out


def reason_lines(kb: KnowledgeBase, app, lang: str, width: int = WIDTH, verbose: bool = False) -> list[str]:
    """Why an instrument binds or not, one line per statement with its sources cited as documents
    (the KB's record of the source and its notes with `verbose`)."""
    t = partial(i18n.text, lang)
    lines = []
    for group in grouped(kb, app, lang):
        sources = source_citations(kb, group.documents, group.provision, lang)
        text = f"- {group.text}" + (f" ({t('source.label')}: {'; '.join(sources)})" if sources else "")
        lines += wrap(text, width, "    ", "      ")
        if verbose:
            for reason in group.reasons:
                if reason.source and reason.source not in (reason.state, "request_date"):
                    lines += wrap(f"{t('source.text')}: {reason.source}", width, "      ", "        ")
                if reason.note and reason.note not in reason.source:
                    lines += wrap(f"{t('source.note')}: {i18n.kb_note(lang, reason.note)}", width, "      ", "        ")
    return lines


def _by_citation(met: list[RequirementResult], lang: str) -> list[tuple[str, list[str]]]:
    """Requirements met, those resting on the same provisions on one line."""
    rows: dict[str, list[str]] = {}
    for req in met:
        also = "".join(f", {c.label}" for c in req.also_cited)
        label = req.label
        applied = req.applied_exception
        if applied:
            label += " " + i18n.text(
                lang, "requirement.by_exception", citation=applied.citation.label, condition=applied.condition
            )
        rows.setdefault(f"{req.citation.label}{also}", []).append(label)
    return list(rows.items())


def _applicability_lines(
    kb: KnowledgeBase, result: InstrumentResult, lang: str, verbose: bool, width: int, sources: Sources
) -> list[str]:
    app = result.applicability
    t = partial(i18n.text, lang)
    heading = "  " + t(f"applicability.heading.{app.status}")
    if app.status == "does_not_bind" and result.decision != "not_applicable":
        heading += " " + t("applicability.forced")
    groups = grouped(kb, app, lang)
    if len(groups) == 1 and not verbose:  # one statement: on the heading's line
        refs = sources.refs(source_citations(kb, groups[0].documents, groups[0].provision, lang))
        return wrap(f"{heading} {groups[0].text}{refs}", width, "", "    ")
    lines = [heading]
    for group in groups:
        refs = sources.refs(source_citations(kb, group.documents, group.provision, lang))
        lines += wrap(f"- {group.text}{refs}", width, "    ", "      ")
        if verbose:
            for reason in group.reasons:
                if reason.source and reason.source not in (reason.state, "request_date"):
                    lines += wrap(f"{t('source.text')}: {reason.source}", width, "      ", "        ")
                if reason.note and reason.note not in reason.source:
                    lines += wrap(f"{t('source.note')}: {i18n.kb_note(lang, reason.note)}", width, "      ", "        ")
    return lines


def render_instrument(
    kb: KnowledgeBase,
    result: InstrumentResult,
    lang: str,
    style: Style = _plain,
    *,
    verbose: bool = False,
    width: int = WIDTH,
) -> list[str]:
    if result.decision == "not_applicable" and not verbose:
        return render_not_applicable(kb, result, lang, style, width)
    t = partial(i18n.text, lang)
    inst = kb.instrument(result.instrument)
    name = kb.short_name(result.instrument, lang)
    word = _decision_word(result.decision, lang)
    if result.conditional:
        word = t("conditional.decision", decision=word)
    head = f"{name} ({result.instrument}): {word}"
    folded = wrap(head, width, "", "  ")  # a long name and decision fold like any line
    lines = [style(line, fg=_COLOURS.get(result.decision), bold=True) for line in folded]
    if result.conditional:
        lines += wrap(t("conditional.sentence"), width, "  ", "    ")
    title = inst["title"].get(lang) or next(iter(inst["title"].values()), "")
    if verbose and title:
        lines += wrap(title, width, "  ")
    sources = Sources()
    lines += _applicability_lines(kb, result, lang, verbose, width, sources)
    if result.decision == "not_applicable":
        return lines + sources.lines(lang, width)
    if result.declarations:
        lines.append(style("  " + t("section.declarations"), bold=True))
        for decl in result.declarations:
            text = next(iter(decl.text.values()), "")
            refs = sources.refs(source_citations(kb, documents_cited_in(kb, decl.source), None, lang) or [decl.source])
            line = t("declaration.line", state=decl.state, citation=decl.concerns.label, text=text)
            lines += wrap(f"- {line}{refs}", width, "    ", "      ")
            if verbose and decl.source:
                lines += wrap(f"{t('source.text')}: {decl.source}", width, "      ", "        ")
            if decl.note:
                lines += wrap(i18n.kb_note(lang, decl.note), width, "      ")

    failed = result.with_status("failed")
    if failed:
        lines.append(style("  " + t("section.blocked_by"), bold=True))
        for req in failed:
            lines += wrap(f"✗ {req.citation.label}: {req.label}", width, "  ", "      ")
            summary = facts_summary(req, lang)
            if summary:
                lines += wrap(f"{t('words.facts')}: {summary}", width, "      ", "        ")
            lines += quote_lines(kb, result.instrument, req.quote, lang, "      ", width)
            lines += exception_lines(req, lang, width)
    if result.latest_request_date is not None:
        lines += wrap(deadline_text(kb, result.latest_request_date, result.instrument, lang), width, "  ", "    ")
    met = result.with_status("met")
    if met:
        lines.append(style("  " + t("section.met"), bold=True))
        for citations, labels in _by_citation(met, lang):
            lines += wrap(f"✓ {citations}: {'; '.join(labels)}", width, "  ", "      ")
    unknown = result.with_status("unknown")
    if unknown:
        lines.append(style("  " + t("section.unknown"), bold=True))
        for req in unknown:
            lines += wrap(f"? {req.citation.label}: {req.label}", width, "  ", "      ")
            if req.missing or not req.missing_texts:
                needs = ", ".join(req.missing) or t("requirement.needs_unnamed")
                lines += wrap(f"{t('words.needs')}: {needs}", width, "      ", "        ")
            lines += exception_lines(req, lang, width, "requirement.open_exception")
            for text in missing_text_lines(kb, req, lang):
                lines += wrap(text, width, "      ", "        ")
    not_applicable = result.with_status("not_applicable")
    if not_applicable and verbose:
        lines.append(style("  " + t("section.not_applicable"), bold=True))
        for req in not_applicable:
            lines += wrap(f"- {req.citation.label}: {req.label}", width, "  ", "      ")
    if result.considerations:
        lines.append(style("  " + t("section.considerations"), bold=True))
        for note in result.considerations:
            lines += wrap(f"• {note.citation.label}: {note.label}", width, "  ", "      ")
            if verbose:
                lines += quote_lines(kb, result.instrument, note.quote, lang, "      ", width)
    if result.effects:
        lines.append(style("  " + t("section.effects"), bold=True))
        for note in result.effects:
            lines += wrap(f"• {note.citation.label}: {note.label}", width, "  ", "      ")
    return lines + sources.lines(lang, width)


def render_case(
    kb: KnowledgeBase,
    result: CaseResult,
    lang: str = "en",
    style: Style = _plain,
    *,
    verbose: bool = False,
    width: int = WIDTH,
) -> str:
    hypothetical = hypothetical_text(result, lang)
    key = "case.heading_hypothetical" if hypothetical else "case.heading"
    lines = [style(i18n.text(lang, key, id=result.case), fg="magenta" if hypothetical else None, bold=True)]
    if hypothetical:
        lines += wrap(hypothetical, width, "  ", "    ")
    lines += [style(line, fg="magenta") for line in chosen_readings_lines(kb, lang, width)]
    lines.append("")
    # In the engine's order (traslado.decide.model.result_group), which every format follows.
    # Beside an instrument that binds the two states, one that only may bind (its application unknown)
    # is told briefly, as one that does not apply is; alone, or with --verbose, it is told in full.
    binding = any(r.applicability.status == "binds" and r.decision != "not_applicable" for r in result.results)
    brief = [binding and not verbose and r.conditional for r in result.results]
    applying = [(r, b) for r, b in zip(result.results, brief, strict=True) if r.decision != "not_applicable"]
    others = [r for r in result.results if r.decision == "not_applicable"]
    for n, (inst, short) in enumerate(applying):
        if short:  # told briefly; a blank line only before an instrument told in full
            lines += render_conditional_brief(kb, inst, lang, style, width)
            if n + 1 < len(applying) and not applying[n + 1][1]:
                lines.append("")
            continue
        lines += render_instrument(kb, inst, lang, style, verbose=verbose, width=width)
        lines.append("")
    for inst in others:
        lines += render_instrument(kb, inst, lang, style, verbose=verbose, width=width)
        if verbose:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
