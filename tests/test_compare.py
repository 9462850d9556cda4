"""The side-by-side view of two articles (analysis.report.compare).

Small made-up runs: a real :class:`analysis.report.Run` holding hand-made
tables, so offsets, nesting, escaping and ranking are checked exactly; then
the seeds, analyzed for real, for the marks a reader expects.
"""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from analysis.report import compare
from analysis.report.run import Run

VOID = {"br", "img", "hr", "meta", "link", "input", "wbr"}


# ------------------------------------------------------------------------------------------
# a Run from hand-made tables

def make_run(texts: dict[str, str], outlets: dict[str, str] | None = None, *, pairs=(),
             passages=(), quotes=(), attributions=(), credits=(), figures=()) -> Run:
    outlets = outlets or {}
    documents = pd.DataFrame([{"doc": d, "text": t, "words": len(t.split()), "sentences": 1,
                               "paragraphs": 1, "characters": len(t), "quoted_words": 0,
                               "outlet": outlets.get(d, "")} for d, t in texts.items()],
                             columns=["doc", "text", "words", "sentences", "paragraphs",
                                      "characters", "quoted_words", "outlet"])
    tables = {
        "documents": documents,
        "skipped": pd.DataFrame(columns=["file", "reason"]),
        "pairs": pd.DataFrame(list(pairs), columns=["a", "b", "containment_a_in_b",
                                                    "containment_b_in_a", "containment_a_in_b_prose",
                                                    "containment_b_in_a_prose"]),
        "passages": pd.DataFrame([passage(texts, *p) if isinstance(p, tuple) else p
                                  for p in passages]),
        "shared_quotes": pd.DataFrame(list(quotes)),
        "attributions": pd.DataFrame(list(attributions)),
        "credits": pd.DataFrame(list(credits)),
        "figures": pd.DataFrame(list(figures)),
    }
    return Run(Path("made-up"), Path("made-up-out"), None, tables=tables)


def passage(texts, a, b, a_start, a_end, b_start, b_end, boilerplate=False):
    return {"a": a, "b": b, "a_start": a_start, "a_end": a_end, "b_start": b_start,
            "b_end": b_end, "text_a": texts[a][a_start:a_end], "text_b": texts[b][b_start:b_end],
            "tokens": len(texts[a][a_start:a_end].split()), "boilerplate": boilerplate,
            "quote_share": 0.0, "mostly_quote": False, "direction": None, "earlier": None}


def quote(cluster, doc, text, start, end, speaker, speaker_type="person"):
    return {"cluster": cluster, "quote": text[start:end], "doc": doc, "start": start, "end": end,
            "text": text[start:end], "attribution": "direct", "speaker": speaker,
            "speaker_type": speaker_type, "score": 100.0, "n_docs": 2, "speakers": [speaker],
            "conflict": False}


def attribution(doc, text, name_at, speaker, speaker_type="person"):
    start, end = name_at
    return {"doc": doc, "kind": "direct", "content": None, "contents": [], "cue": None,
            "source": {"start": start, "end": end, "text": text[start:end]},
            "speaker": speaker, "speaker_type": speaker_type, "speaker_role": "",
            "confidence": 0.9}


def figure(doc, text, start, end, value, qualifier="", vague=False, key="soldiers killed",
           source=""):
    return {"doc": doc, "start": start, "end": end, "text": text[start:end], "value": float(value),
            "unit": "", "vague": vague, "qualifier": qualifier, "counted": "soldiers",
            "counted_head": "soldiers", "event": "killed", "agent": "", "key": key,
            "source": source, "source_via": "", "sentence": "", "event_scope": "incident",
            "period": "", "when": "", "where": "", "differs": True}


def at(text: str, words: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


# ------------------------------------------------------------------------------------------
# reading the HTML back

class Reader(HTMLParser):
    """Per column (``data-doc``): the text of each mark id (``<mark>`` pieces), every
    piece's classes, tags,
    titles; and whether every end tag closes the element last opened."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.marks: dict[tuple[str, str], str] = {}
        self.pieces: list[tuple[str, tuple, str, str]] = []  # doc, ids, classes, text
        self.titles: dict[tuple[str, str], str] = {}
        self.tags: dict[str, list[str]] = {}
        self.text: dict[str, list[str]] = {}  # article text per column, tags left out
        self.well_formed = True
        self.headings: list[str] = []

    def _doc(self):
        for tag, attrs in reversed(self.stack):
            if "data-doc" in attrs:
                return attrs["data-doc"]
        return None

    def _inside(self, name: str, cls: str = "") -> dict | None:
        for tag, attrs in reversed(self.stack):
            if tag == name and cls in (attrs.get("class") or "").split() + [""]:
                return attrs
        return None

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.well_formed = False
            return
        self.stack.pop()

    def handle_data(self, data):
        doc = self._doc()
        heading = self._inside("h4") or self._inside("h3")
        if heading is not None:
            self.headings.append(data)
        tag = self._inside("sup", "cmp-tag")
        if doc is None or heading is not None or self._inside("div", "cmp-text") is None \
                or self._inside("p") is None:
            return
        if tag is not None:
            self.tags.setdefault(doc, []).append(data)
            return
        self.text.setdefault(doc, []).append(data)
        span = self._inside("mark", "cmp-m")
        if span is not None:
            ids = tuple(span["data-marks"].split())
            self.pieces.append((doc, ids, span["class"], data))
            for mark in ids:
                self.marks[(doc, mark)] = self.marks.get((doc, mark), "") + data
                self.titles[(doc, mark)] = span["title"]


def read(html: str) -> Reader:
    reader = Reader()
    reader.feed(html)
    reader.close()
    assert reader.well_formed and not reader.stack, "tags cross or are left open"
    return reader


def assert_clean(html: str):
    low = html.lower()
    assert "<script" not in low and "http" not in low and "url(" not in low
    assert low.count("<style") <= 1


# ------------------------------------------------------------------------------------------
# a pair with every kind of mark

A = ("(Wire) Kabul - The ministry said 62 soldiers were killed.\n\n"
     "Officials said \"we regret the loss\" on Sunday. Ahmad Zia spoke to reporters.")
B = ("Kabul (AP) - At least 80 soldiers were killed, a monitor said. The ministry said "
     "\"we regret the loss\" of life.\n\nZia, the spokesman, declined to comment further.")


def full_run():
    pa, pb = at(A, "The ministry said"), at(B, "The ministry said")
    qa, qb = at(A, "we regret the loss"), at(B, "we regret the loss")
    return make_run(
        {"a": A, "b": B}, {"a": "Wire", "b": "AP"},
        pairs=[{"a": "a", "b": "b", "containment_a_in_b": 0.1, "containment_b_in_a": 0.1,
                "containment_a_in_b_prose": 0.1, "containment_b_in_a_prose": 0.08}],
        # a passage running into the quote: overlapping marks
        passages=[passage({"a": A, "b": B}, "a", "b", pa[0], pa[1], pb[0], qb[0] + 8)],
        quotes=[quote(1, "a", A, *qa, "Ahmad Zia"), quote(1, "b", B, *qb, "the ministry",
                                                          "government body")],
        attributions=[attribution("a", A, at(A, "Ahmad Zia"), "Ahmad Zia"),
                      attribution("b", B, at(B, "Zia"), "Ahmad Zia")],
        figures=[figure("a", A, *at(A, "62"), 62, source="the ministry"),
                 figure("b", B, *at(B, "At least 80"), 80, "at least", source="a monitor")])


def test_marks_wrap_exactly_their_text():
    run = full_run()
    html = compare.side_by_side(run, "a", "b")
    assert_clean(html)
    r = read(html)
    texts = {"a": A, "b": B}
    pa, pb = at(A, "The ministry said"), at(B, "The ministry said")
    expected = {
        ("a", "p1"): A[pa[0]:pa[1]], ("b", "p1"): B[pb[0]:at(B, "we regret the loss")[0] + 8],
        ("a", "q1"): "we regret the loss", ("b", "q1"): "we regret the loss",
        ("a", "s1"): "Ahmad Zia", ("b", "s1"): "Zia",
        ("a", "f1"): "62", ("b", "f1"): "At least 80",
    }
    assert r.marks == expected
    # the text shown is the article's, paragraph by paragraph, nothing added inside it
    for doc, text in texts.items():
        assert "".join(r.text[doc]) == "".join(p for p in text.split("\n\n"))
    assert r.headings[:3] == ["Wire and AP", "Wire", "AP"]


def test_overlapping_marks_are_split_not_crossed():
    r = read(compare.side_by_side(full_run(), "a", "b"))
    in_b = [(ids, text) for doc, ids, _, text in r.pieces if doc == "b"]
    # passage alone, then passage and quote together, then the quote alone
    assert ("p1",) in [ids for ids, _ in in_b]
    both = [text for ids, text in in_b if set(ids) == {"p1", "q1"}]
    assert both == ["we regret"[:8]]  # "we regre" of the quote is inside the passage
    assert [text for ids, text in in_b if ids == ("q1",)] == ["t the loss"]
    classes = {ids: cls for doc, ids, cls, _ in r.pieces if doc == "b"}
    assert set(classes[("p1", "q1")].split()) >= {"cmp-m", "cmp-p", "cmp-q"}


def test_quote_speakers_shown_and_conflict_flagged():
    r = read(compare.side_by_side(full_run(), "a", "b"))
    assert any("Q1 · Ahmad Zia" in t and "speakers differ" in t for t in r.tags["a"])
    assert any("Q1 · the ministry" in t and "speakers differ" in t for t in r.tags["b"])
    assert "credited here to Ahmad Zia" in r.titles[("a", "q1")]
    assert "AP credits it to the ministry" in r.titles[("a", "q1")]
    assert any("cmp-q-alert" in cls for doc, ids, cls, _ in r.pieces if "q1" in ids)


def test_figures_that_disagree_carry_the_other_value():
    r = read(compare.side_by_side(full_run(), "a", "b"))
    assert "AP gives “At least 80”" in r.titles[("a", "f1")]
    assert "Wire gives “62”" in r.titles[("b", "f1")]
    assert "cannot both be true" in r.titles[("a", "f1")]  # 62 and "at least 80"
    assert "F1 ≠" in r.tags["a"] and "F1 ≠" in r.tags["b"]
    # "dozens" differs from 62 without conflict
    text = "Dozens of soldiers were killed."
    run = make_run({"a": A, "c": text}, figures=[
        figure("a", A, *at(A, "62"), 62), figure("c", text, 0, 6, 24, "vague", vague=True)])
    r = read(compare.side_by_side(run, "a", "c"))
    assert r.marks[("c", "f1")] == "Dozens"
    assert "not necessarily in conflict" in r.titles[("c", "f1")]
    assert r.tags["c"] == ["F1"]
    # the same figure in both: nothing marked
    same = "Officials said 62 soldiers were killed."
    run = make_run({"a": A, "d": same}, figures=[
        figure("a", A, *at(A, "62"), 62), figure("d", same, *at(same, "62"), 62)])
    assert not read(compare.side_by_side(run, "a", "d")).marks


def test_html_is_escaped():
    a = 'Tom & Jerry said "<script>alert(1)</script>" and left.\n\nx < y > z'
    b = 'Tom & Jerry said "<script>alert(1)</script>" too.'
    run = make_run({"a": a, "b": b}, {"a": "<b>Outlet</b> & Co", "b": "B \"quoted\""},
                   passages=[passage({"a": a, "b": b}, "a", "b", 0, 47, 0, 47)],
                   attributions=[attribution("a", a, (0, 3), 'Tom "<i>"'),
                                 attribution("b", b, (0, 3), 'Tom "<i>"')])
    html = compare.side_by_side(run, "a", "b")
    assert_clean(html)
    assert "<b>Outlet" not in html and "&lt;b&gt;Outlet&lt;/b&gt; &amp; Co" in html
    r = read(html)
    assert r.marks[("a", "p1")] == a[:47] and r.marks[("a", "s1")] == "Tom"
    assert "".join(r.text["a"]) == a.replace("\n\n", "")
    assert 'Shared source: Tom "<i>"' in r.titles[("a", "s1")]  # unescaped back exactly
    assert r.headings[1] == "<b>Outlet</b> & Co"


def test_mark_across_paragraphs_and_out_of_range_offsets():
    a = "First paragraph ends here.\n\nSecond one starts."
    b = "First paragraph ends here. Second one starts."
    run = make_run({"a": a, "b": b},
                   passages=[passage({"a": a, "b": b}, "a", "b", 6, len(a), 6, len(b)),
                             {**passage({"a": a, "b": b}, "a", "b", 0, 5, 0, 5),
                              "a_end": 10_000, "b_start": -4}])
    r = read(compare.side_by_side(run, "a", "b"))
    assert r.marks[("a", "p2")] == a[6:].replace("\n\n", "")  # one mark, cut at the paragraph
    assert r.marks[("a", "p1")] == a.replace("\n\n", "")  # clipped to the text
    assert r.marks[("b", "p1")] == b[:5]
    assert r.tags["a"].count("P2") == 1


def test_agency_credit_marks_the_name():
    a = "BEIRUT (AP) - Something happened."
    b = "Something happened, AP reported.\n\nThe AP contributed to this report."
    run = make_run({"a": a, "b": b}, credits=[
        {"doc": "a", "outlet": "", "kind": "dateline", "name": "AP", "start": 0, "end": 13,
         "text": a[:13]},
        {"doc": "b", "outlet": "", "kind": "agency", "name": "AP",
         "start": b.index("The AP"), "end": b.index(" to this"),
         "text": b[b.index("The AP"):b.index(" to this")]},
        {"doc": "b", "outlet": "", "kind": "image", "name": "AP", "start": 0, "end": 9,
         "text": b[:9]}])
    r = read(compare.side_by_side(run, "a", "b"))
    assert r.marks == {("a", "s1"): "AP", ("b", "s1"): "AP"}
    assert "credited here" in r.titles[("a", "s1")]


def test_top_pairs_ranking():
    t = {d: f"Article {d}. Kerry said things. The ministry said \"we regret the loss\"."
         for d in "abcd"}
    q = at(t["a"], "we regret the loss")
    k = at(t["a"], "Kerry")
    run = make_run(t, {"a": "A", "b": "B", "c": "C", "d": "D"},
                   passages=[passage(t, "c", "b", 12, 40, 12, 40)],  # given as (c, b)
                   quotes=[quote(7, "a", t["a"], *q, "Ministry"), quote(7, "d", t["d"], *q, "Ministry")],
                   attributions=[attribution(d, t[d], k, "John Kerry") for d in "abcd"])
    ranked = compare.top_pairs(run, n=10)
    # b-c: passage (2) + Kerry (1); a-d: quote (2) + Kerry (1): tie, b-c has passage words
    assert list(zip(ranked.a, ranked.b))[:2] == [("b", "c"), ("a", "d")]
    assert list(ranked.score[:2]) == [3.0, 3.0]
    # the rest share Kerry only (1.0): corpus order
    assert list(zip(ranked.a, ranked.b))[2:] == [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]
    assert list(ranked.sources) == ["John Kerry"] * 6
    assert ranked.loc[0, "passages"] == 1 and ranked.loc[0, "words"] == 5
    assert list(ranked.columns) == list(compare.TOP_PAIR_COLUMNS)
    assert len(compare.top_pairs(run)) == 3
    # what one pair shares is the same computed alone or with the whole corpus
    for pair in [("a", "d"), ("b", "c"), ("c", "d")]:
        assert compare.pair_shares(run, pair)[pair] == compare.pair_shares(run)[pair]
    # the passage given as (c, b) is drawn with c's offsets in c's column
    r = read(compare.side_by_side(run, "b", "c"))
    assert r.marks[("b", "p1")] == t["b"][12:40] and r.marks[("c", "p1")] == t["c"][12:40]


def test_top_pairs_weights_and_unmarkable_pairs():
    t = {"a": "One two three.", "b": "One two three.", "c": "Four five six."}
    run = make_run(t, pairs=[{"a": "a", "b": "b", "containment_a_in_b": 0.5,
                              "containment_b_in_a": 0.5, "containment_a_in_b_prose": 0.4,
                              "containment_b_in_a_prose": 0.3}])
    assert compare.top_pairs(run).empty  # containment alone: nothing to mark
    html = compare.top_pairs_html(run)
    assert "No two articles share" in html
    run = make_run(t, pairs=[{"a": "a", "b": "b", "containment_a_in_b": 0.5,
                              "containment_b_in_a": 0.5, "containment_a_in_b_prose": 0.4,
                              "containment_b_in_a_prose": 0.3}],
                   passages=[passage(t, "a", "b", 0, 14, 0, 14)])
    row = compare.top_pairs(run).iloc[0]
    assert row.score == pytest.approx(10 * 0.4 + 2) and row.words == 3


def test_degrade_paths():
    empty = make_run({})
    html = compare.top_pairs_html(empty)
    assert_clean(html)
    assert "no articles" in html and html.count("<p") == 1
    one = make_run({"a": "Only one."})
    assert "one article" in compare.top_pairs_html(one)
    assert compare.top_pairs(one).empty
    with pytest.raises(KeyError):
        compare.side_by_side(one, "a", "zzz")
    # sources only: still two columns, only dotted marks, no tables it lacks
    a, b = "Kerry said yes.", "Kerry said no."
    run = make_run({"a": a, "b": b}, attributions=[attribution("a", a, (0, 5), "John Kerry"),
                                                   attribution("b", b, (0, 5), "John Kerry")])
    del run.tables["passages"], run.tables["figures"], run.tables["shared_quotes"]
    html = compare.top_pairs_html(run)
    assert_clean(html)
    r = read(html)
    assert r.marks == {("a", "s1"): "Kerry", ("b", "s1"): "Kerry"}
    assert "1 shared source: John Kerry." in html
    # above analyze's event-layer limit: said once, before the pairs
    run.event_layers_note = "The shared-quote, source, figure and paraphrase layers were not computed."
    html = compare.top_pairs_html(run)
    assert html.count("were not computed") == 1 and "Only shared passages and sources" in html
    # nothing shared between two chosen articles: the texts and a sentence saying so
    run = make_run({"a": a, "c": "Unrelated."})
    html = compare.side_by_side(run, "a", "c")
    assert "share no passage, quote, source or figure" in html and not read(html).marks


def test_show_top_pairs_is_displayable():
    shown = compare.show_top_pairs(full_run())
    assert shown._repr_html_().startswith('<div class="cmp-view"><style>')
    assert_clean(shown.data)
    assert shown.data.count("<style") == 1 and shown.data.count('class="cmp-legend"') == 1


# ------------------------------------------------------------------------------------------
# the seeds

def test_seeds_top_pair(tmp_path):
    from analysis import report

    run = report.start("seeds", tmp_path)
    ranked = compare.top_pairs(run)
    first = ranked.iloc[0]
    assert (first.a[:3], first.b[:3]) == ("001", "003")
    assert_clean(compare.top_pairs_html(run))
    r = read(compare.side_by_side(run, first.a, first.b))
    # the Pentagon line both carry: a shared passage in both columns, the quote inside it
    line = "may have unintentionally struck Syrian troops while carrying out a raid"
    for doc in (first.a, first.b):
        assert line in r.marks[(doc, "p1")]
        assert r.marks[(doc, "q1")].startswith("it may have unintentionally struck")
    assert any(t.startswith("Q1 · U.S. military") for t in r.tags[first.a])
    # the soldiers-killed figures: 90 and at least 62 against AP's "dozens"
    figures_a = {text for (doc, mark), text in r.marks.items() if doc == first.a and mark[0] == "f"}
    figures_b = {text for (doc, mark), text in r.marks.items() if doc == first.b and mark[0] == "f"}
    assert {"90", "at least 62"} <= figures_a and "dozens" in figures_b
    assert "soldiers killed" in r.titles[(first.b, "f1")]
