"""The reuse layer's records (``pair``, ``passage``, ``boilerplate``) and tables.

Field names and record kinds are a public contract: the CLI, the batch
pipeline and the notebooks read them.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from ...schema import PAIR_COLUMNS, PASSAGE_COLUMNS
from .corpus import ReuseResult, find_reuse
from .params import ReuseParams
from .passages import Passage, boilerplate_segments
from .scores import PairScore
from .shingles import ShingleIndex

__all__ = ["pair_record", "passage_record", "reuse_records", "reuse_tables", "containment_matrix"]


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
    :func:`analysis.quotes.quote_spans`, scare quotes left out (None when
    :func:`find_reuse` ran with ``quote_share=False``), ``mostly_quote`` whether it reaches
    ``mostly_quote``."""
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
    """Square DataFrame from the pairs table of :func:`reuse_tables`: row A, column B = share of
    A's shingles found in B, rounded to 3 places.

    Pairs absent from the table (below the reporting floor) read 0.0; the diagonal 1.0.
    """
    import pandas as pd

    docs = list(doc_ids)
    matrix = pd.DataFrame(0.0, index=docs, columns=docs)
    for doc in docs:
        matrix.loc[doc, doc] = 1.0
    for row in pairs.itertuples(index=False):
        matrix.loc[row.a, row.b] = round(float(row.containment_a_in_b), 3)
        matrix.loc[row.b, row.a] = round(float(row.containment_b_in_a), 3)
    return matrix
