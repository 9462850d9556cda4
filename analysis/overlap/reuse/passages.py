"""Passages of one pair: aligned, tightened, merged; boilerplate segments; document clusters.

:func:`align_pair` runs stages 3 and 4 for one pair. Passages of one pair that
then overlap in both documents become one (:func:`merge_overlapping`: one
reused region, one passage); a short match holding a whole sentence in neither
document is a shared phrase, not a reused passage, and is dropped. Passages
made mostly of boilerplate shingles are flagged ``boilerplate=True``;
:func:`boilerplate_segments` lists the recurring segments themselves.
:func:`cluster_documents` groups documents linked by high containment.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

import numpy as np

from ..components import component_roots
from .align import Fragment, merge_fragments, seed_fragments
from .scores import PairScore
from .shingles import ShingleIndex, tokenize
from .tighten import DocView, char_spans, doc_view, tighten_tokens

__all__ = ["Passage", "align_pair", "merge_overlapping", "cluster_documents", "boilerplate_segments"]


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
        sa, ea, sb, eb = char_spans(a0, a1, b0, b1, va, vb)
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
    return component_roots(n_docs, ((s.a, s.b) for s in pairs if s.max_containment >= min_containment))


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
