"""How good the analyses are: gold sets, external corpora, baselines and scorers.

Not part of the installed package: the tests, the benchmarks and ``make bench``
use it from a clone. ``data`` finds the reference data (shipped in
``evaluation/data/`` or optional under ``ANALYSIS_DATA``); ``results`` reads and
writes ``benchmarks/results/quality.json``, the one file the notebooks, the
README and the test floors take quality figures from.
"""
