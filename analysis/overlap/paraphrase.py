"""Paraphrase: the most similar sentence pairs across articles, by TF-IDF cosine.

Text reuse finds shared word runs; it misses the same fact told in other words
("the Pentagon admitted it may have hit Syrian troops" / "the U.S. military
says it may have unintentionally struck Syrian troops"). Here each sentence is
a bag of content-word lemmas (from the shared spaCy parse, so "killed" and
"kill" meet), weighted by TF-IDF over all sentences of the corpus, and pairs
from *different* articles are ranked by cosine. Pairs that are near-verbatim
copies belong to the text-reuse layer: they are left out by default, or kept
and flagged with ``near_verbatim``. The product is computed in row blocks so
large corpora never hold the full sentence-by-sentence matrix.
"""
from __future__ import annotations

import heapq
from dataclasses import asdict, dataclass
from typing import Mapping

import numpy as np

__all__ = ["Sentence", "SentencePair", "sentences", "paraphrase_pairs", "paraphrase_table",
           "VERBATIM_RATIO"]

#: rapidfuzz ``ratio`` (0-100) on normalised sentences at or above which a pair is near-verbatim
VERBATIM_RATIO = 85.0
_BLOCK = 1024


@dataclass(frozen=True)
class Sentence:
    doc: str
    start: int
    end: int
    text: str
    terms: tuple[str, ...]


@dataclass
class SentencePair:
    """Two sentences of different articles; offsets index each article's text."""

    a: str
    b: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text_a: str
    text_b: str
    cosine: float
    near_verbatim: bool

    def as_dict(self) -> dict:
        return asdict(self)


def _terms(sent) -> tuple[str, ...]:
    return tuple(t.lemma_.lower() for t in sent
                 if t.is_alpha and not t.is_stop and len(t) > 1)


def sentences(parsed: Mapping[str, object], min_words: int = 6, min_terms: int = 4
              ) -> list[Sentence]:
    """Sentences with at least ``min_words`` words and ``min_terms`` distinct content lemmas.

    Short or content-poor sentences ("I don't like doing this at all.") reach a
    cosine of 1.0 on one shared word, so they are left out. Whitespace is trimmed.
    """
    out = []
    for doc_id, doc in parsed.items():
        doc_text = doc.text  # (Doc.text joins every token again on each access)
        for sent in doc.sents:
            words = sum(1 for t in sent if not (t.is_punct or t.is_space))
            if words < min_words:
                continue
            text = sent.text
            start = sent.start_char + (len(text) - len(text.lstrip()))
            end = sent.end_char - (len(text) - len(text.rstrip()))
            terms = _terms(sent)
            if len(set(terms)) >= min_terms:
                out.append(Sentence(doc_id, start, end, doc_text[start:end], terms))
    return out


def _normalise(text: str) -> str:
    return " ".join("".join(ch.lower() if ch.isalnum() else " " for ch in text).split())


def _near_verbatim(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(_normalise(a), _normalise(b)) >= VERBATIM_RATIO


def paraphrase_pairs(parsed: Mapping[str, object], top_k: int = 20, min_cosine: float = 0.3,
                     min_words: int = 6, include_verbatim: bool = False, min_terms: int = 4
                     ) -> list[SentencePair]:
    """The ``top_k`` most similar cross-article sentence pairs with cosine >= ``min_cosine``.

    Same-article pairs are never compared. Near-verbatim pairs are skipped unless
    ``include_verbatim``; then they are kept with ``near_verbatim=True``. Ordered
    by cosine (descending), then by document order and offsets, so output is stable.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    sents = sentences(parsed, min_words, min_terms)
    if len(sents) < 2:
        return []
    order = {doc_id: i for i, doc_id in enumerate(parsed)}
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
    matrix = vectorizer.fit_transform([s.terms for s in sents]).tocsr()
    doc_of = [order[s.doc] for s in sents]
    doc_of = np.asarray(doc_of)
    heap: list[tuple] = []  # (cosine, -i, -j): smallest first, so ties keep the earliest pair
    for lo in range(0, len(sents), _BLOCK):
        block = (matrix[lo:lo + _BLOCK] @ matrix.T).tocoo()
        rows, cols, values = block.row + lo, block.col, block.data
        keep = (cols > rows) & (values >= min_cosine - 1e-12) & (doc_of[rows] != doc_of[cols])
        rows, cols, values = rows[keep], cols[keep], np.round(values[keep], 6)
        for k in np.lexsort((cols, rows, -values)):  # best first: most are then skipped cheaply
            item = (float(values[k]), -int(rows[k]), -int(cols[k]))
            if len(heap) >= top_k and item <= heap[0]:
                continue
            i, j = int(rows[k]), int(cols[k])
            verbatim = _near_verbatim(sents[i].text, sents[j].text)
            if verbatim and not include_verbatim:
                continue
            entry = (*item, verbatim)
            if len(heap) < top_k:
                heapq.heappush(heap, entry)
            else:
                heapq.heapreplace(heap, entry)
    pairs = []
    for cosine, neg_i, neg_j, verbatim in sorted(heap, reverse=True):
        x, y = sents[-neg_i], sents[-neg_j]
        if order[x.doc] > order[y.doc]:
            x, y = y, x
        pairs.append(SentencePair(x.doc, y.doc, x.start, x.end, y.start, y.end, x.text, y.text,
                                  round(cosine, 3), verbatim))
    return pairs


def _identity(terms):
    return terms


def paraphrase_table(pairs):
    """Pairs as a DataFrame, best first."""
    import pandas as pd

    columns = list(SentencePair.__dataclass_fields__)
    return pd.DataFrame([p.as_dict() for p in pairs], columns=columns)
