"""How good the analyses are: gold sets, external corpora, baselines and scorers.

Not part of the installed package: the tests, the benchmarks and ``make bench``
use it from a clone.

- ``data``: where reference data is (shipped in ``evaluation/data/``, or
  optional under ``ANALYSIS_DATA``); ``results``: ``benchmarks/results/quality.json``,
  the one file the notebooks, the README and the test floors take figures from.
- ``gold``: the hand-annotated gold sets (one registry) and their builders.
- ``score``: the overlap-rule attribution scorer; ``parc_score``: the PARC
  headline measure and Citron's metrics; ``predict``: our records for a corpus.
- corpora: ``litbank`` (quotations in fiction), ``polnear`` (PARC-annotated
  political news, read from a local checkout, never shipped), ``onestop``
  (OneStopEnglish reading levels), ``pan`` (a PAN-style text-reuse benchmark
  built from BBC articles).
- baselines: ``textacy_quotes``; error analysis: ``polnear_analysis``, ``parse_tools``.
"""
