"""OneStopEnglish: do the readability scores put graded versions of one article in the right order?

OneStopEnglish (shipped in ``evaluation/data/onestopenglish``) has each
article rewritten at three levels, elementary < intermediate < advanced. A
useful formula scores the three versions in that order. Each of our formulas
is compared with textacy 0.13's implementation of the same formula, run on a
blank spaCy pipeline with the sentencizer (its syllables come from Pyphen).
``benchmarks/readability_validity.py`` records the figures in the
``readability`` section of ``benchmarks/results/quality.json``.
"""
from __future__ import annotations

from pathlib import Path

from analysis.corpus import load_corpus
from analysis.readability import FORMULAS, SCORES, analyze_text
from analysis.report.quality import validity_table_from_figures as table_from_figures

from . import data

__all__ = ["LEVELS", "TEXTACY_FORMULAS", "load_leveled", "ordering_validity", "textacy_scores",
           "figures", "table_from_figures", "validity_table", "best_ordering"]

#: OneStopEnglish folders from easiest to hardest, and their file-name suffixes
LEVELS = (("Ele-Txt", "-ele"), ("Int-Txt", "-int"), ("Adv-Txt", "-adv"))

#: our formula name -> textacy 0.13 ``text_stats.readability`` function, for the side-by-side
TEXTACY_FORMULAS = {
    "flesch_reading_ease": "flesch_reading_ease",
    "flesch_kincaid_grade": "flesch_kincaid_grade_level",
    "gunning_fog": "gunning_fog_index",
    "smog": "smog_index",
    "coleman_liau": "coleman_liau_index",
    "ari": "automated_readability_index",
    "lix": "lix",
}


def _root(root: str | Path | None) -> Path:
    return Path(root) if root is not None else data.find("onestopenglish")


def load_leveled(root: str | Path | None = None) -> dict[str, tuple[str, ...]]:
    """``{article: (easiest text, ..., hardest text)}`` from a OneStopEnglish-style folder."""
    root = _root(root)
    levels = []
    for folder, suffix in LEVELS:
        corpus = load_corpus(root / folder, encoding="utf-8,cp1252")
        levels.append({d.id[: -len(suffix)] if d.id.endswith(suffix) else d.id: d.text for d in corpus})
    common = sorted(set.intersection(*(set(level) for level in levels)))
    return {name: tuple(level[name] for level in levels) for name in common}


def _ordering(scores: list[tuple[float, ...]], higher_is_harder: bool) -> tuple[float, float]:
    """Share of level pairs, and of whole articles, that the scores put in the right order."""
    pairs = triples = n_pairs = 0
    sign = 1.0 if higher_is_harder else -1.0
    for values in scores:
        ok = [sign * (values[j] - values[i]) > 0
              for i in range(len(values)) for j in range(i + 1, len(values))]
        pairs += sum(ok)
        n_pairs += len(ok)
        triples += all(ok)
    return pairs / n_pairs, triples / len(scores)


def ordering_validity(root: str | Path | None = None, *, compare_textacy: bool = True):
    """Per formula and implementation: share of level pairs and of full level triples ordered correctly.

    ``implementation`` is "ours" or "textacy"; ties count as wrong. A DataFrame
    with ``formula``, ``implementation``, ``pairs_correct``, ``triples_correct``, ``articles``.
    """
    import pandas as pd

    leveled = load_leveled(root)
    ours = {name: [analyze_text(t, ci=False).scores for t in texts] for name, texts in leveled.items()}
    rows = []
    for name, f in FORMULAS.items():
        pairs, triples = _ordering([tuple(s[name] for s in ours[a]) for a in leveled], f.higher_is_harder)
        rows.append({"formula": name, "implementation": "ours", "pairs_correct": pairs,
                     "triples_correct": triples})
    if compare_textacy:
        for name, values in textacy_scores(leveled).items():
            pairs, triples = _ordering(values, FORMULAS[name].higher_is_harder)
            rows.append({"formula": name, "implementation": "textacy", "pairs_correct": pairs,
                         "triples_correct": triples})
    frame = pd.DataFrame(rows)
    frame["articles"] = len(leveled)
    return frame


def textacy_scores(leveled: dict[str, tuple[str, ...]]) -> dict[str, list[tuple[float, ...]]]:
    """textacy 0.13's score of every level of every article, per formula of :data:`TEXTACY_FORMULAS`."""
    import spacy
    from textacy.text_stats import readability as textacy_readability

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    flat = [t for texts in leveled.values() for t in texts]
    docs = list(nlp.pipe(flat))
    width = len(LEVELS)
    out = {}
    for name, fn_name in TEXTACY_FORMULAS.items():
        fn = getattr(textacy_readability, fn_name)
        values = [fn(doc) for doc in docs]
        out[name] = [tuple(values[i:i + width]) for i in range(0, len(values), width)]
    return out


def figures(frame) -> dict:
    """:func:`ordering_validity` as the ``onestopenglish`` part of the results file.

    ``{"articles": n, "best": formula, "formulas": {formula: {implementation:
    {"pairs": share, "triples": share}}}}``, shares between 0 and 1.
    """
    formulas: dict[str, dict] = {}
    for r in frame.itertuples():
        formulas.setdefault(r.formula, {})[r.implementation] = {"pairs": float(r.pairs_correct),
                                                                 "triples": float(r.triples_correct)}
    ours = {name: impl["ours"] for name, impl in formulas.items()}
    best = max(SCORES, key=lambda name: (ours[name]["triples"], ours[name]["pairs"]))
    return {"articles": int(frame["articles"].iloc[0]), "best": best, "formulas": formulas}


def validity_table(root: str | Path | None = None):
    """OneStopEnglish ordering per formula, ours beside textacy, in percent; None if ``root`` is missing."""
    root = _root(root)
    if not root.is_dir():
        return None
    return table_from_figures(figures(ordering_validity(root)))


def best_ordering(validity) -> str:
    """The formula of ours that orders most full triples correctly (pairs break ties)."""
    ranked = validity.sort_values(["triples % (ours)", "pairs % (ours)"], ascending=False)
    return str(ranked["formula"].iloc[0])
