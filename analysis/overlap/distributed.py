"""Stage 2 of text reuse (candidate pairs) as a Dask shuffle, for corpora spread over a cluster.

Both candidate modes are one grouping problem: every (key, document) entry
-- a prose shingle in ``exact`` mode, an LSH band key of a window in ``lsh``
mode -- meets the other entries with the same key, and each group of
documents yields its pairs. On one machine
:func:`analysis.overlap.reuse.candidates.group_pairs` does that with one
sort. Here the entries become a Dask DataFrame that is shuffled on ``key``
(every key lands in one partition), each partition groups its own keys with
the same function, and the partial pair counts are summed.
The result is identical to :func:`analysis.overlap.reuse.candidate_pairs`
(checked by the tests on a ``LocalCluster``).

Parameters: ``partitions`` (default: twice the workers) sets how many pieces
the entries are cut into before and after the shuffle.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .reuse.candidates import LSH_MAX_BUCKET, group_pairs, lsh_entries, shingle_entries
from .reuse.shingles import ShingleIndex

__all__ = ["candidate_entries", "shuffle_candidates", "dask_candidates"]


def candidate_entries(index: ShingleIndex, mode: str) -> tuple[np.ndarray, np.ndarray, int | None]:
    """Distinct (key, doc) entries of stage 2 and the largest group kept (None: all)."""
    if mode == "exact":
        keys, docs = shingle_entries(index)
        return keys, docs, None
    keys, docs = lsh_entries(index)
    return keys, docs, LSH_MAX_BUCKET


def _partition_pairs(part, n_docs: int, max_group: int | None):
    """Pair codes and shared-key counts of one shuffled partition (all entries of its keys)."""
    import pandas as pd

    codes, counts = group_pairs(part["key"].to_numpy(dtype=np.uint64),
                                part["doc"].to_numpy(dtype=np.int64), n_docs, max_group)
    return pd.DataFrame({"code": codes.astype(np.int64), "count": counts.astype(np.int64)})


def shuffle_candidates(index: ShingleIndex, mode: str, client=None, partitions: int | None = None
                       ) -> dict[tuple[int, int], int | None]:
    """Stage 2 through a Dask shuffle of the entries on their key; same output as ``candidate_pairs``.

    ``client`` is a ``dask.distributed.Client`` (None: Dask's default scheduler).
    """
    import dask.dataframe as dd
    import pandas as pd

    keys, docs, max_group = candidate_entries(index, mode)
    n = len(index)
    if len(keys) == 0:
        return {}
    if partitions is None:
        workers = len(client.scheduler_info().get("workers", {})) if client is not None else 1
        partitions = max(2, 2 * workers)
    frame = pd.DataFrame({"key": keys.astype(np.uint64), "doc": docs.astype(np.int64)})
    if client is not None:  # pieces go to the workers once, not inside the task graph
        cuts = np.linspace(0, len(frame), partitions + 1).astype(int)
        pieces = client.scatter([frame.iloc[a:b] for a, b in zip(cuts[:-1], cuts[1:])])
        entries = dd.from_delayed(pieces, meta=frame.iloc[:0], verify_meta=False)
    else:
        entries = dd.from_pandas(frame, npartitions=partitions, sort=False)
    shuffled = entries.shuffle(on="key", npartitions=partitions)
    meta = pd.DataFrame({"code": pd.Series(dtype="int64"), "count": pd.Series(dtype="int64")})
    pairs = shuffled.map_partitions(_partition_pairs, n, max_group, meta=meta)
    found = pairs.compute(scheduler=client) if client is not None else pairs.compute()
    totals = found.groupby("code", sort=True)["count"].sum()
    if mode == "exact":
        return {(c // n, c % n): int(k) for c, k in zip(totals.index.tolist(), totals.tolist())}
    return {(c // n, c % n): None for c in totals.index.tolist()}


def dask_candidates(client=None, partitions: int | None = None
                    ) -> Callable[[ShingleIndex, str], dict[tuple[int, int], int | None]]:
    """A ``candidates`` function for :func:`analysis.overlap.reuse.find_reuse` that shuffles on Dask."""

    def candidates(index: ShingleIndex, mode: str) -> dict[tuple[int, int], int | None]:
        return shuffle_candidates(index, mode, client, partitions)

    return candidates
