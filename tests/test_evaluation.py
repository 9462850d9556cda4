"""The attribution scorer: half-and-half overlap rule, one-to-one matching, speaker rules, LitBank loader,
the gold registry."""
from __future__ import annotations

import json

import pytest

from analysis.errors import AnalysisError
from evaluation import data
from evaluation import score as ev
from evaluation.gold import GOLD_SETS
from evaluation.litbank import load_litbank
from evaluation.predict import run_cli_attributions

LITBANK = data.find("litbank_quotations")


def rec(*spans, doc="d", kind="direct", source=None, speaker="", key="content"):
    """An attribution record with content spans given as (start, end) pairs."""
    content = [{"start": s, "end": e, "text": ""} for s, e in spans]
    src = None if source is None else {"start": source[0], "end": source[1], "text": ""}
    return {"doc": doc, "kind": kind, key: content, "source": src, "speaker": speaker}


@pytest.mark.parametrize(
    "gold, pred, found",
    [
        ((0, 100), (0, 100), True),     # exact
        ((0, 100), (0, 50), True),      # covers exactly half of the gold, all inside
        ((0, 100), (0, 49), False),     # covers less than half of the gold
        ((0, 100), (0, 200), True),     # exactly half of the prediction inside
        ((0, 100), (0, 201), False),    # less than half of the prediction inside
        ((0, 100), (40, 160), True),    # 60 shared: 60% of gold, 50% of prediction
        ((0, 100), (60, 160), False),   # 40 shared
        ((0, 100), (100, 200), False),  # touching is not overlapping
    ],
)
def test_half_and_half_rule(gold, pred, found):
    result = ev.score_attributions([rec(pred)], [rec(gold)])
    assert result["n_matched"] == int(found)


def test_multi_span_contents_compare_as_unions():
    gold = rec((0, 40), (60, 100))                 # split quote, 80 characters
    assert ev.score_attributions([rec((0, 100))], [gold])["n_matched"] == 1    # 80 of 100 inside
    assert ev.score_attributions([rec((0, 40))], [gold])["n_matched"] == 1     # exactly half of gold
    assert ev.score_attributions([rec((60, 90))], [gold])["n_matched"] == 0    # 30 of 80
    # a prediction printing the first span as `content` and all as `contents` is read whole
    split = {**rec((0, 40)), "contents": [{"start": 0, "end": 40}, {"start": 60, "end": 100}]}
    assert ev.content_spans(split) == [(0, 40), (60, 100)]


def test_documents_never_mix():
    assert ev.score_attributions([rec((0, 100), doc="a")], [rec((0, 100), doc="b")])["n_matched"] == 0


def test_one_to_one_greedy_by_overlap():
    gold = [rec((0, 100)), rec((0, 90))]
    # one prediction can satisfy both golds but is counted once, for the larger overlap
    result = ev.score_attributions([rec((0, 100))], gold)
    assert result["n_matched"] == 1 and result["content_recall"] == 0.5
    assert result["content_precision"] == 1.0
    assert ev.match_attributions([rec((0, 100))], gold)[0].gold == 0
    # two predictions for one gold: one true positive, one false positive
    result = ev.score_attributions([rec((0, 100)), rec((5, 100))], [rec((0, 100))])
    assert (result["n_matched"], result["content_precision"], result["content_recall"]) == (1, 0.5, 1.0)
    assert result["content_f1"] == round(2 * 0.5 * 1.0 / 1.5, 4)


def test_matching_is_order_independent():
    gold = [rec((0, 50), source=(60, 65)), rec((100, 150), source=(160, 165))]
    pred = [rec((100, 150), source=(160, 163)), rec((0, 50), source=(70, 75))]
    forward = ev.score_attributions(pred, gold)
    backward = ev.score_attributions(pred[::-1], gold[::-1])
    assert forward == backward
    assert forward["n_matched"] == 2 and forward["n_matched_speaker"] == 1


def test_speaker_needs_overlapping_source_mention():
    gold = rec((0, 50), source=(60, 70), speaker="John Kerry")
    assert ev.source_overlap_speaker(gold, rec((0, 50), source=(65, 80), speaker="x"))
    assert not ev.source_overlap_speaker(gold, rec((0, 50), source=(70, 80), speaker="John Kerry"))
    assert not ev.source_overlap_speaker(gold, rec((0, 50), source=None, speaker="John Kerry"))


def test_speaker_with_null_gold_source():
    inherited = rec((0, 50), source=None, speaker="Bashar Jaafari")
    assert ev.source_overlap_speaker(inherited, rec((0, 50), speaker="Jaafari"))
    assert ev.source_overlap_speaker(inherited, rec((0, 50), source=(300, 307), speaker="Bashar Jaafari"))
    assert not ev.source_overlap_speaker(inherited, rec((0, 50), speaker="Kerry"))
    assert not ev.source_overlap_speaker(inherited, rec((0, 50), speaker="the"))
    unknown = rec((0, 50), source=None, speaker="unknown")
    assert ev.source_overlap_speaker(unknown, rec((0, 50), source=None, speaker=""))
    assert not ev.source_overlap_speaker(unknown, rec((0, 50), source=(3, 9), speaker="Kerry"))


def test_litbank_name_rule():
    gold = {"speaker": "Winnie_Verloc-3"}
    assert ev.litbank_name("Mr__Sherlock_Holmes-0") == "Mr  Sherlock Holmes"
    assert ev.name_token_speaker(gold, {"speaker": "winnie"})
    assert ev.name_token_speaker(gold, {"speaker": "", "source": {"start": 0, "end": 6, "text": "Verloc"}})
    assert not ev.name_token_speaker(gold, {"speaker": "Mrs Verlocs"})
    assert not ev.name_token_speaker({"speaker": "Mr_Bennet-6"}, {"speaker": "Mr. Darcy"})
    assert ev.name_token_speaker({"speaker": "The_boy-1"}, {"speaker": "the boy"})
    assert not ev.name_token_speaker({"speaker": "The_boy-1"}, {"speaker": "the girl"})


def test_per_kind_recall_and_counts():
    gold = [rec((0, 10), kind="direct", source=(20, 25)), rec((30, 60), kind="indirect")]
    result = ev.score_attributions([rec((0, 10), source=(21, 22))], gold)
    assert result["recall_by_kind"] == {
        "direct": {"n_gold": 1, "content_recall": 1.0, "content_speaker_recall": 1.0},
        "indirect": {"n_gold": 1, "content_recall": 0.0, "content_speaker_recall": 0.0},
    }
    assert (result["n_gold"], result["n_predicted"], result["n_matched_speaker"]) == (2, 1, 1)


def test_empty_inputs_score_zero():
    result = ev.score_attributions([], [rec((0, 10))])
    assert result["content_f1"] == 0.0 and result["content_recall"] == 0.0


def test_explode_and_filter_for_litbank():
    split = {**rec((0, 10), kind="mixed"), "contents": [{"start": 0, "end": 10}, {"start": 20, "end": 30}]}
    parts = ev.explode_contents([split])
    assert [ev.content_spans(p) for p in parts] == [[(0, 10)], [(20, 30)]]
    kept = ev.filter_kinds([split, rec((0, 5), kind="indirect"), rec((0, 5), kind="according_to")])
    assert kept == [split]


def test_load_jsonl_names_bad_line(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"a": 1}) + "\n\n{oops\n", encoding="utf-8")
    with pytest.raises(AnalysisError, match=r"x\.jsonl: line 3"):
        ev.load_jsonl(path)


def test_litbank_loader_rebuilds_text_and_offsets():
    litbank = load_litbank(LITBANK)
    assert len(litbank.texts) == 100 and len(litbank.gold) == 1765
    for g in litbank.gold:
        span = g["content"][0]
        assert litbank.texts[g["doc"]][span["start"]:span["end"]] == span["text"]
        assert span["text"] and span["text"][0] not in "\"“‘" and span["text"][-1] not in "\"”’"
    agent = [g for g in litbank.gold if g["quote_id"] == "Q342" and g["doc"].startswith("974_")][0]
    assert agent["content"][0]["text"] == "Of course , we ’ll take over your furniture , mother ,"
    assert agent["speaker"] == "Winnie_Verloc-3"
    text = litbank.texts[agent["doc"]]
    assert "\n" not in text  # sentences are joined by spaces: lines are not paragraphs
    assert text[agent["content"][0]["start"] - 2:].startswith("“ Of course")


def test_cli_failure_becomes_an_analysis_error(tmp_path):
    with pytest.raises(AnalysisError, match="exited 2"):
        run_cli_attributions([tmp_path / "missing"])


def test_gold_registry_points_at_its_files():
    for name, gold_set in GOLD_SETS.items():
        assert gold_set.name == name and gold_set.label
        if gold_set.built:
            assert gold_set.path.is_file() and gold_set.module().GOLD
        else:
            assert gold_set.path is None and data.find(gold_set.corpus) is not None


def test_restrict_gold_drops_other_gold_and_their_matches():
    belief = {**rec((20, 30)), "cue_class": "thought"}
    gold = [rec((0, 10)), belief]
    predicted = [rec((0, 10)), rec((20, 30)), rec((40, 50))]
    kept_pred, kept_gold = ev.restrict_gold(predicted, gold, lambda g: g.get("cue_class", "speech") == "speech")
    assert kept_gold == [gold[0]]
    assert kept_pred == [predicted[0], predicted[2]]  # the unmatched prediction stays a false positive
