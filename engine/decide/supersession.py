"""Which instrument governs between two EU Member States: CETS 112 and ETS 167 replaced by Framework
Decision 2008/909/JHA (its Art. 26(1)), kept by an Art. 28(2) declaration, or open because a declaration's
text is not held. The rules (kb/instruments/eu-fd-2008-909/rules.lp) decide; this module only words the
answer as Applicability reasons, each with the provision it rests on, quoted from the KB.

Seam: model.py calls `supersede` once per instrument result. When the result format gains a list of
missing texts, `texts_not_held` is the one place that feeds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from traslado.decide.results import Applicability, Reason
from traslado.knowledge.documents import text_documents
from traslado.knowledge.store import KnowledgeBase

FD = "eu-fd-2008-909"


# The shown atoms Supersession.read takes: about the replacement, whichever instrument they name.
ATOMS = frozenset({"replaced", "replacement_open", "kept_by_declaration", "fd_decl_not_held", "fd_decl_open"})


@dataclass
class Supersession:
    """What the model says about the replacement, read from its atoms."""

    replaced: set[str] = field(default_factory=set)
    open_: set[str] = field(default_factory=set)
    kept: dict[str, list[str]] = field(default_factory=dict)  # instrument -> declaration ids keeping it
    not_held: list[str] = field(default_factory=list)  # states whose Art. 28(2) declaration is not held
    decl_open: list[str] = field(default_factory=list)  # held declarations the case's facts do not settle

    def read(self, name: str, args: tuple) -> bool:
        """Take one atom if it is about the replacement; True if it was."""
        if name == "replaced":
            self.replaced.add(args[0])
        elif name == "replacement_open":
            self.open_.add(args[0])
        elif name == "kept_by_declaration":
            self.kept.setdefault(args[0], []).append(args[1])
        elif name == "fd_decl_not_held":
            self.not_held.append(args[0])
        elif name == "fd_decl_open":
            self.decl_open.append(args[1])
        else:
            return False
        return True

    def texts_not_held(self, instrument: str) -> list[str]:
        """The texts whose absence leaves the replacement open (for a missing-texts list)."""
        if instrument not in self.open_:
            return []
        out = ["FD 2008/909 Art. 28"]
        out += [f"FD 2008/909 Art. 28(2) declaration of {s}" for s in sorted(set(self.not_held))]
        if self.decl_open:
            out.append("FD 2008/909 Art. 30")
        return out


def _quote(kb: KnowledgeBase, instrument: str, article: str, paragraph: str) -> tuple[object, str]:
    citation = kb.citation(instrument, article, paragraph)
    texts = kb.quote(citation)
    # The authentic languages come primary first (tr:primaryLanguage: German for the FD).
    lang = next((x for x in kb.instrument(instrument)["authentic"] if x in texts), next(iter(texts), ""))
    return citation, f"{kb.cite_label(citation)}: “{texts.get(lang, '')}”"


def supersede(kb: KnowledgeBase, instrument: str, app: Applicability, sup: Supersession) -> Applicability:
    """The instrument's applicability with the replacement's reasons added (unchanged if none applies)."""
    if instrument not in sup.replaced | sup.open_ | set(sup.kept):
        return app
    fd_26, fd_text = _quote(kb, FD, "26", "1")
    docs = text_documents(kb, FD)
    reasons = list(app.reasons)
    if instrument in sup.kept:
        for decl_id in sorted(sup.kept[instrument]):
            decl = kb.instrument(FD)["declarations"][decl_id]
            reasons.append(
                Reason(
                    decl["state"],
                    "kept_by_declaration",
                    f"kept for this judgment by {decl['state']}'s declaration under FD Art. 28(2)",
                    decl["source"] or "",
                    key="applicability.kept_by_declaration",
                    params=(("state", decl["state"]), ("fd", kb.short_name(FD))),
                    documents=docs,
                    provision=fd_26,
                    note=decl.get("note") or "",
                )
            )
        return Applicability(app.status, reasons)
    cets_22, cets_text = _quote(kb, "coe-cets-112", "22", "2")
    if instrument in sup.replaced:
        reasons.append(
            Reason(
                "",
                "replaced",
                f"replaced between these Member States by {kb.short_name(FD)} (Art. 26(1))",
                fd_text,
                key="applicability.replaced",
                params=(("fd", kb.short_name(FD)), ("quote", fd_text)),
                documents=docs,
                provision=fd_26,
                note=fd_text,
            )
        )
        reasons.append(
            Reason(
                "",
                "replaced",
                "CETS 112 Art. 22(2) lets the Parties apply another instrument in lieu of the Convention",
                cets_text,
                key="applicability.replaced_in_lieu",
                params=(("quote", cets_text),),
                documents=text_documents(kb, "coe-cets-112"),
                provision=cets_22,
                note=cets_text,
            )
        )
        return Applicability("replaced", reasons)
    missing = "texts not held: " + "; ".join(sup.texts_not_held(instrument))
    for state in sorted(set(sup.not_held)):
        reasons.append(
            Reason(
                state,
                "replacement_unknown",
                f"whether {state} keeps it under FD Art. 28(2) is unknown: text not held",
                fd_text,
                key="applicability.replacement_unknown",
                params=(("state", state), ("fd", kb.short_name(FD))),
                documents=docs,
                provision=fd_26,
                note=missing,
            )
        )
    for decl_id in sorted(set(sup.decl_open)):
        decl = kb.instrument(FD)["declarations"][decl_id]
        reasons.append(
            Reason(
                decl["state"],
                "replacement_unknown",
                f"{decl['state']}'s FD Art. 28(2) declaration keeps it for judgments final before a date not held",
                decl["source"] or "",
                key="applicability.replacement_declaration_open",
                params=(("state", decl["state"]), ("fd", kb.short_name(FD))),
                documents=docs,
                provision=fd_26,
                note=f"{missing}. {decl.get('note') or ''}".strip(),
            )
        )
    return Applicability("unknown", reasons)
