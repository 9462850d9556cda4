"""Helpers that keep notebooks to calls, plots and prose, with deterministic output.

``run`` (:func:`start`, :class:`Run`): a notebook's data, from the ``analyze``
tables; ``quality``: the measured quality figures a report quotes (from
``benchmarks/results/quality.json``); ``notebook``: executing a notebook for a
report and cleaning it.
"""
from .notebook import clean_notebook, execute_notebook
from .quality import attribution_quality, readability_validity
from .run import PACKAGES, Run, configure_plots, display_path, resolve, start

__all__ = ["start", "Run", "resolve", "display_path", "configure_plots", "PACKAGES", "clean_notebook",
           "execute_notebook", "attribution_quality", "readability_validity"]
