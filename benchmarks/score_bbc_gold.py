"""Attribution quality on the blind BBC gold sets, extractor beside textacy; figures recorded.

Usage: ``python benchmarks/score_bbc_gold.py [--set 1|2|3|all] [--json]``

Each set was annotated by hand before the extractor was run on its articles
(see ``evaluation/gold/bbc*.py``). Sets 1 (12 articles) and 2 (10) were then
used, in turn, to tune general rules, so set 3 (10 more articles, never tuned
on) is the honest held-out estimate. The gold follows the PARC conventions
of ``docs/attribution_conventions.md``. The articles are copied (same
``topic/NNN`` ids) to a temporary folder and the attributions CLI is run on
them in-process. Figures are given for all gold and for the gold whose cue
is of class ``speech`` (``speech_only``: no beliefs, intentions, perceptions
or evidence); there, predictions matched to a gold of another class are
dropped too, so they count neither as hits nor as false positives. Recall is
also given per ``kind`` and per ``cue_class``. textacy's ``direct_quotations`` is scored on
the same parses. The figures go to the ``bbc1``-``bbc3`` entries of the
``attribution`` section of ``benchmarks/results/quality.json``; error listings
to ``benchmarks/out/bbc{N}_gold_errors.txt``. Without the optional BBC corpus
(see ``evaluation/data.py``) nothing is scored.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.corpus import Corpus, Document, load_corpus  # noqa: E402
from analysis.nlp import load_model, parse  # noqa: E402
from evaluation import data  # noqa: E402
from evaluation import score as ev  # noqa: E402
from evaluation.gold import GOLD_SETS, GoldSet, save_results  # noqa: E402
from evaluation.predict import predict_documents  # noqa: E402
from evaluation.textacy_quotes import textacy_direct_quotations  # noqa: E402

SETS = {key: GOLD_SETS[f"bbc{key}"] for key in ("1", "2", "3")}


def errors_path(key: str) -> Path:
    return ROOT / "benchmarks" / "out" / f"bbc{key}_gold_errors.txt"


def _text(record: dict) -> str:
    value = record.get("contents") or record.get("content") or []
    return " | ".join(s["text"] for s in ([value] if isinstance(value, dict) else value))


def _mention(span) -> str:
    return span["text"] if span else "-"


def error_lines(predicted: list[dict], gold: list[dict]) -> list[str]:
    """Missed gold, false positives and wrong speakers, by document."""
    matches = ev.match_attributions(predicted, gold)
    found = {m.gold for m in matches}
    used = {m.pred for m in matches}
    lines = ["# MISSED GOLD (doc | kind | cue class | source [cue] -> content)"]
    for i, g in enumerate(gold):
        if i not in found:
            lines.append(f"{g['doc']} | {g['kind']} | {g.get('cue_class', '-')} | "
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


def score_set(key: str, gold_set: GoldSet, nlp) -> dict:
    """Run the CLI (and textacy) on a set's articles, write its error listing, return its entry."""
    gold = gold_set.load()
    doc_ids = sorted({g["doc"] for g in gold})
    root = gold_set.documents_root()
    predicted = predict_documents(root, doc_ids, gold_set.encoding)
    errors = errors_path(key)
    errors.parent.mkdir(parents=True, exist_ok=True)
    errors.write_text("\n".join(error_lines(predicted, gold)) + "\n", encoding="utf-8")

    full = ev.score_attributions(predicted, gold)
    speech = ev.score_attributions(*ev.restrict_gold(predicted, gold, gold_set.is_speech))
    matches = ev.match_attributions(predicted, gold)
    found = {m.gold for m in matches}
    missed = Counter(g["kind"] for i, g in enumerate(gold) if i not in found)

    corpus = Corpus([Document(d, load_corpus(root / f"{d}.txt", encoding=gold_set.encoding)[0].text)
                     for d in doc_ids])
    baseline, raising = textacy_direct_quotations(dict(zip(corpus.ids, parse(corpus.texts, nlp))))
    textacy = {**ev.figures(ev.score_attributions(baseline, gold)), "docs_raising": len(raising)}
    return gold_set.result(
        ev.figures(full), len(doc_ids), speech_only=ev.figures(speech),
        n_gold_by_cue_class=dict(sorted(Counter(g["cue_class"] for g in gold).items())),
        missed_by_kind=dict(sorted(missed.items())),
        n_false_positives=len(predicted) - len(matches),
        n_wrong_speakers=sum(not m.speaker_right for m in matches), textacy=textacy)


def print_entry(key: str, entry: dict) -> None:
    print(f"{entry['label']}: {entry['n_gold']} gold {entry['n_gold_by_cue_class']}, "
          f"{entry['n_predicted']} predicted")
    for name, s in (("all", entry), ("speech_only", entry["speech_only"]),
                    ("textacy", entry["textacy"])):
        print(f"{name:16s} content P/R/F1 {s['content_precision']:.3f} {s['content_recall']:.3f} "
              f"{s['content_f1']:.3f} | +speaker P/R/F1 {s['content_speaker_precision']:.3f} "
              f"{s['content_speaker_recall']:.3f} {s['content_speaker_f1']:.3f}")
    print("recall by kind, then by cue class (content / +speaker, n):")
    for kind, r in (*entry["recall_by_kind"].items(), *entry["recall_by_cue_class"].items()):
        print(f"  {kind:13s} {r['content_recall']:.3f} / {r['content_speaker_recall']:.3f}  n={r['n_gold']}")
    print(f"missed gold by kind: {entry['missed_by_kind']}; false positives: "
          f"{entry['n_false_positives']}; wrong speakers: {entry['n_wrong_speakers']}")
    print(f"error listing: {errors_path(key).relative_to(ROOT)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all",
                        help="which blind gold set to score (default all)")
    parser.add_argument("--json", action="store_true", help="print the entries as JSON")
    args = parser.parse_args(argv)
    chosen = list(SETS) if args.set == "all" else [args.set]
    if data.find("bbc") is None:
        print(data.missing_reason("bbc"))
        return 0
    nlp = load_model()
    entries = {key: score_set(key, SETS[key], nlp) for key in chosen}
    save_results({SETS[key].name: entry for key, entry in entries.items()})
    if args.json:
        print(json.dumps(entries, indent=1, sort_keys=True))
        return 0
    for key in chosen:
        print_entry(key, entries[key])
    return 0


if __name__ == "__main__":
    sys.exit(main())
