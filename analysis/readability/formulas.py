"""The readability formulas with their published constants, and the counts they are computed from.

Each formula is registered under the name its score carries in every record;
``fn(c)`` takes anything with the :class:`Counts` attributes (numbers, or
numpy arrays for the bootstrap).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Callable

import numpy as np

__all__ = ["Counts", "COUNT_FIELDS", "Formula", "FORMULAS", "SCORES", "SCORE_LABELS",
           "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog", "coleman_liau", "ari",
           "lix", "dale_chall", "dale_chall_grade", "dale_chall_1948", "scores_from_counts"]


@dataclass(frozen=True)
class Counts:
    """Every count a score is computed from, so any score can be checked by hand."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    polysyllables: int = 0
    complex_words: int = 0
    characters: int = 0
    letters: int = 0
    long_words: int = 0
    unfamiliar_words: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(getattr(self, name) + getattr(other, name) for name in COUNT_FIELDS))


COUNT_FIELDS = tuple(f.name for f in fields(Counts))


@dataclass(frozen=True)
class Formula:
    name: str
    fn: Callable
    higher_is_harder: bool
    reference: str


#: formula name -> Formula, in output order
FORMULAS: dict[str, Formula] = {}


def formula(name: str, *, higher_is_harder: bool = True, reference: str = ""):
    def decorate(fn):
        FORMULAS[name] = Formula(name, fn, higher_is_harder, reference)
        return fn

    return decorate


@formula("flesch_reading_ease", higher_is_harder=False, reference="Flesch 1948")
def flesch_reading_ease(c) -> float:
    return 206.835 - 1.015 * (c.words / c.sentences) - 84.6 * (c.syllables / c.words)


@formula("flesch_kincaid_grade", reference="Kincaid et al. 1975")
def flesch_kincaid_grade(c) -> float:
    return 0.39 * (c.words / c.sentences) + 11.8 * (c.syllables / c.words) - 15.59


@formula("gunning_fog", reference="Gunning 1952")
def gunning_fog(c) -> float:
    return 0.4 * (c.words / c.sentences + 100.0 * c.complex_words / c.words)


@formula("smog", reference="McLaughlin 1969 (regression form)")
def smog(c) -> float:
    return 1.0430 * np.sqrt(c.polysyllables * 30.0 / c.sentences) + 3.1291


@formula("coleman_liau", reference="Coleman & Liau 1975")
def coleman_liau(c) -> float:
    letters_per_100 = 100.0 * c.characters / c.words
    sentences_per_100 = 100.0 * c.sentences / c.words
    return 0.0588 * letters_per_100 - 0.296 * sentences_per_100 - 15.8


@formula("ari", reference="Smith & Senter 1967")
def ari(c) -> float:
    return 4.71 * (c.characters / c.words) + 0.5 * (c.words / c.sentences) - 21.43


@formula("lix", reference="Björnsson 1968")
def lix(c) -> float:
    return c.words / c.sentences + 100.0 * c.long_words / c.words


@formula("dale_chall", higher_is_harder=False, reference="Chall & Dale 1995 (cloze score)")
def dale_chall(c) -> float:
    """New Dale-Chall cloze score: higher means easier (64 = nothing unfamiliar, very short sentences)."""
    pct_unfamiliar = 100.0 * c.unfamiliar_words / c.words
    return 64.0 - 0.95 * pct_unfamiliar - 0.69 * (c.words / c.sentences)


#: the score names every record carries, in output order
SCORES = tuple(FORMULAS)

#: what each score means, for tables and plain-words notes
SCORE_LABELS = {
    "flesch_reading_ease": "Flesch Reading Ease (higher = easier)",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning Fog grade",
    "smog": "SMOG grade",
    "coleman_liau": "Coleman-Liau grade",
    "ari": "ARI grade",
    "lix": "LIX",
    "dale_chall": "New Dale-Chall cloze (higher = easier)",
}

#: New Dale-Chall grade bands: (cloze score must exceed, band), Chall & Dale 1995 table
_DALE_CHALL_BANDS = ((57, "1"), (53, "2"), (49, "3"), (44, "4"), (39, "5-6"), (33, "7-8"),
                     (27, "9-10"), (21, "11-12"), (15, "13-15"))


def dale_chall_grade(cloze: float) -> str:
    """Grade band of a New Dale-Chall cloze score ("1" ... "16+"); "" when undefined."""
    if cloze is None or not math.isfinite(cloze):
        return ""
    for threshold, band in _DALE_CHALL_BANDS:
        if cloze > threshold:
            return band
    return "16+"


def dale_chall_1948(words: int, unfamiliar_words: int, sentences: int) -> float:
    """Original Dale-Chall grade (1948), in every record beside the 1995 cloze score.

    The 3.6365 constant is part of the formula, always (several libraries drop
    it when 5% of words or fewer are unfamiliar).
    """
    return 0.1579 * 100.0 * unfamiliar_words / words + 0.0496 * words / sentences + 3.6365


def scores_from_counts(c: Counts) -> dict[str, float]:
    """Every registered formula on one set of counts (NaN where a count it divides by is 0)."""
    if c.words == 0 or c.sentences == 0:
        return {name: float("nan") for name in FORMULAS}
    return {name: float(f.fn(c)) for name, f in FORMULAS.items()}
