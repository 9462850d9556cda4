"""Stage 4: text reuse over the whole corpus, then the event layers on corpora small enough.

Reuse candidate pairs on Dask are a shuffle of shingle / LSH band keys
(:mod:`analysis.overlap.distributed`). With spare cores and no Dask, reuse
runs in a forked process while stage 3 merges the batches.
"""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from ..corpus import Corpus, Document
from ..io import write_records
from ..schema import BOILERPLATE_COLUMNS, DATE_KEYS, PAIR_COLUMNS, PASSAGE_COLUMNS
from .events import event_layers, write_event_tables
from .merge import merge_batches
from .store import read_batch

__all__ = ["reuse_stage", "merge_and_reuse", "write_overlap", "closest"]


def _documents(folders: list[Path]) -> list[Document]:
    """Ids, texts and dates back from the batch tables (the source is not read twice)."""
    out = []
    for folder in folders:
        docs = read_batch(folder, "documents")
        keys = [k for k in DATE_KEYS if k in docs]
        for row in docs[["doc", "text"] + keys].itertuples(index=False):
            meta = {k: v for k, v in zip(keys, row[2:]) if isinstance(v, str)}
            out.append(Document(row[0], row[1], metadata=meta))
    return out


def closest(pairs: list[dict]) -> dict[str, tuple[str, float]]:
    """For each document, the other document containing most of it (containment of it in the other)."""
    best: dict[str, tuple[str, float]] = {}
    for p in pairs:
        for doc, other, value in ((p["a"], p["b"], p["containment_a_in_b"]),
                                  (p["b"], p["a"], p["containment_b_in_a"])):
            if value > best.get(doc, ("", -1.0))[1] or (
                    value == best.get(doc, ("", -1.0))[1] and other < best[doc][0]):
                best[doc] = (other, value)
    return best


def reuse_stage(folders: list[Path], out: Path, *, client=None, progress: bool | None = None
                ) -> list[dict]:
    """Text reuse over the whole corpus; writes the pairs, passages and boilerplate tables and
    returns the ``overlap.jsonl`` records (pairs above the floor, passages, boilerplate)."""
    import pandas as pd

    from ..overlap.reuse import (ReuseParams, boilerplate_segments, find_reuse, pair_record,
                                 passage_record)

    docs = _documents(folders)
    candidates = None
    if client is not None:
        from ..overlap.distributed import dask_candidates

        candidates = dask_candidates(client)
    params = ReuseParams()
    result = find_reuse(docs, replace(params, min_containment=0.0), candidates=candidates,
                        progress=progress)
    every_pair = [pair_record(result.index, s) for s in result.pairs]
    pairs = [p for s, p in zip(result.pairs, every_pair) if s.max_containment >= params.min_containment]
    passages = [passage_record(result.index, p) for p in result.passages]
    boiler = boilerplate_segments(result.index)
    pd.DataFrame(every_pair, columns=list(PAIR_COLUMNS)).drop(columns="kind").to_parquet(
        out / "pairs.parquet", index=False)
    pd.DataFrame(passages, columns=list(PASSAGE_COLUMNS)).drop(columns="kind").to_parquet(
        out / "passages.parquet", index=False)
    pd.DataFrame(boiler, columns=list(BOILERPLATE_COLUMNS)).to_parquet(out / "boilerplate.parquet",
                                                                       index=False)
    return pairs + passages + [{"kind": "boilerplate", **row} for row in boiler]


def merge_and_reuse(folders: list[Path], out: Path, client, progress, processes: int,
                    extra_tables=()):
    """Stages 3 and 4; with spare cores and no Dask, reuse runs in a forked process meanwhile."""
    import multiprocessing

    if client is not None or processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        merged = merge_batches(folders, out, extra_tables)
        return merged, reuse_stage(folders, out, client=client, progress=progress)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        reuse = pool.submit(reuse_stage, folders, out, progress=progress)
        merged = merge_batches(folders, out, extra_tables)
        return merged, reuse.result()


def write_overlap(records: list[dict], folders: list[Path], documents: int, out: Path, *,
                  event_layers_max_docs: int, model: str | None = None, nlp=None) -> None:
    """``overlap.jsonl``: the reuse records, then the event layers on corpora small enough
    (also as Parquet tables, empty above the limit)."""
    from ..attribution import from_records
    from ..nlp import load_model
    from ..overlap.layers import layer_records

    found = []
    with open(out / "overlap.jsonl", "w", encoding="utf-8") as fh:
        write_records(records, "jsonl", fh)
        if documents <= event_layers_max_docs:
            corpus = Corpus(_documents(folders))
            with open(out / "attributions.jsonl", encoding="utf-8") as atts:
                attributions = from_records((json.loads(line) for line in atts), corpus.ids)
            layers = event_layers(corpus, attributions, nlp or load_model(model))
            found = list(layer_records(layers))
            write_records(found, "jsonl", fh)
    write_event_tables(found, out, computed=documents <= event_layers_max_docs, articles=documents,
                       max_docs=event_layers_max_docs)
