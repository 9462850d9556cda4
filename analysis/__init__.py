"""Comparative news-coverage analysis: readability, attribution and source overlap.

Subpackages and modules, one concern each (the README maps them): ``corpus``
(reading articles), ``nlp`` (the spaCy model, parses cached, texts of any
length), ``readability``, ``attribution``, ``overlap``, ``pipeline`` (every
layer from one parse, in batches, on every core or on Dask), ``report``
(notebook helpers), and ``cli`` (``python -m analysis``, a layer on top that
the library never imports).
"""
from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("news-coverage-analysis")
except _metadata.PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"


def analyze(corpus, nlp=None, out=None, **options):
    """Every layer from one parse per document; see :func:`analysis.pipeline.analyze`."""
    from .pipeline import analyze as _analyze

    return _analyze(corpus, nlp, out, **options)
