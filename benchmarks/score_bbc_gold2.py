"""Held-out attribution quality after tuning: the CLI scored on the second blind BBC gold (10 articles).

Usage: ``python benchmarks/score_bbc_gold2.py [--json]``

The extractor was tuned on the first blind set (``score_bbc_gold.py``), so
only ``tests/fixtures/bbc2_attributions_gold.jsonl`` (annotated blind, see
``tests/fixtures/build_bbc_gold2.py``) still measures held-out quality. The
articles are copied to a temporary folder and the CLI is run on them
in-process (``score_bbc_gold.predict``). Figures are given for all gold and
without belief attributions ("believes", "I think", "expect"): without
them, predictions matched to a belief gold are dropped too. The error
listing goes to ``benchmarks/out/bbc2_gold_errors.txt``.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from analysis import evaluation as ev  # noqa: E402
from build_bbc_gold2 import OUT as GOLD, is_belief  # noqa: E402
from score_bbc_gold import FIGURES, _mention, _text, predict  # noqa: E402

ERRORS = ROOT / "benchmarks" / "out" / "bbc2_gold_errors.txt"
COUNTS = ("n_gold", "n_predicted", "n_matched", "n_matched_speaker")

Belief = Callable[[dict], bool]


def without_beliefs(predicted: list[dict], gold: list[dict],
                    belief: Belief = is_belief) -> tuple[list[dict], list[dict]]:
    """Gold minus belief attributions, predictions minus those matched to one."""
    dropped = {m.pred for m in ev.match_attributions(predicted, gold) if belief(gold[m.gold])}
    return ([p for i, p in enumerate(predicted) if i not in dropped],
            [g for g in gold if not belief(g)])


def error_lines(predicted: list[dict], gold: list[dict], belief: Belief = is_belief) -> list[str]:
    """Missed gold, false positives and wrong speakers, by document."""
    matches = ev.match_attributions(predicted, gold)
    found, used = {m.gold for m in matches}, {m.pred for m in matches}
    lines = ["# MISSED GOLD (doc | kind | belief | source [cue] -> content)"]
    lines += [f"{g['doc']} | {g['kind']} | {'belief' if belief(g) else '-'} | "
              f"{_mention(g['source'])} [{_mention(g['cue'])}] -> {_text(g)}"
              for i, g in enumerate(gold) if i not in found]
    lines += ["", "# FALSE POSITIVES (doc | kind | source [cue] -> content)"]
    lines += [f"{p['doc']} | {p.get('kind')} | {_mention(p.get('source'))} "
              f"[{_mention(p.get('cue'))}] -> {_text(p)}"
              for i, p in enumerate(predicted) if i not in used]
    lines += ["", "# WRONG SPEAKERS (doc | gold source / speaker | predicted source / speaker -> gold content)"]
    lines += [f"{gold[m.gold]['doc']} | {_mention(gold[m.gold]['source'])} / {gold[m.gold]['speaker']} | "
              f"{_mention(predicted[m.pred].get('source'))} / {predicted[m.pred].get('speaker')} "
              f"-> {_text(gold[m.gold])}"
              for m in matches if not m.speaker_right]
    return lines


def summary(predicted: list[dict], gold: list[dict], belief: Belief = is_belief) -> dict:
    """Scores with and without beliefs plus error counts (what stdout shows)."""
    full = ev.score_attributions(predicted, gold)
    no_belief = ev.score_attributions(*without_beliefs(predicted, gold, belief))
    matches = ev.match_attributions(predicted, gold)
    found = {m.gold for m in matches}
    missed = Counter(g["kind"] for i, g in enumerate(gold) if i not in found)
    return {
        "all": {k: full[k] for k in (*COUNTS, *FIGURES)},
        "without_beliefs": {k: no_belief[k] for k in (*COUNTS, *FIGURES)},
        "recall_by_kind": full["recall_by_kind"],
        "recall_by_kind_without_beliefs": no_belief["recall_by_kind"],
        "n_belief_gold": sum(map(belief, gold)),
        "missed_by_kind": dict(sorted(missed.items())),
        "n_false_positives": len(predicted) - len(matches),
        "n_wrong_speakers": sum(not m.speaker_right for m in matches),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    gold = ev.load_jsonl(GOLD)
    doc_ids = sorted({g["doc"] for g in gold})
    predicted = predict(doc_ids)
    ERRORS.parent.mkdir(parents=True, exist_ok=True)
    ERRORS.write_text("\n".join(error_lines(predicted, gold)) + "\n", encoding="utf-8")
    result = summary(predicted, gold)
    if args.json:
        print(json.dumps(result, indent=1, sort_keys=True))
        return 0
    print(f"BBC blind gold 2: {len(doc_ids)} articles, {result['all']['n_gold']} gold "
          f"({result['n_belief_gold']} beliefs), {result['all']['n_predicted']} predicted")
    for name in ("all", "without_beliefs"):
        s = result[name]
        print(f"{name:16s} content P/R/F1 {s['content_precision']:.3f} {s['content_recall']:.3f} "
              f"{s['content_f1']:.3f} | +speaker P/R/F1 {s['content_speaker_precision']:.3f} "
              f"{s['content_speaker_recall']:.3f} {s['content_speaker_f1']:.3f}")
    print("recall by kind (content / +speaker, n):")
    for kind, r in result["recall_by_kind"].items():
        print(f"  {kind:13s} {r['content_recall']:.3f} / {r['content_speaker_recall']:.3f}  n={r['n_gold']}")
    print(f"missed gold by kind: {result['missed_by_kind']}; false positives: "
          f"{result['n_false_positives']}; wrong speakers: {result['n_wrong_speakers']}")
    print(f"error listing: {ERRORS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
