"""Train the attribution scorer on PolNeAR's fit split; write ``analysis/data/attribution_model.json``.

Usage: ``python benchmarks/train_attribution.py [PATH] [--out FILE] [--c C] [--seed N]``

``PATH`` is a local PolNeAR checkout (default ``$POLNEAR``). Only the train
compartment is read, and of it only our ``fit`` split (sampling periods 1-9;
:mod:`evaluation.polnear`): our ``dev`` split stays unseen, and PolNeAR's own
dev and test are never opened.

1. The cue lexicon: the ``lemma/POS`` of every gold cue's head word seen at
   least ``MIN_CUES`` times in fit.
2. Candidates: every draft the extractor proposes on each fit article
   (:func:`analysis.attribution.extract.candidate_drafts`: the rules' drafts and
   the relation candidates of every lexicon word), with their features
   (:func:`analysis.attribution.model.features`).
3. Labels: a draft is positive when its content matches a gold attribution's
   under the headline rule (outer bounds, each half inside the other) and its
   cue overlaps that attribution's cue.
4. A logistic regression (scikit-learn, liblinear, L2, seeded); features seen
   fewer than ``MIN_FEATURE_COUNT`` times are dropped.
5. The threshold: a model trained on periods 1-8 scores period 9 end to end
   (the extractor's own selection), and the threshold with the best sum of
   content F1 and content+speaker F1 there is kept for the final model, which
   is trained on all of fit.

The output holds weights, lexicon and threshold only (no corpus text), with
sorted keys and rounded weights, so the same data give the same bytes.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.attribution.candidates import cue_key  # noqa: E402
from analysis.attribution.context import Context  # noqa: E402
from analysis.attribution.extract import candidate_drafts, select  # noqa: E402
from analysis.attribution.model import MODEL_FILE, features  # noqa: E402
from analysis.nlp import load_model, parse_corpus  # noqa: E402
from evaluation import parc_score as ps  # noqa: E402
from evaluation.parse_tools import cue_lemma  # noqa: E402
from evaluation.polnear import corpus_of, gold_records, load_polnear  # noqa: E402

#: a cue word joins the lexicon when fit has at least this many gold cues headed by it
MIN_CUES = 2
#: features seen fewer times than this in the training candidates are dropped
MIN_FEATURE_COUNT = 3
#: inverse regularisation strength of the logistic regression
C = 0.2
SEED = 13
#: the fit period whose articles choose the threshold (0-based; fit is periods 0-8)
THRESHOLD_PERIOD = 8
THRESHOLDS = [round(0.2 + 0.025 * i, 3) for i in range(21)]
_DIGITS = 4


def lexicon_of(docs, parsed) -> list[str]:
    counts: Counter = Counter()
    for d in docs:
        for a in d.attributions:
            _, _, head = cue_lemma(parsed[d.id], a.cue)
            if head is not None and head.pos_ in ("VERB", "NOUN", "ADJ"):
                counts[cue_key(head)] += 1
    return sorted(k for k, n in counts.items() if n >= MIN_CUES)


def _match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and 2 * shared >= a[1] - a[0] and 2 * shared >= b[1] - b[0]


def label(d, gold) -> int:
    """1 when the draft's content matches a gold attribution whose cue its cue overlaps."""
    bounds = (d.start, d.end)
    for g in gold:
        if not _match(bounds, g.content_bounds):
            continue
        if d.cue is None or any(d.cue[0] < e and s < d.cue[1] for s, e in g.cue):
            return 1
    return 0


def collect(docs, parsed, lexicon):
    """Per article: (doc, drafts, feature lists, labels)."""
    rows = []
    for d in docs:
        ctx = Context(parsed[d.id])
        drafts = candidate_drafts(ctx, lexicon)
        rows.append((d, ctx, drafts, [features(ctx, x) for x in drafts],
                     [label(x, d.attributions) for x in drafts]))
    return rows


def train(rows, c: float, seed: int) -> tuple[dict, float]:
    """Weights (feature -> weight, rounded) and bias of a logistic regression on ``rows``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: Counter = Counter(f for r in rows for fs in r[3] for f in set(fs))
    keep = {f for f, n in counts.items() if n >= MIN_FEATURE_COUNT}
    samples = [{f: 1 for f in fs if f in keep} for r in rows for fs in r[3]]
    y = [lab for r in rows for lab in r[4]]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(samples).tocsr()
    x.indices = x.indices.astype("int32")  # liblinear takes 32-bit indices only
    x.indptr = x.indptr.astype("int32")
    clf = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=1000)
    clf.fit(x, y)
    weights = {name: round(float(w), _DIGITS) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])
               if round(float(w), _DIGITS) != 0.0}
    return weights, round(float(clf.intercept_[0]), _DIGITS)


def _score(weights, bias, feats) -> float:
    import math

    z = bias + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def end_to_end(rows, weights, bias, thresholds) -> dict[float, dict]:
    """Headline scores of the extractor's selection at each threshold (content and speaker only)."""
    gold = gold_records([r[0] for r in rows])
    scored = []
    for doc, ctx, drafts, feats, _ in rows:
        scores = [_score(weights, bias, f) for f in feats]
        scored.append((doc, drafts, scores))
    out = {}
    for t in thresholds:
        predicted = []
        for doc, drafts, scores in scored:
            for d, s in zip(drafts, scores):
                d.score = s
            for d in select(drafts, t):
                predicted.append({"doc": doc.id, "contents": [{"start": s, "end": e} for s, e in d.contents],
                                  "source": {"start": d.source[0], "end": d.source[1]} if d.source else None})
        out[t] = ps.headline_score(predicted, gold)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=None, help="PolNeAR checkout (default $POLNEAR)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--threshold", type=float, default=None, help="skip the threshold search")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    docs = sorted(load_polnear(args.path, "fit"), key=lambda d: d.id)
    parsed = parse_corpus(corpus_of(docs), load_model(None))
    lexicon = lexicon_of(docs, parsed)
    rows = collect(docs, parsed, lexicon)
    n = sum(len(r[4]) for r in rows)
    pos = sum(sum(r[4]) for r in rows)
    print(f"{len(docs)} fit articles, lexicon {len(lexicon)} cue words, {n} candidates, {pos} positive "
          f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    threshold = args.threshold
    if threshold is None:
        inner = [r for r in rows if r[0].period != THRESHOLD_PERIOD]
        held = [r for r in rows if r[0].period == THRESHOLD_PERIOD]
        weights, bias = train(inner, args.c, args.seed)
        results = end_to_end(held, weights, bias, THRESHOLDS)
        for t, h in results.items():
            print(f"  threshold {t:.3f}: content F1 {h['content']['f1']:.3f} "
                  f"(P {h['content']['precision']:.3f} R {h['content']['recall']:.3f}), "
                  f"+speaker F1 {h['content_speaker']['f1']:.3f}", file=sys.stderr)
        threshold = max(results, key=lambda t: (results[t]["content"]["f1"]
                                                + results[t]["content_speaker"]["f1"], -t))
        print(f"threshold {threshold} (period {THRESHOLD_PERIOD + 1} of fit held out)", file=sys.stderr)
    weights, bias = train(rows, args.c, args.seed)
    model = {
        "about": "Attribution scorer (analysis.attribution.model): logistic regression weights over parse "
                 "features of draft attributions, trained by benchmarks/train_attribution.py on PolNeAR "
                 "train, fit split (sampling periods 1-9). No corpus text is included.",
        "trained_on": {"corpus": "PolNeAR train, fit split", "articles": len(docs), "candidates": n,
                       "positive": pos},
        "c": args.c, "seed": args.seed, "min_cues": MIN_CUES, "min_feature_count": MIN_FEATURE_COUNT,
        "threshold": threshold, "bias": bias, "lexicon": lexicon, "weights": weights,
    }
    args.out.write_text(json.dumps(model, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights, {args.out.stat().st_size // 1024} KB, "
          f"{time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
