"""Quote, source and paraphrase layers of source overlap, on hand-made texts and the seeds."""
from __future__ import annotations

from collections import Counter

import pytest

from analysis.overlap.paraphrase import paraphrase_pairs
from analysis.overlap.shared_quotes import QuoteUnit, match_quotes, normalise, shared_quotes
from analysis.overlap.sources import (jaccard, overlap_coefficient, source_graph, source_matrix,
                                      source_pairs)

PENTAGON = "may have unintentionally struck Syrian troops"


# ------------------------------------------------------------------------------ quotes

def test_normalise_drops_case_punctuation_and_apostrophes():
    assert normalise("“Assad’s forces,” he said -- ") == normalise("assads forces he said")


@pytest.mark.parametrize("short, long", [
    (PENTAGON, "The U.S. military says it may have unintentionally struck Syrian troops while "
               "carrying out a raid"),                      # trimmed, inside reported speech
    ("This won't stop here. Our friends on the Security Council",
     '"This won’t stop here -- our friends on the Security Council, China and Russia, won’t '
     'leave the matter at that"'),                                       # re-punctuated, truncated
    ("the basic ceasefire is holding, but fragile", "the basic ceasefire is holding but fragile"),
])
def test_fuzzy_quote_match(short, long):
    hit = match_quotes(short, long)
    assert hit is not None and hit.score >= 85
    assert normalise(long[hit.b_start:hit.b_end]).startswith(normalise(short).split()[0])


def test_match_offsets_index_the_longer_text():
    long = 'He said: "it may have unintentionally struck Syrian troops," adding more.'
    hit = match_quotes(PENTAGON, long)
    assert long[hit.b_start:hit.b_end] == PENTAGON


@pytest.mark.parametrize("a, b", [
    (PENTAGON, "the ceasefire is holding but it is fragile and may collapse"),
    ("regret", "The United States said it regrets the deaths of Syrian troops"),
    ("That is not the case,", "It is not the case that the vocational route is weak."),
    ("in the next two weeks", "I expect to get faster in the next few weeks"),
    ("very clear", "very clever"),
    ("Las Vegas", "UK Las Vegas"),
])
def test_unrelated_or_short_in_long_do_not_match(a, b):
    assert match_quotes(a, b) is None


def test_short_quotes_match_whole():
    assert match_quotes("regret", "regrets") is not None
    assert match_quotes("unfair tax", "unfair taxes") is not None
    assert match_quotes("regret", "zero") is None
    assert match_quotes("A", "a") is None  # no content word: nothing to share


def _unit(doc, text, speaker, start=0):
    return QuoteUnit(doc, start, start + len(text), text, speaker, "person", "direct")


def test_shared_quote_cluster_and_conflict():
    units = [
        _unit("a", "We are reaching a terrifying conclusion for the whole world",
              "Maria Zakharova"),
        _unit("b", "we are reaching a terrifying conclusion", "Sergei Lavrov", 40),
        _unit("c", "We are reaching a terrifying conclusion.", "maria zakharova", 7),
        _unit("c", "Something else entirely was said here", "Vladimir Putin", 90),
    ]
    (cluster,) = shared_quotes(units)
    assert cluster.docs == ["a", "b", "c"]
    assert cluster.quote == "we are reaching a terrifying conclusion"
    assert cluster.speakers == ["Maria Zakharova", "Sergei Lavrov"]
    assert cluster.conflict
    # each member's range covers the shared words in its own article
    start_c = dict((u.doc, m) for u, m in cluster.members)["c"]
    core = "We are reaching a terrifying conclusion"
    assert (start_c.b_start, start_c.b_end) == (7, 7 + len(core))


def test_same_speaker_is_no_conflict_and_same_doc_is_no_share():
    same = [_unit("a", PENTAGON, "the U.S. military"), _unit("b", PENTAGON + " on Saturday",
                                                             "The U.S.  Military")]
    (cluster,) = shared_quotes(same)
    assert not cluster.conflict
    assert shared_quotes([_unit("a", PENTAGON, "x"), _unit("a", PENTAGON, "y", 100)]) == []


# ------------------------------------------------------------------------------ sources

def test_jaccard_and_overlap_coefficient():
    assert jaccard({"a", "b"}, {"b", "c"}) == pytest.approx(1 / 3, abs=1e-4)
    assert overlap_coefficient({"a", "b"}, {"a", "b", "c", "d"}) == 1.0
    assert jaccard({"a", "b"}, {"a", "b", "c", "d"}) == 0.5
    assert jaccard(set(), set()) == 0.0 and overlap_coefficient(set(), {"a"}) == 0.0


def test_source_pairs_compare_case_insensitively_and_count_agencies():
    speakers = {"x": ["John Kerry", "Maria Zakharova"], "y": ["john kerry"], "z": []}
    agencies = {"x": ["AP"], "y": ["AP", "AFP"], "z": ["AFP"]}
    pairs = {(p.a, p.b): p for p in source_pairs(speakers, agencies)}
    assert list(pairs) == [("x", "y"), ("x", "z"), ("y", "z")]
    xy = pairs[("x", "y")]
    assert xy.shared_speakers == ["John Kerry"]
    assert (xy.speaker_jaccard, xy.speaker_overlap) == (0.5, 1.0)
    assert (xy.agency_jaccard, xy.agency_overlap, xy.shared_agencies) == (0.5, 1.0, ["AP"])
    assert pairs[("x", "z")].speaker_jaccard == 0.0
    matrix = source_matrix(list(pairs.values()), ["x", "y", "z"])
    assert matrix.loc["y", "x"] == 0.5 and matrix.loc["z", "z"] == 1.0


def test_source_graph_is_bipartite_with_weights():
    graph = source_graph({"x": Counter({"John Kerry": 3}), "y": Counter({"john kerry": 1})},
                         {"y": ["AFP"]})
    kerry = ("source", "john kerry")
    assert graph.degree(kerry) == 2
    assert graph.edges[("doc", "x"), kerry]["weight"] == 3
    assert graph.nodes[("source", "afp")]["kind"] == "agency"
    assert {d["bipartite"] for _, d in graph.nodes(data=True)} == {0, 1}


# ------------------------------------------------------------------------------ paraphrase

def test_paraphrase_pairs_only_cross_documents(nlp):
    parsed = {
        "a": nlp("The army said sixty soldiers were killed in the strike on the base. "
                 "The army said sixty soldiers died in the strike on the base."),
        "b": nlp("Officials reported that the strike on the base killed sixty soldiers overnight. "
                 "Markets rallied strongly on Friday after the central bank cut rates."),
    }
    pairs = paraphrase_pairs(parsed, top_k=10, min_cosine=0.1)
    assert pairs, "the strike sentences are paraphrases"
    assert all(p.a != p.b for p in pairs)
    best = pairs[0]
    assert (best.a, best.b) == ("a", "b")
    assert parsed["a"].text[best.a_start:best.a_end] == best.text_a
    assert "killed sixty soldiers" in best.text_b
    assert all("Markets" not in p.text_b for p in pairs if p.cosine > 0.3)


def test_near_verbatim_pairs_are_left_to_text_reuse(nlp):
    text = "The U.S. military says it may have unintentionally struck Syrian troops on Saturday."
    parsed = {"a": nlp(text), "b": nlp(text.replace("says", "said"))}
    assert paraphrase_pairs(parsed) == []
    (flagged,) = paraphrase_pairs(parsed, include_verbatim=True)
    assert flagged.near_verbatim and flagged.cosine > 0.9


def test_seed_paraphrase_finds_the_pentagon_line(seed_docs):
    pairs = paraphrase_pairs(seed_docs, top_k=5)
    assert any(PENTAGON in p.text_a and PENTAGON in p.text_b for p in pairs)
    assert [p.cosine for p in pairs] == sorted((p.cosine for p in pairs), reverse=True)


# ------------------------------------------------------------------------------ all layers, seeds

@pytest.fixture(scope="module")
def seed_layers(seeds, seed_docs, nlp):
    from analysis.overlap.layers import analyze

    return analyze(seeds, seed_docs, nlp)


def test_seed_shared_quote_pentagon_line(seed_layers):
    table = seed_layers.quotes_table()
    line = table[table.quote.str.contains(PENTAGON)]
    assert set(line.doc) >= {"001_2ea762ec2a6e19ec", "003_dd5d8b1be3cd4b6b"}
    assert set(line.attribution) == {"indirect"}  # reported speech, matched all the same
    for row in line.itertuples():  # offsets index each article's own text
        assert PENTAGON in seed_layers.texts[row.doc][row.start:row.end]


def test_seed_quoted_word_in_reported_speech_meets_the_direct_quote(seed_layers):
    # 000: the Obama administration expressed "regret"; 004: the Pentagon said it "regrets" ...
    # (001: Washington passed on its "regret", reported speech as well)
    table = seed_layers.quotes_table()
    regret = table[table.quote.str.lower() == "regret"]
    assert set(regret.doc) == {"000_efd52faf37b7adfc", "001_2ea762ec2a6e19ec", "004_cc716844c73cc4e2"}
    assert any(kind.endswith("quoted") for kind in regret.attribution)
    assert regret.conflict.all()  # two different speakers for the same word: flagged


def test_seed_records_have_every_kind_and_json_fields(seed_layers):
    import json

    from analysis.overlap.layers import LAYERS, layer_records

    records = list(layer_records(seed_layers))
    assert [k for k in LAYERS if any(r["kind"] == k for r in records)] == list(LAYERS)
    json.dumps(records)  # plain JSON types only
    pairs = [r for r in records if r["kind"] == "source_pair"]
    assert len(pairs) == 10 and all(0 <= r["speaker_jaccard"] <= r["speaker_overlap"] <= 1
                                    for r in pairs)
    tolls = {r["text"] for r in records if r["kind"] == "figure" and r["differs"]
             and r["key"] == "soldiers killed"}
    assert {"80", "90", "more than 60"} <= tolls
    quotes = [r for r in records if r["kind"] == "quote"]
    assert all(isinstance(r["conflict"], bool) and r["speakers"] for r in quotes)


def test_cli_layers_all_yields_layer_records():
    import io
    from contextlib import redirect_stdout

    from analysis.cli import main
    from conftest import SEEDS

    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["overlap", str(SEEDS), "--layers", "all", "--format", "jsonl",
                     "--paraphrase-top-k", "3"])
    assert code == 0
    import json

    kinds = [json.loads(line)["kind"] for line in out.getvalue().splitlines()]
    assert kinds.count("paraphrase") == 3
    assert {"passage", "quote", "source_pair", "figure"} <= set(kinds)


def test_only_sharing_source_pairs_match_the_full_list():
    speakers = {"w": ["A", "B"], "x": ["b", "C"], "y": ["D"], "z": ["C"]}
    agencies = {"y": ["AP"], "w": ["AP"]}
    full = [p for p in source_pairs(speakers, agencies) if p.shared_speakers or p.shared_agencies]
    sharing = source_pairs(speakers, agencies, only_sharing=True)
    assert [(p.a, p.b) for p in sharing] == [("w", "x"), ("w", "y"), ("x", "z")]
    assert sharing == full
