"""The knowledge base as the engine sees it: compiled texts and labels, and the rule programs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from traslado.knowledge.citation import Citation
from traslado.knowledge.location import cache_dir, cached_json, kb_dir

_FORMAT = "10"  # bump when the compiled layout changes


def _fingerprint(kb: Path) -> str:
    """Changes whenever any file under kb/ is added, removed or modified. (os.walk, not Path.rglob:
    the same files in the same order, a millisecond sooner at every start.)"""
    import os
    import stat

    found = []
    for folder, _, names in os.walk(kb):
        relative = os.path.relpath(folder, kb)
        parts = () if relative == os.curdir else tuple(relative.split(os.sep))
        found.extend((parts + (name,), os.path.join(folder, name)) for name in names)
    digest = hashlib.sha256(_FORMAT.encode())
    for parts, path in sorted(found):
        try:
            info = os.stat(path)
        except OSError:
            continue  # a broken link: not a file
        if stat.S_ISREG(info.st_mode):
            digest.update(f"{'/'.join(parts)}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    digest.update(str(kb).encode())
    return digest.hexdigest()[:20]


def _compiled(kb: Path, fingerprint: str | None = None) -> dict[str, Any]:
    def build() -> dict[str, Any]:
        from traslado.knowledge.rdf_compiler import compile_kb  # rdflib only on a cache miss

        return compile_kb(kb)

    return cached_json(cache_dir() / f"kb-{fingerprint or _fingerprint(kb)}.json", build)


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    root: Path
    data: dict[str, Any]
    cache: dict[str, Any] = field(default_factory=dict, repr=False)  # derived once per KB: program, solver
    # Contested readings chosen other than the KB's defaults, as (reading, alternative) pairs
    # (traslado.knowledge.readings.with_readings); the rules read them as reading(Id, Alt).
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def instruments(self) -> dict[str, Any]:
        return self.data["instruments"]

    def instrument(self, ident: str) -> dict[str, Any]:
        return self.instruments[ident]

    def citation(
        self, instrument: str, article: str, paragraph: str | None = None, item: str | None = None
    ) -> Citation:
        """A citation labelled the way the instrument cites itself ("Art. 3(1)(c)", "§ 4100(b)")."""
        prefix = self.instruments.get(instrument, {}).get("article_prefix", "Art.")
        return Citation(instrument, article, paragraph, item, prefix)

    def part(self, citation: Citation) -> dict[str, Any] | None:
        inst = self.instruments.get(citation.instrument)
        return None if inst is None else inst["parts"].get(citation.eid)

    def quote(self, citation: Citation) -> dict[str, str]:
        part = self.part(citation)
        return dict(part["text"]) if part else {}

    def short_name(self, ident: str, lang: str = "en") -> str:
        names = self.instruments.get(ident, {}).get("short_name", {})
        return names.get(lang) or names.get("en") or ident

    def cite_label(self, citation: Citation, lang: str = "en") -> str:
        return f"{self.short_name(citation.instrument, lang)} {citation.label}"

    def concept_label(self, notation: str, lang: str = "en") -> str:
        labels = self.data["concepts"].get(notation, {}).get("label", {})
        return labels.get(lang) or labels.get("en") or notation.replace("_", " ")

    def rule_files(self) -> list[Path]:
        instruments = self.root / "instruments"
        return [
            self.root / "common.lp",
            *sorted(instruments.glob("*/rules.lp")),
            *sorted(instruments.glob("*/provisions.lp")),
        ]

    @property
    def program(self) -> str:
        """The rule files, concatenated; read once per knowledge base."""
        if "program" not in self.cache:
            self.cache["program"] = "\n".join(f.read_text(encoding="utf-8") for f in self.rule_files())
        return self.cache["program"]


@cache
def load_kb(root: Path | None = None) -> KnowledgeBase:
    kb = (root or kb_dir()).resolve()
    fingerprint = _fingerprint(kb)
    # The fingerprint stays with the KB loaded from its files, so that what is derived from the files
    # alone (the rule base, traslado.knowledge.rulebase) can be cached under it too. A KnowledgeBase
    # built in memory has none: its data may differ from its files.
    return KnowledgeBase(root=kb, data=_compiled(kb, fingerprint), cache={"fingerprint": fingerprint})
