"""The blind BBC attribution gold sets: fixture integrity and held-out quality floors.

The seeds gold tuned the extractor; each BBC set was annotated before the
extractor was run on its articles. Sets 1 (12 articles) and 2 (10) were then
used, in turn, to tune general rules, so set 3 (10 more articles, never tuned
on) is the honest held-out estimate. Floors sit just below what ``python
benchmarks/score_bbc_gold.py`` measured when they were set, so a regression
fails here.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from analysis import evaluation as ev

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"

KINDS = {"direct", "indirect", "mixed", "according_to"}
SPEAKER_TYPES = {"person", "organization", "government body", "news agency", "media", "anonymous",
                 "document", "unknown"}


@dataclass(frozen=True)
class Expected:
    builder: str
    floors: dict
    floors_without_beliefs: dict
    belief_kinds: set = field(default_factory=lambda: {"indirect"})
    n_beliefs: int = 6


SETS = {
    #: set 1, measured when first set: content P 0.815 R 0.781 F1 0.798; content+speaker F1 0.723.
    #: Raised after the generality rules (quote continuation, trailing cues, beliefs, evidence
    #: verbs): content P 0.989 R 0.948 F1 0.968; content+speaker F1 0.957; without belief
    #: attributions content F1 0.978, content+speaker F1 0.966.
    "1": Expected("build_bbc_gold",
                  {"content_precision": 0.95, "content_recall": 0.92, "content_f1": 0.94,
                   "content_speaker_f1": 0.91},
                  {"content_f1": 0.95, "content_speaker_f1": 0.92}),
    #: set 2 (held out), measured when first set: content P 0.886 R 0.861 F1 0.873;
    #: content+speaker F1 0.803; without belief attributions content F1 0.879, +speaker 0.803.
    #: Raised after the set-2 error rules (asides, reporting nouns, relayed quotes, titles):
    #: content P 1.000 R 0.986 F1 0.993; content+speaker F1 0.979; without beliefs 0.992 / 0.977.
    "2": Expected("build_bbc_gold2",
                  {"content_precision": 0.96, "content_recall": 0.94, "content_f1": 0.95,
                   "content_speaker_f1": 0.93},
                  {"content_f1": 0.95, "content_speaker_f1": 0.93},
                  belief_kinds={"indirect", "mixed"}),
    #: set 3 (held out after the set-2 tuning), measured when first set: content P 0.826 R 0.841
    #: F1 0.833; content+speaker F1 0.769; without belief attributions content F1 0.850, +speaker 0.780.
    "3": Expected("build_bbc_gold3",
                  {"content_precision": 0.79, "content_recall": 0.81, "content_f1": 0.80,
                   "content_speaker_f1": 0.73},
                  {"content_f1": 0.82, "content_speaker_f1": 0.75},
                  n_beliefs=11),
}


def _load(name: str, path: Path):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=sorted(SETS), ids=lambda k: f"set{k}")
def gold_set(request):
    expected = SETS[request.param]
    sys.path.insert(0, str(FIXTURES))  # builders import gold_spec and each other
    builder = _load(expected.builder, FIXTURES / f"{expected.builder}.py")
    return request.param, expected, builder


@pytest.fixture(scope="module")
def gold(gold_set):
    return ev.load_jsonl(gold_set[2].OUT)


# --------------------------------------------------------------------------
# the gold fixtures themselves


def test_every_span_is_the_text_at_its_offsets(gold, bbc):
    for g in gold:
        text = bbc[g["doc"]].text
        spans = list(g["content"]) + [s for s in (g["cue"], g["source"]) if s is not None]
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"], (g["doc"], span)
            assert span["text"] and span["text"] == span["text"].strip(), (g["doc"], span)
        for span in g["content"]:
            assert span["text"][0] not in "\"“" and span["text"][-1] not in "\"”", span


def test_records_follow_the_seeds_schema(gold):
    for g in gold:
        assert set(g) == {"doc", "kind", "content", "cue", "source", "speaker", "speaker_type"}
        assert g["kind"] in KINDS and g["speaker_type"] in SPEAKER_TYPES and g["speaker"], g
        if g["cue"] is None:
            assert g["kind"] == "direct" and g["source"] is None, g  # follow-on quotes only
    assert {g["kind"] for g in gold} == KINDS
    assert len(gold) == len({json.dumps(g["content"]) for g in gold})  # no duplicate annotation


def test_fixture_is_the_build_script_output_on_the_reproducible_sample(gold_set, bbc, gold):
    builder = gold_set[2]
    assert builder.select_articles(bbc) == list(builder.DOCS)
    assert {g["doc"] for g in gold} == set(builder.DOCS)
    assert builder.build(bbc) == gold


def test_second_sample_is_disjoint_from_the_first_and_two_per_topic():
    sys.path.insert(0, str(FIXTURES))
    first = _load("build_bbc_gold", FIXTURES / "build_bbc_gold.py")
    second = _load("build_bbc_gold2", FIXTURES / "build_bbc_gold2.py")
    assert not set(second.DOCS) & set(first.DOCS)
    assert second.FIRST_SET == first.DOCS
    assert sorted(d.split("/")[0] for d in second.DOCS) == sorted(second.TOPICS * 2)


def test_belief_attributions_are_marked(gold_set, gold):
    _, expected, builder = gold_set
    beliefs = [g for g in gold if builder.is_belief(g)]
    assert len(beliefs) == expected.n_beliefs
    assert {g["kind"] for g in beliefs} <= expected.belief_kinds


def test_span_specs_must_name_one_place():
    sys.path.insert(0, str(FIXTURES))
    from gold_spec import locate

    text = "He said it. He said it again."
    assert locate(text, ("again", "again"), "t") == {"start": 23, "end": 28, "text": "again"}
    with pytest.raises(ValueError):
        locate(text, "He said", "t")
    with pytest.raises(ValueError):
        locate(text, ("He said it again", "i"), "t")  # "i" twice inside the context


# --------------------------------------------------------------------------
# the extractor, run as graders run it (the CLI), scored against the blind gold


@pytest.fixture(scope="module")
def scores(gold_set, gold):
    bench = _load("score_bbc_gold", ROOT / "benchmarks" / "score_bbc_gold.py")
    predicted = bench.predict(sorted({g["doc"] for g in gold}))
    return gold_set[1], bench.summary(predicted, gold, gold_set[2].is_belief)


def test_held_out_quality_floors(scores):
    expected, result = scores
    for name, floor in expected.floors.items():
        assert result["all"][name] >= floor, (name, result["all"])
    for name, floor in expected.floors_without_beliefs.items():
        assert result["without_beliefs"][name] >= floor, (name, result["without_beliefs"])


def test_direct_quotes_are_nearly_all_found(scores):
    assert scores[1]["recall_by_kind"]["direct"]["content_recall"] >= 0.95
