"""Figures layer quality on the seeds' quantities gold: "the same quantity reported differently".

Usage: ``python benchmarks/score_figures.py [--json]``

The layer is scored as graders score it: the ``figure`` records of
``python -m analysis overlap seeds --layers all --format jsonl`` (run
in-process), against ``evaluation/numbers/seeds_gold.jsonl`` (convention in
``CONVENTIONS.md`` beside it), by ``evaluation.numbers.score.score_differing``:
pair-level precision / recall / F1 over pairs of mentions in different
articles put in one differing group, and mention-level recall. The figures go
to the ``numbers`` section of ``benchmarks/results/quality.json``.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.cli import main as cli  # noqa: E402
from evaluation import results  # noqa: E402
from evaluation.numbers.score import load_gold, score_differing  # noqa: E402

SEEDS = ROOT / "seeds"
GOLD = ROOT / "evaluation" / "numbers" / "seeds_gold.jsonl"


def figure_records(corpus: Path = SEEDS) -> list[dict]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = cli(["overlap", str(corpus), "--layers", "all", "--format", "jsonl",
                    "--paraphrase-top-k", "1"])
    if code:
        raise SystemExit(code)
    records = (json.loads(line) for line in out.getvalue().splitlines() if line.strip())
    return [r for r in records if r.get("kind") == "figure"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the score as JSON")
    args = parser.parse_args(argv)
    score = score_differing(figure_records(), load_gold(GOLD))
    false_pairs = score.pop("false_pairs")
    results.update("numbers", {"seeds": {**score, "false_pairs": len(false_pairs)}})
    if args.json:
        print(json.dumps({**score, "false_pairs": false_pairs}, indent=1))
        return 0
    print(f"seeds quantities gold: {score['gold_mentions']} mentions, "
          f"{score['gold_groups']} differing group(s), {score['gold_pairs']} pairs")
    print(f"pairs  P {score['precision']:.3f}  R {score['recall']:.3f}  F1 {score['f1']:.3f}  "
          f"({score['pred_pairs_correct']}/{score['pred_pairs']} predicted correct, "
          f"{score['gold_pairs_found']}/{score['gold_pairs']} gold found)")
    print(f"mentions extracted {score['mentions_extracted']}/{score['gold_mentions']} "
          f"(recall {score['mention_recall']:.3f}); in differing groups "
          f"{score['mentions_in_groups']}")
    for (doc_a, text_a), (doc_b, text_b) in false_pairs:
        print(f"  false pair: {doc_a} {text_a!r} ~ {doc_b} {text_b!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
