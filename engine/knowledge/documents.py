"""The documents the KB's facts come from (kb/documents.ttl), as citations: document, date, address.

A party row's source in the KB is a sentence for the people who maintain it ("... as excerpted in
kb/sources/... section B: ..."); an answer cites the document it names instead, and keeps the
sentence for --verbose and JSON. A source text names a document by one of its `cited_as` strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from traslado.knowledge.store import KnowledgeBase


@dataclass(frozen=True)
class Document:
    id: str
    titles: tuple[tuple[str, str], ...]  # (language, title)
    date: str | None  # ISO date or year, as the source gives it; None where it gives none
    address: str | None
    date_kind: str | None = None  # status | accessed | proclaimed | last_amended; None: the document's date

    def title(self, lang: str = "en") -> str:
        by_lang = dict(self.titles)
        return by_lang.get(lang) or by_lang.get("en") or next(iter(by_lang.values()), self.id)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": dict(self.titles),
            "date": self.date,
            "date_kind": self.date_kind,
            "address": self.address,
        }


def _all(kb: KnowledgeBase) -> dict[str, tuple[Document, dict]]:
    found = kb.cache.get("documents")
    if found is None:
        found = kb.cache["documents"] = {
            ident: (Document(ident, tuple(sorted(d["title"].items())), d["date"], d["address"], d.get("date_kind")), d)
            for ident, d in kb.data.get("documents", {}).items()
        }
    return found


def document(kb: KnowledgeBase, ident: str) -> Document:
    return _all(kb)[ident][0]


def documents_cited_in(kb: KnowledgeBase, source: str | None) -> tuple[Document, ...]:
    """The documents a source text names, in the order it names them."""
    if not source:
        return ()
    hits = []
    for doc, data in _all(kb).values():
        positions = [source.find(s) for s in data["cited_as"] if s in source]
        if positions:
            hits.append((min(positions), doc.id, doc))
    return tuple(doc for _, _, doc in sorted(hits))


def party_list_documents(kb: KnowledgeBase, instrument: str) -> tuple[Document, ...]:
    """The documents an instrument's party list is taken from."""
    return tuple(doc for doc, data in _all(kb).values() if instrument in data["party_list_of"])


def text_documents(kb: KnowledgeBase, instrument: str) -> tuple[Document, ...]:
    """The documents an instrument's text in the KB is taken from."""
    return tuple(doc for doc, data in _all(kb).values() if instrument in data["text_of"])
