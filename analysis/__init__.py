"""Comparative news-coverage analysis: readability, attribution and source overlap.

Modules, one concern each: ``corpus`` (loading, streaming), ``nlp`` (model +
parse cache), ``text`` (paragraph spans), ``corpus_stats``, ``readability``,
``attribution``, ``overlap``, ``pipeline`` (every layer from one parse, in
batches, on every core or on Dask), ``progress``, ``report`` (notebook
helpers), ``cli`` (``python -m analysis``).
"""
__version__ = "0.2.0"


def analyze(corpus, nlp=None, out=None, **options):
    """Every layer from one parse per document; see :func:`analysis.pipeline.analyze`."""
    from .pipeline import analyze as _analyze

    return _analyze(corpus, nlp, out, **options)
