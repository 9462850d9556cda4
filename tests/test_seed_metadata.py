"""seeds/metadata.csv: one row per seed, loaded by analysis.corpus, values read off the articles."""
from __future__ import annotations

import re
from pathlib import Path

from analysis.corpus import load_corpus

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
COLUMNS = ["outlet", "headline", "date", "dateline", "agencies", "authors"]


def test_every_seed_has_a_metadata_row():
    corpus = load_corpus(SEEDS)
    header = (SEEDS / "metadata.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "doc," + ",".join(COLUMNS)
    assert len(corpus) == len(list(SEEDS.glob("*.txt"))) == 5
    for doc in corpus:
        assert sorted(doc.metadata) == sorted(COLUMNS), doc.id
    frame = corpus.metadata_frame()
    assert list(frame.index) == corpus.ids


def test_metadata_values_are_read_off_the_text():
    corpus = load_corpus(SEEDS)
    for doc in corpus:
        meta = doc.metadata
        if meta["date"]:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["date"]) and meta["date"] in doc.text
        if meta["headline"]:  # the first line, or the title the article gives itself
            first_line = doc.text.strip().splitlines()[0]
            assert meta["headline"] in first_line or f"This article ({meta['headline']})" in doc.text, doc.id
        for field in ("dateline", "authors", "outlet"):
            if meta[field]:
                assert meta[field] in doc.text, (doc.id, field)
    assert corpus["003_dd5d8b1be3cd4b6b"].metadata["dateline"] == "BEIRUT"
    assert corpus["003_dd5d8b1be3cd4b6b"].metadata["agencies"] == "AP"
    assert corpus["000_efd52faf37b7adfc"].metadata["outlet"] == "UndergroundReporter.org"
    assert corpus["004_cc716844c73cc4e2"].metadata["date"] == "2016-09-19"
    # agencies are the article's own credits: a dateline code, "contributed to this report",
    # "Reuters reported", "Agence-France Presse correspondent"
    agencies = {doc.id: doc.metadata["agencies"] for doc in corpus}
    assert agencies == {"000_efd52faf37b7adfc": "Reuters", "001_2ea762ec2a6e19ec": "AFP",
                        "002_8f989ecaa6f1435a": "", "003_dd5d8b1be3cd4b6b": "AP",
                        "004_cc716844c73cc4e2": "AFP"}
