"""analysis.report.labels: one short label per article, never a hash id."""
from __future__ import annotations

import pandas as pd

from analysis.corpus import Corpus, Document
from analysis.report.labels import article_labels, opening_words, short_ids


def test_outlet_when_known_else_number_and_headline():
    corpus = Corpus([
        Document("000_efd52faf37b7adfc", "(UR) Aleppo — Plagued by problems.", metadata={"outlet": "UndergroundReporter.org"}),
        Document("001_2ea762ec2a6e19ec", "Body.", metadata={"headline": "Kerry holds out hope for Syria truce despite violations"}),
        Document("002_8f989ecaa6f1435a", "Last Saturday 18th the United States launched a series of airstrikes."),
        Document("003_dd5d8b1be3cd4b6b", "BEIRUT (AP) — Syria's fragile cease-fire started to unravel.", metadata={"outlet": "AP"}),
    ])
    labels = article_labels(corpus)
    assert labels == {"000_efd52faf37b7adfc": "UndergroundReporter.org",
                      "001_2ea762ec2a6e19ec": "001 · Kerry holds out hope…",
                      "002_8f989ecaa6f1435a": "002 · Last Saturday 18th…",
                      "003_dd5d8b1be3cd4b6b": "AP"}
    assert all("efd52faf" not in label for label in labels.values())


def test_an_outlet_shared_by_two_articles_gets_their_numbers():
    frame = pd.DataFrame({"doc": ["a/001", "a/002", "a/003"], "outlet": ["AP", "AP", ""],
                          "text": ["x", "y", "BEIRUT (AP) — The truce held on Sunday."]})
    labels = article_labels(frame)
    assert labels == {"a/001": "AP · 001", "a/002": "AP · 002", "a/003": "003 · The truce held on Sunday."}
    assert len(set(labels.values())) == 3


def test_short_ids_fall_back_to_file_names_or_ids():
    assert short_ids(["001_x", "002_y"]) == {"001_x": "001", "002_y": "002"}
    assert short_ids(["business/a", "sport/b"]) == {"business/a": "a", "sport/b": "b"}
    assert short_ids(["x/a", "y/a"]) == {"x/a": "x/a", "y/a": "y/a"}


def test_opening_words_skip_the_dateline_and_end_on_a_word():
    assert opening_words("(UR) Aleppo — Plagued by problems from the start, the latest") == "Plagued by problems…"
    assert opening_words("Short title") == "Short title"
    assert opening_words("") == ""
    assert not opening_words("Syria's UN ambassador claims the United States wants").endswith("the…")


def test_labels_are_unique_even_when_openings_repeat():
    corpus = Corpus([Document("001", "Same opening words here for both."),
                     Document("002", "Same opening words here for both.")])
    labels = article_labels(corpus)
    assert len(set(labels.values())) == 2 and labels["001"].startswith("001 · ")
