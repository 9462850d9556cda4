"""Who said what: direct, indirect, mixed and "according to" attributions from a spaCy parse.

One pass over a parsed article finds cue words (reporting verbs from
:mod:`.lexicon`, "according to"; :mod:`.reports`); each cue's content comes
from the dependency parse (:mod:`.contents`: a ``ccomp`` clause, an object
frame such as "accused X of Y", or the clause around a parenthetical "he
said") and its source from :mod:`.sources`. Quotation marks are read
separately by :mod:`analysis.quotes`; :mod:`.attach` makes a quote either the
content of a cue whose clause it is, a fragment inside an indirect content
(mixed), a direct quote that takes the nearest cue of its sentence
(inversions and split quotes included), or the speaker of the quote before it
(follow-on paragraphs). :mod:`.resolve` turns sources into canonical speakers:
relative "who" to its noun, pronouns to the nearest compatible earlier
speaker, role nouns ("the spokeswoman") to the person the article names in
that role; :mod:`.speaker_merge` merges name variants across the corpus.
Credits (datelines, agency lines) live in :mod:`analysis.credits` and never
count as sources. :mod:`.extract` runs the rules; :mod:`.records` is the CLI
schema; :mod:`.tables` and :mod:`.metrics` are the notebooks' tables.
"""
from __future__ import annotations

from ..credits import Credit, credits
from .extract import attribution_records, extract, extract_corpus
from .lexicon import REPORT_VERBS
from .metrics import DEFAULT_CLASSES, article_metrics, corpus_summary, metrics_row, of_classes, quoted_words
from .classes import CUE_CLASSES
from .records import KINDS, Attribution, from_record, from_records, record
from .speaker_merge import canonical_maps, canonical_speaker, merge_speakers, speaker_names
from .tables import credit_summary, credit_table, source_type_mix, speaker_matrix, who_said_what

__all__ = [
    "Attribution",
    "KINDS",
    "CUE_CLASSES",
    "REPORT_VERBS",
    "extract",
    "extract_corpus",
    "attribution_records",
    "record",
    "from_record",
    "from_records",
    "speaker_names",
    "canonical_maps",
    "canonical_speaker",
    "merge_speakers",
    "credits",
    "Credit",
    "credit_table",
    "credit_summary",
    "article_metrics",
    "of_classes",
    "DEFAULT_CLASSES",
    "metrics_row",
    "quoted_words",
    "who_said_what",
    "speaker_matrix",
    "source_type_mix",
    "corpus_summary",
]
