"""Readability formulas with their published constants, the counts behind them, and uncertainty.

``formulas`` (the eight formulas and their counts), ``syllables`` (CMUdict and
the spelling-only estimator), ``familiar`` (the Dale-Chall list), ``segment``
(words, sentences, and the datelines and credit lines that are not prose),
``measure`` (one text: scores, bootstrap intervals, paragraphs, variants) and
``tables`` (a corpus: records, DataFrames, notebook helpers).

Counting rules (each one a published rule, tested in ``tests/test_readability*.py``):

* a word is a token with a letter or digit; "U.S.", "300,000", "$1.13bn", "3.5%",
  "week-long" and "U.S.-backed" are one word each (Flesch: hyphenated words,
  abbreviations, figures and symbols count as one word);
* syllables come from CMUdict as pronounced, taking the pronunciation with fewer
  syllables when it lists several (Flesch's rule); figures, amounts and
  abbreviations CMUdict lacks count as one syllable (Flesch's rule); other words
  CMUdict lacks go to :func:`estimate_syllables`;
* characters (Coleman-Liau, ARI) are letters and digits, so "U.S." has 2;
  long words (LIX) have more than six letters;
* polysyllables (SMOG) are words of 3+ syllables; Gunning's complex words are
  the polysyllables that are not proper names, not hyphenated compounds and
  not three syllables only through an -ed/-es ending;
* unfamiliar words (New Dale-Chall) are words not on the Dale-Chall list after
  the 1995 inflection rules; proper names and figures are familiar.

Datelines ("BEIRUT (AP) —"), bylines, credit lines and licence notices are not
prose: they are left out of every count and listed in ``ReadabilityResult.excluded``.
"""
from __future__ import annotations

from .familiar import is_familiar
from .formulas import (COUNT_FIELDS, FORMULAS, SCORE_LABELS, SCORES, Counts, Formula, ari, coleman_liau,
                       dale_chall, dale_chall_1948, dale_chall_grade, flesch_kincaid_grade,
                       flesch_reading_ease, gunning_fog, lix, scores_from_counts, smog)
from .measure import (BOOTSTRAP_RESAMPLES, MIN_WORDS, SMOG_MIN_SENTENCES, VARIANTS, ReadabilityResult,
                      analyze_paragraphs, analyze_text, analyze_variants, bootstrap_ci, clear_caches,
                      measure_text)
from .segment import Excluded, split_sentences, tokenize
from .syllables import SYLLABLE_MODEL_FILE, count_syllables, estimate_syllables, estimator_features
from .tables import (UNITS, paragraph_summary, paragraph_table, readability_records, readability_table,
                     scores_with_ci, speech_spans, summary, variant_table, with_labels)

__all__ = [
    "Counts",
    "Formula",
    "Excluded",
    "ReadabilityResult",
    "FORMULAS",
    "SCORES",
    "SCORE_LABELS",
    "COUNT_FIELDS",
    "VARIANTS",
    "UNITS",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog",
    "coleman_liau",
    "ari",
    "lix",
    "dale_chall",
    "dale_chall_grade",
    "dale_chall_1948",
    "count_syllables",
    "estimate_syllables",
    "estimator_features",
    "SYLLABLE_MODEL_FILE",
    "is_familiar",
    "tokenize",
    "split_sentences",
    "scores_from_counts",
    "measure_text",
    "bootstrap_ci",
    "clear_caches",
    "analyze_text",
    "analyze_paragraphs",
    "speech_spans",
    "analyze_variants",
    "readability_records",
    "readability_table",
    "paragraph_table",
    "variant_table",
    "summary",
    "scores_with_ci",
    "paragraph_summary",
    "with_labels",
    "MIN_WORDS",
    "SMOG_MIN_SENTENCES",
    "BOOTSTRAP_RESAMPLES",
]
