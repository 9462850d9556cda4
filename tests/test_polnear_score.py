"""PARC/PolNeAR scoring (headline and Citron metrics) and the PolNeAR reader, on hand-made examples.

No PolNeAR data is needed: the reader is tested on a tiny checkout written here.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from evaluation import parc_score as ps  # noqa: E402
from evaluation import polnear as pn  # noqa: E402


def span(s, e):
    return {"start": s, "end": e, "text": ""}


def rec(content, cue=None, source=None, doc="d", kind="indirect", **extra):
    """A record; ``content`` is one (start, end) or a list of them (kept as ``contents``)."""
    pieces = content if isinstance(content, list) else [content]
    out = {"doc": doc, "kind": kind, "content": span(*pieces[0]),
           "contents": [span(*p) for p in pieces],
           "cue": span(*cue) if cue else None, "source": span(*source) if source else None}
    out.update(extra)
    return out


# --------------------------------------------------------------------------
# headline measure


def test_outer_bounds_merge_discontinuous_content():
    r = rec([(50, 60), (0, 10)])
    assert ps.fragments(r, "content") == [(0, 10), (50, 60)]
    assert ps.outer_bounds(r) == (0, 60)
    assert ps.outer_bounds(rec((0, 5)), "source") is None


@pytest.mark.parametrize("pred, found", [
    ((0, 100), True),     # exact
    ((0, 50), True),      # exactly half of the gold, all inside
    ((0, 49), False),     # less than half of the gold
    ((0, 200), True),     # exactly half of the prediction inside
    ((0, 201), False),    # less than half of the prediction inside
    ((100, 150), False),  # touching is not overlapping
])
def test_half_and_half_rule(pred, found):
    result = ps.headline_score([rec(pred)], [rec((0, 100))])
    assert result["n_matched"] == int(found)


def test_discontinuous_gold_is_judged_on_its_outer_bounds():
    gold = [rec([(0, 10), (50, 60)])]           # outer bounds 0-60
    assert ps.headline_score([rec((0, 30))], gold)["n_matched"] == 1
    # the first fragment alone is a sixth of the outer bounds: not found
    assert ps.headline_score([rec((0, 10))], gold)["n_matched"] == 0
    # a discontinuous prediction is merged too: 0-60 against 0-60
    assert ps.headline_score([rec([(0, 10), (55, 60)])], gold)["n_matched"] == 1


def test_matching_is_one_to_one_and_per_document():
    gold = [rec((0, 100))]
    preds = [rec((0, 100)), rec((10, 100)), rec((0, 100), doc="other")]
    result = ps.headline_score(preds, gold)
    assert result["n_matched"] == 1
    assert result["content"] == {"precision": round(1 / 3, 4), "recall": 1.0, "f1": 0.5}


def test_greedy_pairing_prefers_the_larger_overlap():
    gold = [rec((0, 100)), rec((100, 160))]
    preds = [rec((0, 120))]                     # 100 chars with the first gold, 20 with the second
    matches = ps.headline_matches(preds, gold)
    assert [(m.gold, m.pred) for m in matches] == [(0, 0)]


@pytest.mark.parametrize("gold_source, pred_source, right", [
    ((0, 10), (5, 8), True),        # inside
    ((0, 10), (9, 20), True),       # one shared character is enough
    ((0, 10), (10, 20), False),     # touching only
    ((0, 10), None, False),         # nothing predicted
    (None, None, True),             # agentless gold, no source predicted
    (None, (0, 10), False),         # agentless gold, a source predicted
])
def test_speaker_rule(gold_source, pred_source, right):
    gold = [rec((20, 80), cue=(12, 16), source=gold_source)]
    pred = [rec((20, 80), cue=(12, 16), source=pred_source)]
    result = ps.headline_score(pred, gold)
    assert result["n_matched"] == 1
    assert result["n_matched_speaker"] == int(right)


def test_speaker_rule_reads_every_gold_source_fragment():
    gold = rec((30, 60), cue=(20, 24), sources=[span(0, 5), span(12, 18)])
    assert ps.speaker_right(gold, rec((30, 60), source=(13, 15)))
    assert ps.speaker_right(gold, rec((30, 60), source=(6, 11))) is False


def test_content_speaker_f1():
    gold = [rec((0, 50), source=(60, 65)), rec((100, 150), source=(160, 165))]
    preds = [rec((0, 50), source=(60, 65)), rec((100, 150), source=(170, 175)), rec((300, 350))]
    result = ps.headline_score(preds, gold)
    assert result["content"] == {"precision": round(2 / 3, 4), "recall": 1.0, "f1": 0.8}
    assert result["content_speaker"] == {"precision": round(1 / 3, 4), "recall": 0.5, "f1": 0.4}


def test_empty_inputs_score_zero():
    result = ps.headline_score([], [])
    assert result["content"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


# --------------------------------------------------------------------------
# Citron metrics
#
#            0         1         2         3         4         5
#            0123456789012345678901234567890123456789012345678901234
TEXT = "Ann Lee said that the plan failed. Bob says it works."
TOKENS = {"d": ps.regex_tokens(TEXT)}
# Ann(0-3) Lee(4-7) said(8-12) that(13-17) the(18-21) plan(22-26) failed(27-33) .(33-34)
# Bob(35-38) says(39-43) it(44-46) works(47-52) .(52-53)
GOLD = [rec((13, 33), cue=(8, 12), source=(0, 7)), rec((44, 52), cue=(39, 43), source=(35, 38))]


def test_token_index_maps_character_spans_to_tokens():
    index = ps.TokenIndex(TOKENS["d"])
    assert index.span(0, 7) == (0, 2)           # Ann Lee
    assert index.span(1, 5) == (0, 2)           # any character of a token takes the token
    assert index.span(3, 4) is None             # only the space between them
    assert index.span(13, 34) == (3, 8)


def test_citron_perfect_prediction():
    scores = ps.citron_scores(GOLD, GOLD, TOKENS)
    for role in ("cue", "source", "content", "quote"):
        assert scores[role]["exact"]["f1"] == 1.0
        assert scores[role]["overlap"]["f1"] == 1.0


def test_citron_exact_cue_and_content_boundaries():
    # first: content takes the period too (one token more); second: cue misses, source and content right
    preds = [rec((13, 34), cue=(8, 12), source=(0, 7)), rec((44, 52), cue=(35, 43), source=(35, 38))]
    scores = ps.citron_scores(preds, GOLD, TOKENS)
    assert scores["cue"]["exact"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}
    # source exact needs overlapping cues only: both right
    assert scores["source"]["exact"]["f1"] == 1.0
    assert scores["content"]["exact"]["tp"] == 1 and scores["content"]["exact"]["fn"] == 1
    assert scores["quote"]["exact"]["tp"] == 0
    # content overlap: 4 + 2 gold tokens, 5 + 2 predicted, 6 shared
    ov = scores["content"]["overlap"]
    assert (ov["shared_tokens"], ov["predicted_tokens"], ov["gold_tokens"]) == (6, 7, 6)
    assert ov["precision"] == round(6 / 7, 4) and ov["recall"] == 1.0


def test_citron_exact_is_not_one_to_one():
    preds = [rec((13, 33), cue=(8, 12), source=(0, 7)), rec((13, 26), cue=(8, 12), source=(0, 3))]
    scores = ps.citron_scores(preds, GOLD[:1], TOKENS)
    assert scores["cue"]["exact"]["tp"] == 2      # both cues equal the gold cue
    assert scores["source"]["exact"]["tp"] == 1 and scores["source"]["exact"]["fp"] == 1


def test_citron_source_lists_empty_on_both_sides_match_and_need_a_cue_overlap():
    gold = [rec((44, 52), cue=(39, 43))]
    assert ps.citron_scores([rec((44, 52), cue=(39, 43))], gold, TOKENS)["source"]["exact"]["tp"] == 1
    # same source and content, cue elsewhere: no exact source or content
    moved = ps.citron_scores([rec((44, 52), cue=(8, 12))], gold, TOKENS)
    assert moved["source"]["exact"]["tp"] == 0 and moved["content"]["exact"]["tp"] == 0


def test_citron_content_lists_compare_every_fragment():
    gold = [rec([(13, 26), (44, 52)], cue=(39, 43))]
    assert ps.citron_scores([rec([(13, 26), (44, 52)], cue=(39, 43))], gold, TOKENS)[
        "content"]["exact"]["tp"] == 1
    one_piece = ps.citron_scores([rec((13, 52), cue=(39, 43))], gold, TOKENS)
    assert one_piece["content"]["exact"]["tp"] == 0
    # overlap counts tokens: every gold token is inside the one long prediction
    assert one_piece["content"]["overlap"]["recall"] == 1.0


def test_citron_overlap_sums_all_pairs_and_quote_adds_roles():
    preds = [rec((13, 26), cue=(8, 12), source=(4, 7))]     # that the plan | said | Lee
    scores = ps.citron_scores(preds, GOLD, TOKENS)
    assert scores["source"]["overlap"]["precision"] == 1.0
    assert scores["source"]["overlap"]["recall"] == round(1 / 3, 4)   # Lee of Ann Lee, Bob
    q = scores["quote"]["overlap"]
    assert (q["shared_tokens"], q["predicted_tokens"], q["gold_tokens"]) == (1 + 1 + 3, 1 + 1 + 3, 2 + 3 + 6)


def test_citron_tokens_as_a_function_and_predictions_without_cue():
    preds = [rec((13, 33), cue=None, source=(0, 7))]
    scores = ps.citron_scores(preds, GOLD, lambda doc: TOKENS[doc])
    assert scores["cue"]["exact"]["fp"] == 1
    assert scores["content"]["exact"]["tp"] == 0
    assert scores["content"]["overlap"]["shared_tokens"] == 4


# --------------------------------------------------------------------------
# breakdowns


def test_breakdown_by_kind_and_missing_cue_class():
    gold = [rec((0, 50), kind="direct", source=(60, 65)), rec((100, 150), kind="nominal")]
    preds = [rec((0, 50), kind="direct", source=(61, 62)), rec((300, 320), kind="indirect")]
    result = ps.score_all(preds, gold, {"d": []})
    b = result["breakdown"]
    assert b["by_predicted_kind"]["direct"]["content_precision"] == 1.0
    assert b["by_predicted_kind"]["indirect"]["content_precision"] == 0.0
    assert b["by_gold_kind"]["direct"]["content_speaker_recall"] == 1.0
    assert b["by_gold_kind"]["nominal"]["content_recall"] == 0.0
    assert b["by_cue_class"] is None
    assert b["kind_confusion"] == {"direct -> direct": 1}


def test_breakdown_by_cue_class_when_present():
    gold = [rec((0, 50))]
    preds = [rec((0, 50), cue_class="speech"), rec((60, 90), cue_class="belief"), rec((95, 99))]
    table = ps.score_all(preds, gold, {"d": []})["breakdown"]["by_cue_class"]
    assert table["speech"]["content_precision"] == 1.0
    assert table["belief"]["n_predicted"] == 1 and table[""]["n_predicted"] == 1


# --------------------------------------------------------------------------
# the reader, on a tiny hand-made checkout

ARTICLE = ("Plan fails.\n\n"
           "“We lost,” Ann Lee said. “It is over.”\n\n"
           "It is expected that the vote will pass, according to aides.\n")


def _offsets(text, piece, start=0):
    i = text.index(piece, start)
    return i, i + len(piece)


def _ann(text):
    q1 = _offsets(text, "“We lost,”")
    src = _offsets(text, "Ann Lee")
    cue = _offsets(text, "said")
    q2 = _offsets(text, "“It is over.”")
    c3 = _offsets(text, "that the vote will pass")
    cue3 = _offsets(text, "is expected")
    return "\n".join([
        f"T1\tContent {q1[0]} {q1[1]};{q2[0]} {q2[1]}\t{text[q1[0]:q1[1]]} {text[q2[0]:q2[1]]}",
        f"T2\tSource {src[0]} {src[1]}\tAnn Lee",
        f"T3\tCue {cue[0]} {cue[1]}\tsaid",
        f"T4\tAttribution {cue[0]} {cue[1]}\tsaid",
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        f"T5\tCue {cue3[0]} {cue3[1]}\tis expected",
        f"T6\tContent {c3[0]} {c3[1]}\tthat the vote will pass",
        f"T7\tAttribution-no-source {cue3[0]} {cue3[1]}\tis expected",
        "E2\tAttribution-no-source:T7 Cue:T5 Content:T6",
        f"T8\tDiscuss 0 {len('Plan fails.')}\tPlan fails.",
        "#1\tAnnotatorNotes T8\theadline?",
        "E3\tAttribution-no-source:T7 ",
        "",
    ])


def _checkout(tmp_path, ann=None, period_date="2016-08-10"):
    name = f"nyt_{period_date}_plan-fails"
    train = tmp_path / "data" / "train"
    (train / "text").mkdir(parents=True)
    (train / "attributions").mkdir()
    (train / "text" / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    (train / "attributions" / f"{name}_ab12.ann").write_text(ann or _ann(ARTICLE), encoding="utf-8")
    (tmp_path / "data" / "metadata.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\t"
        "trump_count\tclinton_count\tcredit\twire\n"
        f"train\t{name}\t3\tab12\tnyt\t{period_date}\tA. Writer\tPlan fails\t1\t2\tNone\tNone\n"
        "dev\tnot-read\t1\tab12\tnyt\t2016-09-20\tX\tY\t0\t0\tNone\tNone\n", encoding="utf-8")
    return name


def test_reader_loads_spans_metadata_and_split(tmp_path):
    name = _checkout(tmp_path)
    docs = pn.load_polnear(tmp_path)
    assert [d.id for d in docs] == [name]
    doc = docs[0]
    assert doc.text == ARTICLE and doc.annotator == "ab12"
    assert doc.publisher == "nyt" and doc.date == date(2016, 8, 10) and doc.period == 9
    assert doc.metadata["title"] == "Plan fails" and doc.metadata["trump_count"] == 1
    assert doc.split == "dev" and pn.load_polnear(tmp_path, split="fit") == []
    quote, expected = doc.attributions
    assert quote.discontinuous and len(quote.content) == 2
    s, e = quote.content_bounds
    assert ARTICLE[s:e] == "“We lost,” Ann Lee said. “It is over.”"
    assert ARTICLE[slice(*quote.source_bounds)] == "Ann Lee"
    assert not expected.has_source and expected.trigger == "Attribution-no-source"
    assert doc.incomplete == 1                   # E3 has neither cue nor content
    assert doc.flags == [("Discuss", ((0, 11),), "headline?")]


def test_reader_gold_records_and_kinds(tmp_path):
    _checkout(tmp_path)
    docs = pn.load_polnear(tmp_path)
    records = pn.gold_records(docs)
    assert [r["kind"] for r in records] == ["direct", "indirect"]
    assert records[0]["content"]["text"] == "“We lost,” Ann Lee said. “It is over.”"
    assert [c["text"] for c in records[0]["contents"]] == ["“We lost,”", "“It is over.”"]
    assert records[1]["source"] is None and records[1]["speaker"] == ""
    # the headline scorer judges the quote on its outer bounds
    first = {**records[0], "contents": [records[0]["contents"][0]]}
    assert ps.headline_score([first], records[:1])["n_matched"] == 0


def test_gold_kind_rules():
    text = 'He said "we won". She said we won "big". Aides said it is over, according to him.'
    def att(piece, cue="said"):
        return pn.GoldAttribution("E", "d", "a", "Attribution", cue=(_offsets(text, cue),),
                                  content=(_offsets(text, piece),))
    assert pn.gold_kind(text, att('"we won"')) == "direct"
    assert pn.gold_kind(text, att('we won "big"')) == "mixed"
    assert pn.gold_kind(text, att("it is over")) == "indirect"
    assert pn.gold_kind(text, att("it is over", cue="according to")) == "according_to"
    assert pn.gold_kind(text, att("it is over"), np_content=True) == "nominal"
    assert pn.gold_kind(text, att('we won "big"'), np_content=True) == "mixed"


def test_reader_rejects_offsets_that_do_not_fit(tmp_path):
    bad = _ann(ARTICLE).replace("\tAnn Lee\n", "\tAnn Lea\n")
    _checkout(tmp_path, ann=bad)
    with pytest.raises(pn.PolnearError, match="slices"):
        pn.load_polnear(tmp_path)


def test_reader_span_text_over_several_lines(tmp_path):
    text = "A said:\n\nB and C.\n"
    ann = "T1\tContent 9 17\tB and C.\nT2\tCue 2 6\tsaid\nE1\tAttribution:T2 Cue:T2 Content:T1\n"
    atts, _, _ = pn.parse_ann(ann, text)
    assert atts[0].content == ((9, 17),)
    multi = "T1\tContent 0 17\tA said:\n\nB and C.\nT2\tCue 2 6\tsaid\nE1\tAttribution:T2 Cue:T2 Content:T1\n"
    atts, _, _ = pn.parse_ann(multi, text)
    assert atts[0].content_bounds == (0, 17)


def test_reader_refuses_held_out_compartments(tmp_path):
    for name in ("dev", "test"):
        (tmp_path / "data" / name / "text").mkdir(parents=True)
        with pytest.raises(pn.PolnearError, match="held out"):
            pn.train_dir(tmp_path / "data" / name)
    with pytest.raises(pn.PolnearError, match="no PolNeAR"):
        pn.train_dir(tmp_path / "nowhere")


@pytest.mark.parametrize("day, period", [
    (date(2015, 11, 8), 0), (date(2015, 12, 7), 0), (date(2015, 12, 8), 1),
    (date(2016, 8, 8), 9), (date(2016, 9, 7), 9), (date(2016, 9, 8), 10),
])
def test_sampling_periods(day, period):
    assert pn.period_of(day) == period
