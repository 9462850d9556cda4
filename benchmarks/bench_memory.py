"""Bounded memory at 100,000 articles: ``python -m analysis analyze`` end to end on a JSONL corpus.

    .venv/bin/python benchmarks/bench_memory.py [--articles 100000] [--processes 2]

A statistical parse of 100,000 articles takes hours here, so this run swaps
in a blank spaCy pipeline (tokenizer + sentencizer, saved to a folder and
passed with ``--model``): everything else -- streaming the JSONL, batches in
worker processes, readability, attribution (which finds little without a
parser), credits, the batch files, the merge, text reuse over all 100,000
articles -- is the real code at the real size. The corpus is the BBC corpus
copied until it reaches ``--articles`` (each copy letter-rotated and edited,
as in ``bench_scale.py``), written to a temporary JSONL.

Prints the wall time, the peak memory (proportional set size) of the main
process, of the workers during the batch stage (and in its first and last
tenth: equal when memory is bounded by the batch, not the corpus), and of the
text-reuse stage, which holds every article's tokens and shingles and so grows
with the corpus (reported per article). Saves ``OUT/memory.csv``.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_scale import _pss, edited, rotated  # noqa: E402

from analysis.corpus import load_corpus  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc"


def distinct_copy(text: str, k: int) -> str:
    """Copy ``k`` (1, 2, ...) with a vocabulary of its own: letters rotated by 1-25, and from
    the 26th copy on every word also spelt backwards, so no two copies share word n-grams."""
    text = rotated(text, (k - 1) % 25 + 1)
    if (k - 1) // 25 % 2:
        text = re.sub(r"\w+", lambda m: m.group(0)[::-1], text)
    return text


def write_corpus(path: Path, articles: int, seed: int = 13) -> int:
    rng = random.Random(seed)
    bbc = load_corpus(BBC, encoding="utf-8,cp1252")
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        k = 0
        while written < articles:
            for d in bbc:
                if written == articles:
                    break
                text = d.text if k == 0 else edited(distinct_copy(d.text, k), rng)
                fh.write(json.dumps({"id": f"copy{k:03d}/{d.id}", "text": text}) + "\n")
                written += 1
            k += 1
    return written


def blank_pipeline(path: Path) -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.meta["name"] = "blank_sentencizer"
    nlp.meta["version"] = "0.0.0"
    nlp.to_disk(path)


def main(argv=None) -> int:
    import psutil

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "out"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        tmp = Path(tmp)
        n = write_corpus(tmp / "corpus.jsonl", args.articles)
        blank_pipeline(tmp / "blank")
        print(f"{n:,} articles in {tmp / 'corpus.jsonl'} "
              f"({(tmp / 'corpus.jsonl').stat().st_size / 2**20:,.0f} MB); blank pipeline")
        cmd = [sys.executable, "-m", "analysis", "analyze", str(tmp / "corpus.jsonl"), "--out",
               str(tmp / "run"), "--model", str(tmp / "blank"), "--processes", str(args.processes),
               "--no-parse-cache", "--format", "csv"]
        start = time.perf_counter()
        with open(tmp / "summary.csv", "w") as sink:
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=sink)
            main_proc = psutil.Process(proc.pid)
            samples = []  # (seconds, main PSS, workers PSS, batches finished)
            while proc.poll() is None:
                try:
                    own = _pss(main_proc)
                    kids = sum(_pss(c) for c in main_proc.children(recursive=True))
                except psutil.Error:
                    continue
                done = len(list((tmp / "run" / "batches").glob("*/manifest.json"))) \
                    if (tmp / "run" / "batches").exists() else 0
                samples.append((time.perf_counter() - start, own, kids, done))
                time.sleep(2.0)
        took = time.perf_counter() - start
        if proc.returncode != 0:
            print(f"analyze failed with exit code {proc.returncode}")
            return 1
        rows = sum(1 for _ in open(tmp / "summary.csv")) - 1
        total_batches = max(s[3] for s in samples) or 1
    # the batch stage lasts until the last batch is written; after it the child process is the
    # text-reuse stage (forked beside the merge), measured apart
    batch_stage = [s for s in samples if s[2] > 0 and s[3] < total_batches]
    after = [s for s in samples if s[3] >= total_batches]
    first = [s[2] for s in batch_stage if s[3] <= total_batches * 0.1]
    last = [s[2] for s in batch_stage if s[3] >= total_batches * 0.9]
    peak_main = max(s[1] for s in samples)
    peak_reuse = max((s[2] for s in after), default=0)
    figures = {
        "articles": n,
        "summary rows": rows,
        "wall seconds": round(took, 1),
        "peak MB, main process (stream, batch files, merge)": round(peak_main / 2**20, 1),
        "peak MB, workers, batch stage": round(max((s[2] for s in batch_stage), default=0) / 2**20, 1),
        "peak MB, workers, first tenth of the batches": round(max(first, default=0) / 2**20, 1),
        "peak MB, workers, last tenth of the batches": round(max(last, default=0) / 2**20, 1),
        "peak MB, text-reuse stage (all articles at once)": round(peak_reuse / 2**20, 1),
        "peak KB per article, main process": round(peak_main / n / 1024, 1),
        "peak KB per article, text-reuse stage": round(peak_reuse / n / 1024, 1),
    }
    for k, v in figures.items():
        print(f"{k:<52} {v:,}")
    import pandas as pd

    pd.DataFrame(list(figures.items()), columns=["measure", "value"]).to_csv(
        out / "memory.csv", index=False, lineterminator="\n")
    ok = rows == n
    print("all articles analyzed" if ok else f"MISSING: {n - rows} articles")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
