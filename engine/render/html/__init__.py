"""HTML pages (a case report, the comparison) from the same typed results as the other formats.

Jinja2 with autoescaping always on renders every page, so no string from a case or the KB can become
markup; control characters are shown as escapes rather than passed into the page. The pages are
self-contained (inline CSS, no script, a Content-Security-Policy forbidding anything from elsewhere),
so they open offline and print as they look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from traslado.knowledge.content_hash import kb_content_hash
from traslado.knowledge.store import KnowledgeBase
from traslado.render import i18n

# C0 controls but tab, newline and carriage return; DEL and the C1 controls: not allowed in an HTML
# document, and in a terminal they are escape sequences. Shown as \x1b so a reader sees them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def visible_controls(value: Any) -> Any:
    """Jinja's finalize hook: every {{ value }} passes here before it is escaped."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return value


@cache
def environment():
    """One Jinja2 environment: templates shipped in the package, autoescape on for every template."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("traslado.render.html", "templates"),
        extensions=["jinja2.ext.do"],
        autoescape=True,
        undefined=StrictUndefined,
        finalize=visible_controls,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["visible"] = visible_controls
    return env


@dataclass(frozen=True)
class PageInfo:
    """What every page says about itself: which Traslado, which KB, and when."""

    version: str
    kb_hash: str
    generated_on: date

    @classmethod
    def of(cls, kb: KnowledgeBase, generated_on: date | None = None) -> PageInfo:
        import traslado

        return cls(traslado.__version__, kb_content_hash(kb), generated_on or date.today())


@dataclass(frozen=True)
class Text:
    """One language's text of a provision, and whether it is authentic or a translation."""

    lang: str
    role: str  # authentic | translation | status_unknown
    text: str


def provision_texts(kb: KnowledgeBase, instrument: str, quote: dict[str, str], lang: str) -> list[Text]:
    """The authentic texts held (the asked language first), then the translation into the asked
    language where that is not authentic: the columns a lawyer reads side by side."""
    authentic = kb.instruments.get(instrument, {}).get("authentic", [])
    if not authentic:  # the KB does not record which texts are authentic: say so, do not guess
        order = [lang, *sorted(quote)]
        return [Text(code, "status_unknown", quote[code]) for code in dict.fromkeys(order) if code in quote]
    held = [code for code in dict.fromkeys([lang, *authentic]) if code in authentic and code in quote]
    texts = [Text(code, "authentic", quote[code]) for code in held]
    if lang in quote and lang not in authentic:
        texts.append(Text(lang, "translation", quote[lang]))
    if not texts:  # no authentic text held and none in the asked language: show what there is
        texts = [Text(code, "translation", text) for code, text in quote.items()]
    return texts


def translator(lang: str):
    """t("html.key", name=...) in the page's language."""

    def t(key: str, **values: object) -> str:
        return i18n.text(lang, key, **values)

    return t


def language_name(lang: str, code: str) -> str:
    key = f"html.language.{code}"
    return i18n.text(lang, key) if key in i18n.catalogue("en") else code
