"""Cost of every layer against document length: one document of 10k to 160k words (target: growth
exponent at most 1.15 per layer).

    python benchmarks/bench_growth.py [--sizes 10000 20000 40000 80000 160000] [--texts prose one-paragraph]

Two texts, each cut to every size from the front:

- ``prose``: BBC articles joined one after another, paragraphs kept (a year of one column in one file);
- ``one-paragraph``: the same words with every line break and run of spaces made one space (a feed
  or a transcript pasted as one line: the worst case for anything that works per paragraph).

For each text, size and layer the layer runs once, in a fresh process (so the peak memory is that
run's own), without the parse cache. The layers are those of the command line: ``corpus`` (parse and
size counts), ``readability`` (rules, no parse, bootstrap intervals included), ``attributions``
(parse and extraction), ``overlap`` (text reuse between the document and a copy of it with one word
in 20 changed) and ``analyze`` (every layer from one parse, through ``analysis.analyze``). The
growth exponent is the least-squares slope of log(time) on log(words) over the sizes.
Results go to ``benchmarks/results/growth.csv``; the BBC corpus is read through ``ANALYSIS_DATA``.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LAYERS = ("corpus", "readability", "attributions", "overlap", "analyze")
TEXTS = ("prose", "one-paragraph")
SIZES = (10_000, 20_000, 40_000, 80_000, 160_000)
TARGET = 1.15
RESULTS = ROOT / "benchmarks" / "results" / "growth.csv"


def source_text(kind: str, words: int) -> str:
    """The first ``words`` words of the joined BBC corpus, as prose or as one paragraph."""
    from analysis.corpus import load_corpus
    from evaluation import data
    from evaluation.gold import BBC_ENCODING

    corpus = load_corpus(data.require("bbc"), encoding=BBC_ENCODING)
    paragraphs, n = [], 0
    for doc in corpus:
        for para in doc.text.split("\n\n"):
            if not para.strip():
                continue
            paragraphs.append(para.strip())
            n += len(para.split())
            if n >= words:
                break
        if n >= words:
            break
    text = "\n\n".join(paragraphs)
    cut = " ".join(text.split()[:words]) if kind == "one-paragraph" else _cut_prose(text, words)
    return cut


def _cut_prose(text: str, words: int) -> str:
    """The text up to its ``words``-th word, line breaks kept."""
    count, pos = 0, 0
    for para in text.split("\n\n"):
        n = len(para.split())
        if count + n > words:
            return (text[:pos] + " ".join(para.split()[: words - count])).rstrip()
        count += n
        pos += len(para) + 2
    return text


def _edited(text: str) -> str:
    """The text with every 20th word replaced: a reworked copy for the overlap layer."""
    words = text.split(" ")
    return " ".join("changed" if i % 20 == 19 else w for i, w in enumerate(words))


def run_layer(layer: str, text: str) -> dict:
    """Run one layer on ``text`` in this process; seconds and peak memory of the run."""
    import resource
    import time

    from analysis.corpus import Corpus, Document
    from analysis.nlp import load_model, parse

    nlp = load_model() if layer in ("corpus", "attributions", "analyze") else None
    if nlp is not None:
        nlp("Warm-up sentence, said the benchmark.")  # lazy initialisation is not part of the time
    corpus = Corpus([Document("doc", text)])
    start = time.perf_counter()
    if layer == "corpus":
        from analysis.corpus_stats import corpus_records

        (doc,) = parse([text], nlp, use_cache=False)
        corpus_records(corpus, parsed={"doc": doc})
    elif layer == "readability":
        from analysis.readability import readability_records

        readability_records(corpus)
    elif layer == "attributions":
        from analysis.attribution import attribution_records

        (doc,) = parse([text], nlp, use_cache=False)
        attribution_records(corpus, parsed={"doc": doc})
    elif layer == "overlap":
        from analysis.overlap import reuse_records

        list(reuse_records(Corpus([Document("a", text), Document("b", _edited(text))])))
    elif layer == "analyze":
        from analysis import analyze

        with tempfile.TemporaryDirectory() as out:
            analyze(corpus, nlp, out, processes=1, parse_cache=False, progress=False)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) on log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def _child(layer: str, path: str) -> None:
    text = Path(path).read_text(encoding="utf-8")
    print(json.dumps(run_layer(layer, text)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--texts", nargs="+", choices=TEXTS, default=list(TEXTS))
    parser.add_argument("--layers", nargs="+", choices=LAYERS, default=list(LAYERS))
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    from evaluation import data

    if data.find("bbc") is None:
        print(f"bench_growth skipped: {data.missing_reason('bbc')}")
        return 0
    rows, failed = [], []
    env = {**os.environ, "ANALYSIS_PROGRESS": "0", "OMP_NUM_THREADS": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        env["ANALYSIS_CACHE"] = str(Path(tmp) / "cache")  # nothing parsed before counts
        for kind in args.texts:
            for layer in args.layers:
                times = []
                for size in args.sizes:
                    path = Path(tmp) / f"{kind}-{size}.txt"
                    if not path.exists():
                        path.write_text(source_text(kind, size), encoding="utf-8")
                    proc = subprocess.run([sys.executable, __file__, "--child", layer, str(path)],
                                          capture_output=True, text=True, env=env, cwd=ROOT)
                    if proc.returncode != 0:
                        print(f"{kind} {layer} {size}: failed\n{proc.stderr[-2000:]}", file=sys.stderr)
                        return 1
                    result = json.loads(proc.stdout.strip().splitlines()[-1])
                    times.append(result["seconds"])
                    rows.append({"text": kind, "layer": layer, "words": size,
                                 "seconds": round(result["seconds"], 3),
                                 "peak_mb": round(result["peak_mb"])})
                    print(f"{kind:14s} {layer:13s} {size:>7,} words  {result['seconds']:8.2f} s  "
                          f"peak {result['peak_mb']:7.0f} MB", flush=True)
                if len(args.sizes) > 1:
                    k = exponent(args.sizes, times)
                    verdict = "ok" if k <= TARGET else f"OVER the {TARGET} target"
                    # the fit spreads a fixed start-up cost over the sizes: the last doubling shows
                    # the top end on its own (2.0 is linear)
                    last = times[-1] / times[-2] if times[-2] > 0 else float("nan")
                    print(f"{kind:14s} {layer:13s} growth exponent {k:.2f} ({verdict}); "
                          f"last doubling of the words: x{last:.2f} the time", flush=True)
                    if k > TARGET:
                        failed.append(f"{kind}/{layer}")
    if args.sizes == list(SIZES) and args.texts == list(TEXTS) and args.layers == list(LAYERS):
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        with open(RESULTS, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    print("every layer grows at most linearly" if not failed else f"over target: {', '.join(failed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
