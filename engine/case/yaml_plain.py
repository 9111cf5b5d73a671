"""The plain YAML a case file is written in, read without PyYAML: block mappings and lists, plain and
quoted one-line scalars, one-line lists of plain scalars ([PE, MX]), comments. Importing PyYAML costs
a start about 10 ms (its reader compiles a large Unicode pattern), more than the rest of reading and
validating a case.

Anything beyond that subset (other flow collections, anchors, tags, block scalars, multi-line
scalars, escapes, tabs, a duplicate key, a value beyond a limit) is not read here: `read_plain`
returns NOT_PLAIN and the caller reads the text with PyYAML's strict loader
(traslado.case.yaml_strict), which also gives the messages for every error. What this module does
read, it reads exactly as that loader does, with the same YAML 1.2 scalar patterns (a test compares
the two on every YAML file in the repository and on generated documents).
"""

from __future__ import annotations

import math
import re
from typing import Any

from traslado.case import limits

# YAML 1.2 core scalars, as traslado.case.yaml_strict resolves them (it takes these patterns from here).
BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
# No leading zero (00.5 and 007 stay text, like an id 007); .inf and .nan are read to be refused.
FLOAT = re.compile(
    r"^(?:[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
NULL = ("~", "null", "Null", "NULL", "")

NOT_PLAIN = object()  # the text is outside the subset: read it with PyYAML

# Well inside the limits the strict loader applies (which counts a little differently): a document
# near a limit is left to it, and so is the message.
_MAX_DEPTH = limits.MAX_DEPTH // 2
_MAX_NODES = limits.MAX_NODES // 2

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_.\-]*):(?: +(.*))?")
# A plain scalar of the subset: word characters, spaces and a few marks; no indicator (: # ' " [ ] { }
# & * ! | > % @ `) anywhere, so that no comment, flow collection or key can hide in it.
_PLAIN = re.compile(r"[\w.+\-/()~][\w .,+\-/()~]*")
_FLOW_ITEM = re.compile(r"[\w.+\-/()~][\w .+\-/()~]*")  # in [a, b]: no comma


class _NotPlain(Exception):
    pass


def read_plain(text: str) -> Any:
    """The document `text` holds, or NOT_PLAIN when it is outside the subset this module reads."""
    if "\r" in text:
        return NOT_PLAIN
    lines = []  # (indent, content) of each line that is not blank or a comment
    for line in text.split("\n"):
        if not line.isprintable():  # tabs, controls, other line breaks, a byte-order mark
            return NOT_PLAIN
        content = line.lstrip(" ")
        if content and not content.startswith("#"):
            lines.append((len(line) - len(content), content.rstrip(" ")))
    if not lines or lines[0][0] != 0:
        return NOT_PLAIN
    reader = _Reader(lines)
    try:
        value = reader.block(0, 1)
    except _NotPlain:
        return NOT_PLAIN
    return value if reader.at == len(lines) else NOT_PLAIN


class _Reader:
    def __init__(self, lines: list[tuple[int, str]]):
        self.lines = lines
        self.at = 0
        self.nodes = 0

    def count(self) -> None:
        self.nodes += 1
        if self.nodes > _MAX_NODES:
            raise _NotPlain

    def block(self, indent: int, depth: int) -> Any:
        """The mapping or list whose lines start at `indent` (the current line is its first)."""
        if depth > _MAX_DEPTH:
            raise _NotPlain
        self.count()
        content = self.lines[self.at][1]
        if content == "-" or content.startswith("- "):
            return self.sequence(indent, depth)
        return self.mapping(indent, depth)

    def mapping(self, indent: int, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        while self.at < len(self.lines) and self.lines[self.at][0] == indent:
            match = _KEY.fullmatch(self.lines[self.at][1])
            if match is None:
                raise _NotPlain
            key = _scalar(_text(match.group(1)))
            if not isinstance(key, str) or key in out:
                raise _NotPlain  # a key that is not text, or given twice: the strict loader says so
            self.count()
            self.at += 1
            out[key] = self.value(match.group(2) or "", indent, depth, in_mapping=True)
        self.end_of_block(indent)
        return out

    def sequence(self, indent: int, depth: int) -> list[Any]:
        out: list[Any] = []
        while self.at < len(self.lines) and self.lines[self.at][0] == indent:
            content = self.lines[self.at][1]
            if content != "-" and not content.startswith("- "):
                break
            self.at += 1
            out.append(self.value(content[2:].lstrip(" "), indent, depth, in_mapping=False))
        self.end_of_block(indent)
        return out

    def end_of_block(self, indent: int) -> None:
        if self.at < len(self.lines) and self.lines[self.at][0] > indent:
            raise _NotPlain  # a line indented deeper than the block it would end

    def value(self, inline: str, indent: int, depth: int, in_mapping: bool) -> Any:
        """The value after `key:` or `-` on a line at `indent`: on the line itself, or the block below."""
        if inline and not inline.startswith("#"):
            value = _inline(inline)
            self.count()
            if self.at < len(self.lines) and self.lines[self.at][0] > indent:
                raise _NotPlain  # a scalar continued on the next line, or a block after a value
            return value
        if self.at < len(self.lines):
            below, content = self.lines[self.at]
            if below > indent:
                return self.block(below, depth + 1)
            if in_mapping and below == indent and (content == "-" or content.startswith("- ")):
                return self.sequence_in_mapping(indent, depth + 1)
        self.count()
        return None

    def sequence_in_mapping(self, indent: int, depth: int) -> list[Any]:
        """A list written at the indentation of the key it belongs to (`nationalities:` then `- PE`)."""
        if depth > _MAX_DEPTH:
            raise _NotPlain
        self.count()
        out: list[Any] = []
        while self.at < len(self.lines) and self.lines[self.at][0] == indent:
            content = self.lines[self.at][1]
            if content != "-" and not content.startswith("- "):
                break
            self.at += 1
            out.append(self.value(content[2:].lstrip(" "), indent, depth, in_mapping=False))
        return out


def _inline(text: str) -> Any:
    """A scalar written on one line: 'single-quoted', "double-quoted" without escapes, or plain; or a
    list [a, b] of plain scalars. A comment may follow it (`true  # per the court`)."""
    text = _without_comment(text)
    if text[0] == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise _NotPlain
        return _text(inner.replace("''", "'"))
    if text[0] == "[":  # a flow list of plain scalars on one line: [PE, MX], []
        if text[-1] != "]":
            raise _NotPlain
        inner = text[1:-1].strip(" ")
        if not inner:
            return []
        items = [item.strip(" ") for item in inner.split(",")]
        if any(_FLOW_ITEM.fullmatch(item) is None or (item[0] == "-" and item[1:2] in ("", " ")) for item in items):
            raise _NotPlain
        return [_scalar(_text(item)) for item in items]
    if text[0] == '"':
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
            raise _NotPlain
        return _text(inner)
    if _PLAIN.fullmatch(text) is None or (text[0] == "-" and text[1:2] in ("", " ")):
        raise _NotPlain
    return _scalar(_text(text))


def _without_comment(text: str) -> str:
    """The value without a comment after it: one starts at a # that follows a space (in a plain
    scalar), or anywhere after the closing quote of a quoted one."""
    if text[0] == "'":
        end = 1
        while True:
            end = text.find("'", end)
            if end == -1:
                raise _NotPlain  # not closed on this line
            if text[end + 1 : end + 2] != "'":
                break
            end += 2
    elif text[0] == '"':
        end = text.find('"', 1)
        if end == -1:
            raise _NotPlain
    else:
        cut = text.find(" #")
        return text if cut == -1 else text[:cut].rstrip(" ")
    rest = text[end + 1 :]
    if rest and not (rest[0] == " " and rest.lstrip(" ").startswith("#")):
        raise _NotPlain
    return text[: end + 1]


def _text(value: str) -> str:
    if len(value) > limits.MAX_STRING:
        raise _NotPlain
    return value


def _scalar(plain: str) -> Any:
    """A plain scalar resolved as YAML 1.2's core schema (and PyYAML's constructors) resolve it."""
    if plain in NULL:
        return None
    if BOOL.match(plain):
        return plain.lower() == "true"
    if INT.match(plain):
        digits = plain.lstrip("+-")
        if len(digits) > limits.MAX_INT_DIGITS:
            raise _NotPlain
        return -int(digits) if plain[0] == "-" else int(digits)
    if FLOAT.match(plain):
        value = plain.lower()
        if value.endswith((".inf", ".nan")):
            raise _NotPlain  # refused by the strict loader, with its message
        sign = -1 if value[0] == "-" else 1
        number = sign * float(value.lstrip("+-"))
        if not math.isfinite(number):
            raise _NotPlain
        return number
    return plain
