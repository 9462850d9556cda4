"""Per-article and corpus-wide attribution figures: rates, shares, speaker diversity, quoted words.

The figures count speech attributions by default (``classes``): a reader asking "who gets to speak"
must not have beliefs ("X thinks", "X wants") or evidence ("the poll shows") mixed in silently.
Every row also says how many attributions there were of each class, and the thought and evidence
shares of all of them, so nothing left out of the figures is hidden.
"""
from __future__ import annotations

import math
from collections import Counter

from .. import speakers as spk
from ..corpus import Corpus
from ..credits import credits
from ..nlp import parse_corpus
from ..quotes import quote_spans
from .extract import extract_corpus
from .classes import CUE_CLASSES
from .records import KINDS, Attribution
from .tables import outlet


def _words(doc) -> list:
    return [t for t in doc if not (t.is_punct or t.is_space)]


def quoted_words(doc) -> tuple[int, int]:
    """(words, words inside direct quotes) of a parsed article; scare quotes do not count."""
    words = _words(doc)
    quoted = [q for q in quote_spans(doc.text) if not q.is_scare]
    return len(words), sum(1 for t in words if any(q.start <= t.idx < q.end for q in quoted))


#: the cue classes the figures count unless told otherwise
DEFAULT_CLASSES = ("speech",)


def of_classes(attributions: dict, classes: tuple[str, ...] = DEFAULT_CLASSES) -> dict:
    """``{doc: [Attribution]}`` keeping the attributions whose ``cue_class`` is in ``classes``."""
    return {doc: [a for a in atts if a.cue_class in classes] for doc, atts in attributions.items()}


def metrics_row(doc_id: str, outlet: str, words: int, in_quote: int, atts: list[Attribution],
                top: int = 3, classes: tuple[str, ...] = DEFAULT_CLASSES) -> dict:
    """One row of :func:`article_metrics` from an article's counts and (merged) attributions: the
    figures over the attributions whose ``cue_class`` is in ``classes``, the counts of every class."""
    by_class = Counter(a.cue_class for a in atts)
    every = len(atts)
    atts = [a for a in atts if a.cue_class in classes]
    n = len(atts)
    kinds = Counter(a.kind for a in atts)
    types = Counter(a.speaker_type for a in atts)
    named = sum(1 for a in atts if a.speaker and a.speaker_type not in ("anonymous", "unknown"))
    speakers = Counter(a.speaker for a in atts if a.speaker)
    total = sum(speakers.values())
    diversity = -sum(c / total * math.log(c / total) for c in speakers.values()) if total else 0.0
    row = {
        "doc": doc_id,
        "outlet": outlet,
        "words": words,
        "attributions": n,
        "per_1000_words": round(1000 * n / words, 2) if words else 0.0,
    }
    for kind in KINDS:
        row[f"share_{kind}"] = round(kinds[kind] / n, 3) if n else 0.0
    row["share_named"] = round(named / n, 3) if n else 0.0
    row["share_anonymous"] = round(types["anonymous"] / n, 3) if n else 0.0
    row["distinct_speakers"] = len(speakers)
    for t in spk.SPEAKER_TYPES:
        row[f"type_{t.replace(' ', '_')}"] = round(types[t] / n, 3) if n else 0.0
    row["source_diversity"] = round(diversity, 3)
    row["quoted_word_share"] = round(in_quote / words, 3) if words else 0.0
    row["top_speakers"] = "; ".join(f"{s} ({c})" for s, c in
                                    sorted(speakers.items(), key=lambda x: (-x[1], x[0]))[:top])
    row["counted_classes"] = "+".join(classes)
    row["all_attributions"] = every
    for cls in CUE_CLASSES:
        row[f"{cls}_attributions"] = by_class[cls]
    row["share_thought"] = round(by_class["thought"] / every, 3) if every else 0.0
    row["share_evidence"] = round(by_class["evidence"] / every, 3) if every else 0.0
    return row


def article_metrics(corpus: Corpus, nlp=None, parsed: dict | None = None,
                    attributions: dict | None = None, top: int = 3,
                    classes: tuple[str, ...] = DEFAULT_CLASSES):
    """Per-article attribution metrics, one row per article, over the attributions of ``classes``
    (speech by default; pass ``CUE_CLASSES`` for all) with every class's count beside them.

    Attributions per 1,000 words; shares by kind; share named vs anonymous;
    distinct speakers; share of each speaker type; a Shannon diversity index
    of speakers (natural log, 0 when one speaker); the share of the article's
    words inside direct quotes; the most-cited speakers.
    """
    import pandas as pd

    parsed = parsed if parsed is not None else parse_corpus(corpus, nlp)
    attributions = attributions if attributions is not None else extract_corpus(corpus, parsed=parsed)
    rows = []
    for d in corpus:
        words, in_quote = quoted_words(parsed[d.id])
        rows.append(metrics_row(d.id, outlet(d), words, in_quote, attributions.get(d.id, []), top,
                                classes))
    return pd.DataFrame(rows)


def corpus_summary(corpus: Corpus, attributions: dict):
    """A few corpus-wide figures: attributions by kind, speakers, named share."""
    import pandas as pd

    atts = [a for d in corpus for a in attributions.get(d.id, [])]
    kinds = Counter(a.kind for a in atts)
    speakers = {a.speaker for a in atts if a.speaker}
    named = sum(1 for a in atts if a.speaker and a.speaker_type not in ("anonymous", "unknown"))
    rows = [("articles", len(corpus)), ("attributions", len(atts))]
    rows += [(f"{kind} attributions", kinds[kind]) for kind in KINDS]
    classes = Counter(a.cue_class for a in atts)
    rows += [(f"{cls} attributions", classes[cls]) for cls in CUE_CLASSES]
    rows += [("distinct speakers", len(speakers)),
             ("share with a named speaker", round(named / len(atts), 3) if atts else 0.0),
             ("credits found", sum(len(credits(d.text)) for d in corpus))]
    return pd.DataFrame({"figure": [r[0] for r in rows],
                         "value": pd.Series([r[1] for r in rows], dtype=object)})
