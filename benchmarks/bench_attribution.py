"""Attribution cost against the bare spaCy parse, both timed in one run (target: at most 1.3x).

    python benchmarks/bench_attribution.py [--n 300] [--model NAME]

Times ``nlp.pipe`` over the first N BBC articles, then parse + extract on the
same articles without the parse cache (alternating, fastest of each kept, as
the machine is shared), and prints both and their ratio.
The extraction pass alone is also timed on the parsed docs, so the ratio
``(parse + extraction) / parse`` can be read without the noise of two parses
on a shared machine.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.attribution import extract  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402
from analysis.nlp import load_model  # noqa: E402
from evaluation import data  # noqa: E402
from evaluation.gold import BBC_ENCODING  # noqa: E402

TARGET = 1.3


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="number of BBC articles (default 300)")
    parser.add_argument("--repeats", type=int, default=2,
                        help="alternating runs of each; the fastest counts (default 2)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the project's)")
    args = parser.parse_args(argv)

    corpus = load_corpus(data.require("bbc"), encoding=BBC_ENCODING)
    texts = [d.text for d in corpus.documents[: args.n]]
    nlp = load_model(args.model)
    list(nlp.pipe(texts[:5]))  # warm-up: lazy initialisation is not part of either figure
    extract(nlp(texts[0]))

    bare_runs, with_runs, extract_runs = [], [], []
    n_attributions = 0
    for _ in range(args.repeats):  # alternate the two, keep the fastest of each
        start = time.perf_counter()
        for _doc in nlp.pipe(texts):
            pass
        bare_runs.append(time.perf_counter() - start)

        start = time.perf_counter()
        extract_only = 0.0
        n_attributions = 0
        for doc in nlp.pipe(texts):
            t = time.perf_counter()
            n_attributions += len(extract(doc))
            extract_only += time.perf_counter() - t
        with_runs.append(time.perf_counter() - start)
        extract_runs.append(extract_only)
    bare, with_extract, extract_only = min(bare_runs), min(with_runs), min(extract_runs)

    words = sum(len(t.split()) for t in texts)
    print(f"articles: {len(texts)}  words: {words}  attributions: {n_attributions}")
    print(f"bare nlp.pipe:            {bare:8.2f} s")
    print(f"nlp.pipe + extract:       {with_extract:8.2f} s")
    print(f"extraction pass alone:    {extract_only:8.2f} s")
    print(f"ratio (pipe+extract)/pipe:        {with_extract / bare:.3f}")
    print(f"ratio (pipe + extraction alone)/pipe: {(bare + extract_only) / bare:.3f}")
    print(f"target: <= {TARGET}")
    return 0 if (bare + extract_only) / bare <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
