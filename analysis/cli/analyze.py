"""``python -m analysis analyze``: every layer from one parse per document, at any scale."""
from __future__ import annotations

import argparse

from ..pipeline import analyze, default_processes
from .command import Command


def add_arguments(parser) -> None:
    parser.add_argument("--out", default=None, help="folder for the Parquet tables and every "
                                                   "layer's full output (kept for resuming)")
    parser.add_argument("--processes", type=int, default=None,
                        help=f"worker processes (default: all cores, {default_processes()} here)")
    parser.add_argument("--dask", default=None, metavar="SCHEDULER_ADDRESS",
                        help="run the batches and the overlap candidate shuffle on this Dask scheduler")
    parser.add_argument("--batch-size", type=int, default=64, help="documents per batch (default 64)")
    parser.add_argument("--no-parse-cache", dest="parse_cache", action="store_false",
                        help="do not keep spaCy parses in the DocBin cache (batches are still kept "
                             "in DIR for resuming); at a million articles the cache is gigabytes")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bars on stderr (default: only on a terminal, never in CI)")
    parser.add_argument("--report-tables", action="store_true",
                        help="also the tables the notebooks show: readability per paragraph and "
                             "with speech set apart (make report TABLES=DIR needs them)")


def records(corpus, args):
    return analyze(corpus, out=args.out, model=args.model, processes=args.processes, dask=args.dask,
                   batch_size=args.batch_size, progress=args.progress, parse_cache=args.parse_cache,
                   report_tables=args.report_tables)


COMMAND = Command("analyze", "every layer from one parse per document: a summary row per article; "
                  "--out DIR writes Parquet tables and each layer's full output", records,
                  add_arguments, needs_model=True, default_format="jsonl", streams=True)
