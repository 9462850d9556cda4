"""Stages 3 and 4 of text reuse: seed fragments within one pair, chained into passages.

:func:`seed_fragments` finds, within one candidate pair, the positions where
both documents hold the same run of ``align_ngram`` words and joins
consecutive ones on one diagonal into exact fragments. :func:`merge_fragments`
chains fragments separated by small gaps (a few words changed, dropped or
swapped) into one passage per reused region, opened and closed only by runs
of at least ``shingle_size`` words. Their edges are then moved onto sentence
edges (:mod:`analysis.overlap.reuse.tighten`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ...text import covered_length

__all__ = ["Fragment", "seed_fragments", "merge_fragments"]


@dataclass
class Fragment:
    """Token ranges ``[a0, a1)`` in A and ``[b0, b1)`` in B that match (or chain) in order."""

    a0: int
    a1: int
    b0: int
    b1: int
    seeds: int = 1
    matched: int = 0  # tokens of A covered by seeds

    @property
    def diagonal(self) -> int:
        return self.b0 - self.a0


def seed_fragments(sh_a: np.ndarray, sh_b: np.ndarray, n: int, *, max_repeats: int = 20
                   ) -> list[Fragment]:
    """Stage 3: maximal runs of shared shingles along one diagonal, as token ranges.

    A seed is a position pair ``(i, j)`` with ``sh_a[i] == sh_b[j]``;
    consecutive seeds ``(i, j), (i+1, j+1)`` form one exact fragment covering
    tokens ``[i, i_last + n)`` of A and the same length of B. A shingle that
    would make more than ``max_repeats`` seeds (lists, tables) makes none.
    """
    oa = np.argsort(sh_a, kind="stable")
    ob = np.argsort(sh_b, kind="stable")
    sa, sb = sh_a[oa], sh_b[ob]
    common = np.intersect1d(sa, sb, assume_unique=False)
    if len(common) == 0:
        return []
    lo_a, lo_b = np.searchsorted(sa, common, "left"), np.searchsorted(sb, common, "left")
    ca = np.searchsorted(sa, common, "right") - lo_a
    cb = np.searchsorted(sb, common, "right") - lo_b
    cnt = np.where(ca * cb > max_repeats, 0, ca * cb)
    total = int(cnt.sum())
    if total == 0:
        return []
    t = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)   # index inside each product
    rep_cb = np.repeat(cb, cnt)
    si = oa[np.repeat(lo_a, cnt) + t // rep_cb]
    sj = ob[np.repeat(lo_b, cnt) + t % rep_cb]
    order = np.lexsort((si, sj - si))
    si, sj = si[order], sj[order]
    diag = sj - si
    breaks = np.flatnonzero(np.r_[True, (diag[1:] != diag[:-1]) | (si[1:] != si[:-1] + 1)])
    ends = np.r_[breaks[1:], len(si)]
    frags = []
    for s, e, i0, i1, j0 in zip(breaks.tolist(), ends.tolist(), si[breaks].tolist(),
                                si[ends - 1].tolist(), sj[breaks].tolist()):
        length = i1 - i0 + n
        frags.append(Fragment(i0, i0 + length, j0, j0 + length, e - s, length))
    frags.sort(key=lambda f: (f.a0, f.b0))
    return frags


# --------------------------------------------------------------------------
# stage 4: merge fragments into passages


@dataclass
class _Chain:
    """A passage being built: its fragments and the extent of its anchors."""

    parts: list[Fragment]
    a1: int
    b0: int
    b1: int
    last_diagonal: int


def merge_fragments(frags: Sequence[Fragment], max_gap: int, anchor: int = 0) -> list[Fragment]:
    """Stage 4: chain fragments across gaps of at most ``max_gap`` tokens into passages.

    A fragment joins the open passage whose end it follows within
    ``max_gap`` tokens in both texts and whose diagonal is at most
    ``max_gap`` away (dropped or inserted words shift the diagonal); of
    several, the nearest diagonal wins. Overlapping fragments (swapped words)
    merge too. Fragments shorter than ``anchor`` tokens may only bridge the
    inside of a passage: they neither open one nor end one, so a chance
    common phrase next to a reused passage does not stretch it.
    """
    chains: list[_Chain] = []  # open chains, in the order they were opened
    done: list[tuple[int, _Chain]] = []  # (opening rank, chain) of chains no fragment can join
    rank: dict[int, int] = {}
    for f in sorted(frags, key=lambda f: (f.a0, f.b0)):
        best, best_shift = None, None
        still_open = []
        for c in chains:
            if f.a0 - c.a1 > max_gap:
                # fragments come in order of a0 and a chain only grows by taking one, so no later
                # fragment can join it: set aside, the scan stays as short as the open passages
                done.append((rank[id(c)], c))
                continue
            still_open.append(c)
            if f.a0 < c.parts[0].a0 or f.b0 - c.b1 > max_gap or f.b1 <= c.b0:
                continue
            inside = f.a1 <= c.a1 and f.b1 <= c.b1  # repeated phrase within the passage
            shift = 0 if inside else abs(f.diagonal - c.last_diagonal)
            if shift <= max_gap and (best is None or shift < best_shift):
                best, best_shift = c, shift
        chains = still_open
        if best is None:
            if f.a1 - f.a0 >= anchor:
                chains.append(_Chain([f], f.a1, f.b0, f.b1, f.diagonal))
                rank[id(chains[-1])] = len(rank)
            continue
        best.parts.append(f)
        if f.a1 > best.a1 and f.a1 - f.a0 >= anchor:  # inner and short fragments do not steer it
            best.last_diagonal = f.diagonal
        best.a1, best.b0, best.b1 = max(best.a1, f.a1), min(best.b0, f.b0), max(best.b1, f.b1)
    every = sorted(done + [(rank[id(c)], c) for c in chains], key=lambda rc: rc[0])
    return sorted((_close(c.parts, anchor) for _, c in every), key=lambda p: (p.a0, p.b0))


def _close(parts: list[Fragment], anchor: int) -> Fragment:
    """One passage from its fragments, ending with its last anchor-length fragment."""
    anchors = [f for f in parts if f.a1 - f.a0 >= anchor]
    a1 = max(f.a1 for f in anchors)
    b1 = max(f.b1 for f in anchors)
    kept = [f for f in parts if f.a1 <= a1 and f.b1 <= b1]
    a0, b0 = min(f.a0 for f in kept), min(f.b0 for f in kept)
    matched = covered_length((f.a0, f.a1) for f in kept)
    return Fragment(a0, a1, b0, b1, sum(f.seeds for f in kept), matched)


