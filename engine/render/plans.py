"""Renderers for what-if plans and ranked routes: JSON, text and Markdown. They decide nothing."""

from __future__ import annotations

import textwrap
from typing import Any

from traslado.decide.routes import Route, Routes
from traslado.decide.whatif import Change, WhatIf
from traslado.knowledge.store import KnowledgeBase

_GROUP_WORDS = {
    "eligible": "eligible",
    "undetermined": "undetermined: facts to establish",
    "blocked_fixable": "blocked, but changes can lift it",
    "blocked_for_good": "blocked for good",
    "not_encoded": "binds, but its conditions are not in the sources held",
}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if value == "enough":
        return "enough left (end date or months remaining)"
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


def _change_line(kb: KnowledgeBase, change: Change) -> str:
    verb = "establish" if change.kind == "establish" else "change"
    text = f"{verb} {change.path} = {_value(change.value)}"
    if change.action and change.kind == "change":
        text += f" ({change.action})"
    if change.satisfies:
        text += " — satisfies " + ", ".join(kb.cite_label(c) for c in change.satisfies)
    return text


def whatif_text(kb: KnowledgeBase, plan: WhatIf, lang: str = "en") -> list[str]:
    name = kb.short_name(plan.result.instrument, lang)
    lines = [f"{name} ({plan.result.instrument}): {plan.result.decision.upper()}"]
    for layer in plan.layers:
        lines.append(f"  together with {kb.short_name(layer.instrument, lang)}: {layer.decision}")
    if plan.eligible_now:
        lines.append("  Nothing needs to change.")
        return lines
    if not kb.instrument(plan.result.instrument)["encoded"]:
        lines.append("  Its conditions are not in the sources held: nothing can be proposed.")
        return lines
    if plan.change_sets:
        size = len(plan.change_sets[0])
        lines.append(
            f"  Smallest sets of changes ({size} each):"
            if len(plan.change_sets) > 1
            else f"  Smallest set of changes ({size}):"
        )
        for number, changes in enumerate(plan.change_sets, 1):
            lines.append(f"  {number}.")
            for change in changes:
                lines += textwrap.wrap(
                    _change_line(kb, change), 100, initial_indent="     - ", subsequent_indent="       "
                )
    for req in plan.permanent:
        facts = "; ".join(f"{k} = {_value(v)}" for k, v in req.facts.items() if v is not None)
        words = "blocked for good" if not plan.change_sets else "cannot change"
        text = f"{words} by {kb.cite_label(req.citation, lang)} ({req.label}): {facts}"
        lines += textwrap.wrap(text, 100, initial_indent="  ", subsequent_indent="    ")
    if not plan.change_sets and not plan.permanent:
        bound = f" of at most {plan.bounded}" if plan.bounded is not None else ""
        lines.append(f"  No combination{bound} of the changes allowed makes it eligible.")
    if plan.permanent and not plan.all_facts:
        lines.append("  (Only actionable facts are changed; --all-facts lifts that.)")
    if plan.unknown_facts:
        lines.append("  Unknown facts, and the decision under each value:")
        for fact in plan.unknown_facts:
            if fact.outcomes:
                outcomes = ", ".join(f"{v} → {d}" for v, d in fact.outcomes.items())
                blocks = " (decisive: one value blocks)" if "blocked" in fact.outcomes.values() else ""
                lines.append(f"   ? {fact.path}: {outcomes}{blocks}")
            else:
                lines.append(f"   ? {fact.path}: needs a value (not a yes/no fact)")
    return lines


def whatif_markdown(kb: KnowledgeBase, plan: WhatIf, lang: str = "en") -> list[str]:
    lines = [
        f"## {kb.short_name(plan.result.instrument, lang)} (`{plan.result.instrument}`): **{plan.result.decision}**",
        "",
    ]
    lines += [f"    {line}" for line in whatif_text(kb, plan, lang)[1:]]
    return lines + [""]


def route_json(route: Route) -> dict[str, Any]:
    return {
        "instrument": route.instrument,
        "rank_group": route.group,
        "decision": route.decision,
        "applicability": route.applicability,
        "changes": route.changes,
        "citations": [c.to_json() for c in route.citations],
        "change_sets": [[change_json(c) for c in s] for s in route.whatif.change_sets] if route.whatif else [],
    }


def routes_json(ranked: Routes) -> dict[str, Any]:
    return {
        "case": ranked.case,
        "layers": ranked.layers,
        "routes": [route_json(r) for r in ranked.routes],
        "choice": [{"citation": n.citation.to_json(), "label": n.label, "quote": n.quote} for n in ranked.choice],
    }


def routes_text(kb: KnowledgeBase, ranked: Routes, lang: str = "en") -> list[str]:
    lines = [f"Routes for case {ranked.case}"]
    if ranked.layers:
        names = ", ".join(f"{kb.short_name(i, lang)} ({i})" for i in ranked.layers)
        lines.append(f"  every route must also meet: {names}")
    if not ranked.routes:
        lines.append("  No instrument in the knowledge base binds these two states.")
    for number, route in enumerate(ranked.routes, 1):
        name = kb.short_name(route.instrument, lang)
        words = _GROUP_WORDS[route.group]
        if route.group in ("blocked_fixable", "undetermined") and route.changes is not None:
            plural = "s" if route.changes != 1 else ""
            words += f" ({route.changes} change{plural} or fact{plural} to establish)"
        if route.applicability == "unknown":
            words += "; whether it binds these states is unknown"
        cites = ", ".join(kb.cite_label(c, lang) for c in route.citations[:6])
        line = f"  {number}. {name} ({route.instrument}): {words}"
        if cites and route.group != "eligible":
            line += f" — {cites}"
        lines.append(line)
        if route.whatif and route.whatif.change_sets and route.group != "eligible":
            first = route.whatif.change_sets[0]
            lines.append("       e.g. " + "; ".join(f"{c.path} = {_value(c.value)}" for c in first))
    for note in ranked.choice:
        lines.append(f"  {kb.cite_label(note.citation, lang)}: {note.label}")
    return lines
