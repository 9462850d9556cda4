"""Where ``analyze`` keeps its work: one folder per batch with a manifest, and the merged tables.

A batch folder holds one Parquet file per table and, written last, a manifest
with the batch's key: a folder without a manifest (an interrupted write) or
with another key is computed again. The merged tables are Parquet files
appended to batch by batch under one schema, so memory holds one batch.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Iterable

from ..errors import AnalysisError
from ..schema import SKIPPED_COLUMNS, TABLES

__all__ = ["MANIFEST", "batch_dir", "finished", "write_batch", "read_batch", "read_records",
           "as_records", "TableWriter", "unified_schema", "write_skipped", "read_tables"]

MANIFEST = "manifest.json"
#: tables with nested columns, read as Python objects so offsets stay integers and lists lists
NESTED_TABLES = ("attributions", "shared_quotes", "source_pairs")


def batch_dir(work: Path, number: int) -> Path:
    return work / f"{number:05d}"


def finished(folder: Path, key: str, tables: Iterable[str]) -> bool:
    """Whether ``folder`` holds every one of ``tables`` of the batch with this key."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get("key") == key and all((folder / f"{t}.parquet").exists() for t in tables)


def write_batch(folder: Path, key: str, tables: dict, n_docs: int) -> None:
    """Tables first, manifest last (atomically): a batch without a manifest is redone."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, frame in tables.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    tmp = folder / f"{MANIFEST}.tmp"
    tmp.write_text(json.dumps({"key": key, "documents": n_docs}), encoding="utf-8")
    tmp.replace(folder / MANIFEST)


def read_records(folder: Path, name: str) -> list[dict]:
    """Rows as exact Python values (pandas turns nested integers beside nulls into floats)."""
    import pyarrow.parquet as pq

    return pq.read_table(folder / f"{name}.parquet").to_pylist()


def read_batch(folder: Path, name: str):
    import pandas as pd

    return pd.read_parquet(folder / f"{name}.parquet")


def as_records(frame) -> list[dict]:
    """Rows of a table read back from Parquet with plain Python values (no numpy, no NaN)."""
    import numpy as np

    def plain(v):
        if isinstance(v, np.ndarray):
            return [plain(x) for x in v.tolist()]
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        if isinstance(v, np.generic):
            return v.item()
        if isinstance(v, float) and v != v:
            return None
        return v

    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


class TableWriter:
    """Appends batch frames to one Parquet file, all batches conformed to one schema."""

    def __init__(self, path: Path, schema):
        import pyarrow.parquet as pq

        self.schema = schema
        self.writer = pq.ParquetWriter(path, schema)

    def write(self, frame) -> None:
        """Append a DataFrame or a list of records (nested values kept exact)."""
        import pyarrow as pa

        table = (pa.Table.from_pylist(frame) if isinstance(frame, list)
                 else pa.Table.from_pandas(frame, preserve_index=False))
        if not table.num_columns:
            return
        columns = [table.column(f.name).cast(f.type) if f.name in table.column_names
                   else pa.nulls(len(table), f.type) for f in self.schema]
        self.writer.write_table(pa.Table.from_arrays(columns, schema=self.schema))

    def close(self) -> None:
        self.writer.close()


def unified_schema(folders: list[Path], name: str):
    """One schema for a table across batches (metadata columns differ between batches)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def unknown(t) -> bool:  # all values null, or lists that are all empty
        return pa.types.is_null(t) or (pa.types.is_list(t) and pa.types.is_null(t.value_type))

    schemas = [pq.read_schema(f / f"{name}.parquet").remove_metadata() for f in folders]
    fields: dict[str, pa.Field] = {}
    for schema in schemas:
        for f in schema:
            if f.name not in fields or unknown(fields[f.name].type):
                fields[f.name] = f.with_nullable(True)
    return pa.schema(list(fields.values()))


def write_skipped(skipped: list, out: Path) -> None:
    import pandas as pd

    frame = pd.DataFrame([{"file": s.path, "reason": s.reason} for s in skipped],
                         columns=list(SKIPPED_COLUMNS))
    frame.to_csv(out / "skipped.csv", index=False, lineterminator="\n")
    frame.to_parquet(out / "skipped.parquet", index=False)


def read_tables(folder: str | Path, names: Iterable[str] = TABLES) -> dict:
    """``{name: DataFrame}`` of the Parquet tables ``analyze`` wrote to ``folder``."""
    import pandas as pd
    import pyarrow.parquet as pq

    folder = Path(folder)
    missing = [n for n in names if not (folder / f"{n}.parquet").exists()]
    if missing:
        raise AnalysisError(f"{folder}: not an analyze output folder (missing "
                            f"{', '.join(m + '.parquet' for m in missing)})")
    tables = {}
    for n in names:
        if n in NESTED_TABLES:
            table = pq.read_table(folder / f"{n}.parquet")
            tables[n] = pd.DataFrame(table.to_pylist(), columns=table.column_names)
        else:
            tables[n] = pd.read_parquet(folder / f"{n}.parquet")
    return tables
