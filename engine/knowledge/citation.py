"""Citations: (instrument, article, paragraph, item) in the instrument's own numbering."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Citation:
    instrument: str
    article: str
    paragraph: str | None = None
    item: str | None = None
    prefix: str = field(default="Art.", compare=False)  # the instrument's own word: "Art.", "§"

    @property
    def eid(self) -> str:
        """Akoma Ntoso style id, e.g. art_3__para_1__point_c."""
        eid = f"art_{self.article}"
        if self.paragraph:
            eid += f"__para_{self.paragraph}"
        if self.item:
            eid += f"__point_{self.item}"
        return eid

    @property
    def label(self) -> str:
        """'Art. 3(1)(c)', 'Art. III(2)', 'Art. 1(a)', 'Art. XI'."""
        text = f"{self.prefix} {self.article}"
        if self.paragraph:
            text += f"({self.paragraph})"
        if self.item:
            text += f"({self.item})"
        return text

    def to_json(self) -> dict[str, str | None]:
        return {
            "instrument": self.instrument,
            "article": self.article,
            "paragraph": self.paragraph,
            "item": self.item,
            "eid": self.eid,
        }
