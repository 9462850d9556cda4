"""Figures and claims: numbers with what they count and who they are attributed to.

Outlets covering one event often disagree on a number (the seeds give 62, 80 and
90 soldiers killed, from different sources). To line those up we need, per
number: its value (``"300,000"``, ``"eight"``, ``"dozens"``, ``"$1.13bn"``), its
qualifier (*more than*, *at least*, *about*), the noun it counts (from the spaCy
parse: the ``nummod`` head, or the object of *dozens of*), the event verb that
governs it (*killed*, *wounded*) and its source (*according to X* in the sentence,
an attribution whose content holds it, or the subject of a reporting verb
above it, in that order). Counted nouns and events are normalised through small
registries so that "troops were killed" and "soldiers killed" fall into one group.

One key is not one event: "people killed" may be one village's dead, 40 days
of fighting in a city or a five-year war. Each figure also gets the scope of its
event, read from its own clause (:func:`event_scope`): an ``incident`` or a
``total`` over a ``period`` ("since it took effect a week ago", "in 40 days of
fighting", "a five-year war that has killed"), its day words (``when``) and
places (``where``). :func:`figure_groups` splits a key into groups of figures
whose scopes, days, places and agent kinds do not contradict each other, and
:func:`differing_figures` compares values within a ``group`` only. Vague words
("dozens", "scores") are members of the group, read as ranges
(:func:`value_range`): they agree with 62 and with 90, and ``conflict`` is true
only when two articles' statements cannot both hold. Scored against a gold by
:mod:`analysis.overlap.figures_score`.
"""
from __future__ import annotations

from .figures import Figure, corpus_figures, extract_figures, figures_table
from .groups import differing_figures, figure_groups, value_range
from .lexicon import COUNTED_CLASSES, EVENT_CLASSES, QUALIFIERS
from .parse import Number, number_spans, parse_number
from .scope import agent_kind, event_scope

__all__ = [
    "Number",
    "Figure",
    "parse_number",
    "number_spans",
    "extract_figures",
    "corpus_figures",
    "figures_table",
    "differing_figures",
    "figure_groups",
    "event_scope",
    "value_range",
    "agent_kind",
    "COUNTED_CLASSES",
    "EVENT_CLASSES",
    "QUALIFIERS",
]
