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
           "attribution_quality", "attribution_unmeasured", "figures_quality"]

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


#: the convention each attribution gold set is annotated to, for the quality table
CONVENTIONS = {"litbank": "LitBank quotations (direct speech only)",
               "polnear": "PARC, as PolNeAR's annotation guidelines define it"}
PARC_HERE = "PARC, as docs/attribution_conventions.md writes it down"

#: the gold sets a full ``make bench`` measures, and the setting that brings the data of those that
#: do not ship with the project
ATTRIBUTION_DATA = {"bbc1": "ANALYSIS_DATA", "bbc2": "ANALYSIS_DATA", "bbc3": "ANALYSIS_DATA",
                    "polnear": "POLNEAR"}

#: PolNeAR's splits as the quality table names them (both cut from PolNeAR's train compartment)
POLNEAR_SPLITS = {"dev": "PolNeAR political news, 2016: our development split of its train data "
                         "(sampling period 10, never trained on)",
                  "fit": "PolNeAR political news, 2016: the rest of its train data (periods 1-9, "
                         "the model was trained on it)"}


def _polnear_rows(section: dict) -> list[dict]:
    rows = []
    for split, label in POLNEAR_SPLITS.items():
        e = section.get(split)
        if not e:
            continue
        row = {"corpus": label, "convention": CONVENTIONS["polnear"], "n_gold": e["n_gold"],
               "n_predicted": e["n_predicted"]}
        for key in ("content", "content_speaker"):
            for figure in ("precision", "recall", "f1"):
                row[f"{key}_{figure}"] = e[key][figure]
        rows.append(row)
    return rows


def attribution_quality(results: dict | None = None):
    """One row per attribution gold set measured, in the registry's order, then PolNeAR's splits,
    each with the convention it is annotated to (None if nothing was measured)."""
    import pandas as pd

    results = load_results() if results is None else results
    attribution = results.get("attribution", {})
    rows = [{"corpus": e["label"], "convention": CONVENTIONS.get(name, PARC_HERE),
             **{k: e[k] for k in ATTRIBUTION_FIGURES}}
            for name, e in sorted(attribution.items(), key=lambda kv: kv[1]["order"])]
    rows += _polnear_rows(results.get("polnear", {}))
    return pd.DataFrame(rows) if rows else None


def attribution_unmeasured(results: dict | None = None) -> str:
    """One sentence naming the gold sets ``make bench`` left out for want of their data, and the
    setting that brings it ("" when every one was measured)."""
    results = load_results() if results is None else results
    measured = set(results.get("attribution", {})) | ({"polnear"} if results.get("polnear") else set())
    missing: dict[str, list[str]] = {}
    for name, setting in ATTRIBUTION_DATA.items():
        if name not in measured:
            missing.setdefault(setting, []).append(name)
    if not missing:
        return ""
    parts = [f"{', '.join(names)} (set `{setting}` to the folder that holds its data)"
             for setting, names in missing.items()]
    return "Not measured when `make bench` last ran, for want of their data: " + "; ".join(parts) + "."


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
