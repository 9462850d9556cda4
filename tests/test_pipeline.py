"""``python -m analysis analyze``: one parse, every layer, summary rows plus full outputs on disk."""
from __future__ import annotations

import json

import pandas as pd

from analysis.pipeline import analyze
from conftest import SEEDS


def test_analyze_writes_every_layer(seeds, nlp, tmp_path):
    rows = analyze(seeds, nlp, tmp_path)
    assert [r["doc"] for r in rows] == seeds.ids
    for r in rows:
        assert r["words"] > 300 and 5 < r["flesch_kincaid_grade"] < 25
        assert r["attributions"] >= 1
    assert {p.name for p in tmp_path.iterdir()} == {
        "corpus.csv", "readability.csv", "attributions.jsonl", "attribution_metrics.csv",
        "credits.csv", "overlap.jsonl", "skipped.csv"}
    assert len(pd.read_csv(tmp_path / "readability.csv")) == 5
    atts = [json.loads(line) for line in (tmp_path / "attributions.jsonl").read_text().splitlines()]
    assert sum(r["attributions"] for r in rows) == len(atts)
    texts = {d.id: d.text for d in seeds}
    for a in atts:
        assert texts[a["doc"]][a["content"]["start"]:a["content"]["end"]] == a["content"]["text"]
    kinds = {json.loads(line)["kind"] for line in (tmp_path / "overlap.jsonl").read_text().splitlines()}
    assert {"quote", "figure", "paraphrase", "source_pair"} <= kinds


def test_analyze_cli_matches_function(seeds, nlp):
    import io
    from contextlib import redirect_stdout

    from analysis.cli import main

    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["analyze", str(SEEDS), "--format", "jsonl"]) == 0
    printed = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert printed == json.loads(json.dumps(analyze(seeds, nlp)))
