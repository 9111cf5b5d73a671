"""Where the knowledge base lives.

The KB is data beside the code (kb/ at the repository root). TRASLADO_KB points elsewhere, which
the tests use to evaluate a modified copy of the KB.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def kb_dir() -> Path:
    return Path(os.environ.get("TRASLADO_KB", REPO_ROOT / "kb")).resolve()


def cache_dir() -> Path:
    """Where the compiled KB is kept between runs (rebuilt whenever kb/ changes)."""
    if explicit := os.environ.get("TRASLADO_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "traslado"
