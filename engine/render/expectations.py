"""The result of `traslado test`: one line per expectation the engine's answer does not meet, then the count."""

from __future__ import annotations

from traslado.decide.expectations import Mismatch, Run
from traslado.render import i18n


def _shown(value: object, lang: str) -> str:
    if value is None:
        return i18n.text(lang, "test.nothing")
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def mismatch_line(source: str, name: str, mismatch: Mismatch, lang: str) -> str:
    return i18n.text(
        lang,
        f"test.mismatch.{mismatch.what}",
        source=source,
        name=name,
        instrument=mismatch.instrument,
        expected=_shown(mismatch.expected, lang),
        got=_shown(mismatch.got, lang),
    )


def run_lines(run: Run, lang: str = "en") -> list[str]:
    lines = []
    for error in run.errors:
        lines += str(error).splitlines()
    for outcome in run.outcomes:
        lines += [mismatch_line(outcome.source, outcome.name, m, lang) for m in outcome.mismatches]
    summary = i18n.text(lang, "test.summary", passed=run.passed, failed=run.failed)
    if run.errors:
        summary += i18n.text(lang, "test.unreadable", n=len(run.errors))
    return lines + [summary]
