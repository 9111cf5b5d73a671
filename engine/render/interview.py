"""The interview's words: each question in plain words with the articles it settles, the answer so far,
the next question as JSON for other programs, and reading an answer typed in either language."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from traslado.case.schema import BY_PATH
from traslado.decide.interview import Question
from traslado.decide.results import CaseResult
from traslado.knowledge.store import KnowledgeBase
from traslado.render import i18n
from traslado.render.quotes import quote_languages
from traslado.render.terminal import KEEP, wrap

SKIP = object()  # the answer "I do not know": the fact stays unknown and is not asked again
QUOTED = 4  # articles quoted in full under a question; the others are named


def question_text(path: str, lang: str) -> str:
    key = f"question.{path}"
    if i18n.has(key):
        return i18n.text(lang, key)
    return i18n.text(lang, "question.fallback", doc=BY_PATH[path].doc)


def answer_hint(question: Question, lang: str) -> str:
    if question.type in ("kind", "choice"):
        return i18n.text(lang, "interview.answer_kind", values=", ".join(question.allowed))
    return i18n.text(lang, f"interview.answer_{question.type}")


def _label(kb: KnowledgeBase, settled, lang: str) -> str:
    return kb.cite_label(settled.citation, lang)


def question_lines(kb: KnowledgeBase, question: Question, number: int, lang: str, width: int) -> list[str]:
    """The question, then what it decides: the articles it settles, quoted, or the instruments it
    decides the applicability of."""
    t = partial(i18n.text, lang)
    lines = wrap(t("interview.question", n=number, question=question_text(question.path, lang)), width, "", "  ")
    if question.settles:
        lines.append("  " + t("interview.settles"))
        for settled in question.settles[:QUOTED]:
            quote = settled.quote
            lines += wrap(f"{_label(kb, settled, lang)}: {settled.label}", width, "    ", "      ")
            for code, tag in quote_languages(kb, settled.citation.instrument, quote, lang):
                lines += wrap(f"“{quote[code]}” [{code},{KEEP}{t(f'quote.{tag}')}]", width, "      ")
        rest = question.settles[QUOTED:]
        if rest:
            names = ", ".join(_label(kb, s, lang) for s in rest)
            lines += wrap(t("interview.more_articles", labels=names), width, "    ", "      ")
    elif question.instruments:
        names = ", ".join(kb.short_name(i, lang) for i in question.instruments)
        lines += wrap(t("interview.applicability", names=names), width, "  ", "    ")
    return lines


def so_far_lines(kb: KnowledgeBase, result: CaseResult, lang: str, width: int) -> list[str]:
    t = partial(i18n.text, lang)
    lines = [t("interview.so_far")]
    others = 0
    for r in result.results:
        if r.decision == "not_applicable":
            others += 1
            continue
        word = t(f"decision.{r.decision}")
        if r.conditional:  # whether it binds the two states is unknown: "UNDETERMINED, if it applies"
            word = t("conditional.decision", decision=word)
        lines += wrap(f"{kb.short_name(r.instrument, lang)} ({r.instrument}): {word}", width, "  ")
    if others:
        lines.append("  " + t("interview.not_applying_one" if others == 1 else "interview.not_applying", n=others))
    return lines


def next_json(kb: KnowledgeBase, case_id: str, question: Question | None, left: int, lang: str) -> dict[str, Any]:
    """The next question for other programs and forms, or that none is left."""
    if question is None:
        return {"case": case_id, "fact": None, "done": True, "questions_left": 0}
    return {
        "case": case_id,
        "fact": question.path,
        "type": question.type,
        "question": question_text(question.path, lang),
        "allowed": question.allowed,
        "answer_format": answer_hint(question, lang),
        "settles": [
            {
                "instrument": s.instrument,
                "requirement": s.requirement,
                "citation": s.citation.to_json(),
                "label": _label(kb, s, lang),
                "requirement_label": s.label,
                "quote": s.quote,
            }
            for s in question.settles
        ],
        "instruments": question.instruments,
        "decisions_if": question.decisions_if,
        "done": False,
        "questions_left": left,
    }


def parse_answer(question: Question, text: str, lang: str) -> Any:
    """The typed answer as a value of the fact's type, SKIP for none; ValueError says what was expected."""
    answer = text.strip()
    if not answer or answer.lower() in ("skip", "?", i18n.text(lang, "interview.skip_word")):
        return SKIP
    words = answer.lower()
    if question.type == "bool":
        if words in i18n.text(lang, "interview.yes").split() + ["yes", "true"]:
            return True
        if words in i18n.text(lang, "interview.no").split() + ["no", "false"]:
            return False
        raise ValueError(answer_hint(question, lang))
    if question.type in ("kind", "choice"):
        if answer.isdigit() and 1 <= int(answer) <= len(question.allowed):
            return question.allowed[int(answer) - 1]
        if answer in question.allowed:
            return answer
        raise ValueError(answer_hint(question, lang))
    if question.type in ("state", "residence"):
        return answer.upper()
    if question.type == "states":
        if words in i18n.text(lang, "interview.none").split() + ["none", "[]"]:
            return []
        return [code.upper() for code in answer.replace(",", " ").split()]
    if question.type == "date":
        try:
            if len(answer) != 10:  # YYYY-MM-DD only, as in a case file (fromisoformat also reads 20260301)
                raise ValueError(answer)
            return date.fromisoformat(answer)
        except ValueError:
            raise ValueError(answer_hint(question, lang)) from None
    if question.type == "months":
        try:
            return float(answer) if "." in answer else int(answer)
        except ValueError:
            raise ValueError(answer_hint(question, lang)) from None
    return answer
