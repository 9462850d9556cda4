"""What identifies a batch: its documents, the code, the model and the options.

A finished batch is reused only when its key still matches, so a re-run after
a code change, a model change or an edited article recomputes exactly the
batches that could differ.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from ..corpus import Document
from ..errors import AnalysisError
from ..nlp import DEFAULT_MODEL

__all__ = ["Options", "batches", "code_fingerprint", "batch_key", "model_signature"]

#: the ``analysis`` package folder, whose code and data every key covers
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Options:
    """What changes a batch's results (and therefore its key)."""

    model: str | None = None
    batch_size: int = 64
    readability_ci: bool = True
    parse_cache: bool = True
    #: also the readability tables the notebooks show (``batch.REPORT_TABLES``)
    report_tables: bool = False

    def __post_init__(self):
        if self.batch_size < 1:
            raise AnalysisError(f"batch size must be at least 1, got {self.batch_size}")


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of ``size`` documents (the last may be shorter)."""
    batch: list[Document] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's code and data: a batch computed by other code is not reused."""
    h = hashlib.sha256()
    for path in sorted(p for p in PACKAGE_ROOT.rglob("*") if p.is_file()
                       and p.suffix in (".py", ".json", ".txt") and "__pycache__" not in p.parts):
        h.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def batch_key(docs: list[Document], model_signature: str, options: Options) -> str:
    h = hashlib.sha256()
    h.update(code_fingerprint().encode())
    h.update(model_signature.encode())
    # the parse cache has no effect on output; report tables only add tables (a batch that has
    # them serves a run without), so neither changes the key
    settings = {k: v for k, v in asdict(options).items() if k not in ("parse_cache", "report_tables")}
    h.update(json.dumps(settings, sort_keys=True).encode())
    for d in docs:
        h.update(json.dumps([d.id, d.metadata], sort_keys=True, ensure_ascii=False).encode())
        h.update(hashlib.sha256(d.text.encode("utf-8")).digest())
    return h.hexdigest()


@lru_cache(maxsize=8)
def model_signature(name: str | None) -> str:
    """Name, version and components of a pipeline, read from its ``meta.json`` without loading it."""
    import spacy.util

    name = name or DEFAULT_MODEL
    path = Path(name)
    if not path.exists():
        try:
            path = spacy.util.get_package_path(name)
        except Exception:
            raise AnalysisError(f"cannot load spaCy pipeline {name!r}: not an installed package "
                                "or a pipeline folder") from None
    metas = [path / "meta.json"] + sorted(path.glob("*/meta.json"))
    meta_path = next((m for m in metas if m.exists()), None)
    if meta_path is None:
        raise AnalysisError(f"cannot load spaCy pipeline {name!r}: no meta.json in {path}")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}-{'+'.join(meta.get('pipeline', []))}"
