"""The reports' figures, each with the alternative text that says what it shows in words.

Every function returns ``(figure, alt)``; :meth:`analysis.report.Run.save_figure`
saves the figure beside its CSV and shows it with ``alt`` as the image's
alternative text. Articles are named by their labels
(:func:`analysis.report.labels.article_labels`), never by ids.
"""
from __future__ import annotations

from typing import Mapping

__all__ = ["words_per_article", "readability_intervals", "paragraph_spread", "source_type_mix",
           "article_matrix", "source_network", "share_text"]

#: at most this many items are named one by one in an alt text
ALT_ITEMS = 8


def _listing(items: list[str]) -> str:
    shown = items[:ALT_ITEMS]
    rest = len(items) - len(shown)
    text = "; ".join(shown)
    return text + (f"; and {rest} more" if rest > 0 else "")


def share_text(value: float) -> str:
    """A share (0-1) as a matrix cell reads it: "0", "0.2%", "1.4%", "75%"."""
    pct = 100 * float(value)
    if pct == 0:
        return "0"
    if pct < 10:
        return f"{pct:.1f}%"
    return f"{pct:.0f}%"


def words_per_article(table, labels: Mapping[str, str]):
    """Horizontal bars: words per article, in corpus order."""
    import matplotlib.pyplot as plt

    names = [labels.get(d, d) for d in table["doc"]]
    fig, ax = plt.subplots(figsize=(8, 0.5 + 0.4 * len(table)))
    ax.barh(names, table["words"], color="#4c72b0")
    ax.invert_yaxis()
    ax.set_xlabel("words")
    alt = ("Bar chart of the number of words in each article: "
           + _listing([f"{n} {int(w):,}" for n, w in zip(names, table["words"])]) + ".")
    return fig, alt


def readability_intervals(table, labels: Mapping[str, str],
                          scores=("flesch_kincaid_grade", "dale_chall")):
    """Each article's score and 95% interval, one panel per score, articles in label order."""
    import matplotlib.pyplot as plt

    from ..readability import SCORE_LABELS

    frame = table.assign(label=table["doc"].map(lambda d: labels.get(d, d))).sort_values("label")
    fig, axes = plt.subplots(1, len(scores), figsize=(10, 0.5 * len(frame) + 1.5), sharey=True)
    axes = list(axes) if len(scores) > 1 else [axes]
    parts = []
    for ax, name in zip(axes, scores):
        low = frame[name] - frame[f"{name}_ci_low"]
        high = frame[f"{name}_ci_high"] - frame[name]
        ax.errorbar(frame[name], frame["label"], xerr=[low, high], fmt="o", capsize=3)
        ax.set_xlabel(SCORE_LABELS[name])
        ranked = frame.dropna(subset=[name]).sort_values(name)
        if len(ranked):
            lo, hi = ranked.iloc[0], ranked.iloc[-1]
            parts.append(f"{SCORE_LABELS[name]} runs from {lo[name]:.1f} ({lo['label']}) to "
                         f"{hi[name]:.1f} ({hi['label']})")
    axes[0].invert_yaxis()
    alt = ("Dot plot with 95% interval bars, one row per article. " + "; ".join(parts) + ".")
    return fig, alt


def paragraph_spread(paragraphs, labels: Mapping[str, str], score: str = "flesch_kincaid_grade"):
    """Box plot of a score over each article's paragraphs."""
    import matplotlib.pyplot as plt

    frame = paragraphs.assign(label=paragraphs["doc"].map(lambda d: labels.get(d, d)))
    groups = [(name, values.dropna()) for name, values in frame.groupby("label", sort=True)[score]]
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(groups) + 1.5))
    ax.boxplot([values for _, values in groups], orientation="horizontal")
    ax.set_yticks(range(1, len(groups) + 1), [name for name, _ in groups])
    ax.invert_yaxis()
    ax.set_xlabel("Flesch-Kincaid grade of each paragraph")
    alt = ("Box plot of the Flesch-Kincaid grade of each paragraph, one box per article: "
           + _listing([f"{name} median {values.median():.1f}, from {values.min():.1f} to "
                       f"{values.max():.1f}" for name, values in groups if len(values)]) + ".")
    return fig, alt


def source_type_mix(mix, max_rows: int = 40):
    """Stacked bars: the share of each outlet's attributions by speaker type (rows sum to 1)."""
    import matplotlib.pyplot as plt

    shown = mix.head(max_rows)
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(shown) + 1.5))
    shown.plot.barh(stacked=True, ax=ax, colormap="tab10", width=0.8)
    ax.set_xlabel("share of attributions")
    ax.set_ylabel("")
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _: f"{100 * x:.0f}%")
    ax.invert_yaxis()
    ax.legend(title="speaker type", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    items = []
    for name, row in shown.iterrows():
        row = row[row > 0].sort_values(ascending=False)
        if len(row):
            items.append(f"{name} mostly {row.index[0]} ({share_text(row.iloc[0])})")
    alt = "Stacked bar chart of the share of attributions by speaker type, per article: " + \
        _listing(items) + "."
    return fig, alt


def article_matrix(matrix, labels: Mapping[str, str], title: str, colorbar: str,
                   vmax: float = 1.0, what: str = "value"):
    """Heatmap of an article-by-article matrix of shares (0-1), on a fixed 0 to ``vmax`` scale,
    each cell written as a percentage ("1.4%", not "0.01"); the diagonal left blank."""
    import matplotlib.pyplot as plt
    import numpy as np

    names = [labels.get(d, d) for d in matrix.index]
    values = matrix.to_numpy(dtype=float)
    n = len(values)
    off = ~np.eye(n, dtype=bool)
    size = 1.6 + 0.75 * n
    fig, ax = plt.subplots(figsize=(size + 2.5, size))
    image = ax.imshow(np.where(off, values, np.nan), cmap="Blues", vmin=0.0, vmax=vmax)
    ax.set_xticks(range(n), names, rotation=35, ha="right", fontsize=8)
    ax.set_yticks(range(n), names, fontsize=8)
    if n <= 20:
        for i in range(n):
            for j in range(n):
                if i != j:
                    ax.text(j, i, share_text(values[i, j]), ha="center", va="center", fontsize=7,
                            color="white" if values[i, j] > 0.6 * vmax else "black")
    bar = fig.colorbar(image, ax=ax, label=colorbar, shrink=0.8)
    bar.ax.yaxis.set_major_formatter(lambda x, _: f"{100 * x:.0f}%")
    ax.set_title(title)
    if n > 1 and off.any():
        i, j = np.unravel_index(np.where(off, values, -1).argmax(), values.shape)
        top = f"the highest is {names[i]} with {names[j]}: {share_text(values[i, j])}"
    else:
        top = "there is only one article"
    alt = (f"Heatmap of the {what} between every pair of the {n} articles, on a scale of 0 to "
           f"{100 * vmax:.0f}%; {top}.")
    return fig, alt


def source_network(graph, labels: Mapping[str, str]):
    """The articles-to-sources network (:func:`analysis.overlap.sources.plot_source_network`)."""
    from ..overlap.sources import plot_source_network

    fig = plot_source_network(graph, labels)
    shared = sorted(((graph.degree(n), d["label"]) for n, d in graph.nodes(data=True)
                     if d.get("bipartite") == 1 and graph.degree(n) > 1), key=lambda x: (-x[0], x[1]))
    sources = sum(1 for _, d in graph.nodes(data=True) if d.get("bipartite") == 1)
    if shared:
        text = "shared by more than one article: " + _listing([f"{name} ({k} articles)"
                                                              for k, name in shared])
    else:
        text = "no source is shared by two articles"
    alt = (f"Network linking each article, on the left, to the {sources} sources it quotes or "
           f"credits, on the right; {text}.")
    return fig, alt
