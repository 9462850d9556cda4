"""Attribution extraction scored on PolNeAR's train compartment (PARC conventions).

Usage: ``python benchmarks/score_polnear.py PATH [--split dev|fit|all] [--limit N] [--json]
[--errors FILE]``

``PATH`` is a local PolNeAR checkout (its root, ``data`` or ``data/train``;
default ``$POLNEAR``). Only ``data/train`` is read; ``--split dev`` is our
development split cut from it (the 10th sampling period, 84 articles),
``fit`` the other nine periods (see :mod:`evaluation.polnear`). Articles
are parsed once (``analysis.nlp`` caches parses on disk) and run through
``analysis.attribution``; the scores are those of :mod:`evaluation.parc_score`:
the headline content and content+speaker P/R/F1, BBC Citron's exact and token
overlap metrics per role, and breakdowns by kind and cue class. ``--errors``
writes a listing of misses and false positives (it quotes the corpus: keep
it out of the repository).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.attribution import attribution_records  # noqa: E402
from analysis.nlp import load_model, parse_corpus  # noqa: E402
from evaluation import parc_score as ps  # noqa: E402
from evaluation.parse_tools import cue_is_noun, doc_tokens  # noqa: E402
from evaluation.polnear import corpus_of, gold_records, gold_kind, load_polnear  # noqa: E402


def run(path, split: str = "dev", limit: int | None = None, model: str | None = None):
    """(documents, parsed docs, predicted records, gold records) for one split."""
    docs = load_polnear(path, split, limit)
    corpus = corpus_of(docs)
    nlp = load_model(model)
    parsed = parse_corpus(corpus, nlp)
    predicted = attribution_records(corpus, nlp, parsed)
    kinds = {}
    for d in docs:
        for a in d.attributions:
            kinds[(d.id, a.id)] = gold_kind(d.text, a, cue_is_noun=cue_is_noun(parsed[d.id], a.cue))
    gold = gold_records(docs, kinds)
    return docs, parsed, predicted, gold


def _row(name: str, s: dict) -> str:
    return f"  {name:24s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"


def print_report(result: dict, label: str) -> None:
    h = result["headline"]
    print(f"PolNeAR {label}: {h['n_gold']} gold, {h['n_predicted']} predicted, "
          f"{h['n_matched']} matched ({h['n_matched_speaker']} with the speaker right)")
    print("Headline (content outer bounds, half-and-half overlap, one to one):")
    print(_row("content", h["content"]))
    print(_row("content + speaker", h["content_speaker"]))
    print("Citron (tokens; exact = same tokens, overlap = shared tokens):")
    for role in ("cue", "source", "content", "quote"):
        c = result["citron"][role]
        print(_row(f"{role} exact", c["exact"]))
        print(_row(f"{role} overlap", c["overlap"]))
    b = result["breakdown"]
    print("By predicted kind (precision):")
    for kind, r in b["by_predicted_kind"].items():
        print(f"  {kind or '-':14s} n={r['n_predicted']:5d}  content P {r['content_precision']:.3f}"
              f"  +speaker P {r['content_speaker_precision']:.3f}")
    print("By gold kind (recall; kind from quotation marks and the cue's head, see gold_kind):")
    for kind, r in b["by_gold_kind"].items():
        print(f"  {kind or '-':14s} n={r['n_gold']:5d}  content R {r['content_recall']:.3f}"
              f"  +speaker R {r['content_speaker_recall']:.3f}")
    if b["by_cue_class"] is None:
        print("By cue class: the predictions have no cue_class field")
    else:
        print("By predicted cue class (precision):")
        for cls, r in b["by_cue_class"].items():
            print(f"  {cls or '-':14s} n={r['n_predicted']:5d}  content P {r['content_precision']:.3f}"
                  f"  +speaker P {r['content_speaker_precision']:.3f}")
    print("Matched pairs, gold kind -> predicted kind:", b["kind_confusion"])


def error_lines(predicted: list[dict], gold: list[dict]) -> list[str]:
    """Missed gold, false positives and wrong speakers (headline measure)."""
    matches = ps.headline_matches(predicted, gold)
    found = {m.gold for m in matches}
    used = {m.pred for m in matches}

    def txt(r, role):
        return " | ".join(s["text"] for s in (r.get(ps._PLURAL[role]) or
                                               ([r[role]] if r.get(role) else []))) or "-"

    lines = ["# MISSED GOLD (doc | id | kind | source [cue] -> content)"]
    lines += [f"{g['doc']} | {g['id']} | {g['kind']} | {txt(g, 'source')} [{txt(g, 'cue')}] -> "
              f"{txt(g, 'content')}" for i, g in enumerate(gold) if i not in found]
    lines += ["", "# FALSE POSITIVES (doc | kind | source [cue] -> content)"]
    lines += [f"{p['doc']} | {p['kind']} | {txt(p, 'source')} [{txt(p, 'cue')}] -> {txt(p, 'content')}"
              for i, p in enumerate(predicted) if i not in used]
    lines += ["", "# WRONG SPEAKERS (doc | gold source | predicted source -> gold content)"]
    lines += [f"{gold[m.gold]['doc']} | {txt(gold[m.gold], 'source')} | {txt(predicted[m.pred], 'source')}"
              f" -> {txt(gold[m.gold], 'content')}" for m in matches if not m.speaker_right]
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=None, help="PolNeAR checkout (default $POLNEAR)")
    parser.add_argument("--split", choices=("dev", "fit", "all"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of the split")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the project's)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", type=Path, default=None, help="write an error listing here")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    docs, parsed, predicted, gold = run(args.path, args.split, args.limit, args.model)
    result = ps.score_all(predicted, gold, {d: doc_tokens(doc) for d, doc in parsed.items()})
    result["n_articles"] = len(docs)
    result["split"] = args.split
    result["seconds"] = round(time.perf_counter() - t0, 1)
    if args.errors:
        args.errors.parent.mkdir(parents=True, exist_ok=True)
        args.errors.write_text("\n".join(error_lines(predicted, gold)) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(result, indent=1, sort_keys=True))
    else:
        print_report(result, f"{args.split} split ({len(docs)} articles, {result['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
