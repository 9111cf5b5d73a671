"""The Python API page (docs/python-api.md) runs as shown: each python block, in order, in one
namespace as a notebook would, prints exactly the text block that follows it."""

import contextlib
import io
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "python-api.md"


def blocks(text: str) -> list[tuple[str, str]]:
    return re.findall(r"```(python|text)\n(.*?)```", text, flags=re.S)


def test_every_python_block_prints_what_the_page_shows(monkeypatch):
    monkeypatch.chdir(ROOT)
    found = blocks(PAGE.read_text(encoding="utf-8"))
    pairs = [
        (code, shown)
        for (kind, code), (next_kind, shown) in zip(found, found[1:], strict=False)
        if kind == "python" and next_kind == "text"
    ]
    assert len(pairs) == sum(1 for kind, _ in found if kind == "python") >= 5
    namespace: dict = {}
    for code, shown in pairs:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, str(PAGE), "exec"), namespace)  # noqa: S102 - the page's own examples
        assert out.getvalue() == shown, code
    assert os.getcwd() == str(ROOT)


def test_the_interview_page_shows_the_json_the_command_prints(monkeypatch):
    monkeypatch.chdir(ROOT)
    from click.testing import CliRunner
    from traslado.cli.main import main

    page = (ROOT / "docs" / "interview.md").read_text(encoding="utf-8")
    (shown,) = re.findall(r"```json\n(.*?)```", page, flags=re.S)
    out = CliRunner().invoke(main, ["interview", "examples/mx-pe-undetermined.yaml", "--next", "--format", "json"])
    import json

    assert json.loads(shown) == json.loads(out.output)


def test_the_testing_page_shows_the_example_file():
    import yaml

    page = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    (shown,) = re.findall(r"```yaml\n(.*?)```", page, flags=re.S)
    example = ROOT / "examples" / "tests" / "mx-pe-six-months.yaml"
    assert yaml.safe_load(shown) == yaml.safe_load(example.read_text(encoding="utf-8"))
