"""Where batches run: in this process, in a pool of worker processes, or as Dask tasks.

Each worker loads its model once (and again every ``MODEL_RELOAD_BATCHES``
batches) and uses one BLAS thread; at most ``2 * workers`` batches are in
flight, so memory holds a bounded number of batches whatever the corpus size.
Finished batches are written to their folders as they arrive; a batch whose
folder already holds its key is not run again.
"""
from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..corpus import Document
from ..errors import AnalysisError
from ..nlp import load_model, model_id
from ..schema import BATCH_TABLES
from . import store
from .batch import REPORT_TABLES, analyze_batch
from .keys import Options, batch_key, batches, model_signature

__all__ = ["Plan", "run_batches", "init_worker", "MODEL_RELOAD_BATCHES", "default_processes",
           "dask_client"]

#: a worker reloads its model after this many batches: spaCy's vocabulary keeps every word it has
#: seen, so a worker that never reloads grows with the corpus (~300 bytes per new word)
MODEL_RELOAD_BATCHES = 100
_batches_since_load = 0


def init_worker(model: str | None, blas_threads: int | None) -> None:
    """Worker process start: quiet Dask logs, limit BLAS threads, load the model once."""
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if blas_threads:
        from threadpoolctl import threadpool_limits

        threadpool_limits(blas_threads)
        os.environ["OMP_NUM_THREADS"] = str(blas_threads)
    load_model(model)


def _run_batch(docs: list[Document], options: Options) -> dict:
    """One batch in a worker process, the model loaded on the first batch (and every
    ``MODEL_RELOAD_BATCHES``), never per document."""
    global _batches_since_load
    if _batches_since_load >= MODEL_RELOAD_BATCHES:
        load_model.cache_clear()
        _batches_since_load = 0
    _batches_since_load += 1
    return analyze_batch(docs, load_model(options.model), options)


def _dask_batch(docs: list[Document], options: Options) -> dict:
    """A Dask task: the worker loads the model on its first batch and keeps it."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return _run_batch(docs, options)


def default_processes() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def dask_client(dask):
    """A ``dask.distributed.Client`` from a client or a scheduler address."""
    if dask is None or hasattr(dask, "submit"):
        return dask
    from distributed import Client

    try:
        return Client(str(dask), timeout="20s")
    except (OSError, TimeoutError) as err:
        raise AnalysisError(f"cannot reach the Dask scheduler at {dask}: {err}") from None


@dataclass
class Plan:
    """The batches of one run: which are done, which still need work."""

    work: Path
    folders: list[Path] = field(default_factory=list)
    reused: int = 0
    computed: int = 0
    documents: int = 0

    def save(self, folder: Path, key: str, tables: dict, n_docs: int, progress) -> None:
        """Write one computed batch and count it."""
        store.write_batch(folder, key, tables, n_docs)
        self.computed += 1
        progress.update(n_docs)


def _submit_local(pending, options: Options, processes: int, plan: Plan, progress, nlp=None) -> None:
    """Run pending ``(folder, key, docs)`` batches here or in a process pool, in bounded flight."""
    if processes <= 1:
        nlp = nlp if nlp is not None else load_model(options.model)
        for folder, key, docs in pending:
            plan.save(folder, key, analyze_batch(docs, nlp, options), len(docs), progress)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # fork (Linux) starts workers without re-running the caller's script, which spawn does;
    # each worker still loads its own model in init_worker, after the fork
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=init_worker,
                             initargs=(options.model, 1)) as pool:
        running = {}

        def collect(done) -> None:
            for future in done:
                folder, key, n = running.pop(future)
                plan.save(folder, key, future.result(), n, progress)

        for folder, key, docs in pending:
            while len(running) >= 2 * processes:
                collect(wait(running, return_when=FIRST_COMPLETED).done)
            running[pool.submit(_run_batch, docs, options)] = (folder, key, len(docs))
        while running:
            collect(wait(running, return_when=FIRST_COMPLETED).done)


def _submit_dask(pending, options: Options, client, plan: Plan, progress) -> None:
    from distributed import as_completed

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    queue = as_completed()
    meta = {}

    def collect(future) -> None:
        folder, key, n = meta.pop(future.key)
        plan.save(folder, key, future.result(), n, progress)
        future.release()

    for folder, key, docs in pending:
        while queue.count() >= 2 * workers:
            collect(next(queue))
        future = client.submit(_dask_batch, docs, options, key=f"analyze-batch-{key}", pure=False)
        meta[future.key] = (folder, key, len(docs))
        queue.add(future)
    for future in queue:
        collect(future)


def run_batches(source: Iterable[Document], work: Path, options: Options, *, processes: int = 1,
                client=None, progress: bool | None = None, nlp=None) -> Plan:
    """Stage 2 over a stream: reuse finished batches, compute the others, in corpus order.

    A loaded ``nlp`` runs every batch in this process (it may not be loadable by
    name in a worker); otherwise workers load ``options.model`` themselves.
    """
    from ..progress import bar

    work.mkdir(parents=True, exist_ok=True)
    plan = Plan(work)
    signature = model_id(nlp) if nlp is not None else model_signature(options.model)
    needed = BATCH_TABLES + (REPORT_TABLES if options.report_tables else ())
    counter = bar(desc="documents parsed", unit="doc", show=progress)

    def pending():
        for number, docs in enumerate(batches(source, options.batch_size)):
            folder = store.batch_dir(work, number)
            key = batch_key(docs, signature, options)
            plan.folders.append(folder)
            plan.documents += len(docs)
            if store.finished(folder, key, needed):
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
