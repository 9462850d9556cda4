"""A folder of ``.txt`` files (subfolders included), with an optional ``metadata.csv`` beside them.

The document id is the path without ``.txt`` (``business/001``); documents come
sorted by id; metadata rows must name files that exist.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Iterator

from .decode import decode_bytes
from .documents import Corpus, CorpusError, Document, SkippedFile

__all__ = ["METADATA_FILE", "read_metadata", "folder_files", "iter_folder", "load_folder"]

METADATA_FILE = "metadata.csv"


def read_metadata(path: Path, encoding: str) -> dict[str, dict]:
    """Rows of ``metadata.csv`` keyed by document id (column ``doc``, ``id`` or ``file``)."""
    text = decode_bytes(path, path.read_bytes(), encoding)
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


def folder_files(root: Path) -> list[tuple[str, Path]]:
    """``(document id, path)`` of every ``.txt`` file under ``root``, in path order."""
    files = sorted(p for p in root.rglob("*.txt") if p.is_file() and not _hidden(p, root))
    if not files:
        raise CorpusError(root, "folder contains no .txt files")
    return [(path.relative_to(root).with_suffix("").as_posix(), path) for path in files]


def _folder_text(path: Path, doc_id: str, seen: dict[str, Path], encoding: str) -> str:
    if doc_id in seen:
        raise CorpusError(path, f"duplicate document id {doc_id!r} (also {seen[doc_id]})")
    return decode_bytes(path, path.read_bytes(), encoding)


def _folder_metadata(root: Path, known: Iterable[str], encoding: str) -> dict[str, dict]:
    """``metadata.csv`` rows by document id (empty without the file); rows must name known documents."""
    meta_path = root / METADATA_FILE
    if not meta_path.exists():
        return {}
    metadata = read_metadata(meta_path, encoding)
    orphans = sorted(set(metadata) - set(known))
    if orphans:
        raise CorpusError(
            meta_path,
            f"metadata rows for files that do not exist: {', '.join(orphans)}",
        )
    return metadata


def load_folder(root: Path, encoding: str, skip_bad: bool) -> Corpus:
    skipped: list[SkippedFile] = []
    docs = list(iter_folder(root, encoding, skip_bad, skipped))
    return Corpus(sorted(docs, key=lambda d: d.id), str(root), skipped)


def iter_folder(root: Path, encoding: str, skip_bad: bool,
                 skipped: list[SkippedFile] | None) -> Iterator[Document]:
    """:func:`load_folder` one document at a time (metadata and its checks first)."""
    files = sorted(folder_files(root), key=lambda f: f[0])  # stable: ties stay in path order
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
