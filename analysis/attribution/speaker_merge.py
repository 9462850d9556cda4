"""Speaker names merged across a corpus: one spelling per person and per body.

"Jaafari" in one article and "Bashar Jaafari" in another, "U.S." and "United
States": each article contributes its names (:func:`speaker_names`), the
corpus-wide maps are built once (:func:`canonical_maps`), and every speaker is
rewritten through them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .. import speakers as spk
from .records import Attribution

#: speaker types whose spellings are merged across the corpus ("U.S."/"United States")
_BODY_TYPES = frozenset(("organization", "government body", "media", "news agency"))


def speaker_names(attributions: list[Attribution], doc) -> tuple[set[str], Counter]:
    """What one article adds to the corpus-wide name merge: person names (speakers and PERSON
    entities) and organisation-like speakers with how often each is cited.

    Kept per article so a corpus processed in batches (``analysis.pipeline``)
    merges exactly as :func:`analysis.attribution.extract_corpus` does.
    """
    persons = {a.speaker for a in attributions if a.speaker_type == "person"}
    persons |= {e.text for e in doc.ents if e.label_ == "PERSON"}
    bodies = Counter(a.speaker for a in attributions if a.speaker_type in _BODY_TYPES and a.speaker)
    return persons, bodies


def canonical_maps(persons, bodies: Counter) -> tuple[dict[str, str], dict[str, str]]:
    """(person name -> canonical name, body name -> canonical spelling) for a whole corpus."""
    return spk.canonical_names(persons), spk.canonical_bodies(bodies.elements())


def canonical_speaker(speaker: str, speaker_type: str, canon: dict[str, str], bodies: dict[str, str]
                      ) -> str:
    """One speaker's corpus-wide name."""
    if speaker_type == "person":
        return canon.get(speaker, speaker)
    if speaker_type in _BODY_TYPES:
        return bodies.get(speaker, speaker)
    return speaker


def merge_speakers(attributions: list[Attribution], canon: dict[str, str], bodies: dict[str, str]
                   ) -> list[Attribution]:
    """The attributions with speakers replaced by their corpus-wide canonical names."""
    return [replace(a, speaker=canonical_speaker(a.speaker, a.speaker_type, canon, bodies))
            for a in attributions]
