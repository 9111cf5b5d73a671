"""Where the knowledge base lives, and where its compiled form is cached.

The KB ships inside the package (`traslado/kb`, package data); in a checkout it is `kb/` beside the
code. TRASLADO_KB points elsewhere, which the tests use to evaluate a modified copy of the KB.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


class KnowledgeBaseMissing(FileNotFoundError):
    """Neither TRASLADO_KB, the installed package nor a checkout holds a knowledge base."""


def kb_dir() -> Path:
    if explicit := os.environ.get("TRASLADO_KB"):
        return Path(explicit).resolve()
    # The package's folder, from this module's own file (importlib.resources would say the same for a
    # package on disk, and costs a few milliseconds of imports at every start).
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "kb", package.parent / "kb"):  # installed; a checkout (engine/ beside kb/)
        if (candidate / "vocab.ttl").is_file():
            return candidate.resolve()
    raise KnowledgeBaseMissing(f"no knowledge base in {package / 'kb'} or {package.parent / 'kb'}; set TRASLADO_KB")


def cache_dir() -> Path:
    """Where the compiled KB is kept between runs (rebuilt whenever kb/ changes)."""
    if explicit := os.environ.get("TRASLADO_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "traslado"


def cached_json(path: Path, build: Callable[[], Any]) -> Any:
    """The JSON kept at path, or build() kept there for the next run. A cache file that cannot be read
    (missing, half-written by another version, damaged) is built again; one that cannot be written
    only costs speed."""
    import json

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = build()
    keep_in_cache(path, json.dumps(data, ensure_ascii=False))
    return data


def keep_in_cache(path: Path, text: str) -> None:
    """Write a cache file whole (a temporary file, then a rename), so that a reader running at the same
    time never sees half of it; a cache that cannot be written only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
