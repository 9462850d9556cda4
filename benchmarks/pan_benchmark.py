"""PAN text-alignment scores of the reuse layer on a passage-reuse benchmark built from BBC.

    .venv/bin/python benchmarks/pan_benchmark.py [--cases 150] [--seed 13] [--write DIR] [--cli]

Builds two benchmarks with a fixed seed (2-5 source sentences inserted into
another article, verbatim and lightly edited; see ``analysis.overlap.pan``),
runs the reuse layer and a naive word 5-gram run merger on each, and prints
precision, recall, granularity and plagdet side by side. ``--write DIR``
saves each benchmark as a folder of .txt files plus ``truth.jsonl``, the form
a held-out benchmark is given in; ``--cli`` scores the output of
``python -m analysis overlap DIR --format jsonl`` instead of the in-process call.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.corpus import load_corpus  # noqa: E402
from analysis.overlap.pan import (EDIT_MODES, build_benchmark, naive_detections,  # noqa: E402
                                  pan_scores, reuse_detections)
from analysis.overlap.reuse import reuse_records  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc"
TARGETS = {"verbatim": 0.90, "light": 0.80}


def write_benchmark(corpus, cases, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in corpus:
        (folder / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
    with open(folder / "truth.jsonl", "w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(json.dumps(asdict(case)) + "\n")


def cli_records(folder: Path) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "analysis", "overlap", str(folder), "--format", "jsonl"],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=150)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--write", type=Path, default=None, help="save the benchmarks under DIR")
    parser.add_argument("--cli", action="store_true", help="score the CLI's output")
    args = parser.parse_args(argv)
    bbc = load_corpus(BBC, encoding="utf-8,cp1252")
    rows = []
    for edit in EDIT_MODES:
        corpus, cases = build_benchmark(bbc, args.cases, seed=args.seed, edit=edit)
        folder = None
        if args.write or args.cli:
            folder = (args.write or Path(tempfile.mkdtemp(prefix="pan_"))) / edit
            write_benchmark(corpus, cases, folder)
        records = cli_records(folder) if args.cli else list(reuse_records(corpus))
        ours = pan_scores(cases, reuse_detections(records))
        naive = pan_scores(cases, naive_detections(corpus))
        rows.append((edit, ours, naive))
    print(f"PAN text alignment on BBC-built benchmarks ({args.cases} cases each, seed {args.seed})")
    print(f"{'benchmark':<10} {'method':<12} {'precision':>9} {'recall':>7} {'granul.':>7} "
          f"{'plagdet':>7} {'target':>6}")
    for edit, ours, naive in rows:
        for name, s, target in (("reuse", ours, f"{TARGETS[edit]:.2f}"), ("naive-5gram", naive, "")):
            print(f"{edit:<10} {name:<12} {s['precision']:>9.3f} {s['recall']:>7.3f} "
                  f"{s['granularity']:>7.3f} {s['plagdet']:>7.3f} {target:>6}")
    ok = all(ours["plagdet"] >= TARGETS[edit] for edit, ours, _ in rows)
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
