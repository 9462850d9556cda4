"""An attribution while it is being built, its spaCy tokens still attached."""
from __future__ import annotations

from dataclasses import dataclass

from .lexicon import BELIEF_VERBS


@dataclass
class Draft:
    """An attribution while it is being built: spaCy tokens still attached."""

    kind: str
    contents: list[tuple[int, int]]
    cue: tuple[int, int] | None
    source_tok: object | None          # head token of the source mention (spaCy Token)
    source: tuple[int, int] | None
    confidence: float
    para: int
    inherited: Draft | None = None
    speaker: str = ""
    speaker_type: str = "unknown"
    speaker_role: str = ""
    cue_tok: object | None = None
    follow_on: bool = False            # a bare quote waiting for the previous speaker

    @property
    def start(self) -> int:
        return min(s for s, _ in self.contents)

    @property
    def end(self) -> int:
        return max(e for _, e in self.contents)


def is_belief(d: Draft) -> bool:
    return d.cue_tok is not None and d.cue_tok.lemma_.lower() in BELIEF_VERBS
