"""Shared sources: which articles rely on the same people, institutions and agencies.

Per article we take the set of canonical speakers (resolved across the corpus
by the attribution layer, so "Kerry" and "Secretary of State John Kerry" are
one source) and the set of credited agencies (AP, AFP, Reuters credit lines).
Per article pair we report the Jaccard index |A∩B| / |A∪B| and the overlap
coefficient |A∩B| / min(|A|, |B|); the latter is 1.0 when a short article's
sources are all in a longer one, which Jaccard hides. Both are 0.0 when either
set is empty (nothing shared, rather than undefined). The article-by-source
bipartite graph (networkx) shows which sources tie the coverage together.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Callable, Iterable, Mapping

__all__ = [
    "SourcePair",
    "jaccard",
    "overlap_coefficient",
    "speaker_counts",
    "source_sets",
    "agency_names",
    "AGENCY_KINDS",
    "source_pairs",
    "source_pairs_table",
    "source_matrix",
    "source_graph",
    "plot_source_network",
]


@dataclass
class SourcePair:
    """Overlap of two articles' speakers and credited agencies."""

    a: str
    b: str
    n_speakers_a: int
    n_speakers_b: int
    shared_speakers: list[str]
    speaker_jaccard: float
    speaker_overlap: float
    agencies_a: list[str]
    agencies_b: list[str]
    shared_agencies: list[str]
    agency_jaccard: float
    agency_overlap: float

    def as_dict(self) -> dict:
        return asdict(self)


def jaccard(a: Iterable, b: Iterable) -> float:
    """|A∩B| / |A∪B|; 0.0 when both are empty."""
    a, b = set(a), set(b)
    union = a | b
    return round(len(a & b) / len(union), 4) if union else 0.0


def overlap_coefficient(a: Iterable, b: Iterable) -> float:
    """|A∩B| / min(|A|, |B|) (Szymkiewicz-Simpson); 0.0 when either is empty."""
    a, b = set(a), set(b)
    smaller = min(len(a), len(b))
    return round(len(a & b) / smaller, 4) if smaller else 0.0


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def speaker_counts(attributions: Mapping[str, list], skip_types: Iterable[str] = ("unknown",)
                   ) -> dict[str, Counter]:
    """Per article, how many attributions name each canonical speaker (unnamed ones skipped)."""
    skip = {s.casefold() for s in skip_types}
    out: dict[str, Counter] = {}
    for doc_id, atts in attributions.items():
        counts: Counter = Counter()
        for att in atts:
            speaker = str(getattr(att, "speaker", "") or "").strip()
            kind = str(getattr(att, "speaker_type", "") or "").casefold()
            if speaker and kind not in skip:
                counts[" ".join(speaker.split())] += 1
        out[doc_id] = counts
    return out


def source_sets(names_by_doc: Mapping[str, Iterable[str]]) -> dict[str, dict[str, str]]:
    """Per article, case-insensitive key -> first spelling seen, so sets compare by key."""
    out = {}
    for doc_id, names in names_by_doc.items():
        keyed: dict[str, str] = {}
        for name in names:
            if str(name).strip():
                keyed.setdefault(_key(str(name)), " ".join(str(name).split()))
        out[doc_id] = keyed
    return out


#: credit kinds (``analysis.credits``) that name an agency the article draws on; a dateline names a
#: place (its agency code, "BEIRUT (AP) —", is an ``agency`` credit of its own)
AGENCY_KINDS = ("agency", "contributor")


def agency_names(docs: Iterable, credits: Callable, kinds: Iterable[str] = AGENCY_KINDS
                 ) -> dict[str, list[str]]:
    """Credited agencies per article from ``credits(document)``.

    Items may be strings or credit objects with ``name`` and ``kind``; objects
    whose kind is not in ``kinds`` (bylines, licences, image credits) are left out.
    """
    kinds = set(kinds)
    out = {}
    for document in docs:
        names = []
        for item in credits(document) or ():
            if isinstance(item, str):
                names.append(item)
            elif getattr(item, "kind", None) in kinds and getattr(item, "name", ""):
                names.append(str(item.name))
        out[document.id] = sorted(set(names))
    return out


def _sharing_pairs(sets: list[dict], order: list[str]) -> set[tuple[int, int]]:
    """Index pairs of articles with at least one key in common (inverted index)."""
    holders: dict[str, list[int]] = {}
    for keyed in sets:
        for i, doc in enumerate(order):
            for key in keyed.get(doc, {}):
                holders.setdefault(key, []).append(i)
    return {pair for docs in holders.values() for pair in combinations(sorted(set(docs)), 2)}


def source_pairs(speakers: Mapping[str, Iterable[str]],
                 agencies: Mapping[str, Iterable[str]] | None = None,
                 only_sharing: bool = False) -> list[SourcePair]:
    """Article pairs (in the order of ``speakers``) with speaker and agency overlap.

    Every pair by default; with ``only_sharing`` only pairs that share a speaker
    or an agency (found through an inverted index, so large corpora stay cheap).
    """
    speaker_sets = source_sets(speakers)
    agency_sets = source_sets(agencies or {})
    order = list(speaker_sets)
    if only_sharing:
        todo = sorted(_sharing_pairs([speaker_sets, agency_sets], order))
    else:
        todo = list(combinations(range(len(order)), 2))
    pairs = []
    for i, j in todo:
        a, b = order[i], order[j]
        sa, sb = speaker_sets[a], speaker_sets[b]
        ga, gb = agency_sets.get(a, {}), agency_sets.get(b, {})
        pairs.append(SourcePair(
            a=a, b=b, n_speakers_a=len(sa), n_speakers_b=len(sb),
            shared_speakers=sorted(sa[k] for k in sa.keys() & sb.keys()),
            speaker_jaccard=jaccard(sa, sb), speaker_overlap=overlap_coefficient(sa, sb),
            agencies_a=sorted(ga.values()), agencies_b=sorted(gb.values()),
            shared_agencies=sorted(ga[k] for k in ga.keys() & gb.keys()),
            agency_jaccard=jaccard(ga, gb), agency_overlap=overlap_coefficient(ga, gb),
        ))
    return pairs


def source_pairs_table(pairs: Iterable[SourcePair]):
    """Pairs as a DataFrame; list columns joined with " | " for display and CSV."""
    import pandas as pd

    columns = list(SourcePair.__dataclass_fields__)
    frame = pd.DataFrame([p.as_dict() for p in pairs], columns=columns)
    for column in ("shared_speakers", "agencies_a", "agencies_b", "shared_agencies"):
        frame[column] = frame[column].map(" | ".join)
    return frame


def source_matrix(pairs: Iterable[SourcePair], docs: list[str], measure: str = "speaker_jaccard"):
    """Square article-by-article matrix of one measure (diagonal 1.0)."""
    import pandas as pd

    matrix = pd.DataFrame(0.0, index=docs, columns=docs)
    for doc in docs:
        matrix.loc[doc, doc] = 1.0
    for pair in pairs:
        value = getattr(pair, measure)
        matrix.loc[pair.a, pair.b] = matrix.loc[pair.b, pair.a] = value
    return matrix


def source_graph(counts: Mapping[str, Counter],
                 agencies: Mapping[str, Iterable[str]] | None = None):
    """Bipartite networkx graph: article nodes (``bipartite=0``) to source nodes (``bipartite=1``).

    Edge ``weight`` is the number of attributions to that source in that
    article; a credited agency is an edge of weight 1 with ``kind="agency"``.
    """
    import networkx as nx

    graph = nx.Graph()
    for doc_id in counts:
        graph.add_node(("doc", doc_id), bipartite=0, label=doc_id, kind="article")
    for doc_id, counter in counts.items():
        for speaker, n in sorted(counter.items()):
            node = ("source", _key(speaker))
            if node not in graph:
                graph.add_node(node, bipartite=1, label=speaker, kind="source")
            graph.add_edge(("doc", doc_id), node, weight=n, kind="speaker")
    for doc_id, names in (agencies or {}).items():
        for name in sorted(set(names)):
            node = ("source", _key(name))
            if node not in graph:
                graph.add_node(node, bipartite=1, label=name, kind="agency")
            if not graph.has_edge(("doc", doc_id), node):
                graph.add_edge(("doc", doc_id), node, weight=1, kind="agency")
    return graph


def plot_source_network(graph, labels: Mapping[str, str] | None = None, min_articles: int = 1):
    """Draw the bipartite graph: articles left, sources right, shared sources blue and bold.

    Sources cited by fewer than ``min_articles`` articles are dropped; the rest
    are ordered by how many articles cite them, then by the first article citing
    them, so lines cross little. Layout is fixed (no random seed), so the figure
    is stable. ``labels`` maps document ids to display names.
    """
    import matplotlib.pyplot as plt

    labels = labels or {}
    articles = [n for n, d in graph.nodes(data=True) if d["bipartite"] == 0]
    rank = {n: i for i, n in enumerate(articles)}

    def first_article(node) -> int:
        return min(rank[a] for a in graph.neighbors(node))

    sources = sorted((n for n, d in graph.nodes(data=True)
                      if d["bipartite"] == 1 and graph.degree(n) >= min_articles),
                     key=lambda n: (-graph.degree(n), first_article(n),
                                    graph.nodes[n]["label"].casefold()))
    step = max(1.0, (len(sources) - 1) / max(1, len(articles) - 1))
    pos = {n: (0.0, -i * step) for i, n in enumerate(articles)}
    pos.update({n: (1.0, -float(i)) for i, n in enumerate(sources)})
    fig, ax = plt.subplots(figsize=(9, max(3.0, 0.22 * max(len(sources), len(articles)) + 1)))
    shown = set(articles) | set(sources)
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: graph.degree(e[1]) > 1):
        if u in shown and v in shown:
            source = v if graph.nodes[v]["bipartite"] == 1 else u
            shared = graph.degree(source) > 1
            (x0, y0), (x1, y1) = pos[u], pos[v]
            ax.plot([x0, x1], [y0, y1], color="tab:blue" if shared else "0.85",
                    linewidth=0.6 + 0.4 * min(data.get("weight", 1), 5), zorder=2 if shared else 1)
    for n in articles:
        doc = graph.nodes[n]["label"]
        ax.text(-0.03, pos[n][1], labels.get(doc, doc), ha="right", va="center", fontsize=8)
    for n in sources:
        shared = graph.degree(n) > 1
        ax.text(1.03, pos[n][1], graph.nodes[n]["label"], ha="left", va="center", fontsize=7,
                fontweight="bold" if shared else "normal", color="black" if shared else "0.35")
    ax.scatter([0.0] * len(articles), [pos[n][1] for n in articles], s=40, color="tab:orange",
               zorder=3)
    ax.scatter([1.0] * len(sources), [pos[n][1] for n in sources], s=16, zorder=3,
               color=["tab:blue" if graph.degree(n) > 1 else "0.6" for n in sources])
    ax.set_xlim(-0.9, 1.9)
    ax.axis("off")
    ax.set_title("Articles (left) and the sources they quote or credit (right); shared in blue")
    return fig
