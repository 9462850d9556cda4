"""analysis.report.findings on small made-up tables: the sentences say what the tables hold, and
say plainly when a layer found nothing."""
from __future__ import annotations

import math

import pandas as pd

from analysis.report import findings as f
from analysis.readability import SCORES

LABELS = {"d1": "Daily Post", "d2": "002 · Truce holds…", "d3": "Wire"}


def test_corpus_findings_name_sizes_outlets_agencies_and_skips():
    table = pd.DataFrame({"doc": ["d1", "d2", "d3"], "words": [800, 400, 500], "sentences": [30, 15, 20],
                          "outlet": ["Daily Post", "", "Wire"], "agencies": ["AFP", "", "AFP; Reuters"],
                          "dateline": ["", "", "BEIRUT"], "date": ["", "2016-09-19", ""]})
    out = f.corpus_findings(table, LABELS, skipped=2)
    text = " ".join(out)
    assert "Three articles, 1,700 words" in text
    assert "the longest is Daily Post (800 words), the shortest 002 · Truce holds… (400)" in text
    assert "known for 2 of 3 articles (Daily Post and Wire)" in text
    assert "AFP in Daily Post and Wire" in text and "Reuters in Wire" in text
    assert "BEIRUT (Wire)" in text and "2016-09-19" in text
    assert "Two files could not be read" in text
    assert f.corpus_findings(table.iloc[:0], {}) == ["The corpus is empty: there is nothing to compare."]


def readability_table():
    rows = []
    for doc, base in (("d1", 14.0), ("d2", 9.0), ("d3", 12.0)):
        row = {"doc": doc, "warnings": ""}
        for i, name in enumerate(SCORES):
            value = base + i
            if name in ("flesch_reading_ease", "dale_chall"):   # higher = easier
                value = 100 - base
            row[name], row[f"{name}_ci_low"], row[f"{name}_ci_high"] = value, value - 1, value + 1
        rows.append(row)
    rows[1]["warnings"] = "SMOG needs 30 sentences; this text has 12"
    return pd.DataFrame(rows)


def test_readability_findings_hardest_easiest_with_intervals():
    out = f.readability_findings(readability_table(), LABELS)
    assert out[0].startswith("Hardest to read: **Daily Post**, Flesch-Kincaid grade 15.0 "
                             "(95% interval 14.0 to 16.0). Easiest: **002 · Truce holds…**, grade 10.0")
    assert "do not overlap" in out[1]
    assert "All 8 formulas agree" in out[2]
    assert any("fewer than 30 sentences" in s for s in out)


def test_readability_findings_overlapping_intervals_and_nothing_to_score():
    table = readability_table()
    table["flesch_kincaid_grade_ci_low"] = 0.0
    table["flesch_kincaid_grade_ci_high"] = 30.0
    out = f.readability_findings(table, LABELS)
    assert "overlap" in out[1] and "cannot be told apart" in out[1]
    empty = table.assign(flesch_kincaid_grade=math.nan)
    assert f.readability_findings(empty, LABELS) == ["No article is long enough to be scored."]


def test_attribution_findings():
    who = pd.DataFrame({
        "doc": ["d1", "d1", "d1", "d2", "d2", "d3"],
        "speaker": ["John Kerry", "John Kerry", "a rebel official", "John Kerry", "Pentagon", "Pentagon"],
        "speaker_type": ["person", "person", "anonymous", "person", "government body", "government body"],
        "kind": ["direct", "direct", "indirect", "indirect", "indirect", "indirect"],
    })
    metrics = pd.DataFrame({"doc": ["d1", "d2", "d3"], "per_1000_words": [30.0, 10.0, 5.0]})
    out = f.attribution_findings(who, LABELS, metrics)
    text = " ".join(out)
    assert "6 attributions" in text and "Daily Post attributes most densely (30 per 1,000 words)" in text
    assert "John Kerry is quoted in the most articles (2 of 3)" not in text  # Pentagon is too: both named
    assert "John Kerry and Pentagon are quoted in the most articles (2 of 3)" in text
    assert "The most cited source is John Kerry: 3 attributions, across 2 articles" in text
    assert "people are cited most (50% of attributions); 17% go to anonymous" in text
    assert "Direct quotes make up 67% of the attributions in Daily Post but 0%" in text
    assert f.attribution_findings(who.iloc[:0], LABELS) == [
        "No attribution was found: no article quotes or reports anyone's words."]


def test_attribution_findings_count_speech_and_the_rest_apart():
    who = pd.DataFrame({"doc": ["d1", "d1", "d1", "d1"], "speaker": ["A", "B", "B", "C"],
                        "speaker_type": ["person"] * 4, "kind": ["indirect", "nominal", "direct", "indirect"],
                        "cue_class": ["speech", "thought", "speech", "evidence"]})
    text = " ".join(f.attribution_findings(who, LABELS))
    assert text.startswith("2 attributions (quotes and reported speech)")
    assert "Also found, and counted apart: 1 belief, intention or perception" in text
    assert "and 1 citation of evidence" in text
    assert "50% of all attributions" in text
    only_beliefs = who[who["cue_class"] == "thought"]
    assert f.attribution_findings(only_beliefs, LABELS)[0].startswith("No attribution was found")
    assert "counted apart" in f.attribution_findings(only_beliefs, LABELS)[-1]


def overlap_tables():
    differing = pd.DataFrame({
        "group": ["soldiers killed | incident, Saturday"] * 4,
        "doc": ["d1", "d2", "d2", "d3"], "text": ["62", "80", "more than 60", "dozens"],
        "qualifier": ["", "", "more than", "vague"], "value": [62.0, 80.0, 60.0, 24.0],
        "source": ["", "Syrian Observatory", "Russian delegation", ""], "conflict": [True] * 4})
    quotes = pd.DataFrame({"cluster": [1, 1, 2, 2], "quote": ["regret", "regret", "it may", "it may"],
                           "doc": ["d1", "d3", "d1", "d2"],
                           "speaker": ["Obama administration", "Pentagon", "U.S. military", "U.S. military"],
                           "conflict": [True, True, False, False]})
    pairs = pd.DataFrame({"a": ["d1", "d1", "d2"], "b": ["d2", "d3", "d3"],
                          "shared_speakers": ["John Kerry", "John Kerry | Pentagon", ""],
                          "speaker_overlap": [0.1, 0.5, 0.0]})
    reuse = pd.DataFrame({"a": ["d1"], "b": ["d3"], "containment_a_in_b": [0.004],
                          "containment_b_in_a": [0.014]})
    return differing, quotes, pairs, reuse


def test_overlap_findings_say_who_gives_each_figure_and_each_speaker():
    differing, quotes, pairs, reuse = overlap_tables()
    out = f.overlap_findings(LABELS, differing=differing, quotes=quotes, source_pairs=pairs,
                             reuse_pairs=reuse)
    tolls = out[0]
    assert tolls.startswith("Soldiers killed (one incident, Saturday): the articles give")
    # in order of value, each with its article and source; the vague word apart
    assert tolls.index("**more than 60**") < tolls.index("**62**") < tolls.index("**80**")
    assert "**80** (002 · Truce holds…, citing Syrian Observatory)" in tolls
    assert "**62** (Daily Post, no source named)" in tolls
    assert "Wire says “dozens”" in tolls and "cannot all be true" in tolls
    assert out[1] == ("The same words, “regret”, are credited to Obama administration in Daily Post "
                      "but to Pentagon in Wire.")
    assert "same speaker each time" in out[2]
    assert "Daily Post and Wire share the most sources: John Kerry and Pentagon (50%" in out[3]
    assert "John Kerry is the source quoted by most articles (3 of 3)" in out[4]
    assert "No article copies another: at most 1% of one article's word sequences" in out[5]


def test_overlap_findings_say_so_when_layers_found_nothing():
    differing, quotes, pairs, reuse = overlap_tables()
    out = f.overlap_findings(LABELS, differing=differing.iloc[:0], quotes=quotes.iloc[:0],
                             source_pairs=pairs.assign(shared_speakers=""), reuse_pairs=reuse.iloc[:0])
    assert out == ["No quantity is reported with different values in different articles.",
                   "No quote appears in more than one article.",
                   "No two articles quote the same source.",
                   "No two articles share a passage of prose."]
    assert f.overlap_findings(LABELS) == []
    noted = f.overlap_findings(LABELS, differing=differing, layers_note="Too many articles for the event layers.")
    assert noted == ["Too many articles for the event layers."]


def test_reuse_above_the_threshold_is_said():
    _, _, _, reuse = overlap_tables()
    out = f.overlap_findings(LABELS, reuse_pairs=reuse.assign(containment_b_in_a=0.8))
    assert out == ["Wire reuses prose from Daily Post: 80% of its word sequences appear there too (section 1)."]


def test_findings_display_as_markdown_list_and_escape_data():
    out = f.Findings(["A *star* label…."])
    assert out._repr_markdown_() == "- A *star* label…"
    assert f.md("a*b_c") == "a\\*b\\_c"
    assert repr(f.Findings([f"x {f.md('a_b')}"])) == "- x a_b"
