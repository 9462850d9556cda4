"""The event layers (shared quotes, sources, figures, paraphrase) as tables, and back.

``analyze`` runs the layers of :mod:`analysis.overlap.layers` on corpora of
at most ``event_layers_max_docs`` articles (they compare everything with
everything), appends their records to ``overlap.jsonl`` and writes one Parquet
table per record kind. ``event_layers.json`` says whether they ran; above the
limit the tables are empty. :func:`layers_from_tables` rebuilds the layers'
:class:`~analysis.overlap.layers.Layers` from those tables, so a notebook
draws the same tables, matrices and network without parsing again.
"""
from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path
from typing import Iterable, Iterator

from ..corpus import Corpus
from ..schema import QUOTE_COLUMNS

__all__ = ["EVENT_TABLES", "EVENT_LAYERS_FILE", "EVENT_LAYERS_MAX_DOCS", "event_layers",
           "write_event_tables", "event_layers_note", "layers_from_tables"]

#: record kind of :mod:`analysis.overlap.layers` -> the table holding its records
EVENT_TABLES = {"quote": "shared_quotes", "source_pair": "source_pairs", "figure": "figures",
                "paraphrase": "paraphrases"}
#: whether the event layers ran, for how many articles, under which limit
EVENT_LAYERS_FILE = "event_layers.json"
#: ``analyze`` runs the event layers up to this many articles
EVENT_LAYERS_MAX_DOCS = 300



def event_layers(corpus: Corpus, attributions: dict, nlp):
    """The four layers of ``corpus`` with its (merged) attributions; parses come from the cache."""
    from ..nlp import parse_corpus
    from ..overlap import layers

    return layers.analyze(corpus, parse_corpus(corpus, nlp), nlp, attributions=attributions)


def _columns() -> dict[str, list[str]]:
    from dataclasses import fields

    from ..overlap.numbers import Figure
    from ..overlap.paraphrase import SentencePair
    from ..overlap.sources import SourcePair

    return {"shared_quotes": list(QUOTE_COLUMNS),
            "source_pairs": [f.name for f in fields(SourcePair)],
            "figures": [f.name for f in fields(Figure)] + ["differs"],
            "paraphrases": [f.name for f in fields(SentencePair)]}


def write_event_tables(records: Iterable[dict], out: Path, *, computed: bool, articles: int,
                       max_docs: int) -> None:
    """One Parquet table per record kind (``kind`` dropped), and ``event_layers.json``."""
    import pandas as pd

    rows: dict[str, list[dict]] = {name: [] for name in EVENT_TABLES.values()}
    for rec in records:
        rows[EVENT_TABLES[rec["kind"]]].append({k: v for k, v in rec.items() if k != "kind"})
    for name, columns in _columns().items():
        pd.DataFrame(rows[name], columns=columns).to_parquet(out / f"{name}.parquet", index=False)
    note = {"computed": computed, "articles": articles, "event_layers_max_docs": max_docs}
    (out / EVENT_LAYERS_FILE).write_text(json.dumps(note) + "\n", encoding="utf-8")


def event_layers_note(folder: str | Path) -> str:
    """A sentence saying why the event layer tables of ``folder`` are empty, or ``""``."""
    note = json.loads((Path(folder) / EVENT_LAYERS_FILE).read_text(encoding="utf-8"))
    if note["computed"]:
        return ""
    return (f"The shared-quote, source, figure and paraphrase layers were not computed: the corpus "
            f"has {note['articles']:,} articles, more than analyze's event_layers_max_docs "
            f"({note['event_layers_max_docs']:,}); their tables below are empty.")


def _clusters(rows: list[dict]) -> Iterator:
    """Shared-quote clusters from their records (each member's span is the shared words')."""
    from ..overlap.shared_quotes import QuoteCluster, QuoteMatch, QuoteUnit

    for number, members in groupby(rows, key=lambda r: r["cluster"]):
        members = list(members)
        yield QuoteCluster(number, members[0]["quote"], [
            (QuoteUnit(r["doc"], r["start"], r["end"], r["text"], r["speaker"], r["speaker_type"],
                       r["attribution"]), QuoteMatch(r["score"], r["start"], r["end"]))
            for r in members])


def layers_from_tables(tables: dict, corpus: Corpus, attributions: dict):
    """The :class:`~analysis.overlap.layers.Layers` whose records ``analyze`` wrote as tables.

    ``tables``: ``read_tables(DIR, ...)`` with the four event tables and
    ``credits``; ``attributions``: ``{doc_id: [Attribution]}`` of the
    attributions table. Speaker counts and agencies (the source network) come
    from those two, as the layers compute them.
    """
    from ..overlap import sources
    from ..overlap.numbers import Figure
    from ..overlap.layers import Layers
    from ..overlap.paraphrase import SentencePair
    from ..overlap.sources import SourcePair
    from .store import as_records

    by_doc: dict[str, list] = {}
    for credit in tables["credits"].itertuples(index=False):
        by_doc.setdefault(credit.doc, []).append(credit)
    figure_fields = [name for name in _columns()["figures"] if name != "differs"]
    return Layers(
        doc_ids=list(corpus.ids),
        texts={d.id: d.text for d in corpus},
        attributions=attributions,
        quote_clusters=list(_clusters(as_records(tables["shared_quotes"]))),
        speaker_counts=sources.speaker_counts(attributions),
        agencies=sources.agency_names(corpus, lambda d: by_doc.get(d.id, [])),
        source_pairs=[SourcePair(**r) for r in as_records(tables["source_pairs"])],
        figures=[Figure(**{k: r[k] for k in figure_fields}) for r in as_records(tables["figures"])],
        paraphrases=[SentencePair(**r) for r in as_records(tables["paraphrases"])],
    )
