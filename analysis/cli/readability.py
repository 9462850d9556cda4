"""``python -m analysis readability``: scores with their counts, intervals and warnings."""
from __future__ import annotations

from ..readability import UNITS, readability_records
from .command import Command


def add_arguments(parser) -> None:
    parser.add_argument("--unit", choices=UNITS, default="article",
                        help="one record per article (default), per paragraph (no CIs: a "
                             "paragraph has too few sentences to resample), or per article variant "
                             "(whole / quotes removed / reporter's prose only / quotes only)")
    parser.add_argument("--no-ci", action="store_true",
                        help="skip the bootstrap confidence intervals (faster)")
    parser.add_argument("--speech", choices=("quotes", "attribution"), default="quotes",
                        help="for --unit variants: what counts as speech, text inside quotation "
                             "marks (default, no parse) or everything the attribution layer "
                             "attributes to a source, reported speech included (parses with --model)")


def records(corpus, args):
    ci = not args.no_ci and args.unit != "paragraph"
    attributions = None
    if args.unit == "variants" and args.speech == "attribution":
        from ..attribution import extract_corpus
        from ..nlp import load_model

        attributions = extract_corpus(corpus, load_model(args.model))
    return readability_records(corpus, args.unit, ci=ci, attributions=attributions)


COMMAND = Command("readability", "readability scores with their counts, 95% CIs and warnings, "
                  "per document", records, add_arguments, needs_model=True)
