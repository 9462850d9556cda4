"""Attribution quality floors: the CLI output scored on the seeds gold and on LitBank.

The floors sit just below the figures ``python benchmarks/score_attributions.py``
recorded in ``benchmarks/results/quality.json`` (``evaluation.results.floor``),
so a regression fails here. LitBank is scored on its first works only (the
number the benchmark recorded them for), to keep this under a minute on a cold
parse cache.
"""
from __future__ import annotations

import json

import pytest

from analysis.corpus import load_corpus
from evaluation import data
from evaluation import score as ev
from evaluation.gold import GOLD_SETS, SEEDS
from evaluation.gold.spec import CUE_CLASSES, KINDS, nesting_problems
from evaluation.litbank import load_litbank
from evaluation.predict import run_cli_attributions
from evaluation.results import floor

SEEDS_GOLD = GOLD_SETS["seeds"]
LITBANK = data.find("litbank_quotations")

SPEAKER_TYPES = {"person", "organization", "government body", "news agency", "media", "anonymous",
                 "document", "unknown"}


# --------------------------------------------------------------------------
# the gold fixture itself


@pytest.fixture(scope="module")
def gold():
    return SEEDS_GOLD.load()


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
    """The conventions of ``docs/attribution_conventions.md``: kinds, cue classes, one attribution a token."""
    for g in gold:
        assert set(g) == {"doc", "kind", "content", "cue", "source", "speaker", "speaker_type", "cue_class"}
        assert g["kind"] in KINDS and g["speaker_type"] in SPEAKER_TYPES and g["speaker"]
        assert g["content"] and g["cue_class"] in CUE_CLASSES, g
        if g["cue"] is None:
            assert g["kind"] == "direct" and g["source"] is None, g  # a bare quotation only
    kinds = {k: sum(g["kind"] == k for g in gold) for k in KINDS}
    assert all(kinds.values()), kinds
    assert {g["cue_class"] for g in gold} == set(CUE_CLASSES)
    assert len(gold) == len({json.dumps(g["content"]) for g in gold})  # no duplicate annotation
    assert nesting_problems(gold) == []  # only the outermost attribution, follow-on quotes merged


def test_gold_fixture_is_built_by_its_script(gold):
    """The gold file is its builder's output, so offsets come from exact substrings."""
    assert SEEDS_GOLD.build(load_corpus(SEEDS)) == gold


# --------------------------------------------------------------------------
# the extractor, run as a user runs it (the CLI), scored against gold

#: the figures with a floor: recorded figure minus the tolerance of ``evaluation.results.floor``
SEEDS_FLOORED = ("content_f1", "content_precision", "content_recall", "content_speaker_f1")
LITBANK_FLOORED = ("content_f1", "content_precision", "content_recall", "content_speaker_f1")


@pytest.fixture(scope="module")
def seeds_predicted():
    return run_cli_attributions([SEEDS])


def _check_floors(score: dict, recorded: dict, names) -> None:
    low = {k: (score[k], floor(recorded[k])) for k in names if score[k] < floor(recorded[k])}
    assert not low, f"below floor (measured, floor): {low}"


def test_seeds_predictions_point_into_the_text(seeds_predicted):
    corpus = load_corpus(SEEDS)
    assert seeds_predicted and {p["doc"] for p in seeds_predicted} <= set(corpus.ids)
    for p in seeds_predicted:
        text = corpus[p["doc"]].text
        for span in p.get("contents") or [p["content"]]:
            assert text[span["start"]:span["end"]] == span["text"]


def test_seeds_quality_floors(seeds_predicted, gold):
    recorded = SEEDS_GOLD.recorded()
    score = ev.score_attributions(seeds_predicted, gold)
    _check_floors(score, recorded, SEEDS_FLOORED)
    speech = ev.score_attributions(*ev.restrict_gold(seeds_predicted, gold, SEEDS_GOLD.is_speech))
    _check_floors(speech, recorded["speech_only"], ("content_f1", "content_speaker_f1"))
    for kind in ("direct", "indirect"):
        assert score["recall_by_kind"][kind]["content_recall"] >= \
            floor(recorded["recall_by_kind"][kind]["content_recall"]), kind


def test_litbank_quality_floors(tmp_path):
    recorded = GOLD_SETS["litbank"].recorded()["first_works"]
    litbank = load_litbank(LITBANK, limit=recorded["n_docs"])
    predicted = run_cli_attributions([litbank.write_texts(tmp_path / "litbank")])
    direct = ev.explode_contents(ev.filter_kinds(predicted))
    score = ev.score_attributions(direct, litbank.gold, "name_token")
    _check_floors(score, recorded, LITBANK_FLOORED)
