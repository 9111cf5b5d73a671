"""Read a case file (YAML or JSON) and apply `--set` hypotheticals; validation is traslado.case.validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from traslado.case import limits
from traslado.case.files import read_case_text
from traslado.case.model import Case, CaseError, Problem
from traslado.case.validation import case_from_mapping


def load_case_file(path: str | Path, overrides: tuple[str, ...] = ()) -> Case:
    """Read a YAML or JSON case file, apply `--set PATH=VALUE` hypotheticals, and validate.

    Raise CaseError naming the file (or the --set) for anything wrong.
    """
    path = Path(path)
    source = str(path)
    text = read_case_text(path)
    data = parse_text(text, source, json_only=path.suffix.lower() == ".json")
    if not overrides:
        return case_from_mapping(data, source, default_id=path.stem)
    originals = original_values(data, overrides)
    try:
        case = case_from_mapping(apply_overrides(data, overrides, source), source, default_id=path.stem)
    except CaseError as error:
        raise _naming_set(error, overrides) from None
    return mark_hypothetical(case, originals)


def _naming_set(error: CaseError, overrides: tuple[str, ...]) -> CaseError:
    """The same problems, those about a fact --set changed saying so (the file is not at fault)."""
    changed = {item.partition("=")[0].strip() for item in overrides}

    def from_set(path: str) -> bool:
        return any(path == c or path.startswith(c + ".") or path.startswith(c + "[") for c in changed)

    problems = [Problem(p.path, f"{p.message} (given by --set)") if from_set(p.path) else p for p in error.problems]
    return CaseError(error.source, problems)


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
        value = parse_text(raw, f"{source}: --set {path}") if raw.strip() else None
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
    """Parse YAML (YAML 1.2 scalars, duplicate keys refused, bounded: traslado.case.yaml_strict) or
    strict JSON (traslado.case.json_strict). Raise CaseError naming the source and the line."""
    if len(text) > limits.MAX_FILE_BYTES:
        raise CaseError(source, [Problem("", f"larger than {limits.MAX_FILE_BYTES // 1024} KiB")])
    if json_only:
        from traslado.case.json_strict import JsonRefused, load_json

        try:
            return load_json(text)
        except json.JSONDecodeError as error:
            raise CaseError(
                source, [Problem("", f"not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}")]
            ) from None
        except JsonRefused as error:
            where = f" (line {error.line})" if error.line else ""
            raise CaseError(source, [Problem("", f"refused{where}: {error.problem}")]) from None
    import yaml  # deferred: JSON-only paths never pay for it
    from traslado.case.yaml_strict import Refused, load_yaml

    try:
        return load_yaml(text)
    except Refused as error:
        mark = error.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise CaseError(source, [Problem("", f"refused{where}: {error.problem}")]) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        shown = f"#x{error.character:04x}" if isinstance(error.character, int) else repr(error.character)
        raise CaseError(
            source, [Problem("", f"not valid YAML (line {line}): the character {shown} is not allowed")]
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise CaseError(source, [Problem("", f"not valid YAML{where}: {reason}")]) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as error:  # an explicit tag PyYAML cannot build
        raise CaseError(source, [Problem("", f"not valid YAML: {error}")]) from None
