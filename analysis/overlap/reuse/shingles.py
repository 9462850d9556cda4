"""Stage 1 of text reuse: word tokens with their offsets, shingle hashes, the corpus index.

:func:`tokenize` splits the original text into word tokens (lowercased,
punctuation and apostrophes dropped, curly quotes mapped to straight ones)
and keeps each token's ``[start, end)`` character offsets; :func:`build_index`
hashes every run of ``shingle_size`` tokens and counts in how many documents
each shingle occurs (its document frequency). A shingle found in at least
:func:`boilerplate_threshold` documents (house phrases, credit lines,
licences) is boilerplate: it does not link documents.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Sequence

import numpy as np

from ...schema import DATE_KEYS
from .params import ReuseParams

__all__ = ["Tokens", "normalise", "tokenize", "tokenize_many", "splitmix64", "shingle_hashes",
           "ShingleIndex", "boilerplate_threshold", "INDEX_CHUNK", "build_index"]

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
        keys = splitmix64(cp[counted].astype(np.uint64) * _position_keys()[within % _MAX_WORD]
                         + within.astype(np.uint64))
        hashes = splitmix64(np.add.reduceat(keys, first) + lengths.astype(np.uint64))
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


def splitmix64(x: np.ndarray) -> np.ndarray:
    """Spread the bits of 64-bit values (splitmix64 finaliser)."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def shingle_hashes(ids: np.ndarray, n: int) -> np.ndarray:
    """Hash of every run of ``n`` token hashes (position ``p`` covers tokens ``p..p+n-1``)."""
    m = len(ids) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.uint64)
    out = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t in range(n):
            mult = _MIX[t % len(_MIX)] ^ np.uint64(t // len(_MIX))
            out += splitmix64(ids[t:t + m] + np.uint64(t)) * mult
        return splitmix64(out)


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
    allh = shingle_hashes(np.concatenate(token_hashes), n)
    lengths = np.array([len(h) for h in token_hashes], dtype=np.int64)
    doc_start = np.r_[0, np.cumsum(lengths)[:-1]]
    keep = np.concatenate([np.arange(s, s + max(0, k - n + 1)) for s, k in zip(doc_start, lengths)])
    return allh[keep] if len(allh) else allh


