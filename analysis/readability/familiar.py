"""Familiar words for the New Dale-Chall formula: the Dale-Chall list and its 1995 inflection rules.

The list ships as ``analysis/data/dale_chall_easy_words.txt``; a word is
familiar when it, or a base form the rules allow ("played" -> "play",
"happier" -> "happy"), is on it. Figures are familiar; proper names are
decided by the caller, which sees the sentence.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .syllables import normalise_word

__all__ = ["DALE_CHALL_FILE", "easy_words", "inflection_bases", "is_familiar", "is_familiar_normalised"]

DALE_CHALL_FILE = Path(__file__).resolve().parents[1] / "data" / "dale_chall_easy_words.txt"


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """The Dale-Chall list of words familiar to fourth-graders (lowercase)."""
    lines = DALE_CHALL_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def inflection_bases(w: str) -> Iterable[str]:
    """Candidate base forms under the 1995 rules: -s/-es/-ies, -'s/-s', -ed/-d/-ied, -ing, -er/-est."""
    if w.endswith("'s"):
        yield w[:-2]
    if w.endswith("s'"):
        yield w[:-1]
    if w.endswith("ies") or w.endswith("ied"):
        yield w[:-3] + "y"
    if w.endswith("s"):
        yield w[:-1]
    if w.endswith("es"):
        yield w[:-2]
    for suffix in ("ed", "ing", "er", "est"):
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            stem = w[: -len(suffix)]
            yield stem
            yield stem + "e"                          # liked -> like, larger -> large
            if len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]                       # stopped -> stop, bigger -> big
            if stem.endswith("i"):
                yield stem[:-1] + "y"                 # happier -> happy, carried -> carry
    if w.endswith("d") and len(w) > 2:
        yield w[:-1]                                  # moved -> move


@lru_cache(maxsize=200_000)
def is_familiar_normalised(w: str) -> bool:
    """:func:`is_familiar` of a word already normalised and lowercased (cached)."""
    easy = easy_words()
    if w in easy:
        return True
    if any(ch.isdigit() for ch in w):
        return True  # figures are familiar
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        return bool(parts) and all(is_familiar_normalised(p) for p in parts)
    return any(base in easy for base in inflection_bases(w))


def is_familiar(word: str) -> bool:
    """Whether a word counts as familiar for New Dale-Chall (proper names aside)."""
    return is_familiar_normalised(normalise_word(word).lower())
