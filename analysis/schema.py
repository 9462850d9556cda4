"""Column orders shared by the command line, the ``analyze`` tables, the reports and the tests.

Field names are a public contract: add fields, never rename.
"""
from __future__ import annotations

#: metadata a corpus row may carry, in the order the corpus table shows it (other keys follow)
METADATA_COLUMNS = ("outlet", "headline", "date", "dateline", "agencies")
#: the metadata that identifies an article in readability records
READABILITY_METADATA = METADATA_COLUMNS[:3]
#: metadata the reuse layer reads a publication date from, first found wins
DATE_KEYS = ("date", "published", "pubdate", "published_at")

#: one attribution (``python -m analysis attributions``); spans are ``{start, end, text}``
ATTRIBUTION_COLUMNS = ("doc", "kind", "content", "contents", "cue", "source", "speaker",
                       "speaker_type", "speaker_role", "confidence", "cue_class")
#: a ``pair`` record of the reuse layer
PAIR_COLUMNS = ("kind", "a", "b", "containment_a_in_b", "containment_b_in_a", "jaccard",
                "shared_shingles", "shared_boilerplate", "containment_a_in_b_prose",
                "containment_b_in_a_prose", "shingles_a", "shingles_b", "direction", "earlier")
#: a ``passage`` record of the reuse layer
PASSAGE_COLUMNS = ("kind", "a", "b", "a_start", "a_end", "b_start", "b_end", "text_a", "text_b",
                   "tokens", "boilerplate", "quote_share", "mostly_quote", "direction", "earlier")
#: a ``quote`` record of the shared-quotes layer (after ``kind``)
QUOTE_COLUMNS = ("cluster", "quote", "doc", "start", "end", "text", "attribution", "speaker",
                 "speaker_type", "score", "n_docs", "speakers", "conflict")
#: a recurring boilerplate segment
BOILERPLATE_COLUMNS = ("text", "docs", "examples")
#: a file left out under ``skip_bad``
SKIPPED_COLUMNS = ("file", "reason")

#: the Parquet tables of an ``analyze --out`` folder, in the order they are written
TABLES = ("documents", "readability", "attributions", "attribution_metrics", "credits", "pairs",
          "passages", "boilerplate", "skipped")
#: the tables each batch contributes (``names`` feeds the corpus-wide speaker merge, then is dropped)
BATCH_TABLES = ("documents", "readability", "attributions", "credits", "names")
#: columns of the documents table that are counts or text, not metadata
DOCUMENT_COUNT_COLUMNS = ("doc", "text", "words", "sentences", "paragraphs", "characters",
                          "quoted_words")
