"""``python -m analysis corpus``: one row per article with its size counts and metadata."""
from __future__ import annotations

from ..corpus_stats import corpus_records
from ..nlp import load_model
from .command import Command


def records(corpus, args):
    rows = corpus_records(corpus, load_model(args.model))
    rows += [{"doc": s.path, "status": f"skipped: {s.reason}"} for s in corpus.skipped]
    return rows


COMMAND = Command("corpus", "per-document table: words, sentences, paragraphs, characters, metadata",
                  records, needs_model=True, default_format="table")
