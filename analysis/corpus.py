"""Load a corpus of news articles exactly as written.

A corpus is a folder of ``.txt`` files (subfolders included, an optional
``metadata.csv`` beside them) or one table file (CSV, JSON Lines, Parquet)
with a text column. Text is kept byte-for-byte as decoded (only a leading
BOM is removed) because every character offset the package reports points
into it.

Bad input raises :class:`CorpusError` naming the file and the reason. With
``skip_bad=True`` bad files are left out and listed in ``Corpus.skipped``
instead, so nothing disappears without a trace.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .errors import AnalysisError

__all__ = [
    "CorpusError",
    "Document",
    "Corpus",
    "SkippedFile",
    "load_corpus",
    "load_corpora",
    "METADATA_FILE",
]

METADATA_FILE = "metadata.csv"
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet"}
TEXT_COLUMNS = ("text", "body", "content", "article")
ID_COLUMNS = ("id", "doc", "doc_id", "document", "filename", "file")
_BINARY_SNIFF = 8192


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
    encodings = [e.strip() for e in encoding.split(",") if e.strip()]
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
            raise CorpusError(
                path,
                f"bytes are not valid {enc} at byte {err.start} (line {line}, column {column}: "
                f"0x{bad}); pass encoding= (--encoding on the command line) to read another "
                f"encoding, or a comma list tried in order such as 'utf-8,cp1252'",
            ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise CorpusError(path, "file contains only whitespace")
    return text


def _check_text(path: Path | str, where: str, text) -> str:
    if text is None or (isinstance(text, float) and text != text):
        raise CorpusError(path, f"{where}: text is missing")
    if not isinstance(text, str):
        raise CorpusError(path, f"{where}: text is not a string ({type(text).__name__})")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
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


def _load_folder(root: Path, encoding: str, skip_bad: bool) -> Corpus:
    files = sorted(p for p in root.rglob("*.txt") if p.is_file() and not _hidden(p, root))
    if not files:
        raise CorpusError(root, "folder contains no .txt files")
    docs: list[Document] = []
    skipped: list[SkippedFile] = []
    seen: dict[str, Path] = {}
    for path in files:
        doc_id = path.relative_to(root).with_suffix("").as_posix()
        try:
            if doc_id in seen:
                raise CorpusError(path, f"duplicate document id {doc_id!r} (also {seen[doc_id]})")
            text = _decode(path, path.read_bytes(), encoding)
        except CorpusError as err:
            if not skip_bad:
                raise
            skipped.append(SkippedFile(str(path), err.reason))
            continue
        seen[doc_id] = path
        docs.append(Document(doc_id, text, str(path)))
    metadata = {}
    meta_path = root / METADATA_FILE
    if meta_path.exists():
        metadata = _read_metadata(meta_path, encoding)
        known = {d.id for d in docs} | {
            Path(s.path).relative_to(root).with_suffix("").as_posix() for s in skipped
        }
        orphans = sorted(set(metadata) - known)
        if orphans:
            raise CorpusError(
                meta_path,
                f"metadata rows for files that do not exist: {', '.join(orphans)}",
            )
        docs = [Document(d.id, d.text, d.source, metadata.get(d.id, {})) for d in docs]
    if not docs:
        raise CorpusError(root, "no readable documents (all files were skipped)")
    return Corpus(sorted(docs, key=lambda d: d.id), str(root), skipped)


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
        reader = csv.DictReader(text.splitlines(keepends=True))
        try:
            return [dict(r) for r in reader]
        except csv.Error as err:
            raise CorpusError(path, f"malformed CSV: {err}") from None
    rows = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(path, f"line {lineno}: not valid JSON ({err.msg})") from None
        if not isinstance(row, dict):
            raise CorpusError(path, f"line {lineno}: expected a JSON object")
        rows.append(row)
    return rows


def _load_table(path: Path, encoding: str, text_column: str | None, id_column: str | None,
                skip_bad: bool) -> Corpus:
    rows = _read_table(path, encoding)
    if not rows:
        raise CorpusError(path, "table has no rows")
    columns = list(rows[0].keys())
    text_col = text_column or next((c for c in TEXT_COLUMNS if c in columns), None)
    if text_col is None or text_col not in columns:
        raise CorpusError(path, f"no text column (looked for {text_column or ', '.join(TEXT_COLUMNS)}; "
                                f"found {', '.join(map(str, columns))}); pass text_column=")
    id_col = id_column or next((c for c in ID_COLUMNS if c in columns), None)
    if id_column and id_column not in columns:
        raise CorpusError(path, f"no id column {id_column!r}")
    docs, skipped, seen = [], [], {}
    for i, row in enumerate(rows):
        where = f"row {i + 1}"
        doc_id = str(row[id_col]).strip() if id_col else str(i + 1)
        try:
            if id_col and (row[id_col] is None or not doc_id):
                raise CorpusError(path, f"{where}: empty id")
            if doc_id in seen:
                raise CorpusError(path, f"{where}: duplicate document id {doc_id!r} (also row {seen[doc_id]})")
            text = _check_text(path, where, row.get(text_col))
        except CorpusError as err:
            if not skip_bad:
                raise
            skipped.append(SkippedFile(f"{path}#{where}", err.reason))
            continue
        seen[doc_id] = i + 1
        meta = {k: ("" if v is None else str(v)) for k, v in row.items() if k not in (text_col, id_col)}
        docs.append(Document(doc_id, text, f"{path}#{where}", meta))
    if not docs:
        raise CorpusError(path, "no readable documents (all rows were skipped)")
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
        text = _decode(path, path.read_bytes(), encoding)
        return Corpus([Document(path.stem, text, str(path))], str(path.parent))
    raise CorpusError(path, f"unsupported file type {suffix or '(none)'!r}: use a folder of .txt files, "
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
