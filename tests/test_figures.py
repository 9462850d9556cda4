"""Figures and claims: number parsing, counted nouns, sources, and the differing death tolls."""
from __future__ import annotations

import pytest

from analysis.overlap.numbers import differing_figures, extract_figures, parse_number


@pytest.mark.parametrize("text, value, unit, vague", [
    ("62", 62, "", False),
    ("300,000", 300_000, "", False),
    ("3.5%", 3.5, "%", False),
    ("3.5 per cent", 3.5, "%", False),
    ("$1.13bn", 1.13e9, "$", False),
    ("£5m", 5e6, "£", False),
    ("1.5 million", 1.5e6, "", False),
    ("eight", 8, "", False),
    ("twenty-five", 25, "", False),
    ("two hundred thousand", 200_000, "", False),
    ("dozens", 24, "", True),
    ("scores", 40, "", True),
    ("a week", 1, "", False),
    ("a dozen", 12, "", False),
    ("two dozen", 24, "", False),
    ("three hundred and five", 305, "", False),
])
def test_parse_number(text, value, unit, vague):
    number = parse_number(text)
    assert number is not None
    assert number.value == pytest.approx(value)
    assert (number.unit, number.vague) == (unit, vague)


@pytest.mark.parametrize("text", ["", "Syrian", "18th", "the"])
def test_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


def _figures(nlp, text):
    return {f.text: f for f in extract_figures(nlp(text), "t")}


def test_counted_noun_qualifier_and_event(nlp):
    figs = _figures(nlp, "Russia's military said at least 62 Syrian soldiers were killed in the "
                         "raid and more than 100 wounded.")
    assert figs["at least 62"].counted == "Syrian soldiers"
    assert figs["at least 62"].qualifier == "at least"
    assert figs["at least 62"].key == "soldiers killed"
    # the elliptical "more than 100 wounded" borrows the counted noun, keeps its own event
    assert figs["more than 100"].key == "soldiers wounded"
    assert figs["more than 100"].source == "Russia's military"
    assert figs["more than 100"].source_via == "reporting_verb"


def test_vague_count_and_time_words(nlp):
    figs = _figures(nlp, "The air raid killed dozens of Syrian soldiers. Rebels violated the "
                         "truce 302 times since it took effect a week ago.")
    assert figs["dozens"].counted == "Syrian soldiers" and figs["dozens"].key == "soldiers killed"
    assert figs["dozens"].vague and figs["dozens"].qualifier == "vague"
    assert figs["302"].key == "times violated"
    assert figs["a"].counted == "week" and figs["a"].value == 1


def test_according_to_picks_the_nearest_following_source(nlp):
    figs = _figures(nlp, "The strike hit the regime's forces, killing more than 60 soldiers "
                         "according to the Russian delegation or 80 according to the Syrian "
                         "observatory.")
    assert figs["more than 60"].source == "the Russian delegation"
    assert figs["80"].source == "the Syrian observatory"
    assert figs["80"].key == "soldiers killed"  # borrowed from the figure before it


def test_dates_and_ordinals_are_not_figures(nlp):
    figs = _figures(nlp, "On Saturday 18th September 2016, and on Monday 19, 40 people fled.")
    assert set(figs) == {"40"}


def test_attribution_content_gives_the_source(nlp):
    from analysis.text import Span

    class Att:  # the fields figures read from analysis.attribution.Attribution
        def __init__(self, start, end):
            self.contents = [Span(start, end)]
            self.speaker = "Sergei Rudskoi"
            self.source = "Rudskoi"

    text = "Rudskoi said the rebels had violated the truce 302 times."
    start = text.index("the rebels")
    (fig,) = extract_figures(nlp(text), "t", [Att(start, len(text) - 1)])
    assert (fig.source, fig.source_via) == ("Sergei Rudskoi", "attribution")


def test_seed_death_tolls_differ_with_their_sources(seed_docs):
    from analysis.overlap.numbers import corpus_figures

    table = differing_figures(corpus_figures(seed_docs))
    tolls = table[table.key == "soldiers killed"]
    assert {"62", "at least 62", "more than 60", "80", "90", "dozens", "scores"} <= set(tolls.text)
    assert tolls.doc.nunique() == 5
    by_text = dict(zip(tolls.text, tolls.source))
    assert "Russian delegation" in by_text["more than 60"]
    assert "observatory" in by_text["80"].lower()
    assert "Observatory" in by_text["90"]
    # durations ("two days after", "40 days of fighting") are never compared as tolls
    assert not table.key.str.startswith("days").any()


def test_pronoun_one_is_not_a_figure(nlp):
    figs = extract_figures(nlp("The idea seems a distant one, but one of the soldiers was hurt."))
    assert [(f.text, f.counted) for f in figs] == [("one", "soldiers")]


def test_conjoined_sources_are_kept_whole(nlp):
    (fig,) = extract_figures(nlp("The U.S. and Russia have said that the truce must hold for "
                                 "seven days."))
    assert fig.source == "The U.S. and Russia"


def test_differing_figures_of_one_article_is_empty(nlp):
    figs = extract_figures(nlp("At least 62 soldiers were killed. Later 90 soldiers were killed."),
                           "only")
    table = differing_figures(figs)
    assert table.empty and "key" in table.columns


def test_dozen_counts_and_the_number_is_not_part_of_the_noun(nlp):
    figs = _figures(nlp, "About a dozen people fled and two dozen tanks left. He is a man.")
    assert figs["About a dozen"].value == 12 and figs["About a dozen"].qualifier == "about"
    assert figs["two dozen"].counted == "tanks"
    assert set(figs) == {"About a dozen", "two dozen"}


def test_reporting_subject_takes_the_attribution_layers_name(nlp):
    from analysis.text import Span

    class Att:  # an attribution whose source mention is the pronoun, resolved to a name
        contents = []
        source = Span(0, 2)
        speaker = "Bashar Jaafari"

    (fig,) = extract_figures(nlp("He said 40 people died."), "t", [Att()])
    assert (fig.source, fig.source_via) == ("Bashar Jaafari", "reporting_verb")
    (bare,) = extract_figures(nlp("He said 40 people died."), "t")
    assert bare.source == "He"


@pytest.mark.parametrize("text, agent", [
    ("A U.S.-led coalition airstrike killed 62 Syrian soldiers.", "A U.S.-led coalition airstrike"),
    ("The raids, which killed scores of soldiers, went on.", "The raids"),
    ("90 troops were killed by the strike.", "the strike"),
    ("90 troops were killed during the strike.", ""),
])
def test_agent_of_the_event(nlp, text, agent):
    (fig,) = extract_figures(nlp(text))
    assert fig.key == "soldiers killed" and fig.agent == agent
