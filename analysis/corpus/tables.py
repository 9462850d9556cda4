"""One table file (CSV, JSON Lines, Parquet) with a text column, read whole or row by row."""
from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path
from typing import Iterable, Iterator

from .decode import check_text, decode_bytes, decoded_lines, open_text
from .documents import Corpus, CorpusError, Document, SkippedFile

__all__ = ["TABLE_SUFFIXES", "TEXT_COLUMNS", "ID_COLUMNS", "read_table", "iter_rows",
           "table_documents", "load_table"]

TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet"}
TEXT_COLUMNS = ("text", "body", "content", "article")
ID_COLUMNS = ("id", "doc", "doc_id", "document", "filename", "file")
_PARQUET_BATCH = 1024


def read_table(path: Path, encoding: str) -> list[dict]:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pandas as pd

        try:
            return pd.read_parquet(path).to_dict("records")
        except Exception as err:  # pyarrow raises many types
            raise CorpusError(path, f"cannot read Parquet: {err}") from None
    text = decode_bytes(path, path.read_bytes(), encoding)
    if suffix == ".csv":
        return list(_csv_rows(path, text.splitlines(keepends=True)))
    return list(_json_rows(path, text.splitlines()))


def _csv_rows(path: Path, lines: Iterable[str]) -> Iterator[dict]:
    """CSV rows as dicts from lines that keep their endings (quoted fields may span lines)."""
    reader = csv.DictReader(lines)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise CorpusError(path, f"malformed CSV: {err}") from None
        yield dict(row)


def _json_rows(path: Path, lines: Iterable[str]) -> Iterator[dict]:
    """One JSON object per line; blank lines are passed over."""
    for lineno, line in enumerate(lines, start=1):
        if not line or line.isspace():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(path, f"line {lineno}: not valid JSON ({err.msg})") from None
        if not isinstance(row, dict):
            raise CorpusError(path, f"line {lineno}: expected a JSON object")
        yield row


def _parquet_rows(path: Path) -> Iterator[dict]:
    """Parquet rows as dicts, ``_PARQUET_BATCH`` rows in memory at a time.

    Columns that pandas stored as the frame's index are left out, as
    ``pandas.read_parquet`` leaves them out of the columns. Null cells are
    ``None`` (pandas gives NaN/NaT for nulls in string, number and timestamp
    columns).
    """
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as err:  # pyarrow raises many types
        raise CorpusError(path, f"cannot read Parquet: {err}") from None
    with parquet:
        try:
            schema = parquet.schema_arrow
            index = {c for c in (schema.pandas_metadata or {}).get("index_columns", []) if isinstance(c, str)}
            batches = parquet.iter_batches(batch_size=_PARQUET_BATCH,
                                           columns=[c for c in schema.names if c not in index])
        except Exception as err:
            raise CorpusError(path, f"cannot read Parquet: {err}") from None
        while True:
            try:
                batch = next(batches)
            except StopIteration:
                return
            except Exception as err:
                raise CorpusError(path, f"cannot read Parquet: {err}") from None
            names = batch.schema.names  # (faster than batch.to_pylist())
            for values in zip(*(column.to_pylist() for column in batch.columns)):
                yield dict(zip(names, values))


def iter_rows(path: Path, encoding: str) -> Iterator[dict]:
    """The rows of a table file one at a time (:func:`read_table` without the list)."""
    if path.suffix.lower() == ".parquet":
        yield from _parquet_rows(path)
        return
    f, enc = open_text(path, encoding)
    with f:
        lines = decoded_lines(path, f, enc)
        if path.suffix.lower() == ".csv":
            yield from _csv_rows(path, lines)
        else:
            yield from _json_rows(path, lines)


def table_documents(path: Path, rows: Iterable[dict], text_column: str | None, id_column: str | None,
                     skip_bad: bool, skipped: list[SkippedFile] | None) -> Iterator[Document]:
    """Documents from table rows, in row order; bad rows raise or (``skip_bad``) go to ``skipped``.

    Columns are found from the first row. Ids seen so far are kept to refuse
    duplicates.
    """
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        raise CorpusError(path, "table has no rows")
    columns = list(first.keys())
    text_col = text_column or next((c for c in TEXT_COLUMNS if c in columns), None)
    if text_col is None or text_col not in columns:
        raise CorpusError(path, f"no text column (looked for {text_column or ', '.join(TEXT_COLUMNS)}; "
                                f"found {', '.join(map(str, columns))}); pass text_column=")
    id_col = id_column or next((c for c in ID_COLUMNS if c in columns), None)
    if id_column and id_column not in columns:
        raise CorpusError(path, f"no id column {id_column!r}")
    seen: dict[str, int] = {}
    for i, row in enumerate(itertools.chain([first], rows)):
        where = f"row {i + 1}"
        doc_id = str(row.get(id_col)).strip() if id_col else str(i + 1)
        try:
            if id_col and (row.get(id_col) is None or not doc_id):
                raise CorpusError(path, f"{where}: empty id")
            if doc_id in seen:
                raise CorpusError(path, f"{where}: duplicate document id {doc_id!r} (also row {seen[doc_id]})")
            text = check_text(path, where, row.get(text_col))
        except CorpusError as err:
            if not skip_bad:
                raise
            if skipped is not None:
                # the row is in the path already: "table.csv#row 3: duplicate document id ..."
                skipped.append(SkippedFile(f"{path}#{where}", err.reason.removeprefix(f"{where}: ")))
            continue
        seen[doc_id] = i + 1
        meta = {k: ("" if v is None else str(v)) for k, v in row.items() if k not in (text_col, id_col)}
        yield Document(doc_id, text, f"{path}#{where}", meta)
    if not seen:
        raise CorpusError(path, "no readable documents (all rows were skipped)")


def load_table(path: Path, encoding: str, text_column: str | None, id_column: str | None,
                skip_bad: bool) -> Corpus:
    skipped: list[SkippedFile] = []
    docs = list(table_documents(path, read_table(path, encoding), text_column, id_column,
                                 skip_bad, skipped))
    return Corpus(sorted(docs, key=lambda d: d.id), str(path), skipped)
