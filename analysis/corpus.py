"""Load a corpus of news articles exactly as written.

A corpus is a folder of ``.txt`` files (subfolders included, an optional
``metadata.csv`` beside them) or one table file (CSV, JSON Lines, Parquet)
with a text column. Text is kept byte-for-byte as decoded (only a leading
BOM is removed) because every character offset the package reports points
into it.

Bad input raises :class:`CorpusError` naming the file and the reason. With
``skip_bad=True`` bad files are left out and listed in ``Corpus.skipped``
instead, so nothing disappears without a trace.

:func:`load_corpus` / :func:`load_corpora` read everything into memory;
:func:`iter_documents` and :class:`CorpusSource` yield the same documents
one at a time for corpora too large for that.
"""
from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .errors import AnalysisError

__all__ = [
    "CorpusError",
    "Document",
    "Corpus",
    "SkippedFile",
    "load_corpus",
    "load_corpora",
    "iter_documents",
    "CorpusSource",
    "METADATA_FILE",
]

METADATA_FILE = "metadata.csv"
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet"}
TEXT_COLUMNS = ("text", "body", "content", "article")
ID_COLUMNS = ("id", "doc", "doc_id", "document", "filename", "file")
_BINARY_SNIFF = 8192
_CHUNK = 1 << 20  # bytes per read when checking a file without loading it
_PARQUET_BATCH = 1024


class CorpusError(AnalysisError):
    """A corpus input problem, always naming the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Document:
    """One article: its id, its text as read, and what is known about it."""

    id: str
    text: str
    source: str = ""
    metadata: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def n_chars(self) -> int:
        return len(self.text)


@dataclass(frozen=True)
class SkippedFile:
    """A file left out under ``skip_bad=True``, with why."""

    path: str
    reason: str


@dataclass
class Corpus:
    """Documents in a stable order (sorted by id) plus the files skipped."""

    documents: list[Document]
    root: str = ""
    skipped: list[SkippedFile] = field(default_factory=list)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def __getitem__(self, key: int | str) -> Document:
        if isinstance(key, str):
            for doc in self.documents:
                if doc.id == key:
                    return doc
            raise KeyError(key)
        return self.documents[key]

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.documents]

    @property
    def texts(self) -> list[str]:
        return [d.text for d in self.documents]

    def metadata_frame(self):
        """Metadata as a DataFrame indexed by document id (blank where unknown)."""
        import pandas as pd

        rows = [{"doc": d.id, **d.metadata} for d in self.documents]
        frame = pd.DataFrame(rows).set_index("doc") if rows else pd.DataFrame()
        return frame.fillna("")


# --------------------------------------------------------------------------
# decoding


def _decode(path: Path, data: bytes, encoding: str) -> str:
    """Decode bytes, refusing binary files and naming where decoding fails."""
    if not data.strip():
        raise CorpusError(path, "file is empty" if not data else "file contains only whitespace")
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise CorpusError(path, "looks like a binary file (contains NUL bytes), not text")
    encodings = _encodings(encoding)
    for i, enc in enumerate(encodings):
        try:
            text = data.decode(enc)
            break
        except LookupError:
            raise CorpusError(path, f"unknown encoding {enc!r}") from None
        except UnicodeDecodeError as err:
            if i + 1 < len(encodings):
                continue
            line = data[: err.start].count(b"\n") + 1
            column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
            bad = data[err.start : err.end].hex(" ")
            raise _decode_error(path, enc, err.start, line, column, bad) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise CorpusError(path, "file contains only whitespace")
    return text


def _decode_error(path: Path, enc: str, offset: int, line: int, column: int, bad: str) -> CorpusError:
    return CorpusError(
        path,
        f"bytes are not valid {enc} at byte {offset} (line {line}, column {column}: "
        f"0x{bad}); pass encoding= (--encoding on the command line) to read another "
        f"encoding, or a comma list tried in order such as 'utf-8,cp1252'",
    )


def _encodings(encoding: str) -> list[str]:
    return [e.strip() for e in encoding.split(",") if e.strip()]


def _open_text(path: Path, encoding: str) -> tuple[BinaryIO, str]:
    """Open ``path`` for line-by-line decoding after :func:`_decode`'s whole-file checks.

    Returns the binary handle (at the start) and the one encoding of the list
    that :func:`_decode` would use, without holding the file in memory: the
    first ``_BINARY_SNIFF`` bytes are sniffed for NUL; with several encodings
    every one but the last is tried on the whole file in chunks (a second
    read) and the first that decodes it all is used, so the whole file is
    decoded with one encoding exactly as ``load_corpus`` does. Errors of the
    encoding finally used are raised where the line is reached
    (:func:`_decoded_lines`), with the same message as :func:`_decode`.
    """
    f = open(path, "rb")
    try:
        head = f.read(_BINARY_SNIFF)
        if not head:
            raise CorpusError(path, "file is empty")
        chunk = head
        while not chunk.strip():
            chunk = f.read(_CHUNK)
            if not chunk:
                raise CorpusError(path, "file contains only whitespace")
        if b"\x00" in head:
            raise CorpusError(path, "looks like a binary file (contains NUL bytes), not text")
        encodings = _encodings(encoding)
        if not encodings:
            raise CorpusError(path, f"unknown encoding {encoding!r}")
        chosen = encodings[-1]
        for i, enc in enumerate(encodings):
            try:
                b"\n".decode(enc)  # (decoding b"" looks nothing up)
            except LookupError:  # unknown, or not a text encoding
                raise CorpusError(path, f"unknown encoding {enc!r}") from None
            except ValueError:
                pass
            if i + 1 < len(encodings) and _decodes_whole_file(f, enc):
                chosen = enc
                break
        f.seek(0)
        if not _has_text(f, chosen):
            raise CorpusError(path, "file contains only whitespace")
        f.seek(0)
        return f, chosen
    except BaseException:
        f.close()
        raise


def _chunks(f: BinaryIO) -> Iterator[bytes]:
    return iter(lambda: f.read(_CHUNK), b"")


def _decodes_whole_file(f: BinaryIO, enc: str) -> bool:
    f.seek(0)
    decoder = codecs.getincrementaldecoder(enc)()
    try:
        for chunk in _chunks(f):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _has_text(f: BinaryIO, enc: str) -> bool:
    """False if the file decodes to whitespace only (after a BOM); reads only up to the first text.

    A decoding error counts as text: it is reported when its line is read.
    """
    decoder = codecs.getincrementaldecoder(enc)()
    start = True
    try:
        while True:
            chunk = f.read(_CHUNK)
            text = decoder.decode(chunk, final=not chunk)
            if start and text:
                start = False
                if text.startswith("\ufeff"):
                    text = text[1:]
            if text.strip():
                return True
            if not chunk:
                return False
    except UnicodeDecodeError:
        return True


def _decoded_lines(path: Path, f: BinaryIO, enc: str) -> Iterator[str]:
    """Decoded lines of an open text file, one at a time, line endings kept.

    Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (what ``open(newline="")`` gives
    the csv module); a leading BOM is removed; a decoding error names the
    byte, line and column like :func:`_decode`.
    """
    offset = 0
    for lineno, raw in enumerate(f, start=1):
        try:
            line = raw.decode(enc)
        except UnicodeDecodeError as err:
            bad = raw[err.start : err.end].hex(" ")
            raise _decode_error(path, enc, offset + err.start, lineno, err.start + 1, bad) from None
        if lineno == 1 and line.startswith("\ufeff"):
            line = line[1:]
        offset += len(raw)
        if "\r" in line:
            yield from io.StringIO(line, newline="")
        else:
            yield line


def _check_text(path: Path | str, where: str, text) -> str:
    if text is None or (isinstance(text, float) and text != text):
        raise CorpusError(path, f"{where}: text is missing")
    if not isinstance(text, str):
        raise CorpusError(path, f"{where}: text is not a string ({type(text).__name__})")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():  # (not text.strip() without copying the text)
        raise CorpusError(path, f"{where}: text is empty or whitespace-only")
    return text


# --------------------------------------------------------------------------
# folders of .txt files


def _read_metadata(path: Path, encoding: str) -> dict[str, dict]:
    """Rows of ``metadata.csv`` keyed by document id (column ``doc``, ``id`` or ``file``)."""
    text = _decode(path, path.read_bytes(), encoding)
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames:
        raise CorpusError(path, "metadata has no header row")
    key = next((c for c in ("doc", "id", "file", "filename") if c in reader.fieldnames), None)
    if key is None:
        raise CorpusError(path, "metadata needs a 'doc', 'id' or 'file' column naming each document")
    rows: dict[str, dict] = {}
    for lineno, row in enumerate(reader, start=2):
        doc_id = (row.get(key) or "").strip()
        if not doc_id:
            raise CorpusError(path, f"line {lineno}: empty {key!r}")
        if doc_id.endswith(".txt"):
            doc_id = doc_id[: -len(".txt")]
        if doc_id in rows:
            raise CorpusError(path, f"line {lineno}: duplicate metadata row for {doc_id!r}")
        rows[doc_id] = {k: (v or "").strip() for k, v in row.items() if k != key and k is not None}
    return rows


def _folder_files(root: Path) -> list[tuple[str, Path]]:
    """``(document id, path)`` of every ``.txt`` file under ``root``, in path order."""
    files = sorted(p for p in root.rglob("*.txt") if p.is_file() and not _hidden(p, root))
    if not files:
        raise CorpusError(root, "folder contains no .txt files")
    return [(path.relative_to(root).with_suffix("").as_posix(), path) for path in files]


def _folder_text(path: Path, doc_id: str, seen: dict[str, Path], encoding: str) -> str:
    if doc_id in seen:
        raise CorpusError(path, f"duplicate document id {doc_id!r} (also {seen[doc_id]})")
    return _decode(path, path.read_bytes(), encoding)


def _folder_metadata(root: Path, known: Iterable[str], encoding: str) -> dict[str, dict]:
    """``metadata.csv`` rows by document id (empty without the file); rows must name known documents."""
    meta_path = root / METADATA_FILE
    if not meta_path.exists():
        return {}
    metadata = _read_metadata(meta_path, encoding)
    orphans = sorted(set(metadata) - set(known))
    if orphans:
        raise CorpusError(
            meta_path,
            f"metadata rows for files that do not exist: {', '.join(orphans)}",
        )
    return metadata


def _load_folder(root: Path, encoding: str, skip_bad: bool) -> Corpus:
    skipped: list[SkippedFile] = []
    docs = list(_iter_folder(root, encoding, skip_bad, skipped))
    return Corpus(sorted(docs, key=lambda d: d.id), str(root), skipped)


def _iter_folder(root: Path, encoding: str, skip_bad: bool,
                 skipped: list[SkippedFile] | None) -> Iterator[Document]:
    """:func:`_load_folder` one document at a time (metadata and its checks first)."""
    files = sorted(_folder_files(root), key=lambda f: f[0])  # stable: ties stay in path order
    metadata = _folder_metadata(root, (doc_id for doc_id, _ in files), encoding)
    seen: dict[str, Path] = {}
    for doc_id, path in files:
        try:
            text = _folder_text(path, doc_id, seen, encoding)
        except CorpusError as err:
            if not skip_bad:
                raise
            if skipped is not None:
                skipped.append(SkippedFile(str(path), err.reason))
            continue
        seen[doc_id] = path
        yield Document(doc_id, text, str(path), metadata.get(doc_id, {}))
    if not seen:
        raise CorpusError(root, "no readable documents (all files were skipped)")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


# --------------------------------------------------------------------------
# table files


def _read_table(path: Path, encoding: str) -> list[dict]:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pandas as pd

        try:
            return pd.read_parquet(path).to_dict("records")
        except Exception as err:  # pyarrow raises many types
            raise CorpusError(path, f"cannot read Parquet: {err}") from None
    text = _decode(path, path.read_bytes(), encoding)
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


def _iter_rows(path: Path, encoding: str) -> Iterator[dict]:
    """The rows of a table file one at a time (:func:`_read_table` without the list)."""
    if path.suffix.lower() == ".parquet":
        yield from _parquet_rows(path)
        return
    f, enc = _open_text(path, encoding)
    with f:
        lines = _decoded_lines(path, f, enc)
        if path.suffix.lower() == ".csv":
            yield from _csv_rows(path, lines)
        else:
            yield from _json_rows(path, lines)


def _table_documents(path: Path, rows: Iterable[dict], text_column: str | None, id_column: str | None,
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
            text = _check_text(path, where, row.get(text_col))
        except CorpusError as err:
            if not skip_bad:
                raise
            if skipped is not None:
                skipped.append(SkippedFile(f"{path}#{where}", err.reason))
            continue
        seen[doc_id] = i + 1
        meta = {k: ("" if v is None else str(v)) for k, v in row.items() if k not in (text_col, id_col)}
        yield Document(doc_id, text, f"{path}#{where}", meta)
    if not seen:
        raise CorpusError(path, "no readable documents (all rows were skipped)")


def _load_table(path: Path, encoding: str, text_column: str | None, id_column: str | None,
                skip_bad: bool) -> Corpus:
    skipped: list[SkippedFile] = []
    docs = list(_table_documents(path, _read_table(path, encoding), text_column, id_column,
                                 skip_bad, skipped))
    return Corpus(sorted(docs, key=lambda d: d.id), str(path), skipped)


# --------------------------------------------------------------------------
# entry points


def load_corpus(path: str | Path, *, encoding: str = "utf-8", text_column: str | None = None,
                id_column: str | None = None, skip_bad: bool = False) -> Corpus:
    """Load a folder of ``.txt`` files, one ``.txt`` file, or a CSV/JSONL/Parquet table.

    ``encoding`` may be a comma-separated list tried in order per file
    (``"utf-8,cp1252"`` reads the one Windows-1252 file of the BBC corpus).
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(path, "no such file or folder")
    if path.is_dir():
        return _load_folder(path, encoding, skip_bad)
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return _load_table(path, encoding, text_column, id_column, skip_bad)
    if suffix == ".txt":
        return Corpus([_txt_document(path, encoding)], str(path.parent))
    raise _unsupported(path)


def _txt_document(path: Path, encoding: str) -> Document:
    return Document(path.stem, _decode(path, path.read_bytes(), encoding), str(path))


def _unsupported(path: Path) -> CorpusError:
    suffix = path.suffix.lower()
    return CorpusError(path, f"unsupported file type {suffix or '(none)'!r}: use a folder of .txt files, "
                             ".txt, .csv, .jsonl or .parquet")


def load_corpora(paths, **kwargs) -> Corpus:
    """Load several paths into one corpus; ids must stay unique across them."""
    paths = list(paths)
    if len(paths) == 1:
        return load_corpus(paths[0], **kwargs)
    docs: list[Document] = []
    skipped: list[SkippedFile] = []
    seen: dict[str, str] = {}
    for p in paths:
        part = load_corpus(p, **kwargs)
        skipped.extend(part.skipped)
        for d in part.documents:
            if d.id in seen:
                raise CorpusError(d.source, f"duplicate document id {d.id!r} (also {seen[d.id]})")
            seen[d.id] = d.source
            docs.append(d)
    return Corpus(sorted(docs, key=lambda d: d.id), "", skipped)


def iter_documents(path: str | Path, *, encoding: str = "utf-8", text_column: str | None = None,
                   id_column: str | None = None, skip_bad: bool = False,
                   skipped: list[SkippedFile] | None = None) -> Iterator[Document]:
    """The documents :func:`load_corpus` would load, read one at a time.

    Same arguments, documents (id, text, source, metadata) and errors as
    :func:`load_corpus`; with ``skip_bad=True`` what is left out is appended
    to ``skipped`` (if given) as it is met. A missing path or an unsupported
    file type raises at the call; everything else when iteration reaches it,
    so documents before a bad row or file may already have been yielded.
    "No readable documents" is raised at the end when nothing was yielded.

    Order and memory:

    * a folder of ``.txt`` files: sorted by id, like ``load_corpus``. The
      file list and ``metadata.csv`` are read first (the metadata checks,
      orphan rows included, run before the first document); then one text is
      held at a time.
    * one ``.txt`` file: that document.
    * a table (``.csv``, ``.jsonl``/``.ndjson``, ``.parquet``): **file
      order**, not sorted by id (sorting would need the whole table).
      CSV and JSON Lines are decoded line by line; Parquet is read
      ``1024`` rows at a time. The ids seen so far are kept (one small
      string per document) to refuse duplicate ids.

    A comma list of encodings chooses one encoding per file as
    :func:`load_corpus` does: each but the last is tried on the whole file
    (an extra read of the file) and the first that decodes all of it is
    used. Parquet null cells are read as missing: an empty id, a missing
    text, ``""`` in metadata (``load_corpus`` reads through pandas, which
    makes many of them NaN, i.e. an id or metadata value ``"nan"``).
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(path, "no such file or folder")
    if path.is_dir():
        return _iter_folder(path, encoding, skip_bad, skipped)
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return _table_documents(path, _iter_rows(path, encoding), text_column, id_column,
                                skip_bad, skipped)
    if suffix == ".txt":
        return _iter_txt(path, encoding)
    raise _unsupported(path)


def _iter_txt(path: Path, encoding: str) -> Iterator[Document]:
    yield _txt_document(path, encoding)


@dataclass
class CorpusSource:
    """Where a corpus is and how to read it: iterate to stream it, :meth:`load` to load it.

    Iterating yields :func:`iter_documents` of each path in turn (ids must be
    unique across paths, as in :func:`load_corpora`) and lists what
    ``skip_bad`` left out in ``skipped``, which each new iteration starts
    afresh. Across several paths the ids yielded so far are kept to refuse
    duplicates.
    """

    paths: tuple[str, ...]
    encoding: str = "utf-8"
    text_column: str | None = None
    id_column: str | None = None
    skip_bad: bool = False
    skipped: list[SkippedFile] = field(default_factory=list, compare=False)

    def __post_init__(self):
        if isinstance(self.paths, (str, os.PathLike)):
            self.paths = (str(self.paths),)
        else:
            self.paths = tuple(str(p) for p in self.paths)

    @classmethod
    def of(cls, paths, **kwargs) -> "CorpusSource":
        """A source for one path (``str`` or ``Path``) or a list of them."""
        return cls(paths, **kwargs)

    def __iter__(self) -> Iterator[Document]:
        self.skipped.clear()
        return self._documents(self.skipped)

    def _documents(self, skipped: list[SkippedFile]) -> Iterator[Document]:
        seen: dict[str, str] | None = {} if len(self.paths) > 1 else None
        for p in self.paths:
            for d in iter_documents(p, encoding=self.encoding, text_column=self.text_column,
                                    id_column=self.id_column, skip_bad=self.skip_bad, skipped=skipped):
                if seen is not None:
                    if d.id in seen:
                        raise CorpusError(d.source, f"duplicate document id {d.id!r} (also {seen[d.id]})")
                    seen[d.id] = d.source
                yield d

    def load(self) -> Corpus:
        """The whole corpus in memory: :func:`load_corpora` of the paths."""
        return load_corpora(self.paths, encoding=self.encoding, text_column=self.text_column,
                            id_column=self.id_column, skip_bad=self.skip_bad)
