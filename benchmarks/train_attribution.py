"""Train the attribution scorer on PolNeAR's fit split; write ``analysis/data/attribution_model.json``.

Usage: ``python benchmarks/train_attribution.py [PATH] [--out FILE] [--c C] [--seed N]``

``PATH`` is a local PolNeAR checkout (default ``$POLNEAR``). Only the train
compartment is read, and of it only our ``fit`` split (sampling periods 1-9;
:mod:`evaluation.polnear`): our ``dev`` split stays unseen, and PolNeAR's own
dev and test are never opened.

1. The cue lexicon: the ``lemma/POS`` of every gold cue's head word seen at
   least ``MIN_CUES`` times in fit and heading a cue at least ``MIN_CUE_SHARE``
   of the times it occurs there.
2. Candidates: every draft the extractor proposes on each fit article
   (:func:`analysis.attribution.extract.candidate_drafts`: the rules' drafts and
   the relation candidates of every lexicon word), with their features
   (:func:`analysis.attribution.model.features`).
3. Labels: a draft is positive when its content matches a gold attribution's
   under the headline rule (outer bounds, each half inside the other) and its
   cue overlaps that attribution's cue.
4. Two logistic regressions (scikit-learn, liblinear, L2, seeded; features
   seen fewer than ``MIN_FEATURE_COUNT`` times are dropped). The first scores
   each draft on its own; the second adds what the first said about the drafts
   around it (:func:`analysis.attribution.model.context_features`), learnt from
   out-of-fold first-pass scores (three folds of fit's sampling periods:
   1-3, 4-6, 7-9), so it sees first-pass scores as they are on unseen text.
5. The ranker: a logistic regression without intercept on the feature
   differences of every pair of one cue's drafts where one is right and the
   other wrong (both ways round); it picks which draft of a cue is kept, the
   scorer's best probability among them whether one is kept at all.
6. The threshold: the same three folds, nested (each fold's two models are
   trained on the other six periods, the first-pass scores for its second model
   again out of fold, and its ranker on them too); each fold's models score its
   held-out periods end to end (the extractor's own selection), and the
   threshold with the best sum of content F1 and content+speaker F1 over the
   pooled held-out articles is kept for the final models, which are trained on
   all of fit.

The output holds weights (scorer and ranker), lexicon and threshold only (no corpus text), with
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
from analysis.attribution.model import MODEL_FILE, context_features, features  # noqa: E402
from analysis.nlp import load_model, parse_corpus  # noqa: E402
from evaluation import parc_score as ps  # noqa: E402
from evaluation.parse_tools import cue_lemma  # noqa: E402
from evaluation.polnear import corpus_of, gold_records, load_polnear  # noqa: E402

#: a cue word joins the lexicon when fit has at least this many gold cues headed by it
MIN_CUES = 2
#: ... and is a cue at least this share of the times it occurs in fit
MIN_CUE_SHARE = 0.1
#: features seen fewer times than this in the training candidates are dropped
MIN_FEATURE_COUNT = 3
#: inverse regularisation strength of the logistic regression
C = 0.2
#: ... and of the ranker (0: no ranker, the best-scored draft of each cue is kept)
RANK_C = 0.1
SEED = 13
#: the cross-validation folds that choose the threshold: fit's sampling periods (0-based), three apiece
FOLDS = ((0, 1, 2), (3, 4, 5), (6, 7, 8))
THRESHOLDS = [round(0.1 + 0.025 * i, 3) for i in range(21)]
_DIGITS = 4


def lexicon_of(docs, parsed) -> list[str]:
    """``lemma/POS`` of the words that head at least ``MIN_CUES`` gold cues in fit and are a cue at
    least ``MIN_CUE_SHARE`` of the times they occur there."""
    counts: Counter = Counter()
    for d in docs:
        for a in d.attributions:
            _, _, head = cue_lemma(parsed[d.id], a.cue)
            if head is not None and head.pos_ in ("VERB", "NOUN", "ADJ"):
                counts[cue_key(head)] += 1
    occurs: Counter = Counter(cue_key(t) for d in docs for t in parsed[d.id] if t.pos_ in ("VERB", "NOUN", "ADJ"))
    return sorted(k for k, n in counts.items() if n >= MIN_CUES and n >= MIN_CUE_SHARE * occurs[k])


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


def frequent_features(rows) -> set[str]:
    """The features seen in at least ``MIN_FEATURE_COUNT`` drafts of ``rows`` (the rest are dropped)."""
    counts: Counter = Counter(f for r in rows for fs in r[3] for f in set(fs))
    return {f for f, n in counts.items() if n >= MIN_FEATURE_COUNT}


def train(rows, c: float, seed: int) -> tuple[dict, float]:
    """Weights (feature -> weight, rounded) and bias of a logistic regression on ``rows``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    keep = frequent_features(rows)
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


def cue_groups(drafts) -> list[list[int]]:
    """Indices of the drafts of each cue word, in draft order."""
    groups: dict[int, list[int]] = {}
    for n, d in enumerate(drafts):
        if d.cue_tok is not None:
            groups.setdefault(d.cue_tok.i, []).append(n)
    return list(groups.values())


def train_ranker(rows, c: float, seed: int) -> dict:
    """Ranker weights (feature -> weight, rounded): a logistic regression without intercept on the
    feature differences of every (right, wrong) pair of drafts of one cue, both ways round, so that a
    right reading outranks its cue's wrong ones whatever their absolute scores."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    keep = frequent_features(rows)
    samples, y = [], []
    for _, _, drafts, feats, labels in rows:
        for group in cue_groups(drafts):
            for p in (i for i in group if labels[i]):
                for q in (i for i in group if not labels[i]):
                    a, b = set(feats[p]) & keep, set(feats[q]) & keep
                    diff = {f: 1 for f in a - b}
                    diff.update({f: -1 for f in b - a})
                    if diff:
                        samples += [diff, {f: -v for f, v in diff.items()}]
                        y += [1, 0]
    if not samples:
        return {}
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(samples).tocsr()
    x.indices = x.indices.astype("int32")
    x.indptr = x.indptr.astype("int32")
    clf = LogisticRegression(C=c, solver="liblinear", fit_intercept=False, random_state=seed, max_iter=1000)
    clf.fit(x, y)
    return {name: round(float(w), _DIGITS) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])
            if round(float(w), _DIGITS) != 0.0}


def _rank(weights, feats) -> float:
    return sum(weights.get(f, 0.0) for f in feats)


def _score(weights, bias, feats) -> float:
    import math

    z = bias + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def end_to_end(rows, weights, bias, thresholds, ranks=None) -> dict[float, dict]:
    """Headline counts of the extractor's selection at each threshold (content and speaker only);
    ``ranks``: per article id, the ranker's score of each draft (None: no ranker)."""
    gold = gold_records([r[0] for r in rows])
    scored = []
    for doc, ctx, drafts, feats, _ in rows:
        scores = [_score(weights, bias, f) for f in feats]
        scored.append((doc, ctx, drafts, scores, ranks[doc.id] if ranks else [None] * len(drafts)))
    out = {}
    for t in thresholds:
        predicted = []
        for doc, ctx, drafts, scores, rank in scored:
            for d, s, r in zip(drafts, scores, rank):
                d.score, d.rank = s, r
            for d in select(drafts, t, ctx):
                predicted.append({"doc": doc.id, "contents": [{"start": s, "end": e} for s, e in d.contents],
                                  "source": {"start": d.source[0], "end": d.source[1]} if d.source else None})
        out[t] = ps.headline_score(predicted, gold)
    return out


def first_pass_oof(rows, c: float, seed: int, folds) -> dict[str, list[float]]:
    """First-pass scores of every draft of ``rows``, each from a model that did not see its article
    (``folds``: groups of sampling periods)."""
    scores = {}
    for fold in folds:
        inner = [r for r in rows if r[0].period not in fold]
        held = [r for r in rows if r[0].period in fold]
        if not inner or not held:
            continue
        weights, bias = train(inner, c, seed)
        for r in held:
            scores[r[0].id] = [_score(weights, bias, f) for f in r[3]]
    return scores


def with_context(rows, first: dict[str, list[float]]):
    """The rows with each draft's second-pass features added."""
    return [(doc, ctx, drafts, [f + x for f, x in zip(feats, context_features(drafts, first[doc.id]))], labels)
            for doc, ctx, drafts, feats, labels in rows]


def train_both(rows, c: float, seed: int, folds) -> tuple:
    """(first weights, first bias, second weights, second bias) trained on ``rows``."""
    periods = sorted({r[0].period for r in rows})
    inner_folds = [tuple(p for p in periods if p in f) for f in folds]
    inner_folds = [f for f in inner_folds if f]
    if len(inner_folds) < 2:  # the rows cover one fold: split its periods in two
        inner_folds = [tuple(periods[0::2]), tuple(periods[1::2])]
    first = first_pass_oof(rows, c, seed, inner_folds)
    w1, b1 = train(rows, c, seed)
    w2, b2 = train(with_context(rows, first), c, seed)
    return w1, b1, w2, b2


def cross_validate(rows, c: float, seed: int, thresholds, rank_c: float = RANK_C) -> dict[float, dict]:
    """Pooled held-out headline scores per threshold over the period folds of :data:`FOLDS`."""
    counts = {t: [0, 0, 0, 0] for t in thresholds}
    for fold in FOLDS:
        inner = [r for r in rows if r[0].period not in fold]
        held = [r for r in rows if r[0].period in fold]
        w1, b1, w2, b2 = train_both(inner, c, seed, [f for f in FOLDS if f != fold])
        first = {r[0].id: [_score(w1, b1, f) for f in r[3]] for r in held}
        ranks = None
        if rank_c:
            wr = train_ranker(inner, rank_c, seed)
            ranks = {r[0].id: [_rank(wr, f) for f in r[3]] for r in held}
        for t, h in end_to_end(with_context(held, first), w2, b2, thresholds, ranks).items():
            for i, k in enumerate(("n_matched", "n_matched_speaker", "n_predicted", "n_gold")):
                counts[t][i] += h[k]
    return {t: {"content": ps.prf(m, n_pred, n_gold), "content_speaker": ps.prf(ms, n_pred, n_gold)}
            for t, (m, ms, n_pred, n_gold) in counts.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=None, help="PolNeAR checkout (default $POLNEAR)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--rank-c", type=float, default=RANK_C, help="the ranker's C (0: no ranker)")
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
        results = cross_validate(rows, args.c, args.seed, THRESHOLDS, args.rank_c)
        for t, h in results.items():
            print(f"  threshold {t:.3f}: content F1 {h['content']['f1']:.3f} "
                  f"(P {h['content']['precision']:.3f} R {h['content']['recall']:.3f}), "
                  f"+speaker F1 {h['content_speaker']['f1']:.3f}", file=sys.stderr)
        threshold = max(results, key=lambda t: (results[t]["content"]["f1"]
                                                + results[t]["content_speaker"]["f1"], -t))
        print(f"threshold {threshold} (cross-validated over fit's periods)", file=sys.stderr)
    w1, b1, w2, b2 = train_both(rows, args.c, args.seed, FOLDS)
    wr = train_ranker(rows, args.rank_c, args.seed) if args.rank_c else {}
    model = {
        "about": "Attribution scorer (analysis.attribution.model): two logistic regressions' weights over "
                 "parse features of draft attributions (the second adds the first's scores of the drafts around "
                 "each one) and a pairwise ranker's among the drafts of one cue, trained by benchmarks/train_attribution.py on PolNeAR "
                 "train, fit split (sampling periods 1-9). No corpus text is included.",
        "trained_on": {"corpus": "PolNeAR train, fit split", "articles": len(docs), "candidates": n,
                       "positive": pos},
        "c": args.c, "seed": args.seed, "min_cues": MIN_CUES, "min_cue_share": MIN_CUE_SHARE, "min_feature_count": MIN_FEATURE_COUNT,
        "threshold": threshold, "lexicon": lexicon, "bias": b1, "weights": w1,
        "context_bias": b2, "context_weights": w2, "rank_c": args.rank_c, "rank_weights": wr,
    }
    args.out.write_text(json.dumps(model, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(w1)} + {len(w2)} + {len(wr)} weights, {args.out.stat().st_size // 1024} KB, "
          f"{time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
