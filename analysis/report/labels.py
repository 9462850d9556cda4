"""One short label per article, used in every plot, matrix and table of the reports.

The outlet when the metadata names it (and no other article has the same one);
otherwise the article's short number and the first words of its headline, or of
its text when there is no headline: "001 · Kerry holds out hope…". Hash ids
such as ``001_2ea762ec2a6e19ec`` are for files, not readers; the CSVs keep
them beside the label.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping

from ..credits import opening_dateline

__all__ = ["article_labels", "short_ids", "opening_words", "SEPARATOR"]

SEPARATOR = " · "
#: the words part of a label is at most this long (characters, before "…")
MAX_WORDS_CHARS = 26
_LEADING_NUMBER = re.compile(r"^(\d{1,6})(?:[_\-.\s]|$)")
#: words a shortened headline does not end on
_DANGLING = frozenset("a an and as at by for from in into of on or the to with after before "
                      "over under about against despite his her its their our".split())


def short_ids(ids: Iterable[str]) -> dict[str, str]:
    """A short, unique name per document id: its leading number ("001" of
    ``001_2ea762ec2a6e19ec``) when every id has a distinct one, else the file name
    part of the id ("business/001" -> "001") when those are distinct, else the id."""
    ids = list(ids)
    names = {i: i.rsplit("/", 1)[-1] for i in ids}
    numbers = {i: m.group(1) if (m := _LEADING_NUMBER.match(names[i])) else None for i in ids}
    if all(numbers.values()) and len(set(numbers.values())) == len(ids):
        return {i: numbers[i] for i in ids}
    if len(set(names.values())) == len(ids):
        return names
    return {i: i for i in ids}


def opening_words(text: str, max_chars: int = MAX_WORDS_CHARS) -> str:
    """The first words of a headline or text, a dateline left out, cut at a word boundary with
    "…" when there is more: "Kerry holds out hope…"."""
    text = text.strip()
    first = text.split("\n", 1)[0].strip()
    end = opening_dateline(first, 0, len(first))
    if end:
        first = first[end:].strip()
    words = first.split()
    if not words:
        return ""
    kept: list[str] = []
    for word in words:
        if len(" ".join(kept + [word])) > max_chars and kept:
            break
        kept.append(word)
    if len(kept) == len(words):
        return " ".join(kept).rstrip(" ,;:")
    while len(kept) > 1 and kept[-1].lower().strip(",;:.") in _DANGLING:
        kept.pop()
    return " ".join(kept).rstrip(" ,;:—–-") + "…"


def article_labels(documents) -> dict[str, str]:
    """``{doc id: label}`` in corpus order.

    ``documents``: a :class:`~analysis.corpus.Corpus` (or any iterable of
    objects with ``id``, ``metadata`` and ``text``), or a DataFrame with a ``doc``
    column and optionally ``outlet``, ``headline`` and ``text``.
    """
    rows = list(_rows(documents))
    short = short_ids(r[0] for r in rows)
    outlets: dict[str, int] = {}
    for _, meta, _ in rows:
        name = _clean(meta.get("outlet"))
        if name:
            outlets[name] = outlets.get(name, 0) + 1
    labels = {}
    for doc, meta, text in rows:
        outlet = _clean(meta.get("outlet"))
        if outlet and outlets[outlet] == 1:
            labels[doc] = outlet
            continue
        words = opening_words(_clean(meta.get("headline")) or text or "")
        if outlet:
            labels[doc] = f"{outlet}{SEPARATOR}{short[doc]}"
        else:
            labels[doc] = f"{short[doc]}{SEPARATOR}{words}" if words else short[doc]
    seen: dict[str, int] = {}
    for label in labels.values():
        seen[label] = seen.get(label, 0) + 1
    return {doc: (label if seen[label] == 1 or label == short[doc] else f"{label} ({short[doc]})")
            for doc, label in labels.items()}


def _clean(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _rows(documents) -> Iterable[tuple[str, Mapping, str]]:
    if hasattr(documents, "to_dict") and hasattr(documents, "columns"):
        for rec in documents.to_dict("records"):
            yield str(rec["doc"]), rec, rec.get("text") if isinstance(rec.get("text"), str) else ""
        return
    for doc in documents:
        yield doc.id, doc.metadata, doc.text
