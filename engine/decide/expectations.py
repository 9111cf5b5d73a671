"""Tests a lawyer can write: a case and what each instrument must decide, checked against the engine.

A test file (YAML) holds one test or a list of them:

    description: Exactly six months left is not "more than six months" (Art. III(2))
    instruments: [mx-pe-2002]          # optional: evaluate these by name, like `check -i`;
                                       # without it every instrument, like `check`
    case: {...}                        # the case format, or case_file: a path relative to the test
    set: {sentence.end_date: 2026-09-02}   # optional: facts changed for this test, like `check --set`
    readings: {lnep_firme: final_judgment}  # optional: contested readings, like `check --reading`
    expected:
      mx-pe-2002:
        decision: blocked
        failed: ["Art. III(2)"]        # optional: exactly these, written as the output writes them
        unknown: []                    # optional: exactly these requirements unknown
        missing: [sentence.final]      # optional: the answer must name these facts as missing
        conditional: false             # optional: whether the decision holds only if the
                                       # instrument applies (its applicability is unknown)

Nothing is compared loosely: a citation is the label the text output prints ("Art. III(2)",
"§ 4100(b)"), and `failed` and `unknown` are the whole sets, so an extra block fails the test.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from traslado.case import CaseError, case_from_mapping
from traslado.case.files import read_case_text
from traslado.case.model import Problem
from traslado.case.reading import apply_overrides, load_case_file, parse_text
from traslado.decide.evaluate import evaluate
from traslado.decide.results import DECISIONS, InstrumentResult
from traslado.knowledge.store import KnowledgeBase, load_kb

TEST_KEYS = {"name", "description", "instruments", "case", "case_file", "set", "readings", "expected"}
EXPECTATION_KEYS = {"decision", "failed", "unknown", "missing", "conditional"}


@dataclass(frozen=True)
class Mismatch:
    """One expectation the engine's answer does not meet."""

    instrument: str
    what: str  # decision | failed | unknown | missing | result
    expected: Any
    got: Any


@dataclass
class Outcome:
    source: str
    name: str
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.mismatches


@dataclass(frozen=True)
class Spec:
    """One test, validated."""

    source: str
    name: str
    case: Any  # traslado.case.Case
    instruments: tuple[str, ...]
    expected: dict[str, dict[str, Any]]
    readings: dict[str, str] = field(default_factory=dict)  # contested readings (kb/readings.ttl)


def test_files(paths: list[str | Path]) -> list[Path]:
    """The test files named, a folder standing for every *.yaml / *.yml file under it."""
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        else:
            out.append(path)
    return out


def load_specs(path: Path, kb: KnowledgeBase) -> list[Spec]:
    """Every test in a file; CaseError names the file and field of anything wrong with it."""
    source = str(path)
    data = parse_text(read_case_text(path), source)
    items = data if isinstance(data, list) else [data]
    specs = []
    for number, item in enumerate(items, 1):
        where = f"test {number}: " if isinstance(data, list) else ""
        specs.append(_spec(item, path, where, number, kb))
    return specs


def _spec(item: Any, path: Path, where: str, number: int, kb: KnowledgeBase) -> Spec:
    source = str(path)
    if not isinstance(item, dict):
        raise CaseError(source, [Problem(where.rstrip(": "), "expected a mapping with case and expected")])
    problems = [
        Problem(f"{where}{k}", "unknown key: expected " + ", ".join(sorted(TEST_KEYS)))
        for k in item
        if k not in TEST_KEYS
    ]
    expected = item.get("expected")
    if not isinstance(expected, dict) or not expected:
        problems.append(Problem(f"{where}expected", "expected a mapping of instrument ids to what each must decide"))
        expected = {}
    for ident, expect in expected.items():
        problems += _expectation_problems(f"{where}expected.{ident}", ident, expect, kb)
    instruments = item.get("instruments") or []
    if not isinstance(instruments, list) or any(i not in kb.instruments for i in instruments):
        problems.append(
            Problem(f"{where}instruments", "expected a list of instrument ids: " + ", ".join(kb.instruments))
        )
        instruments = []
    if ("case" in item) == ("case_file" in item):
        problems.append(Problem(where + "case", "give the case (a mapping) or case_file (a path), one of the two"))
    changes = item.get("set") or {}
    if not isinstance(changes, dict):
        problems.append(
            Problem(where + "set", "expected a mapping of fact paths to values, e.g. {sentence.final: false}")
        )
        changes = {}
    readings = _readings(item.get("readings"), f"{where}readings", kb, problems)
    if problems:
        raise CaseError(source, problems)
    default_id = path.stem if number == 1 else f"{path.stem}-{number}"
    overrides = tuple(f"{k}={json.dumps(v.isoformat() if hasattr(v, 'isoformat') else v)}" for k, v in changes.items())
    if "case_file" in item:
        if "\x00" in str(item["case_file"]):
            raise CaseError(source, [Problem(where + "case_file", "a file name cannot hold a NUL character")])
        try:
            case = load_case_file(path.parent / str(item["case_file"]), overrides)
        except CaseError as error:  # name the test file too, and its `set:` rather than a --set
            problems = [
                Problem(p.path, p.message.replace("(given by --set)", f"(given by {where}set)")) for p in error.problems
            ]
            raise CaseError(f"{source}: {where}case_file {error.source}", problems) from None
    else:
        data = apply_overrides(item["case"], overrides, f"{source}: {where}set") if overrides else item["case"]
        case = case_from_mapping(data, f"{source}: {where}case", default_id=default_id)
    name = str(item.get("name") or item.get("description") or default_id)
    return Spec(source, name, case, tuple(instruments), expected, readings)


def _readings(value: Any, where: str, kb: KnowledgeBase, problems: list[Problem]) -> dict[str, str]:
    """readings: {id: alternative}, checked against kb/readings.ttl."""
    from traslado.knowledge.readings import ReadingError, resolve

    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(
            Problem(where, "expected a mapping of reading ids to alternatives, e.g. {lnep_firme: final_judgment}")
        )
        return {}
    try:
        return resolve(kb, [f"{k}={v}" for k, v in value.items()])
    except ReadingError as error:
        problems.append(Problem(where, str(error)))
        return {}


def _expectation_problems(where: str, ident: str, expect: Any, kb: KnowledgeBase) -> list[Problem]:
    if ident not in kb.instruments:
        return [Problem(where, f"unknown instrument: expected one of {', '.join(kb.instruments)}")]
    if not isinstance(expect, dict) or "decision" not in expect:
        return [Problem(where, "expected a mapping with at least decision")]
    problems = [
        Problem(f"{where}.{k}", "unknown key: expected " + ", ".join(sorted(EXPECTATION_KEYS)))
        for k in expect
        if k not in EXPECTATION_KEYS
    ]
    if expect["decision"] not in DECISIONS:
        problems.append(
            Problem(f"{where}.decision", f"expected one of {', '.join(DECISIONS)}, got {expect['decision']!r}")
        )
    if "conditional" in expect and not isinstance(expect["conditional"], bool):
        problems.append(Problem(f"{where}.conditional", "expected true or false"))
    for key in ("failed", "unknown", "missing"):
        value = expect.get(key)
        if value is not None and (not isinstance(value, list) or not all(isinstance(v, str) for v in value)):
            problems.append(Problem(f"{where}.{key}", 'expected a list of texts, e.g. ["Art. III(2)"]'))
    return problems


def _labels(result: InstrumentResult, status: str) -> list[str]:
    """The citations of the requirements with that status, as the text output writes them."""
    return list(dict.fromkeys(r.citation.label for r in result.with_status(status)))


def check_spec(spec: Spec, kb: KnowledgeBase) -> Outcome:
    from traslado.knowledge.readings import with_readings

    kb = with_readings(kb, spec.readings)
    results = {r.instrument: r for r in evaluate(spec.case, list(spec.instruments) or None, kb).results}
    outcome = Outcome(spec.source, spec.name)
    for ident, expect in spec.expected.items():
        result = results.get(ident)
        if result is None:  # only when `instruments` leaves it out
            outcome.mismatches.append(Mismatch(ident, "result", expect["decision"], None))
            continue
        if result.decision != expect["decision"]:
            outcome.mismatches.append(Mismatch(ident, "decision", expect["decision"], result.decision))
        for status, key in (("failed", "failed"), ("unknown", "unknown")):
            if key in expect and set(expect[key] or []) != set(_labels(result, status)):
                outcome.mismatches.append(Mismatch(ident, key, list(expect[key] or []), _labels(result, status)))
        if "conditional" in expect and result.conditional != expect["conditional"]:
            outcome.mismatches.append(Mismatch(ident, "conditional", expect["conditional"], result.conditional))
        wanted = [m for m in expect.get("missing") or [] if m not in result.missing_facts]
        if wanted:
            outcome.mismatches.append(Mismatch(ident, "missing", wanted, result.missing_facts))
    return outcome


@dataclass
class Run:
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[CaseError] = field(default_factory=list)  # files that could not be read as tests

    @property
    def passed(self) -> int:
        return sum(o.passed for o in self.outcomes)

    @property
    def failed(self) -> int:
        return sum(not o.passed for o in self.outcomes)


def run_tests(paths: list[str | Path], kb: KnowledgeBase | None = None) -> Run:
    """Run every test in the files (and folders) given; a bad file is reported and the others run."""
    kb = kb or load_kb()
    run = Run()
    for path in test_files(paths):
        try:
            specs = load_specs(path, kb)
        except CaseError as error:
            run.errors.append(error)
            continue
        run.outcomes += [check_spec(spec, kb) for spec in specs]
    return run
