"""Attribution extraction scored on PolNeAR's train compartment (PARC conventions).

Usage: ``python benchmarks/score_polnear.py [PATH] [--split both|dev|fit|all] [--limit N] [--json]
[--errors FILE] [--no-record]``

``PATH`` is a local PolNeAR checkout (its root, ``data`` or ``data/train``;
default ``$POLNEAR``; with neither the script says so and exits 0, so ``make
bench`` runs without the corpus). Only ``data/train`` is read; ``dev`` is our
development split cut from it (the 10th sampling period, 84 articles),
``fit`` the other nine periods (see :mod:`evaluation.polnear`); the model
(``analysis/data/attribution_model.json``) was trained on fit only. The
default, ``both``, scores fit then dev and records the figures in the
``polnear`` section of ``benchmarks/results/quality.json`` (not with
``--limit``, ``--model`` or ``--no-record``); a single split is printed only. Articles
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
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.attribution import attribution_records  # noqa: E402
from analysis.nlp import load_model, parse_corpus  # noqa: E402
from evaluation import parc_score as ps  # noqa: E402
from evaluation import results  # noqa: E402
from evaluation.parse_tools import doc_tokens, gold_cue_class  # noqa: E402
from evaluation.polnear_analysis import content_shape  # noqa: E402
from evaluation.polnear import ENV, corpus_of, gold_kind, gold_records, load_polnear  # noqa: E402


def run(path, split: str = "dev", limit: int | None = None, model: str | None = None):
    """(documents, parsed docs, predicted records, gold records) for one split."""
    docs = load_polnear(path, split, limit)
    corpus = corpus_of(docs)
    nlp = load_model(model)
    parsed = parse_corpus(corpus, nlp)
    predicted = attribution_records(corpus, nlp, parsed)
    kinds, classes = {}, {}
    for d in docs:
        for a in d.attributions:
            kinds[(d.id, a.id)] = gold_kind(d.text, a, np_content=content_shape(parsed[d.id], a.content) == "NP")
            classes[(d.id, a.id)] = gold_cue_class(parsed[d.id], a.cue, a.source)
    gold = gold_records(docs, kinds)
    for g in gold:
        g["cue_class"] = classes[(g["doc"], g["id"])]
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
    print("By gold kind (recall; kind from quotation marks and the content's shape, see gold_kind):")
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
    if b.get("by_gold_cue_class"):
        print("By gold cue class (recall; class from the cue's lemma and the source's head, "
              "see gold_cue_class):")
        for cls, r in b["by_gold_cue_class"].items():
            print(f"  {cls or '-':14s} n={r['n_gold']:5d}  content R {r['content_recall']:.3f}"
                  f"  +speaker R {r['content_speaker_recall']:.3f}")
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
    parser.add_argument("--split", choices=("both", "dev", "fit", "all"), default="both",
                        help="both (default): fit then dev, recorded; or one split, printed only")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of the split")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the project's)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", type=Path, default=None,
                        help="write an error listing here (a single split only)")
    parser.add_argument("--no-record", action="store_true",
                        help="do not write the figures to benchmarks/results/quality.json")
    args = parser.parse_args(argv)
    if args.path is None and not os.environ.get(ENV):
        print(f"PolNeAR: no checkout given (PATH or ${ENV}); skipped")
        return 0
    if args.split == "both":
        return _both(args)
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


def summary(result: dict) -> dict:
    """What ``quality.json`` keeps of a split's scores: counts, headline, Citron F1s, breakdowns."""
    h = result["headline"]
    b = result["breakdown"]
    return {
        "n_articles": result["n_articles"], "n_gold": h["n_gold"], "n_predicted": h["n_predicted"],
        "n_matched": h["n_matched"], "n_matched_speaker": h["n_matched_speaker"],
        "content": h["content"], "content_speaker": h["content_speaker"],
        "citron": {role: {kind: result["citron"][role][kind] for kind in ("exact", "overlap")}
                   for role in ("cue", "source", "content", "quote")},
        "by_predicted_kind": b["by_predicted_kind"], "by_gold_kind": b["by_gold_kind"],
        "by_cue_class": b["by_cue_class"], "by_gold_cue_class": b["by_gold_cue_class"],
    }


def _both(args) -> int:
    """Fit and dev (the default splits): printed, and recorded in the ``polnear`` section of
    ``benchmarks/results/quality.json`` unless ``--no-record`` or ``--limit``."""
    out = {}
    for split in ("fit", "dev"):
        t0 = time.perf_counter()
        docs, parsed, predicted, gold = run(args.path, split, args.limit, args.model)
        result = ps.score_all(predicted, gold, {d: doc_tokens(doc) for d, doc in parsed.items()})
        result["n_articles"] = len(docs)
        result["seconds"] = round(time.perf_counter() - t0, 1)
        if args.json:
            out[split] = result
        else:
            print_report(result, f"{split} split ({len(docs)} articles, {result['seconds']} s)")
            print()
        out[split] = result
    if args.json:
        print(json.dumps(out, indent=1, sort_keys=True))
    if not args.no_record and args.limit is None and args.model is None:
        results.update("polnear", {
            "corpus": "PolNeAR train compartment only (our split: dev = sampling period 10, fit = "
                      "periods 1-9); PolNeAR's own dev and test are never read",
            "measure": "headline: content outer bounds, each half inside the other, one to one; "
                       "speaker right when the source overlaps the gold source (none for none)",
            "model": "analysis/data/attribution_model.json, trained on fit only",
            "fit": summary(out["fit"]), "dev": summary(out["dev"]),
        })
    return 0


if __name__ == "__main__":
    sys.exit(main())
