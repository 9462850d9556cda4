"""An attribution while it is being built, its spaCy tokens still attached."""
from __future__ import annotations

from dataclasses import dataclass, field

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
    how: str = ""                      # which rule or relation found the content (a model feature)
    cue_class: str = ""                # speech, thought or evidence (:mod:`.classes`)
    score: float | None = None         # the model's probability that this is a PARC attribution
    rank: float | None = None          # the ranker's preference among the drafts of its cue
    extra_cue: tuple[int, int] | None = None  # a preposition that joins the cue ("talked about")
    content_tok: object | None = None  # the head of the content in the parse, when a relation gave it
    flags: list[str] = field(default_factory=list)  # facts about how it was built (model features)
    folded: list = field(default_factory=list)  # follow-on quotes folded into this draft

    @property
    def start(self) -> int:
        return min(s for s, _ in self.contents)

    @property
    def end(self) -> int:
        return max(e for _, e in self.contents)


def is_belief(d: Draft) -> bool:
    return d.cue_tok is not None and d.cue_tok.lemma_.lower() in BELIEF_VERBS
