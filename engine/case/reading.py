"""Read a case file (YAML or JSON) and apply `--set` hypotheticals; validation is traslado.case.validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from traslado.case.model import Case, CaseError, Problem
from traslado.case.validation import case_from_mapping


def load_case_file(path: str | Path, overrides: tuple[str, ...] = ()) -> Case:
    """Read a YAML or JSON case file, apply `--set PATH=VALUE` hypotheticals, and validate.

    Raise CaseError naming the file (or the --set) for anything wrong.
    """
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseError(source, [Problem("", "no such file")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise CaseError(source, [Problem("", f"cannot read the file: {error}")]) from None
    data = parse_text(text, source, json_only=path.suffix.lower() == ".json")
    if not overrides:
        return case_from_mapping(data, source, default_id=path.stem)
    originals = original_values(data, overrides)
    case = case_from_mapping(apply_overrides(data, overrides, source), source, default_id=path.stem)
    return mark_hypothetical(case, originals)


def original_values(data: Any, overrides: tuple[str, ...]) -> dict[str, Any]:
    """The file's values of the facts `--set` changes (None where the file leaves them unknown),
    including a fact that gives way to its alternative (an end date replaced by months left)."""
    paths = [item.partition("=")[0].strip() for item in overrides if "=" in item]
    paths += [_ALTERNATIVES[p] for p in paths if p in _ALTERNATIVES and _ALTERNATIVES[p] not in paths]
    out: dict[str, Any] = {}
    for path in paths:
        node: Any = data
        for head in path.split("."):
            node = node.get(head) if isinstance(node, dict) else None
        out[path] = node.isoformat() if hasattr(node, "isoformat") else node
    return out


def mark_hypothetical(case: Case, originals: dict[str, Any]) -> Case:
    """The case with what --set changed recorded beside it, original values included."""
    import dataclasses

    changed = {}
    for path, original in originals.items():
        value = case.get(path)
        value = value.isoformat() if hasattr(value, "isoformat") else value
        if path == "id" or (original is None and value is None):
            continue
        changed[path] = {"original": original, "value": value}
    return dataclasses.replace(case, hypothetical=changed)


# Two ways of stating the same fact: a hypothetical given one way replaces the file's other way.
_ALTERNATIVES = {
    "sentence.end_date": "sentence.remaining_months",
    "sentence.remaining_months": "sentence.end_date",
}
ALTERNATIVES = _ALTERNATIVES  # for other modules: facts that state the same thing two ways


def apply_overrides(data: Any, overrides: tuple[str, ...], source: str) -> Any:
    """Set dotted paths to YAML scalar values (`offence.political=false`; `null` makes a fact unknown).

    `--set sentence.remaining_months=5` on a case that gives an end date asks "what if five months
    were left": the end date gives way (and the reverse). Both set at once stay a contradiction.
    """
    import copy

    if not isinstance(data, dict):
        return data  # validation reports the shape
    data = copy.deepcopy(data)
    problems = []
    for item in overrides:
        path, sep, raw = item.partition("=")
        path = path.strip()
        if not sep or not path:
            problems.append(Problem(f"--set {item}", "expected PATH=VALUE, e.g. --set offence.political=false"))
            continue
        value = parse_text(raw, f"--set {path}") if raw.strip() else None
        other = _ALTERNATIVES.get(path)
        if other and not any(o.partition("=")[0].strip() == other for o in overrides):
            *parents, leaf = other.split(".")
            holder = data
            for head in parents:
                holder = holder.get(head) if isinstance(holder, dict) else None
            if isinstance(holder, dict):
                holder.pop(leaf, None)
        *heads, last = path.split(".")
        node = data
        for head in heads:
            if not isinstance(node.get(head), dict):
                node[head] = {}
            node = node[head]
        node[last] = value
    if problems:
        raise CaseError(source, problems)
    return data


def parse_text(text: str, source: str, *, json_only: bool = False) -> Any:
    """Parse YAML (safe loading; JSON is a subset) or strict JSON."""
    if json_only:
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise CaseError(
                source, [Problem("", f"not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}")]
            ) from None
    import yaml  # deferred: JSON-only paths never pay for it

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise CaseError(source, [Problem("", f"not valid YAML{where}: {reason}")]) from None
