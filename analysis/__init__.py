"""Comparative news-coverage analysis: readability, attribution and source overlap.

Modules, one concern each: ``corpus`` (loading), ``nlp`` (model + parse cache),
``text`` (paragraph spans), ``corpus_stats``, ``readability``, ``attribution``,
``overlap``, ``report`` (notebook helpers), ``cli`` (``python -m analysis``).
"""
__version__ = "0.1.0"
