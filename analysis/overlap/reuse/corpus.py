"""All stages of text reuse over one corpus: index, candidates, exact scores, passages.

:func:`find_reuse` returns a :class:`ReuseResult`; the records and tables are
drawn from it (:mod:`analysis.overlap.reuse.records`). Each passage gets the
share of its characters inside quoted speech, so reuse of a quote can be told
from reuse of a reporter's prose.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from ...progress import bar
from ...quotes import quote_spans
from .candidates import candidate_pairs, resolve_mode
from .params import ReuseParams
from .passages import Passage, align_pair
from .scores import PairScore, score_pairs
from .shingles import ShingleIndex, build_index
from .tighten import DocView, doc_view

__all__ = ["ReuseResult", "find_reuse"]


@dataclass
class ReuseResult:
    """Everything the reuse layer found in one corpus."""

    index: ShingleIndex
    mode: str
    pairs: list[PairScore]
    passages: list[Passage]


def _quoted_chars(spans, start: int, end: int) -> int:
    return sum(max(0, min(end, q.end) - max(start, q.start)) for q in spans if not q.is_scare)


def _with_quote_share(passages: list[Passage], texts: list[str]) -> list[Passage]:
    """Passages with ``quote_share``: the share of their characters (both sides) inside quotes."""
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
