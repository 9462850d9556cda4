"""Text reuse between articles: shared word n-grams, containment, aligned passages.

The stages, one module each (every public name is importable from here too):

- ``params`` -- :class:`ReuseParams`, every tunable, with the table that explains them.
- ``shingles`` -- stage 1: word tokens with character offsets, shingle hashes,
  document frequencies and boilerplate shingles (:func:`build_index`).
- ``candidates`` -- stage 2: which pairs share anything, ``exact`` through an
  inverted index or ``lsh`` through MinHash bands of document windows
  (:func:`candidate_pairs`).
- ``scores`` -- exact containment both ways and Jaccard per candidate pair
  (:func:`score_pairs`).
- ``align`` -- stages 3 and 4: seed fragments on one diagonal, chained across
  small gaps into passages (:func:`seed_fragments`, :func:`merge_fragments`).
- ``tighten`` -- passage edges moved onto sentence edges in both documents.
- ``passages`` -- one pair's passages (:func:`align_pair`), boilerplate
  segments, document clusters.
- ``corpus`` -- all stages over a corpus (:func:`find_reuse`).
- ``records`` -- ``pair``, ``passage`` and ``boilerplate`` records and tables.

Boilerplate: a shingle found in at least ``boilerplate_threshold(n_docs)``
documents (house phrases, credit lines, licences) does not link documents:
it is left out of candidate generation, and passages made mostly of it are
flagged ``boilerplate=True``.
"""
from __future__ import annotations

from .align import Fragment, merge_fragments, seed_fragments
from .candidates import (LSH_MAX_BUCKET, band_keys, block_signatures, candidate_pairs, exact_candidates,
                         group_pairs, lsh_candidates, lsh_entries, minhash_permutations, resolve_mode,
                         shingle_entries, shingle_hash32)
from .corpus import ReuseResult, find_reuse
from .params import MODES, ReuseParams, params_table
from .passages import Passage, align_pair, boilerplate_segments, cluster_documents, merge_overlapping
from .records import containment_matrix, pair_record, passage_record, reuse_records, reuse_tables
from .scores import PairScore, score_pairs
from .shingles import (INDEX_CHUNK, ShingleIndex, Tokens, boilerplate_threshold, build_index, normalise,
                       shingle_hashes, splitmix64, tokenize, tokenize_many)
from .tighten import DocView, char_spans, doc_view, sentence_starts, tighten, tighten_tokens

__all__ = [
    "ReuseParams",
    "MODES",
    "params_table",
    "Tokens",
    "normalise",
    "tokenize",
    "tokenize_many",
    "splitmix64",
    "shingle_hashes",
    "ShingleIndex",
    "INDEX_CHUNK",
    "build_index",
    "boilerplate_threshold",
    "shingle_entries",
    "group_pairs",
    "exact_candidates",
    "minhash_permutations",
    "shingle_hash32",
    "block_signatures",
    "band_keys",
    "LSH_MAX_BUCKET",
    "lsh_entries",
    "lsh_candidates",
    "resolve_mode",
    "candidate_pairs",
    "PairScore",
    "score_pairs",
    "Fragment",
    "seed_fragments",
    "merge_fragments",
    "DocView",
    "doc_view",
    "sentence_starts",
    "tighten_tokens",
    "tighten",
    "char_spans",
    "Passage",
    "align_pair",
    "merge_overlapping",
    "cluster_documents",
    "boilerplate_segments",
    "ReuseResult",
    "find_reuse",
    "pair_record",
    "passage_record",
    "reuse_records",
    "reuse_tables",
    "containment_matrix",
]
