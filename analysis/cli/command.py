"""What a subcommand declares: its name, help, options and a function from a corpus to records."""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Callable, Iterable

from ..corpus import Corpus


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    records: Callable[[Corpus, argparse.Namespace], Iterable[dict]]
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None
    needs_model: bool = False
    default_format: str = "jsonl"
    #: a streaming command gets a :class:`analysis.corpus.CorpusSource` (read lazily, skipped
    #: files listed after the run) instead of a loaded corpus
    streams: bool = False

