"""The rules a researcher asked for, as text: each cited, quoted and with the KB's reading."""

from __future__ import annotations

import textwrap

from traslado.knowledge.rulebase import Rule
from traslado.knowledge.store import KnowledgeBase
from traslado.render.quotes import quote_languages


def rules_text(kb: KnowledgeBase, rules: list[Rule], lang: str) -> str:
    lines = []
    for r in rules:
        what = kb.concept_label(r.kind, lang) + (f": {kb.concept_label(r.value, lang)}" if r.value else "")
        extra = "".join(f"; unless {f} ({kb.cite_label(c, lang)})" for f, c in r.exceptions)
        lines.append(f"{kb.cite_label(r.citation, lang)} [{r.category}] {what}{extra}")
        quote = kb.quote(r.citation)
        for code, tag in quote_languages(kb, r.citation.instrument, quote, lang):
            lines += textwrap.wrap(
                f"“{quote[code]}” [{code}, {tag}]", 100, initial_indent="    ", subsequent_indent="    "
            )
        if r.note:  # the KB's reading of an ambiguous or nuanced text
            lines += textwrap.wrap(f"Note: {r.note}", 100, initial_indent="    ", subsequent_indent="      ")
    return "\n".join(lines)
