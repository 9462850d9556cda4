"""Attribution quality on the seeds gold and on LitBank, extractor beside textacy; figures recorded.

Usage: ``python benchmarks/score_attributions.py [--litbank-limit N] [--json]``

The extractor is scored on what a user gets: the output of ``python -m
analysis attributions PATH... --format jsonl`` (run in-process). textacy 0.13
``direct_quotations`` is the baseline on the same parses (the spaCy parse
cache is shared); documents where it raises ``ValueError`` give no quotes and
are counted. The seeds gold follows ``docs/attribution_conventions.md`` (PARC);
figures are also given for its ``speech`` cues only (``speech_only``, as in
``score_bbc_gold.py``). LitBank is fiction with direct speech only, so only predicted
``direct`` and ``mixed`` attributions are scored there, one record per quoted
stretch (LitBank annotates each part of a split quote). LitBank's first
``LITBANK_TEST_WORKS`` works are scored on their own as well: the tests' floor
runs on them. The figures go to the ``seeds`` and ``litbank`` entries of the
``attribution`` section of ``benchmarks/results/quality.json``
(``score_bbc_gold.py`` records the BBC sets beside them).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.corpus import load_corpus  # noqa: E402
from analysis.nlp import load_model, parse  # noqa: E402
from evaluation import data  # noqa: E402
from evaluation import score as ev  # noqa: E402
from evaluation.gold import GOLD_SETS, SEEDS, save_results  # noqa: E402
from evaluation.litbank import load_litbank  # noqa: E402
from evaluation.predict import run_cli_attributions  # noqa: E402
from evaluation.textacy_quotes import textacy_direct_quotations  # noqa: E402

#: the LitBank works the tests score (a subset, to keep the test short)
LITBANK_TEST_WORKS = 40


def seeds_entry(nlp) -> dict:
    gold_set = GOLD_SETS["seeds"]
    gold = gold_set.load()
    corpus = load_corpus(SEEDS)
    predicted = run_cli_attributions([SEEDS])
    ours = ev.score_attributions(predicted, gold)
    speech = ev.score_attributions(*ev.restrict_gold(predicted, gold, gold_set.is_speech))
    parsed = dict(zip(corpus.ids, parse(corpus.texts, nlp)))
    baseline, raising = textacy_direct_quotations(parsed)
    textacy = {**ev.figures(ev.score_attributions(baseline, gold)), "docs_raising": len(raising)}
    return gold_set.result(ev.figures(ours), len(corpus), speech_only=ev.figures(speech), textacy=textacy)


def _litbank_scores(limit: int | None) -> tuple:
    litbank = load_litbank(data.require("litbank_quotations"), limit=limit)
    with tempfile.TemporaryDirectory() as tmp:
        ours = run_cli_attributions([litbank.write_texts(Path(tmp) / "litbank")])
    ours = ev.explode_contents(ev.filter_kinds(ours))
    return litbank, ev.score_attributions(ours, litbank.gold, "name_token")


def litbank_entry(nlp, limit: int | None) -> dict:
    gold_set = GOLD_SETS["litbank"]
    litbank, ours = _litbank_scores(limit)
    parsed = dict(zip(litbank.texts, parse(list(litbank.texts.values()), nlp)))
    baseline, raising = textacy_direct_quotations(parsed)
    textacy = {**ev.figures(ev.score_attributions(baseline, litbank.gold, "name_token")),
               "docs_raising": len(raising)}
    _, first = _litbank_scores(LITBANK_TEST_WORKS)
    n = len(litbank.texts)
    return gold_set.result(ev.figures(ours), n, label=f"{gold_set.label} ({n} works, direct speech)",
                           textacy=textacy, first_works={"n_docs": LITBANK_TEST_WORKS, **ev.figures(first)})


def rows(entries: dict) -> list[dict]:
    """One row per gold set and system, as printed."""
    out = []
    for name, entry in entries.items():
        for system, figures in (("extractor", entry), ("textacy", entry["textacy"])):
            row = {"corpus": name, "system": system, "docs": entry["n_docs"],
                   "docs_raising": figures.get("docs_raising", 0), "gold": figures["n_gold"],
                   "predicted": figures["n_predicted"], "matched": figures["n_matched"]}
            row.update({k: figures[k] for k in ev.FIGURES})
            row["recall_by_kind"] = {k: v["content_recall"] for k, v in figures["recall_by_kind"].items()}
            out.append(row)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--litbank-limit", type=int, default=None,
                        help="score only the first N LitBank works (default all 100; not recorded)")
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    args = parser.parse_args(argv)
    nlp = load_model()
    entries = {"seeds": seeds_entry(nlp), "litbank": litbank_entry(nlp, args.litbank_limit)}
    if args.litbank_limit is None:
        save_results(entries)
    if args.json:
        for row in rows(entries):
            print(json.dumps(row))
        return 0
    import pandas as pd

    frame = pd.DataFrame(rows(entries))
    with pd.option_context("display.width", 250, "display.max_columns", None,
                           "display.max_colwidth", 120):
        print(frame.drop(columns="recall_by_kind").to_string(index=False))
        print()
        print(frame[["corpus", "system", "recall_by_kind"]].to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
