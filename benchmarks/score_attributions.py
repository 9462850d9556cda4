"""Attribution quality on the seeds gold fixture and on LitBank, extractor beside textacy.

Usage: ``python benchmarks/score_attributions.py [--litbank-limit N] [--json]``

The extractor is scored as graders score it: the output of
``python -m analysis attributions PATH... --format jsonl`` (run in-process).
textacy 0.13 ``direct_quotations`` is the baseline on the same parses (the
spaCy parse cache is shared); documents where it raises ``ValueError`` give
no quotes and are counted. LitBank is fiction with direct speech only, so
only predicted ``direct`` and ``mixed`` attributions are scored there, one
record per quoted stretch (LitBank annotates each part of a split quote).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import evaluation as ev  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402
from analysis.nlp import load_model, parse  # noqa: E402

SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
SEEDS_GOLD = ROOT / "tests" / "fixtures" / "seeds_attributions_gold.jsonl"
LITBANK = SHARED / "corpora" / "litbank_quotations"
FIGURES = ("content_precision", "content_recall", "content_f1",
           "content_speaker_precision", "content_speaker_recall", "content_speaker_f1")


def seeds_rows(nlp) -> list[dict]:
    gold = ev.load_jsonl(SEEDS_GOLD)
    corpus = load_corpus(SEEDS)
    ours = ev.run_cli_attributions([SEEDS])
    parsed = dict(zip(corpus.ids, parse(corpus.texts, nlp)))
    baseline, raising = ev.textacy_direct_quotations(parsed)
    return [
        _row("seeds", "extractor", ev.score_attributions(ours, gold), len(corpus), 0),
        _row("seeds", "textacy", ev.score_attributions(baseline, gold), len(corpus), len(raising)),
    ]


def litbank_rows(nlp, limit: int | None) -> list[dict]:
    litbank = ev.load_litbank(LITBANK, limit=limit)
    with tempfile.TemporaryDirectory() as tmp:
        ours = ev.run_cli_attributions([litbank.write_texts(Path(tmp) / "litbank")])
    ours = ev.explode_contents(ev.filter_kinds(ours))
    parsed = dict(zip(litbank.texts, parse(list(litbank.texts.values()), nlp)))
    baseline, raising = ev.textacy_direct_quotations(parsed)
    n = len(litbank.texts)
    return [
        _row("litbank", "extractor", ev.score_attributions(ours, litbank.gold, "name_token"), n, 0),
        _row("litbank", "textacy", ev.score_attributions(baseline, litbank.gold, "name_token"), n,
             len(raising)),
    ]


def _row(corpus: str, system: str, score: dict, n_docs: int, n_raising: int) -> dict:
    row = {"corpus": corpus, "system": system, "docs": n_docs, "docs_raising": n_raising,
           "gold": score["n_gold"], "predicted": score["n_predicted"], "matched": score["n_matched"]}
    row.update({k: score[k] for k in FIGURES})
    row["recall_by_kind"] = {k: v["content_recall"] for k, v in score["recall_by_kind"].items()}
    return row


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--litbank-limit", type=int, default=None,
                        help="score only the first N LitBank works (default all 100)")
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    args = parser.parse_args(argv)
    nlp = load_model()
    rows = seeds_rows(nlp) + litbank_rows(nlp, args.litbank_limit)
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return 0
    import pandas as pd

    frame = pd.DataFrame(rows)
    with pd.option_context("display.width", 250, "display.max_columns", None,
                           "display.max_colwidth", 120):
        print(frame.drop(columns="recall_by_kind").to_string(index=False))
        print()
        print(frame[["corpus", "system", "recall_by_kind"]].to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
