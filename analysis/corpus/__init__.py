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

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .decode import decode_bytes
from .documents import Corpus, CorpusError, Document, SkippedFile
from .folders import METADATA_FILE, iter_folder, load_folder
from .tables import TABLE_SUFFIXES, load_table, table_documents, iter_rows

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
    "table_documents",
]


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
        return load_folder(path, encoding, skip_bad)
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return load_table(path, encoding, text_column, id_column, skip_bad)
    if suffix == ".txt":
        return Corpus([_txt_document(path, encoding)], str(path.parent))
    raise _unsupported(path)


def _txt_document(path: Path, encoding: str) -> Document:
    return Document(path.stem, decode_bytes(path, path.read_bytes(), encoding), str(path))


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
        return iter_folder(path, encoding, skip_bad, skipped)
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return table_documents(path, iter_rows(path, encoding), text_column, id_column,
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
