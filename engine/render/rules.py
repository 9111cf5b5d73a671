"""The rules a researcher asked for, as text: each cited, quoted and with the KB's reading."""

from __future__ import annotations

from traslado.knowledge.rulebase import Rule
from traslado.knowledge.store import KnowledgeBase
from traslado.render import i18n
from traslado.render.quotes import quote_languages
from traslado.render.terminal import KEEP, wrap


def rules_text(kb: KnowledgeBase, rules: list[Rule], lang: str, width: int = 100) -> str:
    lines = []
    for r in rules:
        what = kb.concept_label(r.kind, lang) + (f": {kb.concept_label(r.value, lang)}" if r.value else "")
        extra = "".join(
            i18n.text(lang, "rules.unless", condition=f, citation=kb.cite_label(c, lang)) for f, c in r.exceptions
        )
        category = i18n.text(lang, f"rules.category.{r.category}")
        lines.append(f"{kb.cite_label(r.citation, lang)} [{category}] {what}{extra}")
        quote = kb.quote(r.citation)
        for code, tag in quote_languages(kb, r.citation.instrument, quote, lang):
            tag_word = i18n.text(lang, f"quote.{tag}")
            lines += wrap(f"“{quote[code]}” [{code},{KEEP}{tag_word}]", width, "    ")
        if r.note:  # the KB's reading of an ambiguous or nuanced text
            lines += wrap(i18n.text(lang, "rules.note", note=r.note), width, "    ", "      ")
    return "\n".join(lines)
