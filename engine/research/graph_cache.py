"""The exported graph, cached as canonical N-Triples beside the compiled KB, so that `traslado query`
and `traslado export` do not rebuild the graph with rdflib on every run.

The key changes whenever a file under kb/ changes (the KB cache's fingerprint) and whenever the code
that builds the graph changes (the sources of traslado.knowledge and traslado.research and the data
they ship), so a stale graph is never served.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from traslado.knowledge.location import cache_dir, kb_dir, keep_in_cache
from traslado.knowledge.store import KnowledgeBase, _compiled, _fingerprint


@cache
def _code_digest() -> str:
    """Changes with the code and data that build the graph."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for folder in (here, here.parent / "knowledge"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".tsv", ".txt"}:
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def graph_key(root: Path) -> str:
    return f"{_fingerprint(root)}-{_code_digest()}"


def exported_ntriples(root: Path | None = None) -> str:
    """The whole graph as canonical N-Triples: from the cache, or built once and cached."""
    root = (root or kb_dir()).resolve()
    cache_file = cache_dir() / f"graph-{graph_key(root)}.nt"
    try:
        return cache_file.read_text(encoding="utf-8")
    except (OSError, ValueError):
        pass
    from traslado.research.export import canonical_ntriples
    from traslado.research.graph import knowledge_graph

    # a KnowledgeBase of its own: one memoised for this root may hold rules read before a change
    text = canonical_ntriples(knowledge_graph(KnowledgeBase(root=root, data=_compiled(root))))
    keep_in_cache(cache_file, text)
    return text
