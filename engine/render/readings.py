"""Contested readings for the reader: the list (`traslado readings`), the side-by-side of
`check --readings-diff`, and the section `compare` shows per instrument."""

from __future__ import annotations

from typing import Any

from traslado.decide.readings_diff import ReadingDiff
from traslado.knowledge.readings import catalogue, in_force, label, profiles
from traslado.knowledge.store import KnowledgeBase
from traslado.render.i18n import text as t
from traslado.render.terminal import wrap

WIDTH = 100


def _fold(lines: list[str], width: int) -> list[str]:
    """Fold each line longer than width, keeping its indentation (plus four spaces after the first)."""
    out = []
    for line in lines:
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out += wrap(line.strip(), width, indent, indent + "    ")
    return out


def _pick(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


def readings_json(kb: KnowledgeBase) -> dict[str, Any]:
    force = in_force(kb)
    out = []
    for ident, r in catalogue(kb).items():
        out.append(
            {
                "id": ident,
                "question": r["question"],
                "bears_on": r["bears_on"],
                "words": [{**w, "citation": _label(kb, w)} for w in r["words"]],
                "alternatives": r["alternatives"],
                "default": r["default"],
                "in_force": force.get(ident),
                "switchable": not r.get("awaits"),
                "awaits": r.get("awaits"),
            }
        )
    return {"readings": out, "profiles": profiles(kb)}


def _label(kb: KnowledgeBase, words: dict[str, Any]) -> str:
    part = kb.instruments.get(words["instrument"], {}).get("parts", {}).get(words["eid"])
    if not part:
        return words["eid"]
    citation = kb.citation(words["instrument"], part["article"], part["paragraph"], part["item"])
    return kb.cite_label(citation)


def readings_lines(kb: KnowledgeBase, lang: str, markdown: bool = False, width: int = WIDTH) -> list[str]:
    force = in_force(kb)
    lines = [("# " if markdown else "") + t(lang, "readings.heading"), ""]
    for ident, r in catalogue(kb).items():
        lines.append(("## " if markdown else "") + f"{ident}: {_pick(r['question'], lang)}")
        for w in r["words"]:
            lines.append(f"{'- ' if markdown else '  '}{_label(kb, w)}: “{w['quote']}”")
        if r.get("awaits"):
            lines.append(f"{'- ' if markdown else '  '}{t(lang, 'readings.awaits', fact=r['awaits'])}")
        for a in r["alternatives"]:
            marks = []
            if a["id"] == r["default"]:
                marks.append(t(lang, "readings.default"))
            if force.get(ident) == a["id"] and a["id"] != r["default"]:
                marks.append(t(lang, "readings.in_force"))
            mark = f" [{', '.join(marks)}]" if marks else ""
            lines.append(f"{'- ' if markdown else '  '}{ident}={a['id']}{mark}: {_pick(a['label'], lang)}")
            lines.append(
                f"{'  ' if markdown else '      '}{t(lang, 'readings.argument')}: {_pick(a['argument'], lang)}"
            )
            if a["authority"]:
                lines.append(
                    f"{'  ' if markdown else '      '}{t(lang, 'readings.authority')}: {_pick(a['authority'], lang)}"
                )
        lines.append("")
    lines.append(("## " if markdown else "") + t(lang, "readings.profiles"))
    for name, p in profiles(kb).items():
        choices = ", ".join(f"{i}={a}" for i, a in p["choices"].items())
        lines.append(f"{'- ' if markdown else '  '}{name}: {_pick(p['label'], lang)} ({choices})")
    return lines if markdown else _fold(lines, width)


def diff_json(case_id: str, diffs: list[ReadingDiff]) -> dict[str, Any]:
    return {
        "case": case_id,
        "readings": [
            {
                "reading": d.reading,
                "in_force": d.in_force,
                "decisive": d.decisive,
                "instruments": [
                    {
                        "instrument": i.instrument,
                        "decision_changes": i.decision_changes,
                        "by_alternative": {
                            alt: {
                                "decision": o.decision,
                                "failed": [c.to_json() for c in o.failed],
                                "unknown": [c.to_json() for c in o.unknown],
                                "considerations": o.considerations,
                            }
                            for alt, o in i.by_alternative.items()
                        },
                    }
                    for i in d.instruments
                ],
            }
            for d in diffs
        ],
    }


def diff_lines(
    kb: KnowledgeBase, case_id: str, diffs: list[ReadingDiff], lang: str, markdown: bool, width: int = WIDTH
) -> list[str]:
    lines = [("# " if markdown else "") + t(lang, "readings.diff_heading", case=case_id), ""]
    if not any(d.decisive for d in diffs):
        lines.append(t(lang, "readings.diff_none"))
        lines.append("")
    for d in diffs:
        key = "readings.diff_decisive" if d.decisive else "readings.diff_not_decisive"
        lines.append(("## " if markdown else "") + f"{d.reading}: {t(lang, key)}")
        header = [t(lang, "readings.instrument")] + [
            f"{d.reading}={alt}" + (f" ({t(lang, 'readings.in_force')})" if alt == d.in_force else "")
            for alt in d.alternatives
        ]
        rows = []
        for i in d.instruments:
            cells = [kb.short_name(i.instrument, lang)]
            for alt in d.alternatives:
                o = i.by_alternative[alt]
                cited = ", ".join(c.label for c in o.failed + o.unknown)
                cells.append(t(lang, f"decision.{o.decision}") + (f" ({cited})" if cited else ""))
            rows.append(cells)
        if markdown:
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(r) + " |" for r in rows]
        else:
            widths = [max(len(row[n]) for row in [header, *rows]) for n in range(len(header))]
            for row in [header, *rows]:
                lines.append("  " + "   ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        for alt in d.alternatives:
            lines.append(f"  {d.reading}={alt}: {label(kb, d.reading, alt, lang)}")
        lines.append("")
    return lines if markdown else _fold(lines, width)


def compare_lines(
    kb: KnowledgeBase, instruments: list[str], lang: str, markdown: bool = False, width: int = WIDTH
) -> list[str]:
    """The readings bearing on each instrument compared, with the alternative in force."""
    force = in_force(kb)
    lines = [("## " if markdown else "") + t(lang, "readings.compare_heading")]
    for inst in instruments:
        bearing = [(i, r) for i, r in catalogue(kb).items() if inst in r["bears_on"]]
        if not bearing:
            continue
        lines.append(f"{'- ' if markdown else '  '}{kb.short_name(inst, lang)}:")
        for ident, r in bearing:
            now = force.get(ident)
            state = (
                t(lang, "readings.awaits", fact=r["awaits"])
                if r.get("awaits")
                else f"{ident}={now}: {label(kb, ident, now, lang)}"
            )
            lines.append(f"{'  - ' if markdown else '      '}{ident} ({state})")
    return lines if markdown else _fold(lines, width)


def compare_json(kb: KnowledgeBase, instruments: list[str]) -> dict[str, list[dict[str, Any]]]:
    force = in_force(kb)
    return {
        inst: [
            {"id": ident, "in_force": force.get(ident), "switchable": not r.get("awaits")}
            for ident, r in catalogue(kb).items()
            if inst in r["bears_on"]
        ]
        for inst in instruments
    }


KB_KEYS = ("verify.instrument_files", "verify.file")


def verdict_lines(verdict, lang: str) -> list[str]:
    """`traslado verify`: same or different, and what changed."""
    lines = [t(lang, "verify.same" if verdict.same else "verify.different", case=verdict.case)]
    lines += [f"  {t(lang, key, **values)}" for key, values in verdict.answer]
    for key, values in verdict.basis:
        line = t(lang, "verify.kb_changed", what=t(lang, key, **values)) if key in KB_KEYS else t(lang, key, **values)
        lines.append(f"  {line}")
    if not any(key in KB_KEYS for key, _ in verdict.basis):
        lines.append(f"  {t(lang, 'verify.kb_same', hash=verdict.kb_hash)}")
    return lines


def verdict_json(verdict) -> dict[str, Any]:
    return {
        "case": verdict.case,
        "same": verdict.same,
        "kb_hash": verdict.kb_hash,
        "answer_changes": [{"kind": key.split(".", 1)[1], **values} for key, values in verdict.answer],
        "basis_changes": [{"kind": key.split(".", 1)[1], **values} for key, values in verdict.basis],
    }
