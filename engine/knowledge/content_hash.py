"""A content hash of the knowledge base as loaded: what an answer rested on, in one string.

Unlike the cache fingerprint (store.py, which trusts sizes and modification times), this hashes the
bytes, so the same KB gives the same hash in a checkout, an installed wheel or a copy, and any change
to any file changes it. A report prints it; a receipt can carry it and the per-instrument hashes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from traslado.knowledge.store import KnowledgeBase

ALGORITHM = "sha256"


def _files(root: Path) -> list[Path]:
    """Every file under root but Python's byte-code, in an order that does not depend on the disk."""
    return sorted(
        (p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.relative_to(root).parts),
        key=lambda p: p.relative_to(root).as_posix(),
    )


def tree_hash(root: Path, files: Iterable[Path] | None = None) -> str:
    """'sha256:<hex>' over each file's path (relative to root, '/'-separated), length and bytes."""
    digest = hashlib.new(ALGORITHM)
    for path in _files(root) if files is None else files:
        data = path.read_bytes()
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(str(len(data)).encode("ascii") + b"\0")
        digest.update(data)
    return f"{ALGORITHM}:{digest.hexdigest()}"


def kb_content_hash(kb: KnowledgeBase) -> str:
    """The hash of every file of the KB the engine loaded; computed once per loaded KB."""
    if "content_hash" not in kb.cache:
        kb.cache["content_hash"] = tree_hash(kb.root)
    return kb.cache["content_hash"]


def instrument_hashes(kb: KnowledgeBase) -> dict[str, str]:
    """One hash per instrument folder (instruments/<id>/), so a change can be traced to its instrument."""
    folders = kb.root / "instruments"
    return {ident: tree_hash(folders / ident) for ident in kb.instruments if (folders / ident).is_dir()}
