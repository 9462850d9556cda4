"""Stage 2 of text reuse: which document pairs share anything, exactly or by MinHash LSH.

``exact`` counts shared shingles for *all* pairs through an inverted index
(:func:`exact_candidates`). ``lsh`` min-hashes overlapping windows of each
document (datasketch's ``affine32`` MinHash, same permutations and values:
:func:`block_signatures`) and bands them as datasketch's ``MinHashLSH`` does
(:func:`band_keys`), with one numpy sort instead of per-key dict work
(near-linear); :func:`analysis.overlap.reuse.scores.score_pairs` then
verifies every candidate exactly. ``auto`` picks ``exact`` up to
``auto_exact_max_docs`` documents (:func:`resolve_mode`).

Both modes are one grouping problem: (key, document) entries -- a prose
shingle (:func:`shingle_entries`) or an LSH band key of a window
(:func:`lsh_entries`) -- meet the other entries with the same key, and each
group of documents yields its pairs (:func:`group_pairs`).
:mod:`analysis.overlap.distributed` does the same grouping as a Dask shuffle.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import numpy as np

from .params import ReuseParams
from .shingles import INDEX_CHUNK, ShingleIndex, splitmix64

__all__ = ["shingle_entries", "group_pairs", "exact_candidates", "minhash_permutations",
           "shingle_hash32", "block_signatures", "band_keys", "LSH_MAX_BUCKET", "lsh_entries",
           "lsh_candidates", "resolve_mode", "candidate_pairs"]


def shingle_entries(index: ShingleIndex) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated (hash, doc) of every distinct non-boilerplate shingle of every document."""
    hashes, docs = [], []
    for d, s in enumerate(index.sets):
        keep = s[~index.boiler[d]]
        hashes.append(keep)
        docs.append(np.full(len(keep), d, dtype=np.int64))
    if not hashes:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    return np.concatenate(hashes), np.concatenate(docs)


def group_pairs(keys: np.ndarray, docs: np.ndarray, n_docs: int, max_group: int | None = None
                ) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of documents sharing a key, with how many keys they share (vectorised).

    ``(key, doc)`` entries must be distinct. Every group of documents holding
    one key yields all its pairs; groups larger than ``max_group`` are skipped.
    Returns pair codes ``a * n_docs + b`` (``a < b``) and counts.
    """
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort((docs, keys))
    keys, docs = keys[order], docs[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    n = np.int64(n_docs)
    codes = []
    usable = (sizes >= 2) if max_group is None else (sizes >= 2) & (sizes <= max_group)
    for k in np.unique(sizes[usable]).tolist():
        group = docs[starts[sizes == k][:, None] + np.arange(k)]  # (groups, k), docs ascending
        left, right = np.triu_indices(k, 1)
        codes.append(group[:, left].ravel() * n + group[:, right].ravel())
    if not codes:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate(codes), return_counts=True)


def exact_candidates(index: ShingleIndex) -> dict[tuple[int, int], int]:
    """All pairs sharing a non-boilerplate shingle, with how many they share (inverted index).

    Group sizes stay below the boilerplate threshold, so the work per shingle
    is bounded by ``threshold**2``.
    """
    hashes, docs = shingle_entries(index)
    codes, counts = group_pairs(hashes, docs, len(index))
    n = len(index)
    return {(c // n, c % n): k for c, k in zip(codes.tolist(), counts.tolist())}


def minhash_permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The ``affine32`` permutations ``datasketch.MinHash(num_perm, seed)`` uses."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, as datasketch applies it before permuting."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint32(16))
        h = h * np.uint32(0x85EBCA6B)
        h = h ^ (h >> np.uint32(13))
        h = h * np.uint32(0xC2B2AE35)
        return h ^ (h >> np.uint32(16))


def shingle_hash32(shingles: np.ndarray) -> np.ndarray:
    """The 32-bit value of each shingle fed to MinHash (its low 32 bits)."""
    return (shingles & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def block_signatures(values: np.ndarray, cuts: np.ndarray, num_perm: int) -> np.ndarray:
    """MinHash of each block ``values[cuts[k]:cuts[k+1]]`` (32-bit inputs), one row per block.

    Equal to ``datasketch.MinHash(num_perm, seed=1, scheme="affine32",
    hashfunc=int)`` updated with the block's values (checked in the tests),
    computed one permutation at a time over all blocks at once.
    """
    a, b = minhash_permutations(num_perm)
    mixed = _fmix32(values)
    out = np.empty((len(cuts), num_perm), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for k in range(num_perm):
            out[:, k] = np.minimum.reduceat(mixed * a[k] + b[k], cuts)
    return out


def _window_signatures(index: ShingleIndex, subset: Sequence[int] | None = None
                       ) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signature of every window of every document: (doc of window, signatures).

    Blocks of ``lsh_block`` shingle positions are min-hashed once; a window is
    the element-wise minimum of ``lsh_window_blocks`` consecutive blocks of one
    document (the whole document when shorter), so each position is hashed
    once per permutation however much windows overlap. Boilerplate shingles
    are left out.
    """
    p = index.params
    bp = index.boilerplate_hashes
    subset = range(len(index)) if subset is None else subset
    kept = {d: index.shingles[d][~np.isin(index.shingles[d], bp)] if len(bp) else index.shingles[d]
            for d in subset}
    docs = [d for d, s in kept.items() if len(s)]
    if not docs:
        return np.zeros(0, dtype=np.int64), np.zeros((0, p.lsh_num_perm), dtype=np.uint32)
    lengths = np.array([len(kept[d]) for d in docs], dtype=np.int64)
    offsets = np.r_[0, np.cumsum(lengths)[:-1]]
    nblocks = -(-lengths // p.lsh_block)
    cuts = np.concatenate([o + np.arange(0, n, p.lsh_block) for o, n in zip(offsets, lengths)])
    blocks = block_signatures(shingle_hash32(np.concatenate([kept[d] for d in docs])), cuts,
                              p.lsh_num_perm)
    w = p.lsh_window_blocks
    first = np.r_[0, np.cumsum(nblocks)[:-1]]
    sigs, owners = [], []
    for d, f, nb in zip(docs, first.tolist(), nblocks.tolist()):
        own = blocks[f:f + nb]
        if nb <= w:
            win = own.min(axis=0, keepdims=True)
        else:
            win = own[: nb - w + 1].copy()
            for t in range(1, w):
                np.minimum(win, own[t: nb - w + 1 + t], out=win)
        sigs.append(win)
        owners.append(np.full(len(win), d, dtype=np.int64))
    return np.concatenate(owners), np.concatenate(sigs)


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per (window, band): windows agreeing on all ``rows`` values of a band collide."""
    keys = np.empty((len(signatures), bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(bands):
            h = np.full(len(signatures), k, dtype=np.uint64)
            for r in range(rows):
                h = splitmix64(h * np.uint64(0x100000001B3) + signatures[:, k * rows + r].astype(np.uint64))
            keys[:, k] = h
    return keys


#: LSH buckets holding more documents than this are skipped (recurring boilerplate-like windows)
LSH_MAX_BUCKET = 100


def lsh_candidates(index: ShingleIndex) -> set[tuple[int, int]]:
    """Pairs with a window pair colliding in some LSH band (MinHash LSH, near-linear).

    The banding is datasketch's ``MinHashLSH`` scheme (``b`` bands of ``r``
    rows; candidates share every row of one band) done with one sort over all
    (band key, document) entries instead of inserting and querying windows one
    by one in Python dicts. Windows rather than whole documents make it
    containment-friendly: an article reprinted inside a longer one shares
    whole windows with it though the two documents' Jaccard is small.
    """
    keys, docs = lsh_entries(index)
    codes, _ = group_pairs(keys, docs, len(index), LSH_MAX_BUCKET)
    n = len(index)
    return {(c // n, c % n) for c in codes.tolist()}


def lsh_entries(index: ShingleIndex) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (band key, document) entries of every window, computed ``INDEX_CHUNK`` documents
    at a time (a repeated entry can only come from one document, so per-chunk dedup is exact)."""
    p = index.params
    keys, docs = [np.zeros(0, dtype=np.uint64)], [np.zeros(0, dtype=np.int64)]
    for lo in range(0, len(index), INDEX_CHUNK):
        owners, sigs = _window_signatures(index, range(lo, min(lo + INDEX_CHUNK, len(index))))
        if len(owners) == 0:
            continue
        flat_keys = band_keys(sigs, p.lsh_bands, p.lsh_rows).ravel()
        flat_docs = np.repeat(owners, p.lsh_bands).astype(np.uint64)
        entries = np.unique(np.stack([flat_keys, flat_docs], axis=1), axis=0)
        keys.append(entries[:, 0])
        docs.append(entries[:, 1].astype(np.int64))
    return np.concatenate(keys), np.concatenate(docs)


def resolve_mode(n_docs: int, params: ReuseParams) -> str:
    """``auto`` becomes ``exact`` up to ``auto_exact_max_docs`` documents, else ``lsh``."""
    if params.mode != "auto":
        return params.mode
    return "exact" if n_docs <= params.auto_exact_max_docs else "lsh"


def candidate_pairs(index: ShingleIndex, mode: str | None = None) -> dict[tuple[int, int], int | None]:
    """Stage 2: candidate pairs -> shared prose-shingle count (None when not yet counted)."""
    mode = resolve_mode(len(index), replace(index.params, mode=mode) if mode else index.params)
    if mode == "exact":
        return exact_candidates(index)
    return {pair: None for pair in sorted(lsh_candidates(index))}
