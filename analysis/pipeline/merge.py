"""Stage 3: speakers merged across the corpus, per-article metrics, the tables joined in ``DIR``.

Speaker names are merged as :func:`analysis.attribution.extract_corpus` merges
them, from every batch's ``names`` table; then each batch is read once, its
attributions given their corpus-wide speakers, and appended to the Parquet
tables and to the files the single commands write (``corpus.csv``,
``readability.csv``, ``attributions.jsonl``, ``attribution_metrics.csv``,
``credits.csv``).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..io import write_records
from .store import TableWriter, as_records, read_batch, read_records, unified_schema

__all__ = ["Merged", "merge_batches"]


@dataclass
class Merged:
    """What the summary rows need: the ids in corpus order and one row per article."""

    doc_ids: list[str]
    summary: dict[str, dict]


def _canonical_maps(folders: list[Path]):
    from ..attribution import canonical_maps

    persons: set[str] = set()
    bodies: Counter = Counter()
    for folder in folders:
        names = read_batch(folder, "names")
        persons.update(names.loc[names["kind"] == "person", "name"])
        for name, count in names.loc[names["kind"] == "body", ["name", "count"]].itertuples(index=False):
            bodies[name] += int(count)
    return canonical_maps(persons, bodies)


#: the files the single commands write, beside the Parquet tables
_LEGACY_FILES = (("corpus", "corpus.csv"), ("readability", "readability.csv"),
                 ("attributions", "attributions.jsonl"), ("metrics", "attribution_metrics.csv"),
                 ("credits", "credits.csv"))


def merge_batches(folders: list[Path], out: Path, extra_tables: Iterable[str] = ()) -> Merged:
    """Merged speakers and article metrics; every per-document table written to ``out``.

    ``extra_tables``: batch tables copied to ``out`` as they are (the report tables).
    """
    import pandas as pd

    from .. import attribution

    canon, bodies = _canonical_maps(folders)
    copied = ("documents", "readability", "credits", *extra_tables)
    writers = {name: TableWriter(out / f"{name}.parquet", unified_schema(folders, name))
               for name in copied}
    writers["attributions"] = TableWriter(out / "attributions.parquet",
                                          unified_schema(folders, "attributions"))
    doc_ids: list[str] = []
    summary: dict[str, dict] = {}
    metrics_writer = None
    legacy = {name: open(out / fname, "w", encoding="utf-8", newline="") for name, fname in _LEGACY_FILES}
    csv_columns = {"corpus": [f.name for f in writers["documents"].schema
                              if f.name not in ("text", "quoted_words")],
                   "readability": [f.name for f in writers["readability"].schema],
                   "credits": [f.name for f in writers["credits"].schema]}
    try:
        for number, folder in enumerate(folders):
            frames = {name: read_batch(folder, name) for name in copied}
            docs, scores, credits = frames["documents"], frames["readability"], frames["credits"]
            records = read_records(folder, "attributions")
            for rec in records:
                rec["speaker"] = attribution.canonical_speaker(rec["speaker"], rec["speaker_type"],
                                                               canon, bodies)
            by_doc = attribution.from_records(records)
            meta = as_records(docs.drop(columns=["text"]))
            metrics = pd.DataFrame([
                attribution.metrics_row(m["doc"], m.get("outlet") or m["doc"], int(m["words"]),
                                        int(m["quoted_words"]), by_doc.get(m["doc"], []))
                for m in meta])
            if metrics_writer is None:
                import pyarrow as pa

                metrics_writer = TableWriter(out / "attribution_metrics.parquet",
                                             pa.Table.from_pandas(metrics, preserve_index=False).schema)
            for name, frame in frames.items():
                writers[name].write(frame)
            writers["attributions"].write(records)
            metrics_writer.write(metrics)
            _append_legacy(legacy, csv_columns, number == 0, docs, scores, credits, metrics, records)
            score_of = {r["doc"]: r for r in as_records(scores[["doc", "flesch_kincaid_grade",
                                                                 "dale_chall"]])}
            for m, row in zip(meta, metrics.to_dict("records")):
                doc_ids.append(m["doc"])
                summary[m["doc"]] = {
                    "doc": m["doc"], "words": m["words"], "sentences": m["sentences"],
                    "paragraphs": m["paragraphs"],
                    "flesch_kincaid_grade": score_of[m["doc"]]["flesch_kincaid_grade"],
                    "dale_chall": score_of[m["doc"]]["dale_chall"],
                    "attributions": row["attributions"],
                    "attributions_per_1000_words": row["per_1000_words"],
                    "distinct_speakers": row["distinct_speakers"],
                    "share_anonymous": row["share_anonymous"],
                    "quoted_word_share": row["quoted_word_share"],
                    "all_attributions": row["all_attributions"],
                    "share_thought": row["share_thought"],
                }
    finally:
        for w in list(writers.values()) + ([metrics_writer] if metrics_writer else []):
            w.close()
        for fh in legacy.values():
            fh.close()
    return Merged(doc_ids, summary)


def _append_legacy(legacy: dict, csv_columns: dict, header: bool, docs, scores, credits, metrics,
                   records: list[dict]) -> None:
    """One batch appended to the CSV and JSONL files of the single commands."""
    docs.reindex(columns=csv_columns["corpus"]).to_csv(legacy["corpus"], index=False, header=header,
                                                       lineterminator="\n")
    flat = scores.reindex(columns=csv_columns["readability"])
    flat["warnings"] = flat["warnings"].map(lambda w: "; ".join(list(w)) if w is not None else "")
    flat.to_csv(legacy["readability"], index=False, header=header, lineterminator="\n")
    credits.reindex(columns=csv_columns["credits"]).to_csv(legacy["credits"], index=False,
                                                           header=header, lineterminator="\n")
    metrics.to_csv(legacy["metrics"], index=False, header=header, lineterminator="\n")
    write_records(records, "jsonl", legacy["attributions"])
