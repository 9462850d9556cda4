"""Readability: published formulas, counting rules for news text, counts, CIs, units, CLI."""
from __future__ import annotations

import io
import json
import math
import socket
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from analysis import cli
from analysis import readability as R
from analysis.readability import Counts
from analysis.text import paragraph_spans
from evaluation import data

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = data.find("readability_reference")
SEEDS = ROOT / "seeds"


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in R.tokenize(text)]


def sentences(text: str) -> list[str]:
    return [s.text(text) for s in R.analyze_text(text, ci=False).sentences]


# --------------------------------------------------------------------------
# reference arithmetic (evaluation/data/readability_reference)


@pytest.fixture(scope="module")
def reference() -> dict:
    return json.loads((REFERENCE / "count_level.json").read_text(encoding="utf-8"))


def close(value: float, case: dict) -> None:
    assert abs(value - case["expected"]) <= 0.1, (value, case)
    if "computed" in case:
        assert abs(value - case["computed"]) < 5e-4, (value, case)


def test_flesch_reading_ease_reference(reference):
    for case in reference["flesch_reading_ease"]:
        value = R.flesch_reading_ease(Counts(words=case["words"], syllables=case["syllables"],
                                             sentences=case["sentences"]))
        assert round(value) == case["expected_rounded"]
        assert abs(value - case["computed"]) < 5e-4


def test_flesch_kincaid_reference(reference):
    for case in reference["flesch_kincaid_grade"]:
        close(R.flesch_kincaid_grade(Counts(words=case["words"], syllables=case["syllables"],
                                            sentences=case["sentences"])), case)


def test_gunning_fog_reference(reference):
    for case in reference["gunning_fog"]:
        close(R.gunning_fog(Counts(words=case["words"], complex_words=case["hard_words"],
                                   sentences=case["sentences"])), case)


def test_ari_reference(reference):
    for case in reference["automated_readability_index"]:
        close(R.ari(Counts(words=case["words"], characters=case["characters"],
                           sentences=case["sentences"])), case)


def test_smog_reference(reference):
    for case in reference["smog_regression_1.043"]:
        close(float(R.smog(Counts(polysyllables=case["polysyllables"], sentences=case["sentences"]))),
              case)


def test_new_dale_chall_reference(reference):
    for case in reference["new_dale_chall_1995_book_examples"]["cases"]:
        counts = Counts(words=case["words"], unfamiliar_words=case["unfamiliar"],
                        sentences=case["sentences"])
        cloze = R.dale_chall(counts)
        assert R.dale_chall_grade(cloze) == case["grade"], case
        if "cloze" in case:
            assert abs(cloze - case["cloze"]) < 0.01


def test_dale_chall_1948_keeps_its_constant_even_at_5_percent_or_less(reference):
    # defect of several libraries: no 3.6365 when unfamiliar words <= 5%
    cases = {c["passage"]: c for c in reference["dale_chall_1948_worked_examples_via_quanteda_tests"]}
    dc1 = cases["dc1"]
    assert dc1["unfamiliar"] / dc1["words"] <= 0.05
    value = R.dale_chall_1948(dc1["words"], dc1["unfamiliar"], dc1["sentences"])
    assert abs(value - 5.2895) < 5e-4 and abs(value - dc1["published"]) < 0.1
    for name in ("dc2", "dc3"):
        c = cases[name]
        value = R.dale_chall_1948(c["words"], c["unfamiliar"], c["sentences"])
        assert abs(value - c["computed_with_constant"]) < 5e-4
        assert abs(value - c["published"]) < 0.03


def test_coleman_liau_reference_counts(reference):
    for case in reference["coleman_liau"]:
        value = R.coleman_liau(Counts(words=case["words"], characters=case["characters"],
                                      sentences=case["sentences"]))
        assert round(value, 2) == case["expected"]


def test_coleman_liau_worked_example_from_text():
    text = (REFERENCE / "coleman_liau_example.txt").read_text(encoding="utf-8")
    result = R.analyze_text(text)
    c = result.counts
    assert (c.words, c.characters, c.sentences) == (119, 639, 5)
    assert round(result.scores["coleman_liau"], 2) == 14.53
    # 0.0588, not textstat's 0.058; and letters alone would give 14.23
    assert round(0.058 * 100 * c.characters / c.words - 0.296 * 100 * c.sentences / c.words - 15.8, 2) != 14.53
    assert round(R.coleman_liau(Counts(words=c.words, characters=c.letters, sentences=c.sentences)), 2) == 14.23


def test_every_cli_score_is_a_registered_formula():
    assert R.SCORES == ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog",
                        "coleman_liau", "ari", "lix", "dale_chall")


def test_no_words_gives_nan_not_an_error():
    assert all(math.isnan(v) for v in R.scores_from_counts(Counts()).values())
    assert R.dale_chall_grade(float("nan")) == ""


# --------------------------------------------------------------------------
# tokens


def test_numbers_amounts_and_percentages_are_one_word():
    assert words("It rose 3.5% to $1.13bn (£600m), and 300,000, people.") == [
        "It", "rose", "3.5%", "to", "$1.13bn", "£600m", "and", "300,000", "people"]


def test_abbreviations_and_hyphenated_words_are_one_word():
    assert words("The U.S.-backed rebels held a week-long U.S. truce; Syria’s army didn't.") == [
        "The", "U.S.-backed", "rebels", "held", "a", "week-long", "U.S.", "truce", "Syria’s", "army",
        "didn't"]


def test_punctuation_and_dashes_are_not_words():
    assert words("— – ... !? (AP) “”") == ["AP"]


# --------------------------------------------------------------------------
# sentences


def test_us_inside_a_sentence_does_not_end_it():
    assert sentences("The U.S. military said it struck Syrian troops. It regrets it.") == [
        "The U.S. military said it struck Syrian troops.", "It regrets it."]


def test_us_at_the_end_of_a_sentence_ends_it_before_an_opener():
    assert sentences("The strike was carried out by the U.S. The Russians were furious.") == [
        "The strike was carried out by the U.S.", "The Russians were furious."]


def test_titles_and_month_abbreviations_do_not_end_sentences():
    text = "Maj. Gen. Igor Konashenkov spoke on Sept. 19 in Moscow. Mr. Kerry and Dr. Jill Smith left."
    assert sentences(text) == ["Maj. Gen. Igor Konashenkov spoke on Sept. 19 in Moscow.",
                               "Mr. Kerry and Dr. Jill Smith left."]


def test_initials_do_not_end_sentences():
    assert len(sentences("John F. Kennedy spoke. He left.")) == 2


def test_decimal_numbers_do_not_end_sentences():
    assert len(sentences("Profits rose 3.5% to $1.13bn. Sales fell.")) == 2


def test_headline_without_final_punctuation_is_its_own_sentence():
    text = "Kerry holds out hope for Syria truce despite violations\n\nThe truce held. It was fragile."
    assert sentences(text)[0] == "Kerry holds out hope for Syria truce despite violations"
    assert len(sentences(text)) == 3
    assert sentences("Ad sales boost profit\nQuarterly profits rose.") == [
        "Ad sales boost profit", "Quarterly profits rose."]


def test_quoted_speech_sentences():
    text = ("“We are reaching a terrifying conclusion. There can be no doubts,” she said. "
            "\"Is it over?\" he asked. “We are at a new stage,” Diab said.")
    assert sentences(text) == [
        "“We are reaching a terrifying conclusion.",
        "There can be no doubts,” she said.",
        "\"Is it over?\" he asked.",
        "“We are at a new stage,” Diab said."]


def test_short_sentences_are_kept():
    # textstat drops "sentences" of two words or fewer
    assert R.analyze_text("Yes. He left. The talks failed today.", ci=False).counts.sentences == 3


# --------------------------------------------------------------------------
# datelines, bylines, credit lines


def test_datelines_are_not_counted():
    for text, first in [
        ("BEIRUT (AP) — Syria’s fragile cease-fire started to unravel.", "Syria’s"),
        ("(UR) Aleppo — Plagued by problems, the ceasefire is over.", "Plagued"),
        ("WASHINGTON — The Pentagon said it regretted the strike.", "The"),
        ("LONDON, Sept 19 (Reuters) - Oil prices rose on Monday.", "Oil"),
    ]:
        result = R.analyze_text(text, ci=False)
        assert [e.kind for e in result.excluded] == ["dateline"]
        assert result.sentences[0].text(text).split()[0] == first


def test_a_plain_phrase_before_a_dash_is_prose():
    text = "Obama — who had promised restraint — ordered the strike."
    result = R.analyze_text(text, ci=False)
    assert result.excluded == () and result.counts.words == 8


def test_bylines_and_credit_lines_are_not_counted():
    text = ("By John Smith, Associated Press\n\nThe strike hit the base. Image credit: Flickr/Freedom House."
            "\n\nAFP contributed to this report.\n\nfiled under:\n\nRelated news:")
    result = R.analyze_text(text, ci=False)
    assert [e.kind for e in result.excluded] == ["byline", "credit", "credit", "credit", "credit"]
    assert [s.text(text) for s in result.sentences] == ["The strike hit the base."]


def test_licence_notices_are_not_counted():
    text = ("The strike hit the base.\n\nThis article is free and open source. You have permission to "
            "republish this article under a Creative Commons license. If you spot a typo, email us.")
    result = R.analyze_text(text, ci=False)
    assert [e.kind for e in result.excluded] == ["licence"]
    assert result.counts.words == 5


def test_a_sentence_starting_with_by_is_prose():
    text = "By Monday, the truce had collapsed across the whole country and aid stopped."
    assert R.analyze_text(text, ci=False).excluded == ()


# --------------------------------------------------------------------------
# syllables and word classes


@pytest.mark.parametrize("word,expected", [
    ("the", 1), ("ceasefire", 3), ("andsecured", 3), ("military", 4), ("Syria", 3), ("idea", 3), ("everything", 3),
    ("area", 3), ("created", 3), ("Assad’s", 2), ("U.S.-backed", 3), ("week-long", 2),
    ("300,000", 1), ("$1.13bn", 1), ("3.5%", 1), ("CENTCOM", 1), ("Burgess's", 3), ("", 0),
])
def test_count_syllables(word, expected):
    assert R.count_syllables(word) == expected


def test_several_pronunciations_take_the_fewer_syllables():
    # Flesch: "if a word has two accepted pronunciations, use the one with fewer syllables"
    assert R.count_syllables("every") == 2  # CMUdict: EH1 V ER0 IY0 / EH1 V R IY0


def test_fallback_estimates_words_it_never_saw():
    for word, expected in [("konashenkov", 4), ("rudskoi", 2), ("catwoman", 3), ("unfriendliness", 4)]:
        assert R.estimate_syllables(word) == expected
    assert R.estimate_syllables("bbc") == 3  # no vowel: read letter by letter


def test_syllables_need_no_network(monkeypatch):
    # textstat 0.7 downloads CMUdict through nltk at run time and fails offline
    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    R.clear_caches(dictionaries=True)
    assert R.count_syllables("readability") == 5
    assert R.analyze_text("The readability of news is measured offline.", ci=False).counts.words == 7


def test_gunning_complex_words_follow_gunning_not_the_easy_list():
    # textstat leaves Dale-Chall easy words out of Fog's hard words; Gunning did not
    assert R.is_familiar("beautiful") and R.count_syllables("beautiful") == 3
    counts = R.analyze_text("It was a beautiful animal in a library.", ci=False).counts
    assert counts.complex_words == 3
    # proper names, hyphenated compounds and -ed/-es verbs of three syllables are not complex
    counts = R.analyze_text("Konashenkov said the U.S.-backed troops created a week-long delay.",
                            ci=False).counts
    assert counts.polysyllables == 3 and counts.complex_words == 0


def test_dale_chall_inflections_and_names():
    for word in ("boys", "boy's", "boys'", "churches", "cities", "played", "liked", "stopped",
                 "carried", "playing", "making", "running", "bigger", "biggest", "happier",
                 "300,000", "good-looking"):
        assert R.is_familiar(word), word
    for word in ("ceasefire", "military", "humanitarian", "violations"):
        assert not R.is_familiar(word), word
    # names are familiar mid-sentence and, once seen there, at the start of a sentence too
    c = R.analyze_text("Konashenkov spoke. Then Konashenkov left.", ci=False).counts
    assert c.unfamiliar_words == 0


def test_long_words_and_characters():
    c = R.analyze_text("The U.S. military reported 300,000 casualties.", ci=False).counts
    assert c.long_words == 3  # military, reported, casualties (more than six letters)
    assert c.characters == 3 + 2 + 8 + 8 + 6 + 10 and c.letters == c.characters - 6


# --------------------------------------------------------------------------
# results: counts, CIs, warnings, units


@pytest.fixture(scope="module")
def seed_text() -> str:
    return (SEEDS / "003_dd5d8b1be3cd4b6b.txt").read_text(encoding="utf-8")


def test_scores_are_computed_from_the_exposed_counts(seed_text):
    result = R.analyze_text(seed_text)
    assert result.scores == R.scores_from_counts(result.counts)
    c = result.counts
    assert result.scores["lix"] == pytest.approx(c.words / c.sentences + 100 * c.long_words / c.words)
    record = result.record()
    for name in R.COUNT_FIELDS + R.SCORES + ("dale_chall_grade", "warnings"):
        assert name in record


def test_bootstrap_ci_is_deterministic_and_brackets_the_score(seed_text):
    a, b = R.analyze_text(seed_text), R.analyze_text(seed_text)
    assert a.ci == b.ci
    for name, (low, high) in a.ci.items():
        assert low < a.scores[name] < high, name
    assert a.ci != R.bootstrap_ci(R.measure_text(seed_text).rows.sum(axis=1), seed=1)


def test_warnings_for_short_texts():
    result = R.analyze_text("The strike hit the base. Troops died.")
    assert any("under 100" in w for w in result.warnings)
    assert any("SMOG needs 30 sentences" in w for w in result.warnings)
    long_text = " ".join(["The troops left the base on foot."] * 30)
    assert R.analyze_text(long_text, ci=False).warnings == ()


def test_paragraphs_add_up_and_point_into_the_original_text(seed_text):
    paragraphs = R.analyze_paragraphs(seed_text)
    assert sum((res.counts for _, res in paragraphs), Counts()) == R.analyze_text(seed_text).counts
    spans = paragraph_spans(seed_text)
    for number, res in paragraphs:
        assert res.span == spans[number]
        for sent in res.sentences:
            assert res.span.start <= sent.start < sent.end <= res.span.end


def test_variants_split_quoted_speech_from_the_reporters_prose():
    text = ("“We are at a new stage that requires reconciliation,” Diab said. "
            "The governor urged insurgents to surrender. \"Stop,\" he told them.")
    v = R.analyze_variants(text)
    assert v["article"].counts.words == 21
    assert v["quotes_only"].counts.words == 10
    assert v["quotes_removed"].counts.words == 11 and v["quotes_removed"].counts.sentences == 3
    assert v["prose_only"].counts.words == 6 and v["prose_only"].counts.sentences == 1
    assert [s.text(text) for s in v["prose_only"].sentences] == [
        "The governor urged insurgents to surrender."]


# --------------------------------------------------------------------------
# corpus tables and CLI


def test_readability_table_on_seeds():
    from analysis.corpus import load_corpus

    corpus = load_corpus(SEEDS)
    table = R.readability_table(corpus)
    assert list(table["doc"]) == corpus.ids
    assert (table["words"] > 300).all() and table["flesch_kincaid_grade_ci_low"].notna().all()
    paragraphs = R.paragraph_table(corpus)
    assert set(paragraphs["doc"]) == set(corpus.ids)
    assert paragraphs.groupby("doc")["words"].sum().to_dict() == dict(zip(table["doc"], table["words"]))


def run_cli(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_cli_jsonl_one_object_per_document():
    code, out, _ = run_cli("readability", str(SEEDS))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["doc"] for r in records] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    required = R.COUNT_FIELDS + ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog",
                                 "coleman_liau", "ari", "lix", "dale_chall")
    for rec in records:
        assert all(name in rec for name in required)
        assert rec["smog_ci_low"] <= rec["smog"] <= rec["smog_ci_high"]


def test_cli_paragraph_and_variant_units():
    code, out, _ = run_cli("readability", str(SEEDS / "003_dd5d8b1be3cd4b6b.txt"), "--unit", "paragraph")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) > 5 and all("start" in r for r in rows)
    code, out, _ = run_cli("readability", str(SEEDS / "003_dd5d8b1be3cd4b6b.txt"), "--unit", "variants",
                           "--no-ci")
    assert code == 0 and [json.loads(x)["variant"] for x in out.splitlines()] == list(R.VARIANTS)


def test_cli_bad_path_is_one_line_error():
    code, out, err = run_cli("readability", "/nonexistent/folder")
    assert code == 2 and out == "" and err.count("\n") == 1 and "no such file" in err


def test_formula_arithmetic_matches_textacy_where_textacy_is_right():
    # textacy's constants are right for these; its syllables (Pyphen) are what we replace
    import spacy
    from textacy.text_stats import basics, readability as tr

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp((SEEDS / "003_dd5d8b1be3cd4b6b.txt").read_text(encoding="utf-8"))
    c = Counts(words=basics.n_words(doc), sentences=basics.n_sents(doc),
               syllables=basics.n_syllables(doc), polysyllables=basics.n_polysyllable_words(doc),
               complex_words=basics.n_polysyllable_words(doc), characters=basics.n_chars(doc),
               long_words=basics.n_long_words(doc))
    pairs = [(R.flesch_reading_ease, tr.flesch_reading_ease), (R.flesch_kincaid_grade, tr.flesch_kincaid_grade_level),
             (R.gunning_fog, tr.gunning_fog_index), (R.smog, tr.smog_index),
             (R.ari, tr.automated_readability_index), (R.lix, tr.lix)]
    for ours, theirs in pairs:
        assert float(ours(c)) == pytest.approx(theirs(doc), abs=1e-6), ours.__name__
    # Coleman-Liau: textacy's regression constants round to 0.0588 / 0.296 / 15.8
    assert float(R.coleman_liau(c)) == pytest.approx(tr.coleman_liau_index(doc), abs=0.01)


def test_nested_quotes_count_as_one_quote():
    text = "“He told me ‘no way’ and then he left,” she said. The talks ended."
    v = R.analyze_variants(text, ci=False)
    assert v["quotes_only"].counts.words == 9
    assert v["prose_only"].counts.words == 3


def test_an_article_about_licences_is_prose():
    text = "Authors may release work under a Creative Commons licence, the campaigners said."
    assert R.analyze_text(text, ci=False).excluded == ()


def test_variants_use_attribution_spans_when_given(nlp):
    from analysis.attribution import extract
    from analysis.readability import analyze_variants, speech_spans

    text = ("Kerry said the truce was holding despite the violations. "
            "The city was quiet on Monday and the markets were open again.")
    by_marks = analyze_variants(text, ci=False)
    assert by_marks["prose_only"].counts.sentences == 2  # no quotation marks: all prose
    atts = extract(nlp(text))
    assert atts and atts[0].kind == "indirect"
    by_attribution = analyze_variants(text, ci=False, speech=speech_spans(atts))
    assert by_attribution["prose_only"].counts.sentences == 1
    assert by_attribution["quotes_only"].counts.words == len("the truce was holding despite the violations".split())
