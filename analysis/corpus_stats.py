"""Per-article size table: words, sentences, paragraphs, characters, plus metadata.

Words and sentences come from the spaCy parse (shared, cached) so they match
what the attribution layer sees; paragraphs from :func:`analysis.text.paragraph_spans`.
"""
from __future__ import annotations

from .corpus import Corpus
from .schema import METADATA_COLUMNS
from .nlp import parse_corpus
from .text import paragraph_spans

__all__ = ["doc_stats", "corpus_records", "corpus_table", "summary"]


def doc_stats(doc) -> dict:
    """Counts for one parsed article: words are non-punctuation, non-space tokens."""
    return {
        "words": sum(1 for t in doc if not (t.is_punct or t.is_space)),
        "sentences": sum(1 for s in doc.sents if s.text.strip()),
        "paragraphs": len(paragraph_spans(doc.text)),
        "characters": len(doc.text),
    }


def corpus_records(corpus: Corpus, nlp=None, parsed: dict | None = None) -> list[dict]:
    parsed = parsed if parsed is not None else parse_corpus(corpus, nlp)
    rows = []
    for d in corpus:
        row = {"doc": d.id, **doc_stats(parsed[d.id])}
        for key in METADATA_COLUMNS:
            if key in d.metadata:
                row[key] = d.metadata[key]
        for key, value in d.metadata.items():
            row.setdefault(key, value)
        rows.append(row)
    return rows


def corpus_table(corpus: Corpus, nlp=None, parsed: dict | None = None):
    """The per-document table as a DataFrame (one row per article, sorted by id)."""
    import pandas as pd

    return pd.DataFrame(corpus_records(corpus, nlp, parsed))


def summary(table, skipped: int = 0) -> str:
    """One plain-words paragraph about the corpus, for the top of a report."""
    if table.empty:
        return "The corpus is empty."
    longest = table.loc[table["words"].idxmax()]
    shortest = table.loc[table["words"].idxmin()]
    text = (f"{len(table)} articles, {int(table['words'].sum()):,} words in "
            f"{int(table['sentences'].sum()):,} sentences and {int(table['paragraphs'].sum()):,} "
            f"paragraphs. The longest is {longest['doc']} ({int(longest['words']):,} words), the "
            f"shortest {shortest['doc']} ({int(shortest['words']):,} words); the median article has "
            f"{int(table['words'].median()):,} words.")
    if skipped:
        text += f" {skipped} file(s) could not be read and were skipped (listed below)."
    return text

