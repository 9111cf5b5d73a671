"""The receipt of an answer: what it rested on, so that anyone can run it again and see the same.

Traslado's version, the KB's content hash as loaded (and one hash per instrument folder and per
other KB file, so a change can be traced), the readings in force, the request date, a hash of the
case as read (canonical JSON of the normalised facts), the instruments asked for, and when it was
evaluated. Everything but the time is the same for the same inputs.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from traslado.case import Case
from traslado.knowledge.content_hash import instrument_hashes, kb_content_hash, tree_hash
from traslado.knowledge.readings import chosen, in_force
from traslado.knowledge.store import KnowledgeBase

FORMAT = 1


def traslado_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("traslado")
    except PackageNotFoundError:
        return "unknown"


def case_hash(case: Case) -> str:
    """sha256 of the case as read: its id and normalised facts, as canonical JSON (sorted keys)."""
    facts = {path: (v.isoformat() if hasattr(v, "isoformat") else v) for path, v in sorted(case.facts.items())}
    text = json.dumps({"id": case.id, "facts": facts}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_hashes(kb: KnowledgeBase) -> dict[str, str]:
    """One hash per KB file outside the instrument folders (common.lp, vocab.ttl, readings.ttl, sources/...)."""
    out = {}
    for path in sorted(kb.root.rglob("*")):
        relative = path.relative_to(kb.root)
        if not path.is_file() or relative.parts[0] == "instruments" or "__pycache__" in relative.parts:
            continue
        out[relative.as_posix()] = tree_hash(kb.root, [path])
    return out


def kb_receipt(kb: KnowledgeBase) -> dict[str, Any]:
    """The KB part of a receipt; computed once per loaded KB."""
    if "receipt" not in kb.cache:
        kb.cache["receipt"] = {
            "content_hash": kb_content_hash(kb),
            "instruments": instrument_hashes(kb),
            "files": file_hashes(kb),
        }
    return kb.cache["receipt"]


def receipt(
    kb: KnowledgeBase,
    case: Case | None = None,
    instruments: list[str] | None = None,
    source: str | None = None,
    overrides: list[str] | None = None,
) -> dict[str, Any]:
    """The receipt of one answer (case None: of a run over many cases, as in a batch header)."""
    out: dict[str, Any] = {
        "format": FORMAT,
        "traslado_version": traslado_version(),
        "kb": kb_receipt(kb),
        "readings": in_force(kb),
        "readings_chosen": chosen(kb),
        "instruments_requested": list(instruments) if instruments else None,
    }
    if case is not None:
        request = case.get("request_date")
        out["request_date"] = request.isoformat() if hasattr(request, "isoformat") else request
        out["case_hash"] = case_hash(case)
        out["case_source"] = source if source is not None else case.source
        out["set"] = list(overrides or [])  # --set PATH=VALUE, applied to the file as read
    out["evaluated_at"] = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return out
