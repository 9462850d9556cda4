"""The quote, source, figure and paraphrase layers of source overlap, computed together.

Text reuse (``analysis.overlap.reuse``) compares prose; these layers compare
what the prose is made of: who is quoted, which agencies are credited, which
numbers are given, which facts are retold in other words. They share one parse
and one attribution pass: :func:`analyze` runs everything once and returns a
:class:`Layers`, from which the notebook draws tables and the CLI
(``python -m analysis overlap --layers all``) draws records via :func:`records`.

Record kinds (field names are a public contract):

- ``quote``: one record per (shared-quote cluster, article): ``cluster``,
  ``quote`` (the words all members share), ``doc``, ``start``/``end`` (where
  those words are in that article), ``text`` (that article's whole quote),
  ``attribution`` (direct/indirect/mixed), ``speaker``, ``speaker_type``,
  ``score``, ``n_docs``, ``speakers`` and ``conflict`` (true when the cluster's
  members name different canonical speakers).
- ``source_pair``: one per article pair (above ``ALL_SOURCE_PAIRS_MAX_DOCS``
  articles, per pair sharing a speaker or agency): ``a``, ``b``, ``speaker_jaccard``,
  ``speaker_overlap`` (overlap coefficient), ``shared_speakers``,
  ``agency_jaccard``, ``agency_overlap``, ``shared_agencies`` and set sizes.
- ``figure``: one per number: ``doc``, ``start``, ``end``, ``text``, ``value``,
  ``unit``, ``qualifier``, ``counted``, ``event``, ``agent``, ``key``, ``source``,
  ``source_via``, ``sentence``, ``event_scope`` (incident or total), ``period``,
  ``when``, ``where``, ``group`` (the key and event scope it is compared within, "" when
  not compared), ``differs`` (another article reports the same ``group`` with a
  different statement) and ``conflict`` (two articles' statements in the group cannot
  both be true: "62" and "80", not "62" and "dozens").
- ``paraphrase``: the top sentence pairs of different articles by TF-IDF
  cosine: ``a``, ``b``, ``a_start``, ``a_end``, ``b_start``, ``b_end``,
  ``text_a``, ``text_b``, ``cosine``, ``near_verbatim``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator

from . import numbers as numbers_layer
from . import paraphrase as paraphrase_layer
from . import shared_quotes as quotes_layer
from . import sources as sources_layer
from .reuse import containment_matrix

__all__ = ["Layers", "LayerOptions", "LAYERS", "analyze", "records", "layer_records",
           "containment_matrix", "plot_matrix"]

#: the layer names this module computes, in output order
LAYERS = ("quote", "source_pair", "figure", "paraphrase")
#: up to this many articles every pair gets a ``source_pair`` record; above, only pairs that
#: share a speaker or an agency (2,225 articles would otherwise give 2.5 million records)
ALL_SOURCE_PAIRS_MAX_DOCS = 200


@dataclass(frozen=True)
class LayerOptions:
    """Settings of the paraphrase layer (the others have none a user tunes)."""

    paraphrase_top_k: int = 20  # how many sentence pairs to list
    min_cosine: float = 0.3  # lowest TF-IDF cosine listed
    include_verbatim: bool = False  # keep near-verbatim sentence pairs (flagged)


@dataclass
class Layers:
    """Everything the four layers found in one corpus, in corpus order."""

    doc_ids: list[str]
    texts: dict[str, str]
    attributions: dict
    quote_clusters: list
    speaker_counts: dict[str, Counter]
    agencies: dict[str, list[str]]
    source_pairs: list
    figures: list
    paraphrases: list

    # tables for notebooks -------------------------------------------------------------
    def quotes_table(self):
        return quotes_layer.quotes_table(self.quote_clusters)

    def source_pairs_table(self):
        return sources_layer.source_pairs_table(self.source_pairs)

    def source_matrix(self, measure: str = "speaker_jaccard"):
        return sources_layer.source_matrix(self.source_pairs, self.doc_ids, measure)

    def source_graph(self):
        return sources_layer.source_graph(self.speaker_counts, self.agencies)

    def figures_table(self):
        return numbers_layer.figures_table(self.figures)

    def differing_figures(self):
        return numbers_layer.differing_figures(self.figures)

    def paraphrase_table(self):
        return paraphrase_layer.paraphrase_table(self.paraphrases)

    def summary(self):
        """One row per layer: how much each found."""
        import pandas as pd

        differing = self.differing_figures()
        rows = [
            ("articles", len(self.doc_ids)),
            ("attributions", sum(len(v) for v in self.attributions.values())),
            ("shared quotes (clusters)", len(self.quote_clusters)),
            ("shared quotes with conflicting speakers",
             sum(1 for c in self.quote_clusters if c.conflict)),
            ("article pairs sharing a speaker",
             sum(1 for p in self.source_pairs if p.shared_speakers)),
            ("figures (numbers with context)", len(self.figures)),
            ("quantities reported differently", differing.group.nunique()),
            ("paraphrase pairs listed", len(self.paraphrases)),
        ]
        return pd.DataFrame(rows, columns=["measure", "value"])


def analyze(corpus, parsed: dict | None = None, nlp=None, *, paraphrase_top_k: int = 20,
            min_cosine: float = 0.3, include_verbatim: bool = False,
            min_quote_score: float = quotes_layer.MIN_SCORE, attributions: dict | None = None
            ) -> Layers:
    """Run attribution once (or take ``attributions`` already made), then the four layers."""
    from ..attribution import extract_corpus
    from ..credits import credits
    from ..nlp import parse_corpus

    parsed = parsed if parsed is not None else parse_corpus(corpus, nlp)
    if attributions is None:
        attributions = extract_corpus(corpus, nlp=nlp, parsed=parsed)
    texts = {d.id: d.text for d in corpus}
    order = {d.id: i for i, d in enumerate(corpus)}
    units = quotes_layer.units_from_attributions(attributions, texts)
    clusters = quotes_layer.shared_quotes(units, min_quote_score, order)
    counts = sources_layer.speaker_counts(attributions)
    agencies = sources_layer.agency_names(corpus, credits)
    pairs = sources_layer.source_pairs({d: list(counts.get(d, {})) for d in texts}, agencies,
                                       only_sharing=len(texts) > ALL_SOURCE_PAIRS_MAX_DOCS)
    figures = numbers_layer.corpus_figures(parsed, attributions)
    paraphrases = paraphrase_layer.paraphrase_pairs(parsed, top_k=paraphrase_top_k,
                                                    min_cosine=min_cosine,
                                                    include_verbatim=include_verbatim)
    return Layers(list(texts), texts, attributions, clusters, counts, agencies, pairs, figures,
                  paraphrases)


def _figure_records(layers: Layers) -> Iterator[dict]:
    differing = layers.differing_figures()
    flagged = set(zip(differing.doc, differing.text, differing.group))
    conflicting = set(differing.group[differing.conflict.astype(bool)])
    groups = numbers_layer.figure_groups(layers.figures)
    for fig, group in zip(layers.figures, groups):
        row = fig.as_dict()
        doc = row.pop("doc")
        differs = bool(group) and (doc, fig.text, group) in flagged
        yield {"kind": "figure", "doc": doc, **row, "differs": differs, "group": group,
               "conflict": differs and group in conflicting}


def layer_records(layers: Layers, kinds: Iterable[str] = LAYERS) -> Iterator[dict]:
    """Records of the chosen kinds, in :data:`LAYERS` order."""
    kinds = set(kinds)
    if "quote" in kinds:
        yield from quotes_layer.quote_records(layers.quote_clusters)
    if "source_pair" in kinds:
        for pair in layers.source_pairs:
            yield {"kind": "source_pair", **pair.as_dict()}
    if "figure" in kinds:
        yield from _figure_records(layers)
    if "paraphrase" in kinds:
        for pair in layers.paraphrases:
            yield {"kind": "paraphrase", **pair.as_dict()}


def records(corpus, *, nlp=None, model: str | None = None, options: LayerOptions | None = None
            ) -> Iterator[dict]:
    """Parse with ``nlp`` or ``model`` (cached), run the layers, yield their records."""
    from ..nlp import load_model, parse_corpus

    nlp = nlp if nlp is not None else load_model(model)
    options = options or LayerOptions()
    layers = analyze(corpus, parse_corpus(corpus, nlp), nlp,
                     paraphrase_top_k=options.paraphrase_top_k, min_cosine=options.min_cosine,
                     include_verbatim=options.include_verbatim)
    yield from layer_records(layers)


def plot_matrix(matrix, labels: dict[str, str] | None = None, title: str = "",
                colorbar: str = "", vmax: float | None = None):
    """Heatmap of an article-by-article matrix with the values written in the cells."""
    import matplotlib.pyplot as plt
    import numpy as np

    labels = labels or {}
    names = [labels.get(d, d) for d in matrix.index]
    values = matrix.to_numpy(dtype=float)
    off = values[~np.eye(len(values), dtype=bool)] if len(values) > 1 else values.ravel()
    top = vmax if vmax is not None else max(0.05, float(off.max()) if off.size else 1.0)
    size = 1.2 + 0.55 * len(names)
    fig, ax = plt.subplots(figsize=(size + 1.5, size))
    image = ax.imshow(np.where(np.eye(len(values), dtype=bool), np.nan, values), cmap="Blues",
                      vmin=0.0, vmax=top)
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    if len(names) <= 20:
        for i in range(len(names)):
            for j in range(len(names)):
                if i != j:
                    ax.text(j, i, f"{values[i, j]:.2f}", ha="center", va="center", fontsize=7,
                            color="white" if values[i, j] > 0.6 * top else "black")
    fig.colorbar(image, ax=ax, label=colorbar, shrink=0.8)
    ax.set_title(title)
    return fig
