"""A YAML loader for cases: safe, YAML 1.2 scalars, no duplicate keys, bounded.

PyYAML's SafeLoader reads YAML 1.1: `NO` (Norway) and `yes`, `on`, `off`, `y` become booleans,
`007` the octal 7, and a second `consent:` silently replaces the first. Here only true/false are
booleans, integers are decimal without leading zeros (`007` stays the text "007"), dates stay text
for validation to check (YYYY-MM-DD only), a duplicate key is an error naming both lines, merge keys
are refused, and nesting, aliases (counted as what they expand to, at compose time, so an alias bomb
fails before it grows), strings and numbers are bounded (traslado.case.limits).
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from traslado.case import limits
from traslado.case.printable import has_surrogate
from yaml.nodes import MappingNode, ScalarNode

_SURROGATE_PROBLEM = "a string holds a lone surrogate (an escape such as \\ud800): write the character itself"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class Refused(yaml.YAMLError):
    """A file beyond a limit or ambiguous (a duplicate key): not a syntax error, but refused."""

    def __init__(self, problem: str, mark: Any = None):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars, duplicate keys refused and the limits applied."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._expanded = 0
        self._weights: dict[int, int] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > limits.MAX_ALIASES:
                raise Refused(f"more than {limits.MAX_ALIASES} aliases", event.start_mark)
            node = super().compose_node(parent, index)
            weight = self._weights.get(id(node))
            if weight is None:
                raise Refused(f"the alias *{event.anchor} refers to a value that contains it", event.start_mark)
            self._count(weight, event.start_mark)
            return node
        self._depth += 1
        if self._depth > limits.MAX_DEPTH:
            raise Refused(f"nested more than {limits.MAX_DEPTH} levels deep", event.start_mark)
        start = self._expanded
        node = super().compose_node(parent, index)
        self._depth -= 1
        if isinstance(node, ScalarNode):
            if len(node.value) > limits.MAX_STRING:
                raise Refused(f"a string longer than {limits.MAX_STRING} characters", node.start_mark)
            if has_surrogate(node.value):
                raise Refused(_SURROGATE_PROBLEM, node.start_mark)
        self._count(1, node.start_mark)
        self._weights[id(node)] = self._expanded - start
        return node

    def _count(self, weight: int, mark: Any) -> None:
        self._expanded += weight
        if self._expanded > limits.MAX_NODES:
            raise Refused(f"more than {limits.MAX_NODES} values (aliases counted as what they expand to)", mark)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                raise Refused("merge keys (<<) are not read: write each field once", key_node.start_mark)
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                raise Refused("a key must be a plain value, not a list or mapping", key_node.start_mark) from None
            if first is not None:
                raise Refused(
                    f'duplicate key "{key}": first on line {first.line + 1}, again on line '
                    f"{key_node.start_mark.line + 1} (write each field once)",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep)

    def construct_yaml_int(self, node: ScalarNode) -> int:
        digits = node.value.lstrip("+-").replace("_", "")
        if len(digits) > limits.MAX_INT_DIGITS:
            raise Refused(f"an integer of more than {limits.MAX_INT_DIGITS} digits", node.start_mark)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: ScalarNode) -> float:
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise Refused(f'"{node.value}" is not a finite number', node.start_mark)
        return value

    def construct_timestamp_as_text(self, node: ScalarNode) -> str:
        return self.construct_scalar(node)


# Only YAML 1.2 core scalars: drop 1.1's booleans, integers, floats and timestamps, then add 1.2's.
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
StrictLoader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
StrictLoader.add_implicit_resolver(
    _FLOAT,
    # No leading zero (00.5 and 007 stay text, like an id 007); .inf and .nan are read to be refused.
    re.compile(
        r"^(?:[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
StrictLoader.add_constructor(_INT, StrictLoader.construct_yaml_int)
StrictLoader.add_constructor(_FLOAT, StrictLoader.construct_yaml_float)
StrictLoader.add_constructor(_TIMESTAMP, StrictLoader.construct_timestamp_as_text)


def load_yaml(text: str) -> Any:
    """Parse one YAML document with StrictLoader (raises yaml.YAMLError, Refused among them)."""
    loader = StrictLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
