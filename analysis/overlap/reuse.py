"""Text reuse between articles: shared word n-grams, containment, aligned passages.

Four stages, each a small function with its own test:

1. **shingle** -- :func:`tokenize` splits the original text into word tokens
   (lowercased, punctuation and apostrophes dropped, curly quotes mapped to
   straight ones) and keeps each token's ``[start, end)`` character offsets;
   :func:`build_index` hashes every run of ``shingle_size`` tokens and counts
   in how many documents each shingle occurs (its document frequency).
2. **candidates** -- which document pairs share anything: ``exact`` counts
   shared shingles for *all* pairs through an inverted index; ``lsh``
   min-hashes overlapping windows of each document (datasketch's ``affine32``
   MinHash, same permutations and values) and bands them as datasketch's
   ``MinHashLSH`` does, with one numpy sort instead of per-key dict work
   (near-linear), then verifies every candidate exactly. ``auto`` picks
   ``exact`` up to ``auto_exact_max_docs`` documents.
3. **align** -- :func:`seed_fragments` finds, within one candidate pair, the
   positions where both documents hold the same run of ``align_ngram``
   words and joins consecutive ones on one diagonal into exact fragments.
4. **merge** -- :func:`merge_fragments` chains fragments separated by small
   gaps (a few words changed, dropped or swapped) into one passage per reused
   region, opened and closed only by runs of at least ``shingle_size``
   words; :func:`tighten` cuts a word or two that spill over a sentence edge,
   grows edges a few (or a few edited) words short of a sentence edge onto
   it and takes in the punctuation there, so offsets fall on word and
   sentence edges. Passages of one pair that then overlap in both documents
   become one (:func:`merge_overlapping`: one reused region, one passage);
   a short match holding a whole sentence in neither document is a shared
   phrase, not a reused passage, and is dropped.
   :func:`cluster_documents` groups documents linked by high containment.

Boilerplate: a shingle found in at least ``boilerplate_threshold(n_docs)``
documents (house phrases, credit lines, licences) does not link documents:
it is left out of candidate generation, and passages made mostly of it are
flagged ``boilerplate=True``. Containment and Jaccard are reported *both
ways*: ``containment_a_in_b``/``jaccard`` count every shingle (plain word
n-gram containment), the ``*_prose`` fields leave boilerplate shingles out of
numerator and denominator. :func:`boilerplate_segments` lists the recurring
segments themselves.

Parameters (fields of :class:`ReuseParams`):

=========================  =======  ==============================================================
parameter                  default  meaning
=========================  =======  ==============================================================
``shingle_size``           5        words per shingle (word n-gram)
``min_containment``        0.05     pairs reported when either containment reaches this
``boilerplate_min_docs``   10       a shingle is boilerplate when its document frequency reaches
``boilerplate_doc_share``  0.005    ``max(min_docs, ceil(share * n_docs))`` (12 on BBC's 2,225;
                                    corpora under 10 documents have none)
``mode``                   auto     ``exact`` | ``lsh`` | ``auto`` (exact up to the next limit)
``auto_exact_max_docs``    5000     largest corpus ``auto`` compares all-pairs exactly
``lsh_num_perm``           64       MinHash permutations per window (datasketch ``affine32``)
``lsh_bands``              21       LSH bands (``lsh_bands * lsh_rows <= lsh_num_perm``)
``lsh_rows``               3        rows per band; a window pair of Jaccard 0.3 collides with
                                    p 0.44, 0.5 with p 0.94, 0.7 with p 0.9999
``lsh_block``              25       shingles per MinHash block; a window is ``lsh_window_blocks``
``lsh_window_blocks``      4        consecutive blocks (100 shingles), stepping one block
``LSH_MAX_BUCKET``         100      (module constant) LSH buckets with more documents are skipped
``min_align_shared``       4        shared shingles a pair needs before passages are aligned
``align_ngram``            3        words per alignment seed: pairs found by shingles are aligned
                                    on shorter runs, so edited text still seeds; a passage must
                                    start and end with a run of at least ``shingle_size`` words
``max_gap_tokens``         15       largest unmatched gap (tokens, in either text) bridged in one
                                    passage; also the largest diagonal shift (dropped words)
``min_passage_tokens``     12       matched tokens a passage needs
``min_phrase_tokens``      20       ... and a passage with fewer, unless it holds a whole sentence
                                    in at least one document (a shared phrase inside sentences is
                                    not reuse of a passage)
``trim_tokens``            2        a passage running this many tokens or fewer into the next (or
                                    out of the previous) sentence, in either text, is cut there
``snap_tokens``            4        an edge this many tokens or fewer from a sentence boundary (in
                                    both texts, differing by at most one; beyond 2, sharing a
                                    word) is moved onto it
``edge_tokens``            30       ... as is one up to this many tokens away when the skipped
``edge_similarity``        0.5      words are mostly shared: common words / longer side >= this
``edge_sentences``         2        whole neighbouring sentences (<= ``edge_sentence_tokens``
``edge_sentence_tokens``   60       tokens) that are that similar join the passage, at most 2
``max_seed_repeats``       20       a shingle repeated more often than this within a pair is not a
                                    seed (lists, tables)
``boilerplate_passage``    0.5      share of a passage's shingles that are boilerplate to flag it
``mostly_quote``           0.5      ``quote_share`` from which a passage counts as mostly quote
=========================  =======  ==============================================================
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Callable, Iterable, Sequence

import numpy as np

from ..errors import AnalysisError
from ..schema import DATE_KEYS, PAIR_COLUMNS, PASSAGE_COLUMNS

__all__ = [
    "ReuseParams",
    "Tokens",
    "ShingleIndex",
    "PairScore",
    "Fragment",
    "Passage",
    "ReuseResult",
    "MODES",
    "normalise",
    "tokenize",
    "tokenize_many",
    "build_index",
    "boilerplate_threshold",
    "candidate_pairs",
    "exact_candidates",
    "lsh_candidates",
    "score_pairs",
    "seed_fragments",
    "merge_fragments",
    "merge_overlapping",
    "align_pair",
    "cluster_documents",
    "boilerplate_segments",
    "find_reuse",
    "reuse_records",
    "reuse_tables",
    "containment_matrix",
    "params_table",
    "doc_view",
    "DocView",
    "tighten",
    "tighten_tokens",
    "resolve_mode",
    "block_signatures",
    "band_keys",
]


@dataclass(frozen=True)
class ReuseParams:
    """Every tunable of the reuse layer; the module docstring's table explains each."""

    shingle_size: int = 5
    min_containment: float = 0.05
    boilerplate_min_docs: int = 10
    boilerplate_doc_share: float = 0.005
    mode: str = "auto"
    auto_exact_max_docs: int = 5000
    lsh_num_perm: int = 64
    lsh_bands: int = 21
    lsh_rows: int = 3
    lsh_block: int = 25
    lsh_window_blocks: int = 4
    min_align_shared: int = 4
    align_ngram: int = 3
    max_gap_tokens: int = 15
    min_passage_tokens: int = 12
    min_phrase_tokens: int = 20
    snap_tokens: int = 4
    trim_tokens: int = 2
    edge_tokens: int = 30
    edge_similarity: float = 0.5
    edge_sentences: int = 2
    edge_sentence_tokens: int = 60
    max_seed_repeats: int = 20
    boilerplate_passage: float = 0.5
    mostly_quote: float = 0.5

    def __post_init__(self):
        if self.shingle_size < 1:
            raise AnalysisError(f"shingle size must be at least 1, got {self.shingle_size}")
        if self.mode not in MODES:
            raise AnalysisError(f"unknown reuse mode {self.mode!r}: use one of {', '.join(MODES)}")
        if not 0.0 <= self.min_containment <= 1.0:
            raise AnalysisError(f"min containment must be in [0, 1], got {self.min_containment}")
        if self.lsh_bands * self.lsh_rows > self.lsh_num_perm:
            raise AnalysisError("lsh_bands * lsh_rows must not exceed lsh_num_perm")


MODES = ("auto", "exact", "lsh")

# --------------------------------------------------------------------------
# stage 1: tokens and shingles

#: a word character (Unicode letters and digits); an apostrophe between two of them joins a word
_WORD_CHAR = re.compile(r"[^\W_]")
#: same-length mapping: curly quotes and apostrophes to straight ones
_QUOTE_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
                            "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                            "\u00bb": '"'})
_APOSTROPHE = ord("'")
#: token hashes cycle through this many per-position keys (longer words reuse them)
_MAX_WORD = 64


@dataclass(frozen=True)
class Tokens:
    """Word tokens of one text: ``[starts[k], ends[k])`` into it and a hash of the normal form."""

    starts: np.ndarray
    ends: np.ndarray
    hashes: np.ndarray

    def __len__(self) -> int:
        return len(self.starts)

    def words(self, text: str) -> list[str]:
        """The normalised tokens as strings (lowercase, apostrophes dropped), for display."""
        return [normalise(text[s:e]).replace("'", "") for s, e in zip(self.starts.tolist(),
                                                                      self.ends.tolist())]


def normalise(text: str) -> str:
    """Same-length normal form: curly quotes mapped, lowercased where that keeps the length."""
    mapped = text.translate(_QUOTE_MAP)
    lowered = mapped.lower()
    return lowered if len(lowered) == len(mapped) else mapped


_TABLE: list[np.ndarray] = []


def _word_table() -> np.ndarray:
    """Which Basic Multilingual Plane code points are word characters (built once)."""
    if not _TABLE:
        table = np.zeros(0x10000, dtype=bool)
        chars = "".join(map(chr, range(0x10000)))
        for m in re.finditer(r"[^\W_]+", chars):
            table[m.start():m.end()] = True
        _TABLE.append(table)
    return _TABLE[0]


def _is_word(cp: np.ndarray) -> np.ndarray:
    bmp = cp < 0x10000
    out = np.zeros(len(cp), dtype=bool)
    out[bmp] = _word_table()[cp[bmp]]
    if not bmp.all():
        for u in np.unique(cp[~bmp]).tolist():
            out[cp == u] = bool(_WORD_CHAR.match(chr(u)))
    return out


_KEYS = None
_QUOTE_CODES = np.array([[k, ord(v)] for k, v in _QUOTE_MAP.items()], dtype=np.uint32)


def _map_quotes(cp: np.ndarray) -> np.ndarray:
    """The quote mapping of :func:`normalise` on code points (much faster than ``translate``)."""
    hits = np.isin(cp, _QUOTE_CODES[:, 0])
    if not hits.any():
        return cp
    out = cp.copy()
    lookup = dict(_QUOTE_CODES.tolist())
    out[hits] = [lookup[c] for c in cp[hits].tolist()]
    return out


def _position_keys() -> np.ndarray:
    global _KEYS
    if _KEYS is None:
        _KEYS = np.random.default_rng(20161917).integers(1, 2**63, size=_MAX_WORD, dtype=np.uint64)
    return _KEYS


def _tokenize_joined(text: str) -> Tokens:
    """Vectorised tokenizer over one (possibly concatenated) text.

    A token is a run of word characters, apostrophes between two word
    characters included; its hash sums a mixed (character, position) key over
    the word characters only, so ``don't`` and ``dont`` hash alike. Works on
    the same-length normal form, so offsets index ``text`` itself.
    """
    lowered = text.lower()
    cp = np.frombuffer((lowered if len(lowered) == len(text) else text).encode("utf-32-le"),
                       dtype=np.uint32)
    cp = _map_quotes(cp)
    word = _is_word(cp)
    join = np.zeros(len(cp), dtype=bool)
    if len(cp) > 2:
        join[1:-1] = (cp[1:-1] == _APOSTROPHE) & word[:-2] & word[2:]
    edges = np.diff(np.r_[False, word | join, False].astype(np.int8))
    starts = np.flatnonzero(edges == 1).astype(np.int64)
    ends = np.flatnonzero(edges == -1).astype(np.int64)
    if len(starts) == 0:
        return Tokens(starts, ends, np.zeros(0, dtype=np.uint64))
    counted = np.flatnonzero(word)                    # word characters, in order
    first = np.searchsorted(counted, starts)           # first counted char of each token
    lengths = np.diff(np.r_[first, len(counted)])
    within = np.arange(len(counted)) - np.repeat(first, lengths)
    with np.errstate(over="ignore"):
        keys = _splitmix(cp[counted].astype(np.uint64) * _position_keys()[within % _MAX_WORD]
                         + within.astype(np.uint64))
        hashes = _splitmix(np.add.reduceat(keys, first) + lengths.astype(np.uint64))
    return Tokens(starts, ends, hashes)


def tokenize(text: str) -> Tokens:
    """Word tokens of ``text`` (lowercased, apostrophes dropped) with their character offsets."""
    return _tokenize_joined(text)


def tokenize_many(texts: Sequence[str]) -> list[Tokens]:
    """:func:`tokenize` for many texts in one vectorised pass (joined by newlines)."""
    if not texts:
        return []
    joined = _tokenize_joined("\n".join(texts))
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    offsets = np.r_[0, np.cumsum(lengths)[:-1]]
    cut = np.searchsorted(joined.starts, offsets)
    bounds = np.r_[cut, len(joined.starts)]
    return [Tokens(joined.starts[s:e] - o, joined.ends[s:e] - o, joined.hashes[s:e])
            for s, e, o in zip(bounds[:-1].tolist(), bounds[1:].tolist(), offsets.tolist())]


_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
                 0x85EBCA77C2B2AE63, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0xD6E8FEB86659FD93],
                dtype=np.uint64)


def _splitmix(x: np.ndarray) -> np.ndarray:
    """Spread the bits of 64-bit values (splitmix64 finaliser)."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def _shingles(ids: np.ndarray, n: int) -> np.ndarray:
    """Hash of every run of ``n`` token hashes (position ``p`` covers tokens ``p..p+n-1``)."""
    m = len(ids) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.uint64)
    out = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t in range(n):
            mult = _MIX[t % len(_MIX)] ^ np.uint64(t // len(_MIX))
            out += _splitmix(ids[t:t + m] + np.uint64(t)) * mult
        return _splitmix(out)


@dataclass
class ShingleIndex:
    """Tokens and shingles of a corpus, with document frequencies and boilerplate marks.

    ``shingles[d]`` holds the hash at every token position of document ``d``
    (in text order; ``len(tokens[d]) - n + 1`` of them); ``sets[d]`` the
    sorted distinct hashes and ``boiler[d]`` which of them are boilerplate.
    """

    ids: list[str]
    texts: list[str]
    tokens: list[Tokens]
    shingles: list[np.ndarray]
    sets: list[np.ndarray]
    boiler: list[np.ndarray]
    boilerplate_hashes: np.ndarray
    threshold: int
    params: ReuseParams
    dates: list[date | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def n_set(self, d: int) -> int:
        return len(self.sets[d])

    def n_prose(self, d: int) -> int:
        return int(len(self.sets[d]) - self.boiler[d].sum())


def boilerplate_threshold(n_docs: int, params: ReuseParams) -> int:
    """Document frequency from which a shingle is boilerplate: ``max(min_docs, share * n)``."""
    return max(params.boilerplate_min_docs, math.ceil(params.boilerplate_doc_share * n_docs))


def _doc_date(metadata: dict) -> date | None:
    for key in DATE_KEYS:
        value = str(metadata.get(key, "") or "").strip()
        if len(value) >= 10:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


#: documents tokenized, shingled and min-hashed per vectorised step; the scratch arrays of one
#: step are what grows with it (results are the same for any value)
INDEX_CHUNK = 1000


def build_index(corpus, params: ReuseParams | None = None) -> ShingleIndex:
    """Stage 1: tokenize and shingle every document, count document frequencies."""
    params = params or ReuseParams()
    docs = list(corpus)
    n = params.shingle_size
    texts = [d.text for d in docs]
    tokens: list[Tokens] = []
    shingles: list[np.ndarray] = []
    for lo in range(0, len(texts), INDEX_CHUNK):  # vectorised per chunk: bounded scratch memory
        part = tokenize_many(texts[lo:lo + INDEX_CHUNK])
        tokens += part
        shingles += _split(_shingles_many([t.hashes for t in part], n),
                           [max(0, len(t) - n + 1) for t in part])
    sets = [np.unique(s) for s in shingles]
    threshold = boilerplate_threshold(len(docs), params)
    bp_hashes = np.zeros(0, dtype=np.uint64)
    if sets:
        uniq, counts = np.unique(np.concatenate(sets), return_counts=True)
        bp_hashes = uniq[counts >= threshold]
    boiler = _split(np.isin(np.concatenate(sets), bp_hashes), [len(s) for s in sets]) if sets else []
    return ShingleIndex([d.id for d in docs], texts, tokens, shingles, sets, boiler, bp_hashes,
                        threshold, params,
                        [_doc_date(getattr(d, "metadata", {}) or {}) for d in docs])


def _split(values: np.ndarray, lengths: Sequence[int]) -> list[np.ndarray]:
    return np.split(values, np.cumsum(lengths)[:-1]) if len(lengths) else []


def _shingles_many(token_hashes: list[np.ndarray], n: int) -> np.ndarray:
    """Shingles of many documents in one pass; runs that cross a document edge are dropped."""
    if not token_hashes:
        return np.zeros(0, dtype=np.uint64)
    allh = _shingles(np.concatenate(token_hashes), n)
    lengths = np.array([len(h) for h in token_hashes], dtype=np.int64)
    doc_start = np.r_[0, np.cumsum(lengths)[:-1]]
    keep = np.concatenate([np.arange(s, s + max(0, k - n + 1)) for s, k in zip(doc_start, lengths)])
    return allh[keep] if len(allh) else allh


# --------------------------------------------------------------------------
# stage 2: candidate pairs


def _doc_elements(index: ShingleIndex):
    """Concatenated (hash, doc) of every distinct non-boilerplate shingle of every document."""
    hashes, docs = [], []
    for d, s in enumerate(index.sets):
        keep = s[~index.boiler[d]]
        hashes.append(keep)
        docs.append(np.full(len(keep), d, dtype=np.int64))
    if not hashes:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    return np.concatenate(hashes), np.concatenate(docs)


def _group_pairs(keys: np.ndarray, docs: np.ndarray, n_docs: int, max_group: int | None = None
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
    hashes, docs = _doc_elements(index)
    codes, counts = _group_pairs(hashes, docs, len(index))
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
                h = _splitmix(h * np.uint64(0x100000001B3) + signatures[:, k * rows + r].astype(np.uint64))
            keys[:, k] = h
    return keys


#: LSH buckets holding more documents than this are skipped (recurring boilerplate-like windows)
LSH_MAX_BUCKET = 100


def lsh_candidates(index: ShingleIndex) -> set[tuple[int, int]]:
    """Pairs with a window pair colliding in some LSH band (MinHash LSH, near-linear).

    The banding is datasketch's ``MinHashLSH`` scheme (``b`` bands of ``r``
    rows; candidates share every row of one band) done with one sort over all
    (band key, document) entries instead of per-key Python dict work (inserting
    and querying BBC's windows one by one took about 15 s). Windows rather than whole documents make it
    containment-friendly: an article reprinted inside a longer one shares
    whole windows with it though the two documents' Jaccard is small.
    """
    keys, docs = lsh_entries(index)
    codes, _ = _group_pairs(keys, docs, len(index), LSH_MAX_BUCKET)
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


# --------------------------------------------------------------------------
# pair scores


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

    from ..progress import bar

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


# --------------------------------------------------------------------------
# stage 3: seeds and fragments


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
    chains: list[_Chain] = []
    for f in sorted(frags, key=lambda f: (f.a0, f.b0)):
        best, best_shift = None, None
        for c in chains:
            if f.a0 < c.parts[0].a0 or f.a0 - c.a1 > max_gap or f.b0 - c.b1 > max_gap or f.b1 <= c.b0:
                continue
            inside = f.a1 <= c.a1 and f.b1 <= c.b1  # repeated phrase within the passage
            shift = 0 if inside else abs(f.diagonal - c.last_diagonal)
            if shift <= max_gap and (best is None or shift < best_shift):
                best, best_shift = c, shift
        if best is None:
            if f.a1 - f.a0 >= anchor:
                chains.append(_Chain([f], f.a1, f.b0, f.b1, f.diagonal))
            continue
        best.parts.append(f)
        if f.a1 > best.a1 and f.a1 - f.a0 >= anchor:  # inner and short fragments do not steer it
            best.last_diagonal = f.diagonal
        best.a1, best.b0, best.b1 = max(best.a1, f.a1), min(best.b0, f.b0), max(best.b1, f.b1)
    return sorted((_close(c.parts, anchor) for c in chains), key=lambda p: (p.a0, p.b0))


def _close(parts: list[Fragment], anchor: int) -> Fragment:
    """One passage from its fragments, ending with its last anchor-length fragment."""
    anchors = [f for f in parts if f.a1 - f.a0 >= anchor]
    a1 = max(f.a1 for f in anchors)
    b1 = max(f.b1 for f in anchors)
    kept = [f for f in parts if f.a1 <= a1 and f.b1 <= b1]
    a0, b0 = min(f.a0 for f in kept), min(f.b0 for f in kept)
    matched = _union_size((f.a0, f.a1) for f in kept)
    return Fragment(a0, a1, b0, b1, sum(f.seeds for f in kept), matched)


def _union_size(ranges: Iterable[tuple[int, int]]) -> int:
    total, end = 0, None
    for lo, hi in sorted(ranges):
        if end is None or lo >= end:
            total, end = total + hi - lo, hi
        elif hi > end:
            total, end = total + hi - end, hi
    return total


# sentence edges: a token starts a sentence when the gap before it holds a terminator followed by
# whitespace (so not "1.1%" or "U.S-led") or a newline
_SENT_GAP = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s|\n")


def _sentence_starts(text: str, tok: Tokens) -> np.ndarray:
    """Token indices that begin a sentence (index 0 and ``len(tok)`` included).

    A token begins a sentence when the characters between it and the
    previous token hold ``.``, ``!``, ``?`` or ``…`` (closing quotes or
    brackets may follow) before whitespace, or a newline.
    """
    marks = np.array([m.start() for m in _SENT_GAP.finditer(text)], dtype=np.int64)
    if len(tok) == 0:
        return np.array([0], dtype=np.int64)
    before_start = np.searchsorted(marks, tok.starts[1:], "left")
    before_prev_end = np.searchsorted(marks, tok.ends[:-1], "left")
    inner = np.flatnonzero(before_start > before_prev_end) + 1
    return np.r_[0, inner, len(tok)].astype(np.int64)


@dataclass(frozen=True)
class DocView:
    """What edge tightening needs of one document: text, tokens, sentence-start token indices."""

    text: str
    tokens: Tokens
    bounds: np.ndarray
    _grams: dict = field(default_factory=dict, compare=False, repr=False)

    def grams(self, k: int) -> np.ndarray:
        """Hashes of every run of ``k`` tokens (alignment seeds), computed once per ``k``."""
        if k not in self._grams:
            self._grams[k] = _shingles(self.tokens.hashes, k)
        return self._grams[k]

    def sentence_before(self, k: int) -> int:
        """Start (token index) of the sentence holding token ``k`` (``k`` itself at a start)."""
        return int(self.bounds[int(np.searchsorted(self.bounds, k, "right")) - 1])

    def sentence_after(self, k: int) -> int:
        """End (token index) of the sentence holding token ``k - 1`` (``k`` itself at an end)."""
        return int(self.bounds[min(int(np.searchsorted(self.bounds, k, "left")), len(self.bounds) - 1)])

    def is_bound(self, k: int) -> bool:
        i = int(np.searchsorted(self.bounds, k, "left"))
        return i < len(self.bounds) and int(self.bounds[i]) == k


def _common(x: DocView, x0: int, x1: int, y: DocView, y0: int, y1: int) -> int:
    """Words two token ranges share (multiset overlap)."""
    common = Counter(x.tokens.hashes[x0:x1].tolist()) & Counter(y.tokens.hashes[y0:y1].tolist())
    return sum(common.values())


def _similar(x: DocView, x0: int, x1: int, y: DocView, y0: int, y1: int, share: float) -> bool:
    """Whether two token ranges hold mostly the same words (multiset overlap / longer length)."""
    longer = max(x1 - x0, y1 - y0)
    return longer == 0 or _common(x, x0, x1, y, y0, y1) / longer >= share


def _snaps(x: DocView, x0: int, x1: int, y: DocView, y0: int, y1: int, p: "ReuseParams") -> bool:
    """Whether the words ``[x0, x1)`` and ``[y0, y1)`` between a passage edge and the sentence
    edge belong to the passage too.

    Yes when they are mostly shared (``edge_similarity``, up to ``edge_tokens``),
    or few (``snap_tokens``, lengths differing by at most one) and, beyond
    one or two changed words, sharing a word: a sentence whose first words
    differ entirely is a different sentence holding the same phrase.
    """
    dx, dy = x1 - x0, y1 - y0
    longer = max(dx, dy)
    if longer <= p.snap_tokens and abs(dx - dy) <= 1 and \
            (longer <= 2 or _common(x, x0, x1, y, y0, y1) > 0):
        return True
    return longer <= p.edge_tokens and _similar(x, x0, x1, y, y0, y1, p.edge_similarity)


def _grow_start(a: DocView, a0: int, b: DocView, b0: int, p: "ReuseParams") -> tuple[int, int]:
    """Move a passage start back to its sentence start, then over similar whole sentences."""
    sa, sb = a.sentence_before(a0), b.sentence_before(b0)
    if _snaps(a, sa, a0, b, sb, b0, p):
        a0, b0 = sa, sb
    for _ in range(p.edge_sentences):
        if not (a.is_bound(a0) and b.is_bound(b0)) or a0 == 0 or b0 == 0:
            break
        pa, pb = a.sentence_before(a0 - 1), b.sentence_before(b0 - 1)
        if max(a0 - pa, b0 - pb) > p.edge_sentence_tokens or \
                not _similar(a, pa, a0, b, pb, b0, p.edge_similarity):
            break
        a0, b0 = pa, pb
    return a0, b0


def _grow_end(a: DocView, a1: int, b: DocView, b1: int, p: "ReuseParams") -> tuple[int, int]:
    """Move a passage end on to its sentence end, then over similar whole sentences."""
    ea, eb = a.sentence_after(a1), b.sentence_after(b1)
    if _snaps(a, a1, ea, b, b1, eb, p):
        a1, b1 = ea, eb
    for _ in range(p.edge_sentences):
        if not (a.is_bound(a1) and b.is_bound(b1)) or a1 >= len(a.tokens) or b1 >= len(b.tokens):
            break
        na, nb = a.sentence_after(a1 + 1), b.sentence_after(b1 + 1)
        if max(na - a1, nb - b1) > p.edge_sentence_tokens or \
                not _similar(a, a1, na, b, b1, nb, p.edge_similarity):
            break
        a1, b1 = na, nb
    return a1, b1


def _trim(a0: int, a1: int, a: DocView, b0: int, b1: int, b: DocView, most: int
          ) -> tuple[int, int, int, int]:
    """Cut the last words of a previous sentence or first words of a next one off a passage.

    An exact match often runs on by a common word or two across a sentence
    edge (``... in 12 months. The``). When it does so by at most ``most``
    tokens in either text, the same number of tokens is cut in both: a
    passage starts and ends with an exact run, so its edge tokens pair up.
    """
    def spill_start(v: DocView, x0: int, x1: int) -> int:
        nxt = v.sentence_after(x0 + 1)
        return nxt - x0 if not v.is_bound(x0) and 0 < nxt - x0 <= most and nxt < x1 else 0

    def spill_end(v: DocView, x0: int, x1: int) -> int:
        prev = v.sentence_before(x1 - 1)
        return x1 - prev if not v.is_bound(x1) and 0 < x1 - prev <= most and prev > x0 else 0

    cut = max(spill_start(a, a0, a1), spill_start(b, b0, b1))
    a0, b0 = a0 + cut, b0 + cut
    cut = max(spill_end(a, a0, a1), spill_end(b, b0, b1))
    return a0, a1 - cut, b0, b1 - cut


def tighten_tokens(frag: Fragment, a: DocView, b: DocView, params: "ReuseParams"
                   ) -> tuple[int, int, int, int]:
    """Token ranges ``a0, a1, b0, b1`` of a passage, edges cut or grown to sentence boundaries.

    A changed word near the start or end of a reused sentence breaks every
    shingle it is in, so the exact match stops short of the sentence edge.
    An edge moves onto its sentence boundary when that is at most
    ``snap_tokens`` away in both texts (see :func:`_snaps`), or at most
    ``edge_tokens`` away with the skipped words mostly shared
    (``edge_similarity``); then up to ``edge_sentences`` whole neighbouring
    sentences that are mostly the same words join too.
    """
    a0, a1, b0, b1 = _trim(frag.a0, frag.a1, a, frag.b0, frag.b1, b, params.trim_tokens)
    a0, b0 = _grow_start(a, a0, b, b0, params)
    a1, b1 = _grow_end(a, a1, b, b1, params)
    return a0, a1, b0, b1


def tighten(frag: Fragment, a: DocView, b: DocView, params: "ReuseParams") -> tuple[int, int, int, int]:
    """Character spans of a passage: :func:`tighten_tokens`, and at a sentence edge in both
    texts the passage takes in its opening quote and closing punctuation, each text its own."""
    return _char_spans(*tighten_tokens(frag, a, b, params), a, b)


def _char_spans(a0: int, a1: int, b0: int, b1: int, a: DocView, b: DocView) -> tuple[int, int, int, int]:
    sa, ea = int(a.tokens.starts[a0]), int(a.tokens.ends[a1 - 1])
    sb, eb = int(b.tokens.starts[b0]), int(b.tokens.ends[b1 - 1])
    if a.is_bound(a0) and b.is_bound(b0):
        sa, sb = _extend_left(a.text, sa), _extend_left(b.text, sb)
    if a.is_bound(a1) and b.is_bound(b1):
        ea, eb = _extend_right(a.text, ea), _extend_right(b.text, eb)
    return sa, ea, sb, eb


def _extend_left(text: str, start: int) -> int:
    """Take in what sticks to a sentence's first word: opening quotes, brackets, currency signs."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start


def _extend_right(text: str, end: int) -> int:
    """Take in what sticks to a sentence's last word: %, full stop, closing quotes, brackets."""
    while end < len(text) and not text[end].isspace():
        end += 1
    return end


# --------------------------------------------------------------------------
# passages


@dataclass(frozen=True)
class Passage:
    """One aligned passage: character spans in both documents and what it is made of."""

    a: int
    b: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    tokens: int
    seeds: int
    boilerplate: bool
    quote_share: float | None = None


def doc_view(index: ShingleIndex, d: int) -> DocView:
    return DocView(index.texts[d], index.tokens[d], _sentence_starts(index.texts[d], index.tokens[d]))


def align_pair(index: ShingleIndex, a: int, b: int, views: Callable[[int], DocView] | None = None
               ) -> list[Passage]:
    """Stages 3-4 for one pair: seeds -> fragments -> merged, tightened passages."""
    p = index.params
    views = views or (lambda d: doc_view(index, d))
    va, vb = views(a), views(b)
    k = min(p.align_ngram, p.shingle_size)
    frags = seed_fragments(va.grams(k), vb.grams(k), k, max_repeats=p.max_seed_repeats)
    out = []
    for frag in merge_fragments(frags, p.max_gap_tokens, anchor=p.shingle_size):
        if frag.matched < p.min_passage_tokens:
            continue
        a0, a1, b0, b1 = tighten_tokens(frag, va, vb, p)
        if frag.matched < p.min_phrase_tokens and not (_holds_sentence(va, a0, a1)
                                                        or _holds_sentence(vb, b0, b1)):
            continue  # a shared phrase inside sentences, not a reused passage
        sa, ea, sb, eb = _char_spans(a0, a1, b0, b1, va, vb)
        out.append(Passage(a, b, sa, ea, sb, eb, frag.matched, frag.seeds,
                           _boilerplate_share(index, a, frag) >= p.boilerplate_passage))
    return merge_overlapping(out)


def _holds_sentence(v: DocView, x0: int, x1: int) -> bool:
    """Whether tokens ``[x0, x1)`` hold at least one whole sentence (two sentence boundaries)."""
    return int(np.searchsorted(v.bounds, x1, "right") - np.searchsorted(v.bounds, x0, "left")) >= 2


def merge_overlapping(passages: Sequence[Passage]) -> list[Passage]:
    """Passages of one pair that overlap in both documents, as one (their union).

    Two chains through one heavily edited region (a shifted diagonal, a
    repeated phrase) grow onto the same sentences when tightened; reporting
    both would split one reused region in two (PAN granularity). The union's
    ``tokens`` and ``seeds`` add up its parts' (an upper bound where they overlap).
    """
    out: list[Passage] = []
    for p in sorted(passages, key=lambda p: (p.a_start, p.b_start)):
        while (hit := next((i for i, q in enumerate(out) if _overlap_both(p, q)), None)) is not None:
            p = _union(out.pop(hit), p)
        out.append(p)
    return sorted(out, key=lambda p: (p.a_start, p.b_start))


def _overlap_both(p: Passage, q: Passage) -> bool:
    return p.a_start < q.a_end and q.a_start < p.a_end and p.b_start < q.b_end and q.b_start < p.b_end


def _union(q: Passage, p: Passage) -> Passage:
    return replace(q, a_start=min(q.a_start, p.a_start), a_end=max(q.a_end, p.a_end),
                   b_start=min(q.b_start, p.b_start), b_end=max(q.b_end, p.b_end),
                   tokens=q.tokens + p.tokens, seeds=q.seeds + p.seeds,
                   boilerplate=q.boilerplate and p.boilerplate)


def _boilerplate_share(index: ShingleIndex, d: int, frag: Fragment) -> float:
    """Share of the passage's shingles (in document ``d``, side A) that are boilerplate."""
    inside = index.shingles[d][frag.a0:max(frag.a0, frag.a1 - index.params.shingle_size + 1)]
    if len(inside) == 0 or len(index.boilerplate_hashes) == 0:
        return 0.0
    return float(np.isin(inside, index.boilerplate_hashes).mean())


def cluster_documents(pairs: Iterable[PairScore], n_docs: int, min_containment: float = 0.5) -> list[int]:
    """Cluster id per document: connected components of pairs with containment >= the floor."""
    parent = list(range(n_docs))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for s in pairs:
        if s.max_containment >= min_containment:
            ra, rb = find(s.a), find(s.b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return [find(d) for d in range(n_docs)]


def boilerplate_segments(index: ShingleIndex) -> list[dict]:
    """Recurring boilerplate segments: runs of boilerplate shingles, with their document counts."""
    n = index.params.shingle_size
    bp = index.boilerplate_hashes
    found: dict[str, list[int]] = {}
    if len(bp) == 0:
        return []
    for d, sh in enumerate(index.shingles):
        flags = np.isin(sh, bp)
        if not flags.any():
            continue
        pos = np.flatnonzero(flags)
        runs = np.split(pos, np.flatnonzero(np.diff(pos) != 1) + 1)
        seen = set()
        for run in runs:
            tok = index.tokens[d]
            span = index.texts[d][int(tok.starts[int(run[0])]):int(tok.ends[int(run[-1]) + n - 1])]
            text = " ".join(tokenize(span).words(span))
            if text not in seen:
                seen.add(text)
                found.setdefault(text, []).append(d)
    rows = [{"text": t, "docs": len(ds), "examples": [index.ids[d] for d in ds[:5]]}
            for t, ds in found.items() if len(ds) >= index.threshold]
    return sorted(rows, key=lambda r: (-r["docs"], r["text"]))


# --------------------------------------------------------------------------
# whole corpus


@dataclass
class ReuseResult:
    """Everything the reuse layer found in one corpus."""

    index: ShingleIndex
    mode: str
    pairs: list[PairScore]
    passages: list[Passage]


def _quote_spans_function():
    """``analysis.quotes.quote_spans`` when that module is installed, else None."""
    try:
        from ..quotes import quote_spans
    except ModuleNotFoundError as err:
        if err.name not in ("analysis.quotes",):
            raise
        return None
    except ImportError:
        return None
    return quote_spans


def _quoted_chars(spans, start: int, end: int) -> int:
    return sum(max(0, min(end, q.end) - max(start, q.start)) for q in spans
               if not getattr(q, "is_scare", False))


def _with_quote_share(passages: list[Passage], texts: list[str]) -> list[Passage]:
    quote_spans = _quote_spans_function()
    if quote_spans is None:
        return passages
    cache: dict[int, list] = {}

    def spans(d: int):
        if d not in cache:
            cache[d] = quote_spans(texts[d])
        return cache[d]

    out = []
    for p in passages:
        length = (p.a_end - p.a_start) + (p.b_end - p.b_start)
        quoted = _quoted_chars(spans(p.a), p.a_start, p.a_end) + _quoted_chars(spans(p.b), p.b_start,
                                                                                 p.b_end)
        out.append(replace(p, quote_share=round(quoted / length, 3) if length else 0.0))
    return out


def find_reuse(corpus, params: ReuseParams | None = None, *, quote_share: bool = True,
               candidates: Callable[[ShingleIndex, str], dict] | None = None,
               progress: bool | None = None) -> ReuseResult:
    """Run all stages over a corpus: index, candidates, exact scores, passages.

    ``candidates(index, mode)`` replaces stage 2 (the Dask shuffle of
    :mod:`analysis.overlap.distributed` plugs in here); it must return what
    :func:`candidate_pairs` returns. ``progress`` draws a bar over the pairs
    verified (see :mod:`analysis.progress`).
    """
    from ..progress import bar

    params = params or ReuseParams()
    index = build_index(corpus, params)
    mode = resolve_mode(len(index), params)
    found = (candidates or candidate_pairs)(index, mode)
    scores = score_pairs(index, found, progress=progress)
    view_cache: dict[int, DocView] = {}

    def views(d: int) -> DocView:
        if d not in view_cache:
            view_cache[d] = doc_view(index, d)
        return view_cache[d]

    passages = []
    aligned = [s for s in scores if s.shared >= params.min_align_shared]
    for s in bar(aligned, desc="pairs aligned", unit="pair", show=progress):
        passages.extend(align_pair(index, s.a, s.b, views))
    if quote_share:
        passages = _with_quote_share(passages, index.texts)
    pairs = [s for s in scores if s.max_containment >= params.min_containment]
    return ReuseResult(index, mode, pairs, passages)


def _direction(index: ShingleIndex, a: int, b: int) -> tuple[str | None, str | None]:
    """(direction, earlier id) from document dates: ``a_to_b``, ``b_to_a``, ``same_date`` or None."""
    da = index.dates[a] if index.dates else None
    db = index.dates[b] if index.dates else None
    if da is None or db is None:
        return None, None
    if da == db:
        return "same_date", None
    return ("a_to_b", index.ids[a]) if da < db else ("b_to_a", index.ids[b])


def pair_record(index: ShingleIndex, s: PairScore) -> dict:
    """A ``pair`` record: containment both ways and Jaccard over all shingles, ``*_prose``
    without boilerplate shingles, and the direction when both documents are dated."""
    direction, earlier = _direction(index, s.a, s.b)
    return {
        "kind": "pair",
        "a": index.ids[s.a],
        "b": index.ids[s.b],
        "containment_a_in_b": round(s.containment_a_in_b, 4),
        "containment_b_in_a": round(s.containment_b_in_a, 4),
        "jaccard": round(s.jaccard, 4),
        "shared_shingles": s.shared,
        "shared_boilerplate": s.shared_boilerplate,
        "containment_a_in_b_prose": round(s.containment_a_in_b_prose, 4),
        "containment_b_in_a_prose": round(s.containment_b_in_a_prose, 4),
        "shingles_a": index.n_set(s.a),
        "shingles_b": index.n_set(s.b),
        "direction": direction,
        "earlier": earlier,
    }


def passage_record(index: ShingleIndex, p: Passage) -> dict:
    """A ``passage`` record: offsets and text in both documents; ``quote_share`` is the share of
    the passage's characters (both sides together) inside quoted speech found by
    :func:`analysis.quotes.quote_spans`, scare quotes left out (None when that module is
    absent), ``mostly_quote`` whether it reaches ``mostly_quote``."""
    direction, earlier = _direction(index, p.a, p.b)
    qs = p.quote_share
    return {
        "kind": "passage",
        "a": index.ids[p.a],
        "b": index.ids[p.b],
        "a_start": p.a_start,
        "a_end": p.a_end,
        "b_start": p.b_start,
        "b_end": p.b_end,
        "text_a": index.texts[p.a][p.a_start:p.a_end],
        "text_b": index.texts[p.b][p.b_start:p.b_end],
        "tokens": p.tokens,
        "boilerplate": p.boilerplate,
        "quote_share": qs,
        "mostly_quote": None if qs is None else qs >= index.params.mostly_quote,
        "direction": direction,
        "earlier": earlier,
    }


def reuse_records(corpus, params: ReuseParams | None = None, *, boilerplate: bool = True,
                  result: ReuseResult | None = None) -> Iterable[dict]:
    """CLI records: ``pair`` rows, then ``passage`` rows, then recurring ``boilerplate`` segments.

    Pass ``result`` (from :func:`find_reuse`) to turn an existing run into records without
    running the stages again.
    """
    result = result if result is not None else find_reuse(corpus, params)
    for s in result.pairs:
        yield pair_record(result.index, s)
    for p in result.passages:
        yield passage_record(result.index, p)
    if boilerplate:
        for row in boilerplate_segments(result.index):
            yield {"kind": "boilerplate", **row}


def reuse_tables(corpus, params: ReuseParams | None = None, **overrides):
    """(pairs DataFrame, passages DataFrame) for notebooks; ``overrides`` set ReuseParams fields."""
    import pandas as pd

    params = replace(params or ReuseParams(), **overrides)
    result = find_reuse(corpus, params)
    pairs = pd.DataFrame([pair_record(result.index, s) for s in result.pairs], columns=list(PAIR_COLUMNS))
    passages = pd.DataFrame([passage_record(result.index, p) for p in result.passages],
                            columns=list(PASSAGE_COLUMNS))
    return pairs.drop(columns="kind"), passages.drop(columns="kind")




def containment_matrix(pairs, doc_ids: Sequence[str]):
    """Square DataFrame: row document's share of shingles found in the column document.

    ``pairs`` is the pairs DataFrame of :func:`reuse_tables`; pairs below the
    reporting floor read 0, the diagonal 1.
    """
    import pandas as pd

    ids = list(doc_ids)
    frame = pd.DataFrame(0.0, index=pd.Index(ids, name="doc"), columns=ids)
    for row in pairs.itertuples(index=False):
        frame.loc[row.a, row.b] = row.containment_a_in_b
        frame.loc[row.b, row.a] = row.containment_b_in_a
    for d in ids:
        frame.loc[d, d] = 1.0
    return frame


def params_table(params: ReuseParams | None = None):
    """The parameters in use as a two-column DataFrame (for reports)."""
    import pandas as pd

    return pd.DataFrame(sorted(asdict(params or ReuseParams()).items()), columns=["parameter", "value"])
