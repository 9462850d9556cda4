"""``analysis.analyze`` / ``python -m analysis analyze``: every layer from one parse, at any scale.

Stages, one module each:

1. **stream** (:mod:`.keys`): documents are read lazily
   (:class:`analysis.corpus.CorpusSource`) and cut into batches of
   ``batch_size`` in corpus order; each batch has a key (a hash of the code,
   the model, the options and the batch's ids and texts).
2. **per batch** (:mod:`.batch`, :func:`analyze_batch`, a pure function of the
   batch): one spaCy parse per document, then size counts, readability,
   attribution (speakers as found), credits, and the names each article adds to
   the corpus-wide speaker merge. Batches run (:mod:`.executors`) in this
   process, in ``processes`` worker processes (the model loaded once per worker,
   one BLAS thread each), or as Dask tasks (``dask``: a
   ``dask.distributed.Client`` or a scheduler address). Each finished batch is
   written to ``DIR/batches/NNNNN/`` with a manifest holding its key
   (:mod:`.store`); a re-run, or a run resumed after an interruption, reuses
   every batch whose key still matches instead of parsing it again.
3. **merge** (:mod:`.merge`): speaker names merged across the corpus (as
   :func:`analysis.attribution.extract_corpus` does), per-article attribution
   metrics, and the tables concatenated batch by batch into ``DIR``.
4. **overlap** (:mod:`.overlap_stage`): text reuse over the whole corpus
   (pairs, passages, boilerplate); candidate pairs on Dask are a shuffle of
   shingle / LSH band keys (:mod:`analysis.overlap.distributed`). The event
   layers (:mod:`.events`: shared quotes, sources, figures, paraphrase) run when
   the corpus has at most ``event_layers_max_docs`` articles; they compare
   everything with everything.

Tables written to ``DIR`` (Parquet; ``read_tables(DIR)`` loads the first nine,
``read_tables(DIR, names)`` any of them):

========================  =====================================================
``documents``             one row per article: size counts, metadata, ``quoted_words``, ``text``
``readability``           the ``readability`` command's records
``attributions``          the ``attributions`` command's records (speakers merged)
``attribution_metrics``   per-article attribution metrics
``credits``               datelines, agency and author credits
``pairs``                 ``pair`` records of every pair sharing prose (``overlap.jsonl`` and
                          the ``overlap`` command keep those reaching containment 0.05)
``passages``              the ``overlap`` command's ``passage`` records
``boilerplate``           recurring boilerplate segments
``skipped``               files left out under ``--skip-bad``, with the reason
``shared_quotes``         ``quote`` records of the event layers (as in ``overlap.jsonl``)
``source_pairs``          ``source_pair`` records
``figures``               ``figure`` records
``paraphrases``           ``paraphrase`` records; these four are empty above
                          ``event_layers_max_docs`` articles (``event_layers.json`` says so)
``paragraphs``            with ``report_tables``: ``readability --unit paragraph`` records
``variants``              with ``report_tables``: ``readability --unit variants`` records
``variants_attribution``  with ``report_tables``: ``readability --unit variants --speech
                          attribution`` records
========================  =====================================================

plus, as before, ``corpus.csv``, ``readability.csv``, ``attributions.jsonl``,
``attribution_metrics.csv``, ``credits.csv``, ``overlap.jsonl`` and ``skipped.csv``.

Memory: the per-batch stage holds at most ``2 * processes`` batches of
documents with their parses at once, whatever the corpus size, and each
worker reloads its model every ``MODEL_RELOAD_BATCHES`` batches so spaCy's
growing vocabulary does not grow with the corpus; the merge reads one batch
at a time; the main process keeps the ids and one summary row per article,
and the text-reuse stage holds every article's text, tokens and shingles
(``benchmarks/bench_scale.py`` and ``benchmarks/bench_memory.py`` measure both).
"""
from __future__ import annotations

from ..schema import TABLES
from .batch import REPORT_TABLES, analyze_batch
from .events import (EVENT_LAYERS_FILE, EVENT_LAYERS_MAX_DOCS, EVENT_TABLES, event_layers_note,
                     layers_from_tables)
from .executors import default_processes
from .keys import Options, batches, code_fingerprint
from .run import analyze
from .spark import partition_records
from .store import read_tables

__all__ = ["analyze", "analyze_batch", "Options", "read_tables", "TABLES", "REPORT_TABLES",
           "EVENT_TABLES", "EVENT_LAYERS_FILE", "EVENT_LAYERS_MAX_DOCS", "batches",
           "code_fingerprint", "partition_records", "default_processes", "layers_from_tables",
           "event_layers_note"]
