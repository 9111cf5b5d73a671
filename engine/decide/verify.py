"""Run a recorded answer again and say whether it is the same; if not, what changed: the answer
(which instrument, which requirement) and what it rested on (KB files by their hashes, readings,
the case, Traslado's version)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from traslado.case import Case
from traslado.decide.evaluate import evaluate
from traslado.decide.receipt import case_hash, kb_receipt, traslado_version
from traslado.knowledge.readings import in_force, switchable, with_readings
from traslado.knowledge.store import KnowledgeBase


class VerifyError(ValueError):
    """The result file cannot be verified (no receipt, not a check result)."""


@dataclass
class Verdict:
    case: str
    same: bool
    # (message key, values) pairs, worded by the renderer
    answer: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    basis: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    kb_hash: str = ""  # the content hash of the KB it was run on now


def _answer_index(results: list[dict[str, Any]]) -> dict[str, tuple[str, dict[str, tuple[str, str]]]]:
    """instrument -> (decision, requirement -> (status, citation label))."""
    out = {}
    for r in results:
        reqs = {
            q["id"]: (q["status"], q["citation"].get("label") or q["citation"].get("eid", ""))
            for q in r["requirements"]
        }
        out[r["instrument"]] = (r["decision"], reqs)
    return out


def recorded_receipt(result: dict[str, Any]) -> dict[str, Any]:
    stamp = result.get("receipt") if isinstance(result, dict) else None
    if not isinstance(stamp, dict) or "kb" not in stamp or not isinstance(result.get("results"), list):
        raise VerifyError("not a `traslado check --format json` result with a receipt")
    return stamp


def verify(result: dict[str, Any], case: Case, kb: KnowledgeBase, lang: str = "en") -> Verdict:
    """Decide the case again with the receipt's readings and instruments, and compare."""
    from traslado.decide.results import CaseResult

    stamp = recorded_receipt(result)
    kb = with_readings(kb, _valid_choices(kb, stamp.get("readings") or {}))
    fresh: CaseResult = evaluate(case, stamp.get("instruments_requested"), kb, lang)
    old = _answer_index(result["results"])
    new = {
        r.instrument: (r.decision, {q.id: (q.status, q.citation.label) for q in r.requirements}) for r in fresh.results
    }
    verdict = Verdict(case.id, True)
    for inst in sorted(set(old) | set(new)):
        if inst not in new:
            verdict.answer.append(("verify.instrument_missing", {"instrument": inst}))
            continue
        if inst not in old:
            verdict.answer.append(("verify.instrument_added", {"instrument": inst}))
            continue
        (d_old, r_old), (d_new, r_new) = old[inst], new[inst]
        if d_old != d_new:
            verdict.answer.append(("verify.decision_changed", {"instrument": inst, "old": d_old, "new": d_new}))
        for req in sorted(set(r_old) | set(r_new)):
            s_old, c_old = r_old.get(req, ("-", ""))
            s_new, c_new = r_new.get(req, ("-", ""))
            if s_old != s_new:
                values = {
                    "instrument": inst,
                    "requirement": req,
                    "citation": c_new or c_old,
                    "old": s_old,
                    "new": s_new,
                }
                verdict.answer.append(("verify.requirement_changed", values))
    verdict.same = not verdict.answer
    verdict.basis = _basis(stamp, case, kb)
    verdict.kb_hash = kb_receipt(kb)["content_hash"]
    return verdict


def _valid_choices(kb: KnowledgeBase, recorded: dict[str, str]) -> dict[str, str]:
    """The receipt's readings that this KB still has (one it no longer has shows as a change)."""
    open_ = switchable(kb)
    return {i: a for i, a in recorded.items() if i in open_ and a in [alt["id"] for alt in open_[i]["alternatives"]]}


def _basis(stamp: dict[str, Any], case: Case, kb: KnowledgeBase) -> list[tuple[str, dict[str, str]]]:
    """What the answer rested on that is not as the receipt records it."""
    out: list[tuple[str, dict[str, str]]] = []
    now = kb_receipt(kb)
    was = stamp["kb"]
    changed = [
        ("verify.instrument_files", {"instrument": inst})
        for inst in sorted(set(was.get("instruments", {})) | set(now["instruments"]))
        if was.get("instruments", {}).get(inst) != now["instruments"].get(inst)
    ]
    changed += [
        ("verify.file", {"file": name})
        for name in sorted(set(was.get("files", {})) | set(now["files"]))
        if was.get("files", {}).get(name) != now["files"].get(name)
    ]
    out += changed
    if stamp.get("case_hash") != case_hash(case):
        out.append(("verify.case_changed", {}))
    if stamp.get("readings") != in_force(kb):
        diff = sorted(set((stamp.get("readings") or {}).items()) ^ set(in_force(kb).items()))
        out.append(("verify.readings_changed", {"what": ", ".join(f"{i}={a}" for i, a in diff)}))
    if stamp.get("traslado_version") != traslado_version():
        out.append(("verify.version_changed", {"old": str(stamp.get("traslado_version")), "new": traslado_version()}))
    return out
