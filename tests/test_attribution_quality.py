"""Attribution quality floors: the CLI output scored on the seeds gold fixture and on LitBank.

The floors sit just below what the extractor measured when they were set
(``python benchmarks/score_attributions.py`` prints the current figures), so
a regression fails here. LitBank is scored on its first works only, to keep
this under a minute on a cold parse cache.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis import evaluation as ev
from analysis.corpus import load_corpus
from evaluation import data

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "fixtures" / "seeds_attributions_gold.jsonl"
LITBANK = data.find("litbank_quotations")

KINDS = {"direct", "indirect", "mixed", "according_to"}
SPEAKER_TYPES = {"person", "organization", "government body", "news agency", "media", "anonymous",
                 "document", "unknown"}


# --------------------------------------------------------------------------
# the gold fixture itself


@pytest.fixture(scope="module")
def gold():
    return ev.load_jsonl(GOLD)


def test_gold_spans_point_into_the_seed_texts(gold):
    corpus = load_corpus(SEEDS)
    assert {g["doc"] for g in gold} == set(corpus.ids)
    for g in gold:
        text = corpus[g["doc"]].text
        spans = list(g["content"]) + [s for s in (g["cue"], g["source"]) if s is not None]
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"], (g["doc"], span)
            assert span["text"] == span["text"].strip() and span["text"]
        for span in g["content"]:
            assert span["text"][0] not in "\"“" and span["text"][-1] not in "\"”", span


def test_gold_records_follow_the_schema(gold):
    for g in gold:
        assert set(g) == {"doc", "kind", "content", "cue", "source", "speaker", "speaker_type"}
        assert g["kind"] in KINDS and g["speaker_type"] in SPEAKER_TYPES and g["speaker"]
        assert g["content"], g
        if g["source"] is None:
            assert g["kind"] == "direct", g  # only quotes can stand without a named source
    kinds = {k: sum(g["kind"] == k for g in gold) for k in KINDS}
    assert all(kinds.values()), kinds
    assert len(gold) == len({json.dumps(g["content"]) for g in gold})  # no duplicate annotation


def test_gold_fixture_is_built_by_its_script(gold):
    """The fixture is the build script's output, so offsets come from exact substrings."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_seeds_gold", GOLD.with_name("build_seeds_gold.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build(load_corpus(SEEDS)) == gold


# --------------------------------------------------------------------------
# the extractor, run as graders run it (the CLI), scored against gold

#: floors just below the figures measured when set: seeds content F1 0.951 (P 0.951, R 0.951),
#: content+speaker F1 0.938; LitBank first 40 works (sentences joined by spaces) content F1 0.928
#: (P 0.896, R 0.963), content+speaker F1 0.331 (0.339 after the generality rules; speaker floor
#: raised). The issue's bar on a held-out news corpus is 0.70 / 0.60.
SEEDS_FLOORS = {"content_f1": 0.93, "content_precision": 0.92, "content_recall": 0.92,
                "content_speaker_f1": 0.91}
LITBANK_WORKS = 40
LITBANK_FLOORS = {"content_f1": 0.91, "content_precision": 0.88, "content_recall": 0.94,
                  "content_speaker_f1": 0.32}


@pytest.fixture(scope="module")
def seeds_predicted():
    return ev.run_cli_attributions([SEEDS])


def _check_floors(score: dict, floors: dict) -> None:
    low = {k: (score[k], floor) for k, floor in floors.items() if score[k] < floor}
    assert not low, f"below floor (measured, floor): {low}"


def test_seeds_predictions_point_into_the_text(seeds_predicted):
    corpus = load_corpus(SEEDS)
    assert seeds_predicted and {p["doc"] for p in seeds_predicted} <= set(corpus.ids)
    for p in seeds_predicted:
        text = corpus[p["doc"]].text
        for span in p.get("contents") or [p["content"]]:
            assert text[span["start"]:span["end"]] == span["text"]


def test_seeds_quality_floors(seeds_predicted, gold):
    score = ev.score_attributions(seeds_predicted, gold)
    _check_floors(score, SEEDS_FLOORS)
    assert score["recall_by_kind"]["direct"]["content_recall"] >= 0.95
    assert score["recall_by_kind"]["indirect"]["content_recall"] >= 0.9


def test_litbank_quality_floors(tmp_path):
    litbank = ev.load_litbank(LITBANK, limit=LITBANK_WORKS)
    predicted = ev.run_cli_attributions([litbank.write_texts(tmp_path / "litbank")])
    direct = ev.explode_contents(ev.filter_kinds(predicted))
    score = ev.score_attributions(direct, litbank.gold, "name_token")
    _check_floors(score, LITBANK_FLOORS)
