"""A corpus in memory: documents with their text as read, and the files left out."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..errors import AnalysisError

__all__ = ["CorpusError", "Document", "SkippedFile", "Corpus"]


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
