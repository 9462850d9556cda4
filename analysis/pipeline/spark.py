"""The per-batch work for Spark: ``rdd.mapPartitions(partition_records)``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from ..nlp import load_model
from .batch import analyze_batch
from .keys import Options, batches
from .store import as_records

__all__ = ["partition_records"]


def partition_records(rows: Iterable, model: str | None = None, batch_size: int = 64,
                      id_column: str = "id", text_column: str = "text") -> Iterator[dict]:
    """Spark-compatible per-document work: ``rdd.mapPartitions(partition_records)``.

    ``rows`` are dicts or Spark ``Row``s with an id and a text column (other
    columns become metadata). Yields one flat record per output row, with a
    schema that never changes: ``table`` (documents, readability, attributions,
    credits, names), ``doc`` and ``record`` (that row as JSON). The model is
    loaded once per executor process. Speakers are as found in each article:
    the corpus-wide merge needs every article's ``names`` rows (see
    :func:`analysis.attribution.canonical_maps`).
    """
    from ..corpus import table_documents

    nlp = load_model(model)
    options = Options(model=model, batch_size=batch_size)
    plain = (row.asDict() if hasattr(row, "asDict") else dict(row) for row in rows)
    # the same row rules (and errors) as a table file: empty or duplicate ids, bad text
    documents = table_documents(Path("spark-partition"), plain, text_column, id_column, False, None)
    for docs in batches(documents, batch_size):
        for name, frame in analyze_batch(docs, nlp, options).items():
            for rec in as_records(frame):
                yield {"table": name, "doc": rec.get("doc"), "record": json.dumps(rec, ensure_ascii=False)}
