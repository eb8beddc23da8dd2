"""Evidence: the matched spans behind every count, and what a feature family returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Evidence:
    """One match: ``text`` is ``cleaned_text[start:end]``; ``sentence`` is 0-based.

    ``note`` carries what a reader needs to judge the match (the lexicon term that matched,
    a source's kind, a sentence's tone score).
    """

    start: int
    end: int
    family: str
    category: str
    text: str
    sentence: int
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "category": self.category,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "note": self.note,
        }


@dataclass
class FamilyResult:
    """Values for the family's declared metrics, their evidence, and non-scalar details."""

    values: dict[str, float | int]
    evidence: list[Evidence] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
