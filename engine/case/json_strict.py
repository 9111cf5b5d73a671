"""A JSON reader for cases: no duplicate keys (both lines named), no NaN or Infinity, bounded.

json.loads keeps the last of two equal keys and reads NaN, Infinity and numbers of any size; here
each is refused. The parser gives no positions to its hooks, so when a duplicate is found the text
is scanned once more (it is valid JSON by then) to name the lines of both occurrences.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from traslado.case import limits
from traslado.case.printable import has_surrogate


class JsonRefused(ValueError):
    """Valid JSON that a case may not hold; `line` where it is known."""

    def __init__(self, problem: str, line: int | None = None):
        super().__init__(problem)
        self.problem = problem
        self.line = line


class _Duplicate(Exception):
    def __init__(self, key: str):
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _constant(name: str) -> float:
    raise JsonRefused(f"{name} is not a finite number")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > limits.MAX_INT_DIGITS:
        raise JsonRefused(f"an integer of more than {limits.MAX_INT_DIGITS} digits")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonRefused(f"{text} is too large a number")
    return value


def load_json(text: str) -> Any:
    """Parse strict JSON: json.JSONDecodeError for bad syntax, JsonRefused for what a case may not hold."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_int, parse_float=_float)
    except _Duplicate as duplicate:
        first, second = duplicate_positions(text, duplicate.key)
        if first and second and first[0] == second[0]:  # one line (a JSON Lines record): say the columns
            where = f"twice on line {first[0]}, at columns {first[1]} and {second[1]}"
        else:
            where = f"first on line {first[0] if first else '?'}, again on line {second[0] if second else '?'}"
        raise JsonRefused(
            f'duplicate key "{duplicate.key}": {where} (write each field once)', second[0] if second else None
        ) from None
    except RecursionError:
        raise JsonRefused(f"nested more than {limits.MAX_DEPTH} levels deep") from None
    _check_shape(data)
    return data


def _check_shape(data: Any) -> None:
    """Depth, string lengths and the number of values, walked without recursion."""
    stack = [(data, 1)]
    count = 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > limits.MAX_NODES:
            raise JsonRefused(f"more than {limits.MAX_NODES} values")
        if isinstance(value, str):
            if len(value) > limits.MAX_STRING:
                raise JsonRefused(f"a string longer than {limits.MAX_STRING} characters")
            if has_surrogate(value):
                raise JsonRefused("a string holds a lone surrogate (an escape such as \\ud800 not in a pair)")
            continue
        if isinstance(value, (dict, list)) and depth > limits.MAX_DEPTH:
            raise JsonRefused(f"nested more than {limits.MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            stack += [(k, depth + 1) for k in value]
            stack += [(v, depth + 1) for v in value.values()]
        elif isinstance(value, list):
            stack += [(v, depth + 1) for v in value]


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')
_COLON = re.compile(r"\s*:")


def duplicate_positions(text: str, key: str) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(line, column) of the first and second occurrence of `key` in one object of valid JSON `text`."""
    stack: list[dict[str, tuple[int, int]] | None] = []
    line, line_start, last = 1, 0, 0
    for token in _TOKEN.finditer(text):
        breaks = text.count("\n", last, token.start())
        if breaks:
            line += breaks
            line_start = text.rindex("\n", last, token.start()) + 1
        last = token.start()
        mark = token.group()
        if mark in ("{", "["):
            stack.append({} if mark == "{" else None)
        elif mark in ("}", "]"):
            stack.pop()
        elif stack and stack[-1] is not None and _COLON.match(text, token.end()):
            name = json.loads(mark)
            here = (line, token.start() - line_start + 1)
            if name == key and name in stack[-1]:
                return stack[-1][name], here
            stack[-1].setdefault(name, here)
    return None, None
