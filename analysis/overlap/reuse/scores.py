"""Exact overlap of candidate pairs: shared shingles, containment both ways, Jaccard.

Containment and Jaccard are reported *both ways*: ``containment_a_in_b`` and
``jaccard`` count every shingle (plain word n-gram containment), the
``*_prose`` fields leave boilerplate shingles out of numerator and denominator.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...progress import bar
from .shingles import ShingleIndex

__all__ = ["PairScore", "score_pairs"]


@dataclass(frozen=True)
class PairScore:
    """Overlap of one document pair (``a`` < ``b`` in corpus order)."""

    a: int
    b: int
    shared: int
    shared_boilerplate: int
    containment_a_in_b: float
    containment_b_in_a: float
    jaccard: float
    containment_a_in_b_prose: float
    containment_b_in_a_prose: float

    @property
    def max_containment(self) -> float:
        return max(self.containment_a_in_b, self.containment_b_in_a)


def _score(index: ShingleIndex, a: int, b: int, prose: int) -> PairScore:
    bp_a = index.sets[a][index.boiler[a]]
    bp_b = index.sets[b][index.boiler[b]]
    shared_bp = len(np.intersect1d(bp_a, bp_b, assume_unique=True)) if len(bp_a) and len(bp_b) else 0
    total = prose + shared_bp
    na, nb = index.n_set(a), index.n_set(b)
    pa, pb = index.n_prose(a), index.n_prose(b)
    union = na + nb - total
    return PairScore(a, b, total, shared_bp,
                     total / na if na else 0.0, total / nb if nb else 0.0,
                     total / union if union else 0.0,
                     prose / pa if pa else 0.0, prose / pb if pb else 0.0)


def score_pairs(index: ShingleIndex, candidates: dict[tuple[int, int], int | None], *,
                progress: bool | None = None) -> list[PairScore]:
    """Exact scores of candidate pairs that may reach ``min_containment`` or hold a passage.

    LSH candidates (count None) are verified by intersecting their shingle
    sets; counts from the inverted index are used as they are.
    """
    p = index.params
    prose_sets: dict[int, np.ndarray] = {}

    def prose(d: int) -> np.ndarray:
        if d not in prose_sets:
            prose_sets[d] = index.sets[d][~index.boiler[d]]
        return prose_sets[d]

    out = []
    for (a, b), shared in bar(sorted(candidates.items()), desc="pairs verified", unit="pair",
                              show=progress):
        if shared is None:
            shared = len(np.intersect1d(prose(a), prose(b), assume_unique=True))
        if shared == 0:
            continue
        smaller = min(index.n_set(a), index.n_set(b))
        bp_bound = min(int(index.boiler[a].sum()), int(index.boiler[b].sum()))
        if shared >= p.min_align_shared or (shared + bp_bound) >= p.min_containment * smaller:
            out.append(_score(index, a, b, shared))
    return out
