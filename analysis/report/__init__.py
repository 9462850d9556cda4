"""Helpers that keep notebooks to calls, plots and prose, with deterministic output.

``run`` (:func:`start`, :class:`Run`): a notebook's data, from the ``analyze``
tables; ``findings``: the sentences a report opens with, written from its
tables; ``display``: tables that fit the page, linked to their CSV;
``labels``: one short label per article; ``reader_tables``: the layers' tables
reshaped for a reader; ``plots``: the figures with their alternative text;
``quality``: the measured quality figures a report quotes (from
``benchmarks/results/quality.json``); ``notebook``: executing a notebook for a
report and cleaning it.
"""
from . import display, findings, labels, plots, reader_tables
from .display import show
from .findings import attribution_findings, corpus_findings, overlap_findings, readability_findings
from .labels import article_labels
from .notebook import clean_notebook, execute_notebook
from .quality import attribution_quality, attribution_unmeasured, figures_quality, readability_validity
from .run import PACKAGES, SCRATCH, Run, configure_plots, display_path, resolve, start

__all__ = ["start", "Run", "resolve", "display_path", "configure_plots", "PACKAGES", "SCRATCH",
           "clean_notebook", "execute_notebook", "attribution_quality", "attribution_unmeasured", "figures_quality",
           "readability_validity", "show", "article_labels", "corpus_findings",
           "readability_findings", "attribution_findings", "overlap_findings", "display",
           "findings", "labels", "plots", "reader_tables"]
