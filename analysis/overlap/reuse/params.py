"""The tunables of the reuse layer, with what each one does.

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

from dataclasses import asdict, dataclass

from ...errors import AnalysisError

__all__ = ["ReuseParams", "MODES", "params_table"]

#: how candidate pairs are found: ``auto`` picks ``exact`` up to ``auto_exact_max_docs`` documents
MODES = ("auto", "exact", "lsh")


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


def params_table(params: ReuseParams | None = None):
    """The parameters in use as a two-column DataFrame (for reports)."""
    import pandas as pd

    return pd.DataFrame(sorted(asdict(params or ReuseParams()).items()), columns=["parameter", "value"])
