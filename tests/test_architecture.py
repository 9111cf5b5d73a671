"""The tree shows the architecture, and imports run one way: from the command line down to the KB."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# A folder may import from its own layer and those below it, never from above.
LAYERS = {"knowledge": 0, "case": 0, "decide": 1, "research": 2, "render": 3, "batch": 4, "cli": 5}


def _modules() -> list[tuple[str, Path]]:
    found = [("cli", p) for p in (REPO / "cli").rglob("*.py")]
    for path in (REPO / "engine").rglob("*.py"):
        relative = path.relative_to(REPO / "engine").parts
        if len(relative) > 1:
            found.append((relative[0], path))
    return found


def test_every_engine_module_belongs_to_a_folder_named_by_its_job():
    loose = [p.name for p in (REPO / "engine").glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert loose == []
    folders = {p.name for p in (REPO / "engine").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(LAYERS) - {"cli"}


def test_imports_run_downwards():
    upward = []
    for layer, path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("traslado."):
                other = node.module.split(".")[1]
                if other in LAYERS and LAYERS[other] > LAYERS[layer]:
                    upward.append(f"{path.relative_to(REPO)} imports {node.module}")
                if layer in ("knowledge", "case") and other in ("knowledge", "case") and other != layer:
                    upward.append(f"{path.relative_to(REPO)} imports {node.module} (knowledge and case stand apart)")
    assert upward == []


def test_no_module_imports_the_old_top_level_names():
    stale = []
    for _, path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("engine", "cli"):
                stale.append(f"{path.relative_to(REPO)}: {node.module}")
    assert stale == []
