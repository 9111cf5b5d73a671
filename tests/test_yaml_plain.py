"""The plain-YAML reader (traslado.case.yaml_plain) reads what it reads exactly as the strict PyYAML
loader does, and leaves everything else to it: compared on every YAML file in the repository and on
generated documents full of YAML's traps (Norway, 007, dates, .inf, comments, quotes, indentation)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from traslado.case import CaseError, parse_text
from traslado.case.yaml_plain import NOT_PLAIN, read_plain
from traslado.case.yaml_strict import load_yaml

REPO = Path(__file__).resolve().parent.parent


def typed(value):
    """The value with every type spelt out (True is not 1, 1 is not 1.0, -0.0 is not 0.0)."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    if isinstance(value, float):
        return ("float", math.copysign(1, value), repr(value))
    return (type(value).__name__, value)


def strict(text: str):
    try:
        return load_yaml(text)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as error:
        return error


def agrees(text: str) -> bool:
    """Where the plain reader reads the text, the strict loader reads the same value without error."""
    plain = read_plain(text)
    if plain is NOT_PLAIN:
        return True
    expected = strict(text)
    assert not isinstance(expected, Exception), f"plain read {plain!r}, strict loader failed: {expected}"
    assert typed(plain) == typed(expected), text
    return True


def yaml_files() -> list[Path]:
    return sorted(p for p in REPO.rglob("*.yaml") if ".git" not in p.parts and "node_modules" not in p.parts)


def test_every_yaml_file_in_the_repository_reads_the_same():
    read = [p for p in yaml_files() if read_plain(p.read_text(encoding="utf-8")) is not NOT_PLAIN]
    assert all(agrees(p.read_text(encoding="utf-8")) for p in yaml_files())
    # the example cases are plain YAML: `traslado check` on them never imports PyYAML
    examples = sorted((REPO / "examples").glob("*.yaml"))
    assert examples and set(examples) <= set(read)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("country: NO\n", {"country": "NO"}),  # not false (YAML 1.1's Norway problem)
        ("a: yes\nb: on\nc: y\n", {"a": "yes", "b": "on", "c": "y"}),
        ("id: 007\nn: 7\nz: 0\nm: -0\np: +5\n", {"id": "007", "n": 7, "z": 0, "m": 0, "p": 5}),
        ("d: 2026-03-01\nq: '2026-03-01'\n", {"d": "2026-03-01", "q": "2026-03-01"}),
        ("x: 1.5\ny: .5\ne: 1e3\nf: 1_000\n", {"x": 1.5, "y": 0.5, "e": 1000.0, "f": "1_000"}),
        ("t: True\nu: FALSE\nv: ~\nw: Null\nx:\n", {"t": True, "u": False, "v": None, "w": None, "x": None}),
        ("s: 'it''s'\nq: \"a # b\"\nr: a  b\n", {"s": "it's", "q": "a # b", "r": "a  b"}),
        ("k:   # a comment\nl: 1\n", {"k": None, "l": 1}),
        ("a: true  # per the court\nb: 'x' # y\nc: [PE] # z\n", {"a": True, "b": "x", "c": ["PE"]}),
        ("person:\n  nationalities:\n  - PE\n  - MX\n", {"person": {"nationalities": ["PE", "MX"]}}),
        ("l:\n  -\n    a: 1\n  - b\n", {"l": [{"a": 1}, "b"]}),
        ("n: [PE, MX]\nf: []\nm: [1, true, ~, 007]\n", {"n": ["PE", "MX"], "f": [], "m": [1, True, None, "007"]}),
    ],
)
def test_yaml_12_scalars_and_blocks(text, value):
    assert read_plain(text) is not NOT_PLAIN
    assert typed(read_plain(text)) == typed(value) == typed(load_yaml(text))


@pytest.mark.parametrize(
    "text",
    [
        "a: {b: 1}\n",  # flow mappings
        "a: [b, [c]]\n",  # nested flow lists
        "a: &x 1\nb: *x\n",  # anchors
        "a: !!str 1\n",  # tags
        "a: |\n  text\n",  # block scalars
        "a: one\n  two\n",  # a plain scalar over two lines
        "a: 'one\n  two'\n",
        'a: "\\u00e9"\n',  # escapes
        "a: 1\na: 2\n",  # a duplicate key (the strict loader names both lines)
        "a:\tb\n",  # a tab
        "a: .inf\n",  # refused by the strict loader
        "a: 1e999\n",
        "a: 1234567890123456\n",
        "true: 1\n",  # a key that is not text
        "---\na: 1\n",
        "  a: 1\n",
        "",
        "a: 1\r\n",
    ],
)
def test_anything_else_is_left_to_the_strict_loader(text):
    assert read_plain(text) is NOT_PLAIN


def test_an_error_still_gets_the_strict_loaders_message():
    with pytest.raises(CaseError, match=r"duplicate key \"a\": first on line 1, again on line 2"):
        parse_text("a: 1\na: 2\n", "case.yaml")
    with pytest.raises(CaseError, match="not a finite number"):
        parse_text("a: .inf\n", "case.yaml")


SCALARS = [
    "", "a", "PE", "NO", "no", "yes", "on", "off", "y", "true", "True", "TRUE", "tRUE", "false", "null", "Null",
    "NULL", "~", "nULL", "0", "-0", "+0", "007", "7", "-7", "+7", "1_0", "0x1F", "0o7", "0b1", "1.5", "-1.5", ".5",
    "-.5", "5.", "1e3", "1E3", "1e-3", "1.5e+3", "1e999", "-1e999", ".inf", "-.inf", "+.Inf", ".nan", ".NaN",
    "2026-03-01", "2026-03-01T10:00:00", "12:30", "1:2", "a b", "a  b", "a # b", "a#b", "#a", "'q'", "'it''s'",
    "'a", "\"dq\"", "\"a\\nb\"", "'#'", "-a", "- a", "-", "--", "a:b", "a: b", "[a]", "{a: 1}", "&x", "*x", "!x",
    "|", ">", "%x", "@x", "`x`", "é", "ñandú", "a/b", "(a)", "a,b", "1,5", "12345678901234567", "=", "<<", "?",
    "?x", ":x", "...", "---", "0.0", "-0.0", "00", "0.", "١٢", "x" * 12, "[a]", "[a, b]", "[]", "[ ]", "[a,]",
    "[1, true, ~, 007, 1.5, NO]", "[a, [b]]", "['a']", "[a b]", "[-a, - b]", "[a", "[a]b", "[a] # c", "[.inf]",
    "'q' # c", "'q'# c", "'q' x", "\"dq\" # c", "\"dq\"#c", "'it''s' #", "'a'' # b'", "1 # c", "true # c", "~ # c",
    "a #", "a # b # c", "'a' 'b'", "\"a\" \"b\"", "[a #b]", "[a] #",
]  # fmt: skip
KEYS = ["a", "b", "id", "sentence.end_date", "a-b", "_x", "Ñ", "true", "null", "1", "'q'", "a b"]  # plain first


@st.composite
def documents(draw) -> str:
    """Lines built from YAML's fragments at random indentations: mostly plain YAML, some not YAML at all."""
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 2, 2, 4, 1, 3]))
        kind = draw(st.sampled_from(["pair", "pair", "key", "item", "item_key", "comment", "blank", "raw"]))
        scalar = draw(st.sampled_from(SCALARS))
        key = draw(st.sampled_from(KEYS))
        spaces = draw(st.sampled_from([" ", " ", "  ", ""]))
        if kind == "pair":
            lines.append(f"{indent}{key}:{spaces}{scalar}")
        elif kind == "key":
            lines.append(f"{indent}{key}:{draw(st.sampled_from(['', ' # note', '  ']))}")
        elif kind == "item":
            lines.append(f"{indent}-{spaces}{scalar}")
        elif kind == "item_key":
            lines.append(f"{indent}- {key}: {scalar}")
        elif kind == "comment":
            lines.append(f"{indent}# {scalar}")
        elif kind == "blank":
            lines.append(indent)
        else:
            lines.append(indent + scalar)
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=1000, deadline=None)
@given(documents())
def test_generated_documents_read_the_same(text):
    assert agrees(text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SCALARS), st.sampled_from(SCALARS))
def test_every_scalar_reads_as_the_strict_loader_reads_it(first, second):
    assert agrees(f"a: {first}\nb:\n- {second}\n")


# Leaves the plain reader reads, each a trap for a reader that resolves scalars as YAML 1.1 does.
PLAIN_SCALARS = [
    "PE", "NO", "yes", "off", "true", "False", "null", "~", "0", "-0", "007", "+7", "1.5", "-.5", "5.", "1e3",
    "2026-03-01", "a  b", "é", "(a)", "a,b", "-a", "'it''s'", "'a # b'", '"q"', "[a, 1]", "[]", "", "NO # c",
    "'x' # c", "[a] # c",
]  # fmt: skip


def _tree(depth: int):
    scalar = st.one_of(st.sampled_from(PLAIN_SCALARS), st.sampled_from(SCALARS))
    if depth == 0:
        return scalar
    child = _tree(depth - 1)
    return st.one_of(
        scalar,
        st.dictionaries(st.sampled_from(KEYS[:7]), child, min_size=1, max_size=4),
        st.lists(child, min_size=1, max_size=3),
    )


def _lines(value, indent: int, same_indent_lists: bool) -> list[str]:
    """Block YAML for a tree whose leaves are raw fragments (written as they are, whatever they mean)."""
    pad = " " * indent
    out = []
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, str):
                out.append(f"{pad}{key}: {child}")
            else:
                out.append(f"{pad}{key}:")
                deeper = indent if isinstance(child, list) and same_indent_lists else indent + 2
                out += _lines(child, deeper, same_indent_lists)
    else:
        for child in value:
            if isinstance(child, str):
                out.append(f"{pad}- {child}")
            else:
                out.append(f"{pad}-")
                out += _lines(child, indent + 2, same_indent_lists)
    return out


@st.composite
def block_documents(draw) -> str:
    """A nested mapping written as block YAML, then perhaps one line moved, dropped or commented."""
    root = draw(st.dictionaries(st.sampled_from(KEYS[:7]) | st.sampled_from(KEYS), _tree(2), min_size=1, max_size=5))
    lines = _lines(root, 0, draw(st.booleans()))
    mutation = draw(st.sampled_from(["none", "none", "indent", "dedent", "drop", "comment", "insert"]))
    at = draw(st.integers(0, len(lines) - 1))
    if mutation == "indent":
        lines[at] = " " + lines[at]
    elif mutation == "dedent":
        lines[at] = lines[at][1:] if lines[at].startswith(" ") else lines[at]
    elif mutation == "drop":
        del lines[at]
    elif mutation == "comment":
        lines[at] += draw(st.sampled_from([" # note", "  #", " #x"]))
    elif mutation == "insert":
        lines.insert(at, draw(st.sampled_from(SCALARS)))
    return "\n".join(lines) + "\n"


@settings(max_examples=2000, deadline=None)
@given(block_documents())
def test_generated_block_documents_read_the_same(text):
    assert agrees(text)
