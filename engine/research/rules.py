"""Find rules for researchers: by instrument, requirement kind, provision topic or words in the text."""

from __future__ import annotations

import unicodedata
from typing import Any

from traslado.knowledge.rulebase import Rule, load_rulebase
from traslado.knowledge.store import KnowledgeBase


def _fold(text: str) -> str:
    """Lower case without accents, so that 'consentimiento' and 'CONSENTIMIENTO' and 'consentímiento' meet."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def find_rules(
    kb: KnowledgeBase, instruments: list[str], requirements: list[str], topics: list[str], search: str | None
) -> list[Rule]:
    found = []
    for rule in load_rulebase(kb).rules:
        if instruments and rule.instrument not in instruments:
            continue
        if requirements and not (rule.category == "requirement" and rule.kind in requirements):
            continue
        if topics and not (rule.category == "provision" and rule.kind in topics):
            continue
        if search:
            haystack = " ".join(
                [
                    *kb.quote(rule.citation).values(),
                    *kb.data["concepts"].get(rule.kind, {}).get("label", {}).values(),
                    *kb.data["concepts"].get(rule.value or "", {}).get("label", {}).values(),
                    rule.kind,
                    rule.value or "",
                ]
            )
            if _fold(search) not in _fold(haystack):
                continue
        found.append(rule)
    return found


def rules_json(kb: KnowledgeBase, rules: list[Rule], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "instrument": r.instrument,
            "category": r.category,
            "kind": r.kind,
            "label": kb.concept_label(r.kind, lang),
            "value": r.value,
            "value_label": kb.concept_label(r.value, lang) if r.value else None,
            "citation": r.citation.to_json(),
            "also_cited": [c.to_json() for c in r.also],
            "exceptions": [{"condition": f, "citation": c.to_json()} for f, c in r.exceptions],
            "quote": kb.quote(r.citation),
            "note": r.note,
        }
        for r in rules
    ]
