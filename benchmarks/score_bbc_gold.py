"""Attribution quality on the blind BBC gold sets: the CLI scored as graders run it.

Usage: ``python benchmarks/score_bbc_gold.py [--set 1|2|all] [--json]``

Each set was annotated by hand before the extractor was run on its articles
(see ``tests/fixtures/build_bbc_gold*.py``). Sets 1 (12 articles) and 2 (10)
were then used, in turn, to tune general rules, so set 3 (10 more articles,
never tuned on) is the honest held-out estimate. The articles are copied (same ``topic/NNN`` ids) to a
temporary folder and the CLI is run on them in-process. Figures are given for
all gold and without belief/expectation attributions ("expects", "I think"):
without them, predictions matched to a belief gold are dropped too, so they
count neither as hits nor as false positives. Error listings go to
``benchmarks/out/bbc{N}_gold_errors.txt``.
"""
from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from analysis import evaluation as ev  # noqa: E402
from build_bbc_gold import BBC, ENCODING  # noqa: E402


@dataclass(frozen=True)
class GoldSet:
    """One blind gold set: its builder module (annotations, ``OUT``, ``is_belief``) and a label."""

    key: str
    builder: str
    label: str

    def module(self):
        return importlib.import_module(self.builder)

    @property
    def errors(self) -> Path:
        return ROOT / "benchmarks" / "out" / f"bbc{self.key}_gold_errors.txt"


GOLD_SETS = {
    "1": GoldSet("1", "build_bbc_gold", "BBC blind gold 1 (12 articles; rules tuned on it afterwards)"),
    "2": GoldSet("2", "build_bbc_gold2", "BBC blind gold 2 (10 other articles; rules tuned on it afterwards)"),
    "3": GoldSet("3", "build_bbc_gold3", "BBC blind gold 3 (10 more articles; held out: never tuned on)"),
}
Belief = Callable[[dict], bool]
FIGURES = ("content_precision", "content_recall", "content_f1",
           "content_speaker_precision", "content_speaker_recall", "content_speaker_f1")


def predict(doc_ids: list[str]) -> list[dict]:
    """CLI output on a copy of just these articles (ids kept as ``topic/NNN``)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "bbc"
        for doc_id in doc_ids:
            target = root / f"{doc_id}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(BBC / f"{doc_id}.txt", target)
        predicted = ev.run_cli_attributions([root], ["--encoding", ENCODING])
    unknown = {p["doc"] for p in predicted} - set(doc_ids)
    if unknown:
        raise SystemExit(f"CLI returned unexpected document ids: {sorted(unknown)}")
    return predicted


def without_beliefs(predicted: list[dict], gold: list[dict],
                    is_belief: Belief) -> tuple[list[dict], list[dict]]:
    """Gold minus belief attributions, predictions minus those matched to one."""
    matched_to_belief = {m.pred for m in ev.match_attributions(predicted, gold) if is_belief(gold[m.gold])}
    return ([p for i, p in enumerate(predicted) if i not in matched_to_belief],
            [g for g in gold if not is_belief(g)])


def _text(record: dict) -> str:
    value = record.get("contents") or record.get("content") or []
    return " | ".join(s["text"] for s in ([value] if isinstance(value, dict) else value))


def _mention(span) -> str:
    return span["text"] if span else "-"


def error_lines(predicted: list[dict], gold: list[dict], is_belief: Belief) -> list[str]:
    """Missed gold, false positives and wrong speakers, by document."""
    matches = ev.match_attributions(predicted, gold)
    found = {m.gold for m in matches}
    used = {m.pred for m in matches}
    lines = ["# MISSED GOLD (doc | kind | belief | source -> content)"]
    for i, g in enumerate(gold):
        if i not in found:
            lines.append(f"{g['doc']} | {g['kind']} | {'belief' if is_belief(g) else '-'} | "
                         f"{_mention(g['source'])} [{_mention(g['cue'])}] -> {_text(g)}")
    lines.append("")
    lines.append("# FALSE POSITIVES (doc | kind | source [cue] -> content)")
    for i, p in enumerate(predicted):
        if i not in used:
            lines.append(f"{p['doc']} | {p.get('kind')} | {_mention(p.get('source'))} "
                         f"[{_mention(p.get('cue'))}] -> {_text(p)}")
    lines.append("")
    lines.append("# WRONG SPEAKERS (doc | gold source / speaker | predicted source / speaker -> gold content)")
    for m in matches:
        if not m.speaker_right:
            g, p = gold[m.gold], predicted[m.pred]
            lines.append(f"{g['doc']} | {_mention(g['source'])} / {g['speaker']} | "
                         f"{_mention(p.get('source'))} / {p.get('speaker')} -> {_text(g)}")
    return lines


def summary(predicted: list[dict], gold: list[dict], is_belief: Belief) -> dict:
    """Scores with and without beliefs plus error counts (what stdout shows)."""
    full = ev.score_attributions(predicted, gold)
    no_belief = ev.score_attributions(*without_beliefs(predicted, gold, is_belief))
    matches = ev.match_attributions(predicted, gold)
    found = {m.gold for m in matches}
    missed = Counter(g["kind"] for i, g in enumerate(gold) if i not in found)
    return {
        "all": {k: full[k] for k in ("n_gold", "n_predicted", "n_matched", "n_matched_speaker", *FIGURES)},
        "without_beliefs": {k: no_belief[k] for k in ("n_gold", "n_predicted", "n_matched",
                                                      "n_matched_speaker", *FIGURES)},
        "recall_by_kind": full["recall_by_kind"],
        "recall_by_kind_without_beliefs": no_belief["recall_by_kind"],
        "n_belief_gold": sum(map(is_belief, gold)),
        "missed_by_kind": dict(sorted(missed.items())),
        "n_false_positives": len(predicted) - len(matches),
        "n_wrong_speakers": sum(not m.speaker_right for m in matches),
    }


def score_set(gold_set: GoldSet) -> dict:
    """Run the CLI on a set's articles, write its error listing, return its summary."""
    builder = gold_set.module()
    gold = ev.load_jsonl(builder.OUT)
    predicted = predict(sorted({g["doc"] for g in gold}))
    gold_set.errors.parent.mkdir(parents=True, exist_ok=True)
    gold_set.errors.write_text("\n".join(error_lines(predicted, gold, builder.is_belief)) + "\n",
                               encoding="utf-8")
    return summary(predicted, gold, builder.is_belief)


def print_summary(gold_set: GoldSet, result: dict) -> None:
    print(f"{gold_set.label}: {result['all']['n_gold']} gold "
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
    print(f"error listing: {gold_set.errors.relative_to(ROOT)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*GOLD_SETS, "all"), default="all",
                        help="which blind gold set to score (default all)")
    parser.add_argument("--json", action="store_true", help="print the summaries as JSON")
    args = parser.parse_args(argv)
    chosen = list(GOLD_SETS.values()) if args.set == "all" else [GOLD_SETS[args.set]]
    results = {g.key: score_set(g) for g in chosen}
    if args.json:
        print(json.dumps(results, indent=1, sort_keys=True))
        return 0
    for g in chosen:
        print_summary(g, results[g.key])
    return 0


if __name__ == "__main__":
    sys.exit(main())
