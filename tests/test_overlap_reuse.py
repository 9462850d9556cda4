"""Text-reuse layer: one test group per stage (shingle, candidates, align, merge), the CLI,
and the pair-finding floors on the BBC corpus (PAN passage scores: test_pan.py)."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import numpy as np
import pytest

from analysis import cli
from analysis.corpus import Corpus, Document
from analysis.errors import AnalysisError
from analysis.overlap import reuse
from analysis.overlap.reuse import (Fragment, Passage, ReuseParams, block_signatures, build_index,
                                    exact_candidates, find_reuse, lsh_candidates, merge_fragments,
                                    merge_overlapping, reuse_records, reuse_tables, seed_fragments,
                                    tokenize, tokenize_many)
from evaluation import results
from evaluation.pan import reference_containment


LOREM = ("The committee met on Tuesday to discuss the budget for next year. Members argued about "
         "the cost of the new bridge across the river. The mayor said the city could not afford "
         "another delay. Local residents have waited nearly ten years for the crossing to open. ")
OTHER = ("Farmers in the valley reported a good harvest despite the dry spring. Prices for wheat "
         "rose sharply in the autumn markets. Several growers plan to expand their fields. ")
THIRD = ("A new exhibition of early photographs opened at the city museum this week. Curators "
         "spent two years restoring the fragile glass plates. Visitors queued around the block. ")


def corpus_of(**texts) -> Corpus:
    return Corpus([Document(k, v) for k, v in sorted(texts.items())])


# --------------------------------------------------------------------------
# stage 1: tokens and shingles


def test_tokens_are_normalised_and_map_back_to_the_original_text():
    text = "Syria\u2019s \u201cU.S.-backed\u201d Rebels don't STOP_now 1.13bn"
    tok = tokenize(text)
    assert tok.words(text) == ["syrias", "u", "s", "backed", "rebels", "dont", "stop", "now", "1",
                               "13bn"]
    assert [text[s:e] for s, e in zip(tok.starts, tok.ends)][:2] == ["Syria\u2019s", "U"]
    # curly and straight apostrophes, case: the same token
    assert tokenize("Syria's").hashes[0] == tokenize("SYRIA\u2019S").hashes[0] == tokenize("syrias").hashes[0]
    assert tokenize("syria").hashes[0] != tokenize("syrias").hashes[0]


def test_tokenize_many_equals_tokenize_per_text():
    texts = [LOREM, "", "  \n", OTHER + "\u00c9cole \U0001d518nicode"]
    for one, many in zip((tokenize(t) for t in texts), tokenize_many(texts)):
        assert one.starts.tolist() == many.starts.tolist()
        assert one.ends.tolist() == many.ends.tolist()
        assert one.hashes.tolist() == many.hashes.tolist()


def test_index_counts_shingles_and_containment_both_ways():
    small = " ".join(LOREM.split()[:30])
    corpus = corpus_of(big=LOREM + OTHER, small=small, other=THIRD)
    index = build_index(corpus)
    assert index.n_set(index.ids.index("small")) == 30 - 5 + 1
    scores = {(index.ids[s.a], index.ids[s.b]): s for s in
              reuse.score_pairs(index, exact_candidates(index))}
    s = scores[("big", "small")]
    assert s.containment_b_in_a == 1.0  # all of small is in big
    assert s.containment_a_in_b == pytest.approx(26 / index.n_set(index.ids.index("big")))
    assert s.jaccard == pytest.approx(26 / index.n_set(index.ids.index("big")))
    assert ("other", "small") not in scores and ("big", "other") not in scores


def test_boilerplate_is_kept_out_of_candidates_and_reported_apart():
    credit = " Copyright Example News Agency all rights reserved worldwide."
    bodies = [LOREM, OTHER, THIRD, "Completely different words about sailing boats and wind today."]
    corpus = corpus_of(**{f"d{i}": body + credit for i, body in enumerate(bodies)})
    params = ReuseParams(boilerplate_min_docs=3)
    index = build_index(corpus, params)
    assert index.threshold == 3 and len(index.boilerplate_hashes) > 0
    assert exact_candidates(index) == {}  # linked only by the credit line
    segments = reuse.boilerplate_segments(index)
    assert segments[0]["docs"] == 4
    assert segments[0]["text"].startswith("copyright example news agency")
    # with the default threshold (10 documents) the credit line is ordinary shared text
    assert len(build_index(corpus).boilerplate_hashes) == 0


# --------------------------------------------------------------------------
# stage 2: candidates


def _brute_force_pairs(index) -> dict:
    out = {}
    for a in range(len(index)):
        for b in range(a + 1, len(index)):
            keep_a = set(index.sets[a][~index.boiler[a]].tolist())
            shared = len(keep_a & set(index.sets[b].tolist()))
            if shared:
                out[(a, b)] = shared
    return out


def test_exact_candidates_equal_brute_force():
    texts = {"a": LOREM + OTHER, "b": OTHER + THIRD, "c": THIRD + LOREM[:120], "d": "Nothing shared here at all.",
             "e": LOREM}
    index = build_index(corpus_of(**texts))
    assert exact_candidates(index) == _brute_force_pairs(index)


def test_block_signatures_equal_datasketch_minhash():
    from datasketch import MinHash

    values = np.random.default_rng(5).integers(0, 2**32, size=70, dtype=np.uint64).astype(np.uint32)
    cuts = np.array([0, 25, 50])
    sigs = block_signatures(values, cuts, 16)
    for row, (lo, hi) in zip(sigs, [(0, 25), (25, 50), (50, 70)]):
        m = MinHash(num_perm=16, seed=1, scheme="affine32", hashfunc=int)
        m.update_batch(values[lo:hi].tolist())
        assert row.tolist() == m.hashvalues.tolist()


def test_band_collisions_equal_datasketch_lsh():
    from datasketch import LeanMinHash, MinHashLSH

    rng = np.random.default_rng(9)
    sigs = rng.integers(0, 4, size=(40, 12), dtype=np.uint64).astype(np.uint32)
    keys = reuse.band_keys(sigs, 4, 3)
    ours = {(i, j) for i in range(40) for j in range(i + 1, 40) if (keys[i] == keys[j]).any()}
    lsh = MinHashLSH(num_perm=12, params=(4, 3))
    minhashes = [LeanMinHash(seed=1, hashvalues=s, scheme="affine32") for s in sigs]
    for i, m in enumerate(minhashes):
        lsh.insert(i, m)
    theirs = {(min(i, j), max(i, j)) for i, m in enumerate(minhashes) for j in lsh.query(m) if j != i}
    assert ours == theirs and ours


def test_lsh_finds_a_short_article_reprinted_inside_a_long_one():
    long_text = " ".join([OTHER, THIRD, LOREM, OTHER.replace("wheat", "barley"), THIRD] * 3)
    short = LOREM
    corpus = corpus_of(long=long_text, short=short, unrelated="Sailing boats raced in the bay " * 10)
    index = build_index(corpus, ReuseParams(mode="lsh"))
    pairs = {(index.ids[a], index.ids[b]) for a, b in lsh_candidates(index)}
    assert ("long", "short") in pairs
    assert not any("unrelated" in p for p in pairs)
    result = find_reuse(corpus, ReuseParams(mode="lsh"))
    assert result.mode == "lsh"
    assert [(result.index.ids[s.a], result.index.ids[s.b]) for s in result.pairs] == [("long", "short")]
    assert result.pairs[0].containment_b_in_a == 1.0


def test_auto_mode_switches_on_corpus_size():
    assert reuse.resolve_mode(10, ReuseParams()) == "exact"
    assert reuse.resolve_mode(10, ReuseParams(auto_exact_max_docs=5)) == "lsh"
    assert reuse.resolve_mode(10, ReuseParams(mode="lsh")) == "lsh"
    with pytest.raises(AnalysisError):
        ReuseParams(mode="fast")


# --------------------------------------------------------------------------
# stage 3: seeds and fragments


def test_seed_fragments_are_runs_along_one_diagonal():
    a = np.array([1, 2, 3, 4, 9, 9, 7], dtype=np.uint64)
    b = np.array([8, 1, 2, 3, 4, 5, 7], dtype=np.uint64)
    frags = seed_fragments(a, b, n=2)
    assert [(f.a0, f.a1, f.b0, f.b1, f.seeds) for f in frags] == [(0, 5, 1, 6, 4), (6, 8, 6, 8, 1)]
    # a value repeated too often (list, table) seeds nothing
    assert seed_fragments(np.array([5] * 6, dtype=np.uint64), np.array([5] * 6, dtype=np.uint64), 1,
                          max_repeats=20) == []


# --------------------------------------------------------------------------
# stage 4: merge


def frag(a0, a1, b0, b1):
    return Fragment(a0, a1, b0, b1, seeds=a1 - a0, matched=a1 - a0)


def test_merge_bridges_changed_dropped_and_swapped_words():
    changed = [frag(0, 10, 100, 110), frag(11, 20, 111, 120)]
    dropped = [frag(0, 10, 100, 110), frag(11, 20, 110, 119)]
    swapped = [frag(0, 10, 100, 110), frag(12, 20, 112, 120)]
    for frags in (changed, dropped, swapped):
        merged = merge_fragments(frags, max_gap=15, anchor=5)
        assert len(merged) == 1
        assert (merged[0].a0, merged[0].a1) == (0, 20)


def test_merge_keeps_far_regions_apart_and_short_runs_inside():
    far = merge_fragments([frag(0, 10, 0, 10), frag(40, 50, 40, 50)], max_gap=15, anchor=5)
    assert len(far) == 2
    off_diagonal = merge_fragments([frag(0, 10, 0, 10), frag(12, 20, 60, 68)], max_gap=15, anchor=5)
    assert len(off_diagonal) == 2
    # a 3-token chance match right after a passage does not stretch it
    tail = merge_fragments([frag(0, 10, 0, 10), frag(14, 17, 14, 17)], max_gap=15, anchor=5)
    assert [(p.a0, p.a1) for p in tail] == [(0, 10)]
    # ... but bridges inside one
    inner = merge_fragments([frag(0, 10, 0, 10), frag(12, 15, 12, 15), frag(18, 30, 18, 30)],
                            max_gap=15, anchor=5)
    assert [(p.a0, p.a1, p.matched) for p in inner] == [(0, 30, 25)]


def test_a_short_chance_match_does_not_steer_the_passage_off_its_diagonal():
    # a 3-token match far off the diagonal (a common phrase elsewhere) must not make the rest of
    # the same passage start a second one
    frags = [frag(0, 20, 100, 120), Fragment(19, 22, 133, 136, 1, 3), frag(22, 40, 120, 138)]
    merged = merge_fragments(frags, max_gap=15, anchor=5)
    assert [(p.a0, p.a1, p.b0, p.b1) for p in merged] == [(0, 40, 100, 138)]


def test_overlapping_passages_of_one_pair_become_one():
    p1 = Passage(0, 1, 10, 100, 50, 140, 15, 10, False)
    p2 = Passage(0, 1, 60, 200, 100, 240, 20, 12, False)
    apart = Passage(0, 1, 300, 400, 20, 45, 12, 8, False)  # overlaps p1 in B only
    assert merge_overlapping([p2, apart, p1]) == [Passage(0, 1, 10, 200, 50, 240, 35, 22, False), apart]
    # a union that comes to overlap a passage kept apart so far takes it in too
    first, second = Passage(0, 1, 0, 50, 0, 50, 12, 8, False), Passage(0, 1, 40, 120, 200, 260, 12, 8, False)
    bridge = Passage(0, 1, 45, 60, 30, 210, 12, 8, False)
    assert merge_overlapping([first, second, bridge]) == [Passage(0, 1, 0, 120, 0, 260, 36, 24, False)]


def test_a_shared_phrase_inside_sentences_is_not_a_passage():
    phrase = "the publication of the full legal advice given by the attorney general"
    a = f"Critics have long demanded {phrase} before the vote. Nothing else here matches at all."
    b = f"Ministers again refused {phrase} on Tuesday. The debate ran late into the night."
    assert find_reuse(corpus_of(a=a, b=b)).passages == []
    # the same words as a whole sentence in one text are a reused sentence
    c = f"Campaigners welcomed {phrase} this week. " + phrase.capitalize() + " was released in full."
    d = "Another story. " + phrase.capitalize() + " was released in full. Then more words came."
    (p,) = find_reuse(corpus_of(c=c, d=d)).passages
    assert d[p.b_start:p.b_end] == phrase.capitalize() + " was released in full."
    # ... as is a phrase running on into a whole shared sentence
    tail = "Ministers said the papers would stay closed."
    e, f = a.replace(" before the vote.", ". " + tail), b.replace(" on Tuesday.", ". " + tail)
    (p,) = find_reuse(corpus_of(e=e, f=f)).passages
    assert e[p.a_start:p.a_end] == phrase + ". " + tail


def test_heavily_edited_sentence_edges_are_still_taken_in():
    src = ("His broadside came as ex-Foreign Secretary Robin Cook said he hoped Mr Brown would be "
           "premier at some point. Mr Bannatyne has previously given Labour fifty thousand pounds "
           "over the years. He made his fortune from care homes and health clubs.")
    susp = ("His far came as Secretary Robin Cook he said hoped Mr Brown would quotient premier at "
            "some point. Mr Bannatyne has previously given Labour fifty thousand pounds over the "
            "years. He made fortune his from care homes and health clubs.")
    a = "Markets were calm on Monday. " + src + " Shares rose later."
    b = "A quiet week in Westminster ended. " + susp + " Parliament returns next week."
    (p,) = find_reuse(corpus_of(a=a, b=b)).passages
    assert a[p.a_start:p.a_end] == src and b[p.b_start:p.b_end] == susp


def test_passage_edges_snap_to_sentences_and_take_their_punctuation():
    reused = ("Officials confirmed on Monday that the northern bridge will close for repairs. "
              "Traffic will be diverted through the town centre for at least six weeks.")
    edited = reused.replace("Officials confirmed", "Authorities confirmed").replace("six weeks", "six months")
    a = "Weather was mild. " + reused + " Shops reopened later."
    b = "Sport results follow. \"" + edited + "\" Nothing else happened today."
    result = find_reuse(corpus_of(a=a, b=b))
    (p,) = result.passages
    assert a[p.a_start:p.a_end] == reused
    assert b[p.b_start:p.b_end] == '"' + edited + '"'


def test_passage_does_not_run_into_the_next_sentence_by_a_common_word():
    reused = ("The council approved the plan to build four hundred new homes on the old airfield "
              "site after a long debate.")
    a = "Intro text about the town. " + reused + " The weather stayed fine all week."
    b = reused + " The mayor was not available for comment on Friday."
    (p,) = find_reuse(corpus_of(a=a, b=b)).passages
    assert a[p.a_start:p.a_end] == reused and b[p.b_start:p.b_end] == reused


# --------------------------------------------------------------------------
# whole layer, records, CLI


def test_records_fields_offsets_direction_and_quote_share():
    quote = ('"We will not accept any deal that puts jobs at risk in the northern plants," the union '
             'leader said.')
    a = Document("a", "Intro one. " + LOREM + quote, metadata={"date": "2016-09-18"})
    b = Document("b", quote + " Other words entirely. " + LOREM, metadata={"date": "2016-09-19"})
    records = list(reuse_records(Corpus([a, b])))
    pair = next(r for r in records if r["kind"] == "pair")
    assert {"a", "b", "containment_a_in_b", "containment_b_in_a", "jaccard"} <= set(pair)
    assert pair["direction"] == "a_to_b" and pair["earlier"] == "a"
    passages = [r for r in records if r["kind"] == "passage"]
    assert len(passages) == 2
    for p in passages:
        assert p["text_a"] == a.text[p["a_start"]:p["a_end"]]
        assert p["text_b"] == b.text[p["b_start"]:p["b_end"]]
    by_text = {p["text_a"][:10]: p for p in passages}
    assert by_text['"We will n']["quote_share"] > 0.6 and by_text['"We will n']["mostly_quote"]
    assert by_text["The commit"]["quote_share"] == 0.0


def test_reuse_is_deterministic_and_tables_have_columns():
    corpus = corpus_of(a=LOREM + OTHER, b=OTHER + THIRD, c="Nothing in common with them.")
    assert list(reuse_records(corpus)) == list(reuse_records(corpus))
    pairs, passages = reuse_tables(corpus)
    assert list(pairs[["a", "b"]].itertuples(index=False, name=None)) == [("a", "b")]
    assert {"a_start", "text_a", "quote_share", "boilerplate"} <= set(passages.columns)
    empty_pairs, empty_passages = reuse_tables(corpus_of(x=LOREM, y=THIRD))
    assert empty_pairs.empty and "containment_a_in_b" in empty_pairs.columns
    assert empty_passages.empty and "b_end" in empty_passages.columns


def run_cli(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_text("Title A\n\n" + LOREM + OTHER, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title B\n\n" + OTHER + THIRD, encoding="utf-8")
    (tmp_path / "c.txt").write_text("Title C\n\nNothing shared with the other two.", encoding="utf-8")
    return tmp_path


def test_cli_prints_pairs_and_passages(folder):
    code, out, _ = run_cli("overlap", str(folder), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["kind"], r["a"], r["b"]) for r in records] == [("pair", "a", "b"), ("passage", "a", "b")]
    passage = records[1]
    text_a = (folder / "a.txt").read_text(encoding="utf-8")
    assert text_a[passage["a_start"]:passage["a_end"]] == OTHER.strip()


def test_cli_lsh_mode_agrees_on_a_near_copy(folder):
    (folder / "d.txt").write_text("Title D\n\n" + LOREM + OTHER + " One more line.", encoding="utf-8")
    code, out, _ = run_cli("overlap", str(folder), "--format", "jsonl")
    code_lsh, out_lsh, _ = run_cli("overlap", str(folder), "--format", "jsonl", "--mode", "lsh")
    assert code == code_lsh == 0
    exact = [json.loads(line) for line in out.splitlines()]
    lsh = [json.loads(line) for line in out_lsh.splitlines()]
    assert ("a", "d") in {(r["a"], r["b"]) for r in lsh if r["kind"] == "pair"}
    assert all(r in exact for r in lsh)  # LSH verifies exactly: what it finds is what exact finds


def test_cli_min_containment_filters_pairs_and_bad_values_are_one_line_errors(folder):
    _, out, _ = run_cli("overlap", str(folder), "--min-containment", "0.9")
    assert all(json.loads(line)["kind"] != "pair" for line in out.splitlines())
    code, out, err = run_cli("overlap", str(folder), "--min-containment", "2")
    assert code == 2 and err.startswith("error:") and len(err.strip().splitlines()) == 1


def test_cli_layers_all_appends_the_other_layers_records(folder, monkeypatch):
    import analysis.overlap as overlap

    def fake_records(corpus, **options):
        yield {"kind": "quote", "docs": len(corpus)}

    monkeypatch.setattr(overlap, "event_layer_records", fake_records)
    _, out, _ = run_cli("overlap", str(folder), "--layers", "all")
    kinds = [json.loads(line)["kind"] for line in out.splitlines()]
    assert kinds == ["pair", "passage", "quote"]
    _, out, _ = run_cli("overlap", str(folder))
    assert "quote" not in [json.loads(line)["kind"] for line in out.splitlines()]


# --------------------------------------------------------------------------
# pair-finding quality on the BBC corpus (floors from benchmarks/results/quality.json)


def _truth_containment(corpus, n=5) -> dict:
    """Independent word 5-gram containment (n-grams in over 200 articles skipped for speed)."""
    return reference_containment(corpus, n, max_df=200)


@pytest.mark.slow
def test_bbc_pairs_found_exactly_and_by_lsh(bbc):
    truth = _truth_containment(bbc)
    wanted = {p for p, c in truth.items() if c >= 0.5}
    assert len(wanted) > 150
    recorded = results.section("overlap")["pairs"]["recall"]
    for mode, least in (("exact", 1.0), ("lsh", 0.95)):
        floor = max(least, results.floor(recorded[mode]))
        result = find_reuse(bbc, ReuseParams(mode=mode), quote_share=False)
        found = {(result.index.ids[s.a], result.index.ids[s.b]): s.max_containment for s in result.pairs}
        recall = len(wanted & set(found)) / len(wanted)
        assert recall >= floor, (mode, recall)
        too_high = [p for p, c in found.items() if c > 0.5 and truth.get(p, 0.0) < 0.45]
        assert too_high == [], mode


def test_clusters_matrix_and_tiny_corpora():
    corpus = corpus_of(a=LOREM + OTHER, b=LOREM + OTHER + " Extra.", c=THIRD, d="Too short.")
    result = find_reuse(corpus)
    assert reuse.cluster_documents(result.pairs, len(corpus)) == [0, 0, 2, 3]
    pairs, _ = reuse_tables(corpus)
    matrix = reuse.containment_matrix(pairs, corpus.ids)
    assert matrix.loc["a", "b"] == 1.0 and matrix.loc["b", "a"] < 1.0 and matrix.loc["c", "a"] == 0.0
    assert matrix.loc["d", "d"] == 1.0
    single = find_reuse(corpus_of(only=LOREM))
    assert single.pairs == [] and single.passages == []


def test_passages_made_of_boilerplate_are_flagged():
    credit = (" This report was compiled by the Example News Agency wire desk with material from "
              "regional correspondents and partner networks.")
    corpus = corpus_of(d0=LOREM + OTHER + credit, d1=OTHER + THIRD + credit,
                       d2="Sailing boats raced across the bay in a strong wind." + credit,
                       d3="The orchestra played to a full hall on its last night." + credit)
    result = find_reuse(corpus, ReuseParams(boilerplate_min_docs=3))
    ids = result.index.ids
    flags = {(ids[p.a], ids[p.b], p.boilerplate) for p in result.passages}
    assert flags == {("d0", "d1", False), ("d0", "d1", True)}
    (pair,) = result.pairs
    assert pair.shared_boilerplate > 0
    assert pair.containment_b_in_a_prose < pair.containment_b_in_a
