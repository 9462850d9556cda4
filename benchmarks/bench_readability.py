"""Speed of readability on the BBC corpus (854k words), words per second on one core.

Readability runs no tagger or parser: a regex tokenizer and sentence splitter.
Prints our speed with and without the bootstrap CIs, and textacy 0.13's
``text_stats`` (blank spaCy pipeline + sentencizer, Pyphen syllables) on a
slice of the corpus for a side-by-side ratio. Target: >= 100,000 words/s.

    .venv/bin/python benchmarks/bench_readability.py [--textacy-docs 300]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import readability as R  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402
from analysis.readability.familiar import easy_words  # noqa: E402
from analysis.readability.syllables import cmudict_syllables, syllable_model  # noqa: E402
from evaluation import data  # noqa: E402


def ours(texts: list[str], ci: bool) -> tuple[int, float]:
    R.clear_caches()  # cold word caches; the dictionaries themselves stay loaded
    t0 = time.perf_counter()
    words = sum(R.analyze_text(t, ci=ci).counts.words for t in texts)
    return words, time.perf_counter() - t0


def textacy_speed(texts: list[str]) -> tuple[int, float]:
    import spacy
    from textacy.text_stats import basics, readability

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    t0 = time.perf_counter()
    words = 0
    for doc in nlp.pipe(texts):
        words += basics.n_words(doc)
        for name in ("flesch_reading_ease", "flesch_kincaid_grade_level", "gunning_fog_index",
                     "smog_index", "coleman_liau_index", "automated_readability_index", "lix"):
            getattr(readability, name)(doc)
    return words, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--textacy-docs", type=int, default=300,
                        help="documents to time textacy on (0 to skip)")
    args = parser.parse_args()
    corpus = load_corpus(data.require("bbc"), encoding="utf-8,cp1252")
    texts = corpus.texts
    cmudict_syllables(), easy_words(), syllable_model()  # load once, outside the timing
    print(f"BBC corpus: {len(texts):,} documents")
    for ci in (False, True):
        words, secs = ours(texts, ci)
        label = "with bootstrap CIs" if ci else "scores only"
        print(f"ours ({label}): {words:,} words in {secs:.2f} s = {words / secs:,.0f} words/s")
    if args.textacy_docs:
        sample = texts[: args.textacy_docs]
        words_o, secs_o = ours(sample, False)
        words_t, secs_t = textacy_speed(sample)
        print(f"side by side on the first {len(sample)} documents:")
        print(f"  ours:    {words_o / secs_o:,.0f} words/s")
        print(f"  textacy: {words_t / secs_t:,.0f} words/s (blank pipeline + sentencizer, Pyphen)")
        print(f"  ratio:   {(words_o / secs_o) / (words_t / secs_t):.1f}x")


if __name__ == "__main__":
    main()
