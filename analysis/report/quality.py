"""How good the analyses are, as the reports show it: read from the results ``make bench`` keeps.

The figures are measured by the scripts in ``benchmarks/`` on the project's gold
sets and reference corpora and kept in ``benchmarks/results/quality.json``; a
report quotes them from there rather than measuring again, so the README, the
tests' floors and every report give the same number. A figure that was never
measured (its data was absent when ``make bench`` ran) is left out, and the
report says which setting brings it.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..nlp import PROJECT_ROOT
from ..readability import SCORES

__all__ = ["RESULTS", "load_results", "validity_table_from_figures", "readability_validity",
           "attribution_quality", "figures_quality"]

RESULTS = PROJECT_ROOT / "benchmarks" / "results" / "quality.json"
#: the columns of the attribution quality table, after the corpus
ATTRIBUTION_FIGURES = ("n_gold", "n_predicted", "content_precision", "content_recall", "content_f1",
                       "content_speaker_precision", "content_speaker_recall", "content_speaker_f1")


def load_results(path: str | Path = RESULTS) -> dict:
    """Every section of the results file (empty when it does not exist)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def validity_table_from_figures(figures: dict):
    """Per formula, ours beside textacy, in percent (one decimal): OneStopEnglish's three levels
    put in the right order, by pairs and by whole triples."""
    import pandas as pd

    rows = []
    for name in SCORES:
        if name not in figures["formulas"]:
            continue
        row = {"formula": name}
        for what in ("pairs", "triples"):
            for impl in ("ours", "textacy"):
                share = figures["formulas"][name].get(impl, {}).get(what)
                row[f"{what} % ({impl})"] = float("nan") if share is None else round(100 * share, 1)
        rows.append(row)
    return pd.DataFrame(rows)


def readability_validity(results: dict | None = None):
    """(table, best formula) of the OneStopEnglish ordering check, or None when never measured."""
    results = load_results() if results is None else results
    figures = results.get("readability", {}).get("onestopenglish")
    if not figures:
        return None
    return validity_table_from_figures(figures), figures["best"]


def attribution_quality(results: dict | None = None):
    """One row per attribution gold set measured, in the registry's order (None if none was)."""
    import pandas as pd

    results = load_results() if results is None else results
    entries = sorted(results.get("attribution", {}).values(), key=lambda e: e["order"])
    if not entries:
        return None
    return pd.DataFrame([{"corpus": e["label"], **{k: e[k] for k in ATTRIBUTION_FIGURES}}
                         for e in entries])


#: what each gold set of the numbers section is, for the report
FIGURE_GOLD_SETS = {"seeds": "the five seed articles (rules written after reading them: optimistic)"}


def figures_quality(results: dict | None = None):
    """The numbers layer on "same quantity reported differently": one row per gold set measured
    by ``benchmarks/score_figures.py`` (None if none was). Precision and recall are over pairs
    of mentions in different articles put in one differing group; ``mention_recall`` is the
    share of gold mentions the layer extracted at all."""
    import pandas as pd

    results = load_results() if results is None else results
    sets = results.get("numbers", {})
    if not sets:
        return None
    rows = []
    for name, e in sets.items():
        rows.append({"gold": FIGURE_GOLD_SETS.get(name, name), "gold_mentions": e["gold_mentions"],
                     "gold_pairs": e["gold_pairs"], "precision": e["precision"],
                     "recall": e["recall"], "f1": e["f1"], "mention_recall": e["mention_recall"]})
    return pd.DataFrame(rows)
