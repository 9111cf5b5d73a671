"""Renderers for what-if plans and ranked routes: JSON, text and Markdown. They decide nothing."""

from __future__ import annotations

from functools import partial
from typing import Any

from traslado.decide.routes import Route, Routes
from traslado.decide.whatif import Change, WhatIf
from traslado.knowledge.store import KnowledgeBase
from traslado.render import i18n
from traslado.render.json_result import deadline_json
from traslado.render.terminal import wrap
from traslado.render.text import deadline_text, missing_text_lines


def _value(value: Any, lang: str = "en") -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if value == "enough":
        return i18n.text(lang, "plans.enough")
    return str(value)


def change_json(change: Change) -> dict[str, Any]:
    return {
        "fact": change.path,
        "value": change.value,
        "kind": change.kind,
        "action": change.action,
        "satisfies": [c.to_json() for c in change.satisfies],
    }


def whatif_json(plan: WhatIf) -> dict[str, Any]:
    return {
        "instrument": plan.result.instrument,
        "decision": plan.result.decision,
        "layers": [{"instrument": r.instrument, "decision": r.decision} for r in plan.layers],
        "all_facts": plan.all_facts,
        "max_changes": plan.bounded,
        "change_sets": [[change_json(c) for c in s] for s in plan.change_sets],
        "blocked_for_good": [
            {"id": r.id, "citation": r.citation.to_json(), "label": r.label, "facts": r.facts} for r in plan.permanent
        ],
        "unknown_facts": [{"fact": u.path, "decision_if": u.outcomes} for u in plan.unknown_facts],
    }


def _change_line(kb: KnowledgeBase, change: Change, lang: str) -> str:
    verb = i18n.text(lang, "plans.establish" if change.kind == "establish" else "plans.change")
    text = f"{verb} {change.path} = {_value(change.value, lang)}"
    if change.action and change.kind == "change":
        text += f" ({change.action})"
    if change.satisfies:
        text += i18n.text(
            lang, "plans.satisfies", citations=", ".join(kb.cite_label(c, lang) for c in change.satisfies)
        )
    return text


def whatif_text(kb: KnowledgeBase, plan: WhatIf, lang: str = "en", width: int = 100) -> list[str]:
    t = partial(i18n.text, lang)
    name = kb.short_name(plan.result.instrument, lang)
    lines = [f"{name} ({plan.result.instrument}): {t(f'decision.{plan.result.decision}')}"]
    for layer in plan.layers:
        lines.append(
            "  "
            + t(
                "plans.together_with",
                name=kb.short_name(layer.instrument, lang),
                decision=t(f"decision_word.{layer.decision}"),
            )
        )
    if any(r.kind == "replacement_unknown" for r in plan.result.applicability.reasons):
        # FD 2008/909 Art. 26(1)/28(2): whether this instrument governs at all is open; the plan assumes it does.
        lines += wrap(t("plans.replacement_open"), width, "  ", "    ")
    if plan.eligible_now:
        lines.append("  " + t("plans.nothing_to_change"))
        return lines
    if not kb.instrument(plan.result.instrument)["encoded"]:
        lines.append("  " + t("plans.not_encoded"))
        return lines
    if plan.change_sets:
        size = len(plan.change_sets[0])
        lines.append("  " + t("plans.smallest_sets" if len(plan.change_sets) > 1 else "plans.smallest_set", n=size))
        for number, changes in enumerate(plan.change_sets, 1):
            lines.append(f"  {number}.")
            for change in changes:
                lines += wrap(_change_line(kb, change, lang), width, "     - ", "       ")
    for req in plan.permanent:
        facts = "; ".join(f"{k} = {_value(v, lang)}" for k, v in req.facts.items() if v is not None)
        key = "plans.blocked_for_good" if not plan.change_sets else "plans.cannot_change"
        text = t(key, citation=kb.cite_label(req.citation, lang), label=req.label, facts=facts)
        lines += wrap(text, width, "  ", "    ")
    if not plan.change_sets and not plan.permanent:
        key = "plans.no_combination_bounded" if plan.bounded is not None else "plans.no_combination"
        lines.append("  " + t(key, n=plan.bounded or 0))
    # A text the KB does not hold (an unread declaration) is no fact a change could set.
    for text in missing_text_lines(kb, plan.result, lang):
        lines += wrap(text, width, "  ", "    ")
    if plan.permanent and not plan.all_facts:
        lines.append("  " + t("plans.only_actionable"))
    if plan.unknown_facts:
        lines.append("  " + t("plans.unknown_facts"))
        for fact in plan.unknown_facts:
            if fact.outcomes:
                outcomes = ", ".join(f"{v} → {t(f'decision_word.{d}')}" for v, d in fact.outcomes.items())
                blocks = " " + t("plans.decisive") if "blocked" in fact.outcomes.values() else ""
                lines.append(f"   ? {fact.path}: {outcomes}{blocks}")
            else:
                lines.append(f"   ? {fact.path}: {t('plans.needs_value')}")
    return lines


def whatif_markdown(kb: KnowledgeBase, plan: WhatIf, lang: str = "en") -> list[str]:
    decision = i18n.text(lang, f"decision_word.{plan.result.decision}")
    lines = [f"## {kb.short_name(plan.result.instrument, lang)} (`{plan.result.instrument}`): **{decision}**", ""]
    lines += [f"    {line}" for line in whatif_text(kb, plan, lang)[1:]]
    return lines + [""]


def route_json(route: Route) -> dict[str, Any]:
    return {
        "instrument": route.instrument,
        "rank_group": route.group,
        "decision": route.decision,
        "applicability": route.applicability,
        "conditional": route.applicability == "unknown",
        "changes": route.changes,
        "citations": [c.to_json() for c in route.citations],
        "change_sets": [[change_json(c) for c in s] for s in route.whatif.change_sets] if route.whatif else [],
        "latest_request_date": deadline_json(route.deadline),
    }


def routes_json(ranked: Routes) -> dict[str, Any]:
    return {
        "case": ranked.case,
        "layers": ranked.layers,
        "routes": [route_json(r) for r in ranked.routes],
        "choice": [{"citation": n.citation.to_json(), "label": n.label, "quote": n.quote} for n in ranked.choice],
    }


def routes_text(kb: KnowledgeBase, ranked: Routes, lang: str = "en", width: int = 100) -> list[str]:
    t = partial(i18n.text, lang)
    lines = [t("plans.routes_heading", case=ranked.case)]
    if ranked.layers:
        names = ", ".join(f"{kb.short_name(i, lang)} ({i})" for i in ranked.layers)
        lines.append("  " + t("plans.every_route", names=names))
    if not ranked.routes:
        lines.append("  " + t("plans.no_route"))
    for number, route in enumerate(ranked.routes, 1):
        name = kb.short_name(route.instrument, lang)
        words = t(f"plans.group.{route.group}")
        if route.group in ("blocked_fixable", "undetermined") and route.changes is not None:
            words += " " + t("plans.changes_one" if route.changes == 1 else "plans.changes_many", n=route.changes)
        if route.applicability == "unknown":
            words += t("plans.binding_unknown")
        cites = ", ".join(kb.cite_label(c, lang) for c in route.citations[:6])
        line = f"{number}. {name} ({route.instrument}): {words}"
        if cites and route.group != "eligible":
            line += f" — {cites}"
        lines += wrap(line, width, "  ", "       ")
        if route.whatif and route.whatif.change_sets and route.group != "eligible":
            first = route.whatif.change_sets[0]
            example = "; ".join(f"{c.path} = {_value(c.value, lang)}" for c in first)
            lines += wrap(f"{t('plans.for_example')} {example}", width, "       ", "         ")
        if route.deadline is not None:
            lines += wrap(deadline_text(kb, route.deadline, route.instrument, lang), width, "       ", "         ")
    for note in ranked.choice:
        lines += wrap(f"{kb.cite_label(note.citation, lang)}: {note.label}", width, "  ", "    ")
    return lines
