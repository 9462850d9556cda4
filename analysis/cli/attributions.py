"""``python -m analysis attributions``: one record per attribution."""
from __future__ import annotations

from ..attribution import attribution_records
from ..nlp import DEFAULT_MODEL, load_model, warn_without_parser
from .command import Command


def records(corpus, args):
    nlp = load_model(args.model)
    warn_without_parser(nlp.pipe_names, args.model or DEFAULT_MODEL)
    return attribution_records(corpus, nlp)


COMMAND = Command("attributions", "who said what: one record per attribution (direct, indirect, "
                  "mixed, according to) with content, cue, source and speaker", records,
                  needs_model=True)
