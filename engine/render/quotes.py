"""Which languages to quote a provision in: the one asked for, and the authentic one beside a translation."""

from __future__ import annotations

from traslado.knowledge.store import KnowledgeBase


def quote_languages(kb: KnowledgeBase, instrument: str, quote: dict[str, str], lang: str) -> list[tuple[str, str]]:
    """[(language, 'authentic' | 'translation')] in the order to print them."""
    authentic = kb.instrument(instrument)["authentic"]
    langs = [lang] if lang in quote else []
    if lang not in authentic:
        langs += [a for a in authentic if a in quote and a not in langs][:1]
    if not langs and quote:
        langs = [next(iter(quote))]
    return [(code, "authentic" if code in authentic else "translation") for code in langs]
