"""Corpus loading: ids, exact text, tables, and a clear message for every kind of bad input."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.corpus import CorpusError, load_corpora, load_corpus
from conftest import SEEDS


def write(path, data: bytes | str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_seed_folder_ids_and_exact_text():
    corpus = load_corpus(SEEDS)
    assert len(corpus) == 5
    assert corpus.ids == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for doc in corpus:
        raw = (SEEDS / f"{doc.id}.txt").read_text(encoding="utf-8")
        assert doc.text == raw.removeprefix("\ufeff")


def test_subfolder_ids_and_bom_stripped(tmp_path):
    write(tmp_path / "business" / "001.txt", "\ufeffShares rose.\n")
    write(tmp_path / "tech" / "001.txt", "Chips fell.\n")
    corpus = load_corpus(tmp_path)
    assert corpus.ids == ["business/001", "tech/001"]
    assert corpus["business/001"].text == "Shares rose.\n"


def test_metadata_is_attached(tmp_path):
    write(tmp_path / "a.txt", "Alpha text.")
    write(tmp_path / "b.txt", "Beta text.")
    write(tmp_path / "metadata.csv", "doc,outlet,date\na,AP,2016-09-18\n")
    corpus = load_corpus(tmp_path)
    assert corpus["a"].metadata == {"outlet": "AP", "date": "2016-09-18"}
    assert corpus["b"].metadata == {}
    assert corpus.metadata_frame().loc["b", "outlet"] == ""


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "parquet"])
def test_table_files(tmp_path, suffix):
    rows = [{"id": "x1", "text": "First  text.", "outlet": "AP"}, {"id": "x0", "text": "Second.", "outlet": "AFP"}]
    path = tmp_path / f"articles.{suffix}"
    if suffix == "csv":
        pd.DataFrame(rows).to_csv(path, index=False)
    elif suffix == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    else:
        pd.DataFrame(rows).to_parquet(path)
    corpus = load_corpus(path)
    assert corpus.ids == ["x0", "x1"]
    assert corpus["x1"].text == "First  text."
    assert corpus["x1"].metadata == {"outlet": "AP"}


def test_encoding_list_reads_windows_1252(tmp_path):
    write(tmp_path / "a.txt", "Price \xa33m".encode("cp1252"))
    assert load_corpus(tmp_path, encoding="utf-8,cp1252")["a"].text == "Price \u00a33m"


# ---- bad input: each names the file and the reason ------------------------------------------

def error_of(path, **kwargs) -> str:
    with pytest.raises(CorpusError) as info:
        load_corpus(path, **kwargs)
    return str(info.value)


def test_missing_path(tmp_path):
    msg = error_of(tmp_path / "nope")
    assert "nope" in msg and "no such file or folder" in msg


def test_empty_folder(tmp_path):
    msg = error_of(tmp_path)
    assert str(tmp_path) in msg and "no .txt files" in msg


def test_empty_file(tmp_path):
    path = write(tmp_path / "empty.txt", b"")
    msg = error_of(tmp_path)
    assert str(path) in msg and "file is empty" in msg


def test_whitespace_only_file(tmp_path):
    path = write(tmp_path / "blank.txt", " \n\t\n")
    msg = error_of(tmp_path)
    assert str(path) in msg and "only whitespace" in msg


def test_not_utf8_says_where(tmp_path):
    path = write(tmp_path / "latin.txt", b"line one\ncaf\xe9 au lait\n")
    msg = error_of(tmp_path)
    assert str(path) in msg
    assert "not valid utf-8" in msg and "line 2, column 4" in msg and "0xe9" in msg
    assert "encoding=" in msg
    assert load_corpus(tmp_path, encoding="latin-1")["latin"].text.startswith("line one\ncaf\u00e9")


def test_binary_file(tmp_path):
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    msg = error_of(tmp_path)
    assert str(path) in msg and "binary" in msg


def test_duplicate_ids_in_table(tmp_path):
    path = write(tmp_path / "t.csv", "id,text\na,one\na,two\n")
    msg = error_of(path)
    assert str(path) in msg and "duplicate document id 'a'" in msg


def test_duplicate_ids_across_paths(tmp_path):
    write(tmp_path / "one" / "a.txt", "One.")
    write(tmp_path / "two" / "a.txt", "Two.")
    with pytest.raises(CorpusError, match="duplicate document id 'a'"):
        load_corpora([tmp_path / "one", tmp_path / "two"])


def test_metadata_rows_for_missing_files(tmp_path):
    write(tmp_path / "a.txt", "Alpha.")
    meta = write(tmp_path / "metadata.csv", "doc,outlet\na,AP\nghost,AFP\n")
    msg = error_of(tmp_path)
    assert str(meta) in msg and "files that do not exist" in msg and "ghost" in msg


def test_table_without_text_column(tmp_path):
    path = write(tmp_path / "t.csv", "id,body_html\n1,<p>x</p>\n")
    msg = error_of(path)
    assert str(path) in msg and "no text column" in msg


def test_unsupported_file_type(tmp_path):
    path = write(tmp_path / "a.docx", b"PK\x03\x04")
    assert "unsupported file type" in error_of(path)


def test_skip_bad_lists_every_skipped_file(tmp_path):
    write(tmp_path / "good.txt", "Fine text.")
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "latin.txt", b"caf\xe9")
    corpus = load_corpus(tmp_path, skip_bad=True)
    assert corpus.ids == ["good"]
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in corpus.skipped}
    assert set(reasons) == {"empty.txt", "latin.txt"}
    assert "empty" in reasons["empty.txt"] and "utf-8" in reasons["latin.txt"]


def test_skip_bad_table_rows(tmp_path):
    path = write(tmp_path / "t.jsonl", '{"id": "a", "text": "ok"}\n{"id": "b", "text": "  "}\n')
    corpus = load_corpus(path, skip_bad=True)
    assert corpus.ids == ["a"]
    assert corpus.skipped[0].path.endswith("#row 2") and "empty" in corpus.skipped[0].reason
